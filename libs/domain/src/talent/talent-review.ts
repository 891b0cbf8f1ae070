import type { FieldIssue } from '../errors';
import type { LocalizedText } from '../i18n/messages';
import { MOBILITY_POLICY_2026, type TalentSettings } from '../mobility/mobility-policy';
import {
  placeNineBox,
  scoreTalent,
  type NineBox,
  type NineBoxPlacement,
  type PerformanceLevel,
  type PotentialLevel,
} from '../mobility/talent';
import { highestEducation } from '../register/candidate-facts';
import { competencyGap } from '../register/competency-gap';
import type { RegisterPost } from '../register/reference-data';
import type { PersonProfile } from '../register/register.types';
import { talentPoolSanction, type SanctionVerdict } from '../register/sanction-consequences';
import type { EducationLevel, PerformancePredicate, SanctionLevel } from '../selection/candidate';
import { parseIsoDate, wholeYearsBetween } from '../selection/iso-date';
import { JPM_SCHEMES, type JpmScheme } from '../selection/scoring';

/**
 * How a talent review turns register data into 0–100 placement inputs, and the Kepka BKN 411/2025
 * weights it scores them with (domain.md §4). Versioned: a review records the version it ran under,
 * and a shipped version is never edited. Every mapping below is [BK] (no source gives one), which is
 * why it is a setting rather than code.
 */
export interface TalentReviewSettings {
  version: string;
  effectiveFrom: string;
  /** Weights, thresholds and pool boxes (the mobility policy's talent settings). */
  talent: TalentSettings;
  /** Score of a yearly predicate (PermenPANRB 6/2022). */
  predicateScore: Readonly<Record<PerformancePredicate, number>>;
  /** How many past years of ratings the performance axis reads: the latest is "main", the rest "supporting". */
  performanceYears: number;
  /** An assessment older than this (whole years) does not count: the official is not assessed. */
  assessmentValidYears: number;
  /** Score of the highest education (qualification). */
  qualificationScore: Readonly<Record<EducationLevel, number>>;
  /** Integrity: 100 less the worst sanction's deduction within `integrityLookbackYears`. */
  integrityDeduction: Readonly<Record<SanctionLevel, number>>;
  integrityLookbackYears: number;
  jpmScheme: JpmScheme;
}

export const TALENT_REVIEW_2026: TalentReviewSettings = Object.freeze({
  version: 'talent-review@2026-01-01',
  effectiveFrom: '2026-01-01',
  talent: MOBILITY_POLICY_2026.talent,
  predicateScore: Object.freeze({ sangat_baik: 100, baik: 85, butuh_perbaikan: 65, kurang: 45, sangat_kurang: 25 }),
  performanceYears: 3,
  assessmentValidYears: 3,
  qualificationScore: Object.freeze({ SMA: 50, D3: 65, D4: 80, S1: 80, S2: 90, S3: 100 }),
  integrityDeduction: Object.freeze({ light: 15, medium: 50, heavy: 80 }),
  integrityLookbackYears: 2,
  jpmScheme: JPM_SCHEMES.standard,
});

export const TALENT_REVIEW_SETTINGS: readonly TalentReviewSettings[] = Object.freeze([TALENT_REVIEW_2026]);

export const talentReviewSettings = (version: string): TalentReviewSettings | undefined =>
  TALENT_REVIEW_SETTINGS.find((s) => s.version === version);

/** The newest settings in force on a 'YYYY-MM-DD' date. */
export const talentReviewSettingsInForce = (asOf: string): TalentReviewSettings =>
  TALENT_REVIEW_SETTINGS.filter((s) => s.effectiveFrom <= asOf).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ??
  TALENT_REVIEW_SETTINGS[0]!;

/** Why an official of the agency was not placed. */
export type NotPlacedReason = 'service_ended' | 'not_pns' | 'external' | 'no_post' | 'no_rating' | 'not_assessed' | 'no_education';

