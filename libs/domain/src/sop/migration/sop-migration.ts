import type { ErrorCode, ErrorParams } from '../../errors';
import { SYSTEM_ROLE, type Actor } from '../../roles';
import type { EvidenceRef } from '../../decision/decision-record';
import { MOVE_SOPS } from '../move/move.v1';
import { MOVE_SOPS_V1_1, MOVE_SOPS_V1_1_TEST_FAST } from '../move/move.v1-1';
import { getSop } from '../sop-registry';
import type { SopDefinition, SopRef } from '../sop.types';
import { vacancyTestFast } from '../vacancy/vacancy.test-fast';
import { vacancyV1 } from '../vacancy/vacancy.v1';
import { vacancyV1_1 } from '../vacancy/vacancy.v1-1';
import { OPEN_SELECTION_MIGRATIONS, type StepListMapping } from './open-selection.migrations';

/**
 * Which steps of a running case on `from` may move to which step of `to`, for one SOP id. Data
 * beside the SOPs: a pair without a mapping cannot be migrated, nor can a step the mapping leaves out.
 * A shipped mapping is never edited; a change is a new mapping (pairs are unique).
 */
export interface SopMigrationMapping {
  sopId: string;
  from: string;
  to: string;
  /** from step id -> to step id. */
  steps: Readonly<Record<string, string>>;
  /** Why the mapping is sound (the regulation or the difference between the versions). */
  note: { id: string; en: string };
  testOnly: boolean;
}

/** Identity on every non-terminal step of `from` that `to` also has (the versions only add steps or transitions). */
const sameSteps = (from: Readonly<SopDefinition>, to: Readonly<SopDefinition>): Record<string, string> =>
  Object.fromEntries(from.steps.filter((s) => !s.terminal && to.steps.some((t) => t.id === s.id)).map((s) => [s.id, s.id]));

const mapping = (
  from: Readonly<SopDefinition>,
  to: Readonly<SopDefinition>,
  note: SopMigrationMapping['note'],
  testOnly = from.testOnly || to.testOnly,
): SopMigrationMapping =>
  Object.freeze({ sopId: from.id, from: from.version, to: to.version, steps: Object.freeze(sameSteps(from, to)), note, testOnly });

/** A mapping that lists the steps that move, each to the same step of `to` (which must have it). */
const listed = (m: StepListMapping): SopMigrationMapping => {
  const missing = m.steps.filter((s) => !m.to.steps.some((t) => t.id === s && !t.terminal));
  if (missing.length > 0) throw new Error(`${m.from.id} ${m.from.version} -> ${m.to.version}: no running step ${missing.join(', ')}`);
  return Object.freeze({
    sopId: m.from.id,
    from: m.from.version,
    to: m.to.version,
    steps: Object.freeze(Object.fromEntries(m.steps.map((s) => [s, s]))),
    note: m.note,
    testOnly: m.testOnly ?? (m.from.testOnly || m.to.testOnly),
  });
};

const withoutStep = (m: SopMigrationMapping, step: string): SopMigrationMapping =>
  Object.freeze({ ...m, steps: Object.freeze(Object.fromEntries(Object.entries(m.steps).filter(([from]) => from !== step))) });

const VACANCY_1_1 = {
  id: 'Versi 1.1.0 hanya menambah penutupan otomatis "terisi"; tahap yang sedang berjalan tetap sama',
  en: 'Version 1.1.0 only adds the automatic "filled" closing; running steps stay the same',
};
const MOVE_1_1 = {
  id: 'Versi 1.1.0 menambah aturan pada SK dan tahap pelaporan; tahap yang sedang berjalan tetap sama',
  en: 'Version 1.1.0 adds rules at the decree and a reporting step; running steps stay the same',
};

