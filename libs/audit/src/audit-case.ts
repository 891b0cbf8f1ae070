import type { WorkflowBundle } from '@temporalio/worker';
import { isClosed } from './case-histories';
import { compareTimeline, hasDifferences, type TimelineComparison } from './compare-timeline';
import type { CaseHistory } from './history.types';
import type { LedgerRowLike } from './ledger-row';
import { replayCase, type ReplayOutcome } from './replay-case';
import { decisionActivitiesOf } from './timeline-from-history';

export type AuditVerdict = 'consistent' | 'inconsistent';

export interface CaseAudit {
  replay: ReplayOutcome[];
  comparison: TimelineComparison;
  verdict: AuditVerdict;
}

/**
 * Which ledger rows the histories could not have shown yet: a row of a run that was still open and
 * whose sequence lies past the last decision that run had scheduled, or a row of a run the case
 * started after its histories were read. Once every run has ended, no row is excused.
 */
function afterSnapshot(histories: readonly CaseHistory[]): (row: LedgerRowLike) => boolean {
  const runs = new Map(
    histories.map((h) => [
      h.runId,
      { closed: isClosed(h.history), lastSequence: Math.max(0, ...decisionActivitiesOf(h.history).map((a) => a.record.sequence)) },
    ]),
  );
  const allClosed = [...runs.values()].every((r) => r.closed);
  return (row) => {
    const run = runs.get(row.runId);
    if (!run) return !allClosed;
    return !run.closed && Number(row.sequence) > run.lastSequence;
  };
}

/**
 * Replays a case's histories against the given workflow code and compares the decisions they
 * recorded with the ledger, decision by decision. Read the histories before the ledger rows: a
 * decision reaches the history before its row reaches the ledger.
 */
export async function auditCase(input: { histories: readonly CaseHistory[]; ledger: readonly LedgerRowLike[]; bundle: WorkflowBundle }): Promise<CaseAudit> {
  const activities = input.histories.flatMap((h) => decisionActivitiesOf(h.history));
  const pending = new Set(activities.filter((a) => !a.completed).map((a) => a.record.idempotencyKey));
  const comparison = compareTimeline(
    activities.map((a) => a.record),
    input.ledger,
    { pending, isAfterSnapshot: afterSnapshot(input.histories) },
  );
  const replay = await replayCase(input.histories, input.bundle);
  const verdict: AuditVerdict = replay.every((r) => r.ok) && !hasDifferences(comparison) ? 'consistent' : 'inconsistent';
  return { replay, comparison, verdict };
}
