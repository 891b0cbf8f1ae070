import { canonicalJson, type DecisionRecord } from '@meritflow/domain';
import type { LedgerRowLike } from './ledger-row';

/** Enough to name a decision in a report. */
export interface DecisionRef {
  key: string;
  workflowId: string;
  sequence: number;
  decision: string;
  decidedAt: string;
}

export interface FieldDifference {
  field: string;
  history: unknown;
  ledger: unknown;
}

export interface AlteredDecision {
  key: string;
  decision: string;
  fields: FieldDifference[];
}

export interface TimelineComparison {
  /** Decisions present in both, identical in every compared field. */
  matches: number;
  /** In the workflow history, not in the ledger. */
  missing: DecisionRef[];
  /** In the ledger, not in the workflow history. */
  extra: DecisionRef[];
  altered: AlteredDecision[];
  /** Still being written when the history was read (a running case); not a difference. */
  pending: DecisionRef[];
  /** Taken after the history was read (a running case); not a difference. */
  afterSnapshot: DecisionRef[];
}

export interface CompareOptions {
  /** Keys whose recordDecision activity had not completed when the history was read. */
  pending?: ReadonlySet<string>;
  /** Whether a ledger row absent from the history was written after the history was read. */
  isAfterSnapshot?: (row: LedgerRowLike) => boolean;
}

const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : v);

const sameInstant = (a: unknown, b: unknown): boolean => {
  const ta = Date.parse(String(a));
  const tb = Date.parse(String(b));
  return Number.isNaN(ta) || Number.isNaN(tb) ? a === b : ta === tb;
};

type Comparer = {
  field: string;
  history: (r: DecisionRecord) => unknown;
  ledger: (l: LedgerRowLike) => unknown;
  same?: (a: unknown, b: unknown) => boolean;
};

// PostgreSQL's jsonb does not keep the order the workflow wrote, so values compare in canonical form.
const deep = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const nullable = (v: unknown) => v ?? null;

const FIELDS: readonly Comparer[] = [
  { field: 'caseType', history: (r) => r.caseType, ledger: (l) => l.caseType },
  { field: 'workflowId', history: (r) => r.workflowId, ledger: (l) => l.workflowId },
  { field: 'runId', history: (r) => r.runId, ledger: (l) => l.runId },
  // Records written before cases had children carry no root; migration 1764000000000 set it to the workflow itself.
  { field: 'rootWorkflowId', history: (r) => r.rootWorkflowId ?? r.workflowId, ledger: (l) => l.rootWorkflowId },
  { field: 'parentWorkflowId', history: (r) => nullable(r.parentWorkflowId), ledger: (l) => nullable(l.parentWorkflowId) },
  { field: 'sequence', history: (r) => r.sequence, ledger: (l) => Number(l.sequence) },
  { field: 'decision', history: (r) => r.decision, ledger: (l) => l.decision },
  { field: 'stepBefore', history: (r) => nullable(r.stepBefore), ledger: (l) => nullable(l.stepBefore) },
  { field: 'stepAfter', history: (r) => r.stepAfter, ledger: (l) => l.stepAfter },
  { field: 'actorId', history: (r) => r.actor.id, ledger: (l) => l.actorId },
  { field: 'actorRole', history: (r) => r.actor.role, ledger: (l) => l.actorRole },
  { field: 'actorName', history: (r) => nullable(r.actor.name), ledger: (l) => nullable(l.actorName) },
  { field: 'actingFor', history: (r) => r.actor.actingFor ?? null, ledger: (l) => l.actingFor ?? null, same: deep },
  { field: 'reason', history: (r) => nullable(r.reason), ledger: (l) => nullable(l.reason) },
  { field: 'payload', history: (r) => r.payload ?? {}, ledger: (l) => l.payload ?? {}, same: deep },
  { field: 'evidence', history: (r) => r.evidence ?? [], ledger: (l) => l.evidence ?? [], same: deep },
  { field: 'sopId', history: (r) => r.sop?.id, ledger: (l) => l.sopId },
  { field: 'sopVersion', history: (r) => r.sop?.version, ledger: (l) => l.sopVersion },
  { field: 'ruleVersion', history: (r) => nullable(r.ruleVersion), ledger: (l) => nullable(l.ruleVersion) },
  { field: 'decidedAt', history: (r) => r.decidedAt, ledger: (l) => iso(l.decidedAt), same: sameInstant },
];

const refOfRecord = (r: DecisionRecord): DecisionRef => ({
  key: r.idempotencyKey,
  workflowId: r.workflowId,
  sequence: r.sequence,
  decision: r.decision,
  decidedAt: r.decidedAt,
});

const refOfRow = (l: LedgerRowLike): DecisionRef => ({
  key: l.idempotencyKey,
  workflowId: l.workflowId,
  sequence: Number(l.sequence),
  decision: l.decision,
  decidedAt: iso(l.decidedAt),
});

/** The fields in which a ledger row differs from the decision the workflow recorded. */
export function differences(record: DecisionRecord, row: LedgerRowLike): FieldDifference[] {
  return FIELDS.flatMap(({ field, history, ledger, same }) => {
    const h = history(record);
    const l = ledger(row);
    return (same ?? Object.is)(h, l) ? [] : [{ field, history: h, ledger: l }];
  });
}

/**
 * Matches the decisions rebuilt from the workflow histories with the ledger rows by idempotency key
 * (workflowId:runId:sequence) and reports every decision that is missing, extra or altered.
 */
export function compareTimeline(
  timeline: readonly DecisionRecord[],
  ledger: readonly LedgerRowLike[],
  options: CompareOptions = {},
): TimelineComparison {
  const result: TimelineComparison = { matches: 0, missing: [], extra: [], altered: [], pending: [], afterSnapshot: [] };
  const rows = new Map<string, LedgerRowLike>();
  for (const row of ledger) {
    // The ledger's unique key makes a second row impossible; an export may have been edited to hold one.
    if (rows.has(row.idempotencyKey)) result.extra.push(refOfRow(row));
    else rows.set(row.idempotencyKey, row);
  }
  const seen = new Set<string>();
  for (const record of timeline) {
    const key = record.idempotencyKey;
    const row = rows.get(key);
    if (seen.has(key)) {
      result.missing.push(refOfRecord(record));
      continue;
    }
    seen.add(key);
    if (!row) {
      (options.pending?.has(key) ? result.pending : result.missing).push(refOfRecord(record));
      continue;
    }
    const fields = differences(record, row);
    if (fields.length === 0) result.matches++;
    else result.altered.push({ key, decision: record.decision, fields });
  }
  for (const [key, row] of rows) {
    if (seen.has(key)) continue;
    (options.isAfterSnapshot?.(row) ? result.afterSnapshot : result.extra).push(refOfRow(row));
  }
  return result;
}

export const hasDifferences = (c: TimelineComparison): boolean => c.missing.length > 0 || c.extra.length > 0 || c.altered.length > 0;