const ALL: readonly SopMigrationMapping[] = [
  mapping(vacancyV1, vacancyV1_1, VACANCY_1_1),
  // A test-only pair: the fast-deadline vacancy moves to 1.1.0 (tests migrate without waiting for 1.1.0's dates).
  mapping(vacancyTestFast, vacancyV1_1, VACANCY_1_1, true),
  ...MOVE_SOPS.map((v1) =>
    mapping(
      v1,
      MOVE_SOPS_V1_1.find((s) => s.id === v1.id)!,
      MOVE_1_1,
    ),
  ),
  // Test-only pairs that leave the first step out on purpose, so the refusal of an unmapped step is
  // exercised on the real stack: a move still at its first step cannot move to 1.1.0-test.fast.
  ...MOVE_SOPS.map((v1) =>
    withoutStep(
      mapping(
        v1,
        MOVE_SOPS_V1_1_TEST_FAST.find((s) => s.id === v1.id)!,
        MOVE_1_1,
        true,
      ),
      v1.initialStep,
    ),
  ),
  ...OPEN_SELECTION_MIGRATIONS.map(listed),
];

export const listSopMigrations = (): readonly SopMigrationMapping[] => ALL;

/** The mapping of a pair, or undefined. */
export const findSopMigration = (sopId: string, from: string, to: string): SopMigrationMapping | undefined =>
  ALL.find((m) => m.sopId === sopId && m.from === from && m.to === to);

/** The versions a case on `from` may move to (whatever its step), newest last as listed. */
export const migrationTargets = (from: SopRef, allowTestOnly: boolean): string[] =>
  ALL.filter((m) => m.sopId === from.id && m.from === from.version && (allowTestOnly || !m.testOnly)).map((m) => m.to);

export type MigrationVerdict =
  | { ok: true; mapping: SopMigrationMapping; toStep: string; to: Readonly<SopDefinition> }
  | { ok: false; code: ErrorCode; params: ErrorParams };

/**
 * Whether a case pinned to `from`, standing at `step`, may move to version `toVersion`: the pair needs
 * a mapping (SOP_MIGRATION_UNKNOWN) and the step needs an entry in it (SOP_MIGRATION_STEP_UNMAPPED).
 */
export function checkSopMigration(from: SopRef, step: string, toVersion: string, allowTestOnly: boolean): MigrationVerdict {
  const m = findSopMigration(from.id, from.version, toVersion);
  if (!m || (m.testOnly && !allowTestOnly)) {
    return { ok: false, code: 'SOP_MIGRATION_UNKNOWN', params: { sopId: from.id, from: from.version, to: toVersion } };
  }
  const toStep = m.steps[step];
  if (!toStep) {
    return {
      ok: false,
      code: 'SOP_MIGRATION_STEP_UNMAPPED',
      params: { sopId: from.id, from: from.version, to: toVersion, step, mapped: Object.keys(m.steps) },
    };
  }
  return { ok: true, mapping: m, toStep, to: getSop({ id: from.id, version: toVersion }) };
}

/** Keep the case on its version, or move it to the new one. */
export const MIGRATION_OUTCOMES = ['keep', 'migrate'] as const;
export type MigrationOutcome = (typeof MIGRATION_OUTCOMES)[number];

/** The ledger decisions of the four-eyes migration procedure, once. */
export const MIGRATION_DECISIONS = Object.freeze({
  requested: 'sop_migration_requested',
  approved: 'sop_migration_approved',
  rejected: 'sop_migration_rejected',
  /** The first row of the run that continues the case on the new version. */
  migrated: 'sop_migrated',
});

/** The status of the run a migration closed (its successor carries the case on). */
export const MIGRATED_STATUS = 'migrated';

/** A keep-or-migrate request waiting for its second person. */
export interface PendingMigration {
  outcome: MigrationOutcome;
  to: SopRef;
  /** The step the case would enter on `to` (null when the request is to keep the case). */
  toStep: string | null;
  /** The step the case stood at when the request was made; a step change voids the request. */
  atStep: string;
  requestedBy: Actor;
  reason: string;
  evidence: readonly EvidenceRef[];
  batchId: string | null;
  /** The ledger sequence of the request. */
  sequence: number;
}