export interface TalentReviewPlacement {
  nip: string;
  name: string;
  postCode: string | null;
  postType: string | null;
  placement: NineBoxPlacement;
  scores: { performance: number; potential: number; final: number };
  /** The 0–100 inputs and where each came from. */
  inputs: {
    performanceMain: number;
    performanceSupporting: number;
    competency: number;
    potential: number;
    qualification: number;
    integrity: number;
  };
  sources: {
    ratings: { year: number; predicate: PerformancePredicate }[];
    assessedOn: string;
    jpmPercent: number | null;
    education: EducationLevel;
    sanctions: { level: SanctionLevel; imposedOn: string; endsOn?: string }[];
  };
  /** Integrity bar on pool membership (a medium/heavy sanction in the last two years). */
  sanctionCheck: Pick<SanctionVerdict, 'rule' | 'ruleVersion' | 'passed' | 'fact' | 'message'>;
  registerVersion: number;
}

/**
 * What the review's workflow keeps of a placement: enough to place, adjust and approve. The inputs,
 * sources and explanations stay in the placements table, so a large agency's review stays small in
 * the workflow's history.
 */
export type PlacementSummary = Pick<TalentReviewPlacement, 'nip' | 'name' | 'placement'> & { sanctionCheck: { passed: boolean } };
export type ExclusionSummary = Pick<TalentReviewExclusion, 'nip' | 'name' | 'reason'>;

export const summarisePlacement = (p: TalentReviewPlacement): PlacementSummary => ({
  nip: p.nip,
  name: p.name,
  placement: p.placement,
  sanctionCheck: { passed: p.sanctionCheck.passed },
});
export const summariseExclusion = (e: TalentReviewExclusion): ExclusionSummary => ({ nip: e.nip, name: e.name, reason: e.reason });

export interface TalentReviewExclusion {
  nip: string;
  name: string;
  reason: NotPlacedReason;
  message: LocalizedText;
}

const EXCLUSION_TEXT: Record<NotPlacedReason, LocalizedText> = {
  service_ended: { id: 'masa kerja sudah berakhir', en: 'service has ended' },
  not_pns: { id: 'bukan PNS', en: 'not a career civil servant (PNS)' },
  external: { id: 'data dari instansi lain', en: 'a record kept for another agency' },
  no_post: { id: 'tidak sedang menduduki jabatan', en: 'holds no post' },
  no_rating: { id: 'belum ada penilaian kinerja tahunan', en: 'no yearly performance rating' },
  not_assessed: { id: 'belum diuji kompetensi dalam masa berlaku', en: 'no competency assessment in the valid period' },
  no_education: { id: 'pendidikan tidak tercatat', en: 'no education recorded' },
};

const round2 = (x: number): number => Math.round(x * 100 * (1 + Number.EPSILON)) / 100;
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * The official's placement as of `asOf` from their register profile (as of that date), or why they
 * cannot be placed. Performance: the latest yearly rating before `asOf`'s year is the main score, the
 * mean of the earlier ones in the window the supporting score (the main one when there are none).
 * Potential: competency from the latest valid assessment's JPM (the mean level as a percentage of 5
 * when no JPM was recorded), potential from its mean level [BK: the register keeps no separate
 * potential test], qualification from the highest education, integrity from recent sanctions.
 */
