import type { LocalizedText } from '../i18n/messages';
import { SYSTEM_ROLE } from '../roles';
import { getSop } from '../sop/sop-registry';
import type { SopDefinition, SopRef } from '../sop/sop.types';
import { DEADLINE_DECISIONS } from './conformance';

/** Filling methods that count as open, competitive filling (domain.md §5, "promosi dan mutasi"; PP 11/2017 Pasal 134(2)). */
export const OPEN_FILLING_METHODS = ['open_selection', 'talent_pool'] as const;
export const JPT_POSITION_CLASSES = ['jpt_utama', 'jpt_madya', 'jpt_pratama'] as const;
/** Decision name of a rules override; none exists yet, so the indicator reads 0 until it ships. */
export const OVERRIDE_DECISION = 'override';
export const COMPLIANCE_INDICATORS_VERSION = 'merit-promosi-mutasi@2026-01-01';

export interface ApprovedVacancy {
  vacancyId: string;
  positionClass: string;
  fillingMethod: string | null;
  approvedAt: string;
  /** The vacancy case's current step (HR closes it once filled by other means). */
  vacancyStep: string;
}

export interface ClosedSelection {
  selectionId: string;
  vacancyIds: string[];
  closedAt: string;
}

export interface CaseRun {
  caseId: string;
  runId: string;
  caseType: string;
  sop: SopRef;
  /** Current step of the run. */
  step: string;
  firstDecisionAt: string;
  lastDecisionAt: string;
}

/** Decisions counted in groups: the indicators need how many, not which. */
export interface DecisionTally {
  decision: string;
  stepBefore: string | null;
  actorRole: string;
  sop: SopRef;
  withEvidence: boolean;
  count: number;
}

export interface ComplianceInput {
  agencyCode: string;
  /** Period [from, to), ISO 8601 instants. */
  from: string;
  to: string;
  /** Vacancies of the agency the PPK approved within the period. */
  approvedVacancies: ApprovedVacancy[];
  /** Open selections of the agency that reached `closed` (appointments done), whenever that was. */
  closedSelections: ClosedSelection[];
  /** Root case runs of the agency whose last decision falls in the period. */
  caseRuns: CaseRun[];
  /** Decisions of the agency (cases and their child workflows) taken within the period. */
  decisions: DecisionTally[];
  /** `declarations` of every declare_interests decision within the period. */
  interestDeclarations: { conflicted?: unknown }[][];
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator, 4 decimals; null when nothing was counted. */
  share: number | null;
}

export interface ComplianceReport {
  agencyCode: string;
  period: { from: string; to: string };
  aspect: LocalizedText;
  indicatorsVersion: string;
  generatedAt: string;
  indicators: {
    /** Approved JPT vacancies whose filling method is open selection or talent management. */
    jptOpenFilling: Ratio & { byMethod: Record<string, number> };
    /** Approved JPT vacancies already filled that way (selection closed, or a talent-pool vacancy closed). */
    jptFilledOpen: Ratio;
    closedCases: {
      count: number;
      averageDurationDays: number | null;
      byType: Record<string, { count: number; averageDurationDays: number | null }>;
    };
    evidenceComplete: Ratio;
    deadlineBreaches: { count: number; byDecision: Record<string, number> };
    conflictsOfInterestDeclared: { count: number; declarations: number };
    overridesUsed: { count: number };
  };
  definitions: Record<string, LocalizedText>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;
const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  share: denominator === 0 ? null : round(numerator / denominator, 4),
});
const mean = (xs: number[]): number | null => (xs.length === 0 ? null : round(xs.reduce((s, x) => s + x, 0) / xs.length, 2));

const sopOrNull = (ref: SopRef): Readonly<SopDefinition> | null => {
  try {
    return getSop(ref);
  } catch {
    return null;
  }
};

/**
 * The agency's indicators for the "promosi dan mutasi" / talent-management aspect of the merit
 * system (domain.md §5) over one period, computed from what the ledger recorded.
 */