/** Four eyes: the second person is not the requester, nor the official the requester acted for. */
export function checkFourEyes(
  pending: Pick<PendingMigration, 'requestedBy'>,
  approver: Actor,
): { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams } {
  const first = [pending.requestedBy.id, pending.requestedBy.actingFor?.id].filter(Boolean);
  const second = [approver.id, approver.actingFor?.id].filter(Boolean);
  if (second.some((id) => first.includes(id))) {
    return { ok: false, code: 'FOUR_EYES_REQUIRED', params: { actorId: approver.id, requestedBy: pending.requestedBy.id } };
  }
  return { ok: true };
}

/** The four-eyes rows: an administrator's records that leave the case's step as it is. */
export const MIGRATION_NOTES: readonly string[] = [
  MIGRATION_DECISIONS.requested,
  MIGRATION_DECISIONS.approved,
  MIGRATION_DECISIONS.rejected,
];

/**
 * The first row of a run that continues the run before on the same SOP version, at the same step,
 * because the history grew long (continue-as-new); recorded by the system.
 */
export const RUN_CONTINUED_DECISION = 'run_continued';

/** First rows (sequence 1) that name the run before in `payload.from.runId`: a migration or a continuation. */
export const RUN_LINK_DECISIONS: readonly string[] = [MIGRATION_DECISIONS.migrated, RUN_CONTINUED_DECISION];

/** The run a first row says its run continued, or undefined. */
export const continuedFromRun = (row: { decision: string; sequence: number | string; payload: unknown }): string | undefined => {
  if (Number(row.sequence) !== 1 || !RUN_LINK_DECISIONS.includes(row.decision)) return undefined;
  const from = (row.payload as { from?: { runId?: unknown } } | null)?.from?.runId;
  return typeof from === 'string' ? from : undefined;
};

/** The runs a migration or a continuation continued: each successor names its predecessor in its first row. */
export const runsContinuedByMigration = (rows: readonly { decision: string; sequence: number; payload: unknown }[]): Set<string> =>
  new Set(rows.map(continuedFromRun).filter((r): r is string => typeof r === 'string'));

/**
 * How the first row of a run a migration or a continuation started must look (conformance): a
 * migration recorded by an administrator into a running step; a continuation recorded by the system
 * at the step the run before stood at. Null for any other row.
 */
export function checkLinkedRunStart(
  sop: Readonly<SopDefinition>,
  d: { decision: string; actorRole: string; stepBefore: string | null; stepAfter: string | null },
): { ok: boolean; roleAllowed: boolean; rule: { id: string; en: string } } | null {
  const running = sop.steps.some((s) => s.id === d.stepAfter && !s.terminal);
  if (d.decision === MIGRATION_DECISIONS.migrated) {
    const roleAllowed = d.actorRole === 'admin';
    return { ok: roleAllowed && running, roleAllowed, rule: migrationStartRule(sop, d.stepAfter) };
  }
  if (d.decision === RUN_CONTINUED_DECISION) {
    const roleAllowed = d.actorRole === SYSTEM_ROLE;
    return { ok: roleAllowed && running && d.stepBefore === d.stepAfter, roleAllowed, rule: runContinuedRule(sop, d.stepAfter) };
  }
  return null;
}

/** Why a recorded continuation is not a valid opening of a run on `sop` (conformance). */
export const runContinuedRule = (sop: SopRef, stepAfter: string | null) => ({
  id: `Lanjutan riwayat harus dicatat oleh sistem pada tahap berjalan yang sama ${sop.id}@${sop.version}, bukan "${stepAfter ?? '-'}"`,
  en: `A continued run must be recorded by the system at the same running step of ${sop.id}@${sop.version}, not "${stepAfter ?? '-'}"`,
});

/** Why a recorded migration is not a valid opening of a run on `sop` (conformance). */
export const migrationStartRule = (sop: SopRef, stepAfter: string | null) => ({
  id: `Migrasi SOP harus dicatat oleh administrator ke tahap berjalan ${sop.id}@${sop.version}, bukan "${stepAfter ?? '-'}"`,
  en: `An SOP migration must be recorded by an administrator into a running step of ${sop.id}@${sop.version}, not "${stepAfter ?? '-'}"`,
});