export function placeOfficial(
  profile: PersonProfile,
  settings: TalentReviewSettings = TALENT_REVIEW_2026,
): { placed: TalentReviewPlacement } | { excluded: TalentReviewExclusion } {
  const asOf = profile.asOf;
  const out = (reason: NotPlacedReason) => ({
    excluded: { nip: profile.nip, name: profile.name, reason, message: EXCLUSION_TEXT[reason] },
  });
  if (profile.serviceStatus === 'ended') return out('service_ended');
  if (profile.employmentType !== 'pns') return out('not_pns');
  if (profile.source !== 'register') return out('external');
  if (!profile.position) return out('no_post');
  const year = Number(asOf.slice(0, 4));
  const ratings = profile.performance
    .filter((r) => r.year < year && r.year >= year - settings.performanceYears)
    .sort((a, b) => b.year - a.year);
  if (ratings.length === 0) return out('no_rating');
  const assessment = [...profile.competencies]
    .filter(
      (c) => parseIsoDate(c.assessedOn) && c.assessedOn <= asOf && wholeYearsBetween(c.assessedOn, asOf) < settings.assessmentValidYears,
    )
    .sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : 1))
    .pop();
  if (!assessment || Object.keys(assessment.levels).length === 0) return out('not_assessed');
  const education = highestEducation(profile);
  if (!education) return out('no_education');

  const [main, ...earlier] = ratings.map((r) => settings.predicateScore[r.predicate]);
  const levelPercent = round2((mean(Object.values(assessment.levels)) / 5) * 100);
  const recent = profile.sanctions.filter(
    (s) => !parseIsoDate(s.imposedOn) || (s.imposedOn <= asOf && wholeYearsBetween(s.imposedOn, asOf) < settings.integrityLookbackYears),
  );
  const deduction = Math.max(0, ...recent.map((s) => settings.integrityDeduction[s.level]));
  const inputs = {
    performanceMain: main!,
    performanceSupporting: earlier.length > 0 ? round2(mean(earlier)) : main!,
    competency: Math.min(100, assessment.jpmPercent ?? levelPercent),
    potential: Math.min(100, levelPercent),
    qualification: settings.qualificationScore[education],
    integrity: 100 - deduction,
  };
  const scored = scoreTalent(inputs, { ...MOBILITY_POLICY_2026, talent: settings.talent, version: settings.version });
  const sanctionCheck = talentPoolSanction(profile.sanctions, asOf);
  return {
    placed: {
      nip: profile.nip,
      name: profile.name,
      postCode: profile.position.postCode,
      postType: profile.position.postType,
      placement: scored.placement,
      scores: scored.scores,
      inputs,
      sources: {
        ratings: ratings.map((r) => ({ year: r.year, predicate: r.predicate })),
        assessedOn: assessment.assessedOn,
        jpmPercent: assessment.jpmPercent ?? null,
        education,
        sanctions: profile.sanctions.map((s) => ({ level: s.level, imposedOn: s.imposedOn, ...(s.endsOn ? { endsOn: s.endsOn } : {}) })),
      },
      sanctionCheck: {
        rule: sanctionCheck.rule,
        ruleVersion: sanctionCheck.ruleVersion,
        passed: sanctionCheck.passed,
        fact: sanctionCheck.fact,
        message: sanctionCheck.message,
      },
      registerVersion: profile.version,
    },
  };
}

// ─── the pool ─────────────────────────────────────────────────────────────────────────────────────

/** A committee's change to one official's placement, recorded with its reason. */
export interface PlacementAdjustment {
  nip: string;
  performance: PerformanceLevel;
  potential: PotentialLevel;
  reason: string;
  by: string;
}

export interface PoolMember {
  nip: string;
  name: string;
  placement: NineBoxPlacement;
  /** The computed placement, when the committee changed it. */
  computed?: NineBoxPlacement;
}

export interface PoolOutcome {
  nip: string;
  name: string;
  placement: NineBoxPlacement;
  adjusted: boolean;
  inPool: boolean;
  /** Why not in the pool: below the promotion-ready boxes, or the sanction bar. */
  notInPool: 'box' | 'sanction' | null;
}

/**
 * The pool as it stands: each placed official at the committee's placement where it adjusted one,
 * and in the pool when that box is promotion-ready (7–9) and no recent medium/heavy sanction bars
 * them. The committee moves people between boxes; it cannot lift the sanction bar (PP 94/2021).
 */
