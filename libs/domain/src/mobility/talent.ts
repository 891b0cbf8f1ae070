import { DomainError, type FieldIssue } from '../errors';
import type { PositionClass } from '../personnel/position';
import { MOBILITY_POLICY_2026, type MobilityPolicy, type TalentSettings } from './mobility-policy';
import { meritCategoryOf } from './reference-policy';
import type { MobilityVerdict } from './rules';

/** The 9-box axes of PermenPANRB 20/2025 Pasal 17 (domain.md §4), lowest first. */
export const PERFORMANCE_AXIS = ['below', 'meets', 'above'] as const;
export type PerformanceLevel = (typeof PERFORMANCE_AXIS)[number];
export const POTENTIAL_AXIS = ['low', 'medium', 'high'] as const;
export type PotentialLevel = (typeof POTENTIAL_AXIS)[number];

export type NineBox = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface NineBoxPlacement {
  performance: PerformanceLevel;
  potential: PotentialLevel;
  /** meritflow's numbering, see placeNineBox; the axis levels are what counts. */
  box: NineBox;
}

/**
 * The box of a placement, numbered row by row from the bottom-left: box = 3 × potential index +
 * performance index + 1, so below/low is 1, above/low 3, below/high 7 and above/high ("talent") 9.
 * Schemes number the boxes differently, which is why a placement stores its two axis levels and a
 * box number read from another scheme must never be compared with this one.
 */
export function placeNineBox(levels: { performance: PerformanceLevel; potential: PotentialLevel }): NineBoxPlacement {
  const box = (3 * POTENTIAL_AXIS.indexOf(levels.potential) + PERFORMANCE_AXIS.indexOf(levels.performance) + 1) as NineBox;
  return { performance: levels.performance, potential: levels.potential, box };
}

// ─── merit categories ─────────────────────────────────────────────────────────────────────────────

/**
 * An agency's merit category under either instrument (domain.md §5): the legacy KASN 400-point
 * scale or the PermenPANRB 19/2025 index. The bands live in reference-policy.ts.
 */
export type MeritCategory = 'buruk' | 'kurang' | 'baik' | 'sangat_baik' | 'dasar' | 'lanjutan' | 'menengah' | 'tinggi' | 'maju';

/** Legacy KASN category of a score out of 400 (I Buruk 100–174 … IV Sangat Baik 325–400), null off the scale. */
export const meritCategoryFromScore = (score400: number): MeritCategory | null =>
  meritCategoryOf('kasn_400', score400) as MeritCategory | null;

/** PermenPANRB 19/2025 category of an index (Dasar ≤ 0.40 … Tinggi ≤ 1.00, Maju > 1), null when negative. */
export const meritCategoryFromIndex = (index01: number): MeritCategory | null =>
  meritCategoryOf('menpanrb_19_2025', index01) as MeritCategory | null;

// ─── scoring ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The placement inputs, each 0–100, recorded with the placement: the performance axis from the main
 * and supporting performance scores, the potential axis from competency, potential, qualification
 * and integrity.
 */
export interface TalentInputs {
  performanceMain: number;
  performanceSupporting: number;
  competency: number;
  potential: number;
  qualification: number;
  integrity: number;
}

const INPUT_KEYS = ['performanceMain', 'performanceSupporting', 'competency', 'potential', 'qualification', 'integrity'] as const;

export interface TalentScore {
  /** 2 decimals. `final` ranks candidates; the 9-box uses the two axis scores. */
  scores: { performance: number; potential: number; final: number };
  placement: NineBoxPlacement;
  inputs: TalentInputs;
  ruleVersion: string;
}

/** Rounds half up to 2 decimals, as in selection scoring. */
const round2 = (x: number): number => Math.round(x * 100 * (1 + Number.EPSILON)) / 100;

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

function scoringIssues(inputs: TalentInputs, talent: TalentSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const group of ['final', 'performance', 'potential'] as const) {
    const sum = Object.values(talent.weights[group]).reduce((s: number, w: number) => s + w, 0);
    if (Math.abs(sum - 100) > 1e-9) {
      issues.push(
        issue(
          `policy.talent.weights.${group}`,
          'weights.sum',
          `bobot ${group} harus berjumlah 100%, bukan ${round2(sum)}%`,
          `the ${group} weights must add up to 100%, not ${round2(sum)}%`,
        ),
      );
    }
  }
  for (const key of INPUT_KEYS) {
    const v = inputs[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
      issues.push(issue(key, 'score.range', `nilai ${key} harus 0–100, bukan ${v}`, `the ${key} score must be 0–100, not ${v}`));
    }
  }
  return issues;
}

/**
 * Kepka BKN 411/2025 scoring (domain.md §4), weights from the policy: performance = 60% main + 40%
 * supporting; potential = 40% competency + 25% potential + 20% qualification + 15% integrity; final =
 * 50/50. Each axis level is taken from the rounded axis score, so the number shown and the level
 * always agree. Refuses (VALIDATION_FAILED) a score outside 0–100 or weights that do not sum to 100.
 */