export function computeCompliance(input: ComplianceInput, now: Date): ComplianceReport {
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const within = (iso: string) => {
    const t = Date.parse(iso);
    return t >= from && t < to;
  };

  const jpt = input.approvedVacancies.filter(
    (v) => (JPT_POSITION_CLASSES as readonly string[]).includes(v.positionClass) && within(v.approvedAt),
  );
  const open = jpt.filter((v) => (OPEN_FILLING_METHODS as readonly string[]).includes(v.fillingMethod ?? ''));
  const byMethod: Record<string, number> = {};
  for (const v of jpt) byMethod[v.fillingMethod ?? '-'] = (byMethod[v.fillingMethod ?? '-'] ?? 0) + 1;
  const filledBySelection = new Set(input.closedSelections.flatMap((s) => s.vacancyIds));
  // Vacancy SOP 1.1.0 closes a vacancy as `filled` by itself; under 1.0.0 the closed selection says so.
  const filled = open.filter(
    (v) =>
      filledBySelection.has(v.vacancyId) || v.vacancyStep === 'filled' || (v.fillingMethod === 'talent_pool' && v.vacancyStep === 'closed'),
  );

  const closed = input.caseRuns.filter(
    (r) => within(r.lastDecisionAt) && (sopOrNull(r.sop)?.steps.find((s) => s.id === r.step)?.terminal ?? false),
  );
  const days = (r: CaseRun) => (Date.parse(r.lastDecisionAt) - Date.parse(r.firstDecisionAt)) / DAY_MS;
  const byType: ComplianceReport['indicators']['closedCases']['byType'] = {};
  for (const type of [...new Set(closed.map((r) => r.caseType))].sort()) {
    const runs = closed.filter((r) => r.caseType === type);
    byType[type] = { count: runs.length, averageDurationDays: mean(runs.map(days)) };
  }

  let requiring = 0;
  let complete = 0;
  const breaches: Record<string, number> = {};
  let overrides = 0;
  for (const t of input.decisions) {
    if (t.decision === OVERRIDE_DECISION) overrides += t.count;
    if (t.actorRole === SYSTEM_ROLE) {
      if ((DEADLINE_DECISIONS as readonly string[]).includes(t.decision)) breaches[t.decision] = (breaches[t.decision] ?? 0) + t.count;
      continue;
    }
    if (t.stepBefore === null) continue;
    const transition = sopOrNull(t.sop)
      ?.steps.find((s) => s.id === t.stepBefore)
      ?.transitions.find((x) => x.decision === t.decision);
    if (!transition?.requires.includes('evidence')) continue;
    requiring += t.count;
    if (t.withEvidence) complete += t.count;
  }

  const declarations = input.interestDeclarations.flat();

  return {
    agencyCode: input.agencyCode,
    period: { from: input.from, to: input.to },
    aspect: {
      id: 'Promosi dan mutasi / manajemen talenta (PermenPANRB 40/2018 → 19/2025)',
      en: 'Promotion and mutation / talent management (PermenPANRB 40/2018 → 19/2025)',
    },
    indicatorsVersion: COMPLIANCE_INDICATORS_VERSION,
    generatedAt: now.toISOString(),
    indicators: {
      jptOpenFilling: { ...ratio(open.length, jpt.length), byMethod },
      jptFilledOpen: ratio(filled.length, jpt.length),
      closedCases: { count: closed.length, averageDurationDays: mean(closed.map(days)), byType },
      evidenceComplete: ratio(complete, requiring),
      deadlineBreaches: { count: Object.values(breaches).reduce((s, n) => s + n, 0), byDecision: breaches },
      conflictsOfInterestDeclared: { count: declarations.filter((d) => d.conflicted === true).length, declarations: declarations.length },
      overridesUsed: { count: overrides },
    },
    definitions: COMPLIANCE_DEFINITIONS,
  };
}

export const COMPLIANCE_DEFINITIONS: Readonly<Record<string, LocalizedText>> = Object.freeze({
  jptOpenFilling: {
    id: 'Lowongan JPT yang disetujui PPK dalam periode dengan metode seleksi terbuka atau manajemen talenta, dibagi seluruh lowongan JPT yang disetujui dalam periode',
    en: 'JPT vacancies the PPK approved in the period for open selection or talent management, over all JPT vacancies approved in the period',
  },
  jptFilledOpen: {
    id: 'Dari lowongan JPT yang disetujui dalam periode, yang sudah terisi dengan cara itu: seleksi terbuka yang memuatnya mencapai tahap selesai (SK dan pelantikan tercatat), lowongan berstatus terisi, atau lowongan manajemen talenta yang ditutup BKPSDM',
    en: 'Of the JPT vacancies approved in the period, those already filled that way: an open selection including it reached closed (decree and inauguration recorded), the vacancy reached filled, or a talent-pool vacancy was closed by HR',
  },
  closedCases: {
    id: 'Kasus (lowongan, seleksi) yang mencapai tahap akhir dengan keputusan terakhir dalam periode; durasi = hari dari keputusan pertama sampai terakhir',
    en: 'Cases (vacancies, selections) that reached a final step with their last decision in the period; duration = days from first to last decision',
  },
  evidenceComplete: {
    id: 'Keputusan manusia dalam periode yang menurut SOP wajib disertai bukti dan memuat sedikitnya satu bukti, dibagi semua keputusan yang wajib disertai bukti',
    en: 'Human decisions in the period whose SOP transition requires evidence and that carry at least one evidence reference, over all that require it',
  },
  deadlineBreaches: {
    id: 'Keputusan sistem karena batas waktu tahap terlampaui (pengingat, eskalasi, penutupan) dalam periode',
    en: 'System decisions recorded because a step outlived its deadline (reminder, escalation, closing) in the period',
  },
  conflictsOfInterestDeclared: {
    id: 'Pernyataan konflik kepentingan anggota pansel (conflicted = true) dalam periode, dari seluruh pernyataan',
    en: 'Committee members’ declarations with conflicted = true in the period, out of all declarations',
  },
  overridesUsed: {
    id: 'Keputusan "override" atas aturan dalam periode (fitur ini belum ada; selalu 0)',
    en: 'Rule "override" decisions in the period (the feature does not exist yet; always 0)',
  },
});