export function poolOutcome(
  placements: readonly PlacementSummary[],
  adjustments: readonly PlacementAdjustment[],
  settings: TalentReviewSettings = TALENT_REVIEW_2026,
): PoolOutcome[] {
  return placements.map((p) => {
    const adj = [...adjustments].reverse().find((a) => a.nip === p.nip);
    const placement = adj ? placeNineBox(adj) : p.placement;
    const boxOk = settings.talent.promotionReadyBoxes.includes(placement.box);
    const notInPool = !p.sanctionCheck.passed ? 'sanction' : !boxOk ? 'box' : null;
    return { nip: p.nip, name: p.name, placement, adjusted: !!adj, inPool: notInPool === null, notInPool };
  });
}

/** The 9-box grid: per box (1–9), the count and the names. */
export function nineBoxGrid(
  outcome: readonly PoolOutcome[],
): { box: NineBox; performance: string; potential: string; count: number; people: { nip: string; name: string; inPool: boolean }[] }[] {
  return ([1, 2, 3, 4, 5, 6, 7, 8, 9] as NineBox[]).map((box) => {
    const people = outcome.filter((o) => o.placement.box === box);
    const levels = placeNineBoxOf(box);
    return { box, ...levels, count: people.length, people: people.map((o) => ({ nip: o.nip, name: o.name, inPool: o.inPool })) };
  });
}

const placeNineBoxOf = (box: NineBox): { performance: PerformanceLevel; potential: PotentialLevel } => ({
  performance: (['below', 'meets', 'above'] as const)[(box - 1) % 3]!,
  potential: (['low', 'medium', 'high'] as const)[Math.floor((box - 1) / 3)]!,
});

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/** A review's period label and pool validity: from ≤ to, both real dates. */
export function checkReviewRequest(r: { period: string; validFrom: string; validTo: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof r.period !== 'string' || !/^\d{4}(-S[12])?$/.test(r.period))
    issues.push(issue('period', 'matches', 'periode harus YYYY atau YYYY-S1/S2', 'the period must be YYYY or YYYY-S1/S2'));
  for (const f of ['validFrom', 'validTo'] as const) {
    if (typeof r[f] !== 'string' || !parseIsoDate(r[f]))
      issues.push(issue(f, 'isRealDate', `${f} harus tanggal yang sah`, `${f} must be a real date`));
  }
  if (issues.length === 0 && r.validTo < r.validFrom)
    issues.push(issue('validTo', 'afterValidFrom', 'akhir masa berlaku sebelum awalnya', 'the pool’s validity ends before it begins'));
  return issues;
}

// ─── succession ───────────────────────────────────────────────────────────────────────────────────

export interface SuccessionEntry {
  rank: number;
  nip: string;
  name: string;
  placement: NineBoxPlacement;
  jpmPercent: number | null;
  jpmCategory: string | null;
  /** Competencies below the post's standard. */
  gaps: { name: string; required: number; achieved: number | null }[];
}

/**
 * The pool members ranked for one critical post by job fit: the JPM of their latest assessment
 * against the post's competency standard, highest first; members without a measurable fit last;
 * ties by box, then NIP. The post's current holder is not their own successor.
 */
export function successionList(
  post: Pick<RegisterPost, 'code' | 'competencyStandard'>,
  members: readonly { profile: PersonProfile; placement: NineBoxPlacement }[],
  scheme: JpmScheme = TALENT_REVIEW_2026.jpmScheme,
): SuccessionEntry[] {
  const rows = members
    .filter((m) => m.profile.position?.postCode !== post.code)
    .map((m) => {
      const gap = competencyGap(m.profile, post.competencyStandard, scheme);
      return {
        nip: m.profile.nip,
        name: m.profile.name,
        placement: m.placement,
        jpmPercent: gap.jpm?.percent ?? null,
        jpmCategory: gap.jpm?.category ?? null,
        gaps: gap.lines
          .filter((l) => l.gap === null || l.gap < 0)
          .map((l) => ({ name: l.name, required: l.required, achieved: l.achieved })),
      };
    });
  rows.sort((a, b) => (b.jpmPercent ?? -1) - (a.jpmPercent ?? -1) || b.placement.box - a.placement.box || a.nip.localeCompare(b.nip));
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}