export function scoreTalent(inputs: TalentInputs, policy: MobilityPolicy = MOBILITY_POLICY_2026): TalentScore {
  const { talent } = policy;
  const issues = scoringIssues(inputs, talent);
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
  const w = talent.weights;
  const t = talent.thresholds;
  const performance = round2((inputs.performanceMain * w.performance.main + inputs.performanceSupporting * w.performance.supporting) / 100);
  const potential = round2(
    (inputs.competency * w.potential.competency +
      inputs.potential * w.potential.potential +
      inputs.qualification * w.potential.qualification +
      inputs.integrity * w.potential.integrity) /
      100,
  );
  const final = round2((performance * w.final.performance + potential * w.final.potential) / 100);
  const placement = placeNineBox({
    performance: performance >= t.performance.above ? 'above' : performance >= t.performance.meets ? 'meets' : 'below',
    potential: potential >= t.potential.high ? 'high' : potential >= t.potential.medium ? 'medium' : 'low',
  });
  const recorded = Object.fromEntries(INPUT_KEYS.map((k) => [k, inputs[k]])) as unknown as TalentInputs;
  return { scores: { performance, potential, final }, placement, inputs: recorded, ruleVersion: policy.version };
}

// ─── filling without open selection ───────────────────────────────────────────────────────────────

const JPT_CLASSES: readonly string[] = ['jpt_utama', 'jpt_madya', 'jpt_pratama'];

/**
 * Whether a post may be filled from the talent pool instead of an open selection (domain.md §2.3,
 * §2.4). JPT posts: only when the agency's merit category is one the policy accepts AND the candidate
 * sits in a JPT-pool box (box 9, "talent"). Administrator, pengawas and functional posts: a
 * promotion-ready box (7–9); the merit category plays no part. The box is recomputed from the axis
 * levels, so a stored box number from another scheme cannot mislead.
 */
export function mayFillWithoutOpenSelection(
  facts: {
    positionClass: PositionClass | 'pelaksana';
    placement: { performance: PerformanceLevel; potential: PotentialLevel };
    /** Either instrument's category (MeritCategory); anything else, or null, is not accepted. */
    agencyMeritCategory: string | null;
  },
  policy: MobilityPolicy = MOBILITY_POLICY_2026,
): MobilityVerdict {
  const { talent } = policy;
  const placement = placeNineBox(facts.placement);
  const where = `box ${placement.box} (${placement.performance}/${placement.potential})`;
  const base = { rule: 'fillWithoutOpenSelection' as const, ruleVersion: policy.version };

  if (!JPT_CLASSES.includes(facts.positionClass)) {
    const ok = talent.promotionReadyBoxes.includes(placement.box);
    const boxes = talent.promotionReadyBoxes.join(', ');
    return {
      ...base,
      passed: ok,
      fact: `${facts.positionClass}: ${where} (ready ${boxes})`,
      message: ok
        ? {
            id: `kandidat berada di kotak ${placement.box} (kinerja ${placement.performance}, potensial ${placement.potential}) yang siap dipromosikan; jabatan ${facts.positionClass} dapat diisi dari kelompok rencana suksesi`,
            en: `the candidate is in box ${placement.box} (performance ${placement.performance}, potential ${placement.potential}), which is promotion-ready; the ${facts.positionClass} post may be filled from the talent pool`,
          }
        : {
            id: `kandidat berada di kotak ${placement.box} (kinerja ${placement.performance}, potensial ${placement.potential}); hanya kotak ${boxes} yang siap dipromosikan ke jabatan ${facts.positionClass}`,
            en: `the candidate is in box ${placement.box} (performance ${placement.performance}, potential ${placement.potential}); only boxes ${boxes} are promotion-ready for a ${facts.positionClass} post`,
          },
    };
  }

  const category = facts.agencyMeritCategory;
  const meritOk = category !== null && (talent.jptMeritCategories as readonly string[]).includes(category);
  const boxOk = talent.jptPoolBoxes.includes(placement.box);
  const accepted = talent.jptMeritCategories.join('/');
  const pool = talent.jptPoolBoxes.join(', ');
  const shown = category ?? 'unknown';
  const failures: { id: string; en: string }[] = [];
  if (!meritOk) {
    failures.push({
      id: `kategori sistem merit instansi (${category ?? 'belum tercatat'}) bukan ${accepted}`,
      en: `the agency's merit category (${category ?? 'not recorded'}) is not ${accepted}`,
    });
  }
  if (!boxOk) {
    failures.push({
      id: `kandidat berada di kotak ${placement.box} (kinerja ${placement.performance}, potensial ${placement.potential}), bukan kotak talenta ${pool}`,
      en: `the candidate is in box ${placement.box} (performance ${placement.performance}, potential ${placement.potential}), not talent box ${pool}`,
    });
  }
  const ok = failures.length === 0;
  return {
    ...base,
    passed: ok,
    fact: `${facts.positionClass}: merit ${shown} (accepted ${accepted}); ${where} (pool ${pool})`,
    message: ok
      ? {
          id: `instansi berkategori sistem merit ${shown} dan kandidat berada di kotak talenta ${placement.box}; jabatan ${facts.positionClass} dapat diisi tanpa seleksi terbuka`,
          en: `the agency's merit category is ${shown} and the candidate is in talent box ${placement.box}; the ${facts.positionClass} post may be filled without an open selection`,
        }
      : {
          id: `jabatan ${facts.positionClass} harus diisi melalui seleksi terbuka: ${failures.map((f) => f.id).join('; ')}`,
          en: `the ${facts.positionClass} post must be filled by open selection: ${failures.map((f) => f.en).join('; ')}`,
        },
  };
}
