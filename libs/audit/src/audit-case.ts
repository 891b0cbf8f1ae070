import type { WorkflowBundle } from '@temporalio/worker';
import { isArchiveDecision } from '@meritflow/domain';
import { checkArchivedHistories, decisionRowsOfRun, type ArchiveCheck, type SourcedHistory } from './archive-check';
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
  /** Each archived history against the hash its archive row put in the chain. */
  archive: ArchiveCheck[];
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
 * recorded with the ledger, decision by decision, and checks every archived history against the
 * hash the chain recorded for it. Read the histories before the ledger rows: a decision reaches the
 * history before its row reaches the ledger.
 *
 * `ledger` may be the case's whole chain when `root` names the run audited: the comparison then
 * takes that run's rows (decisionRowsOfRun). Archive rows are never compared as decisions.
 */
export async function auditCase(input: {
  histories: readonly (CaseHistory | SourcedHistory)[];
  ledger: readonly LedgerRowLike[];
  bundle: WorkflowBundle;
  root?: { workflowId: string; runId: string };
}): Promise<CaseAudit> {
  const activities = input.histories.flatMap((h) => decisionActivitiesOf(h.history));
  const pending = new Set(activities.filter((a) => !a.completed).map((a) => a.record.idempotencyKey));
  const decisions = input.root
    ? decisionRowsOfRun(input.ledger, input.root.workflowId, input.root.runId)
    : input.ledger.filter((r) => !isArchiveDecision(r.decision));
  const comparison = compareTimeline(
    activities.map((a) => a.record),
    decisions,
    { pending, isAfterSnapshot: afterSnapshot(input.histories) },
  );
  const archive = checkArchivedHistories(
    input.histories.filter((h): h is SourcedHistory => 'source' in h),
    input.ledger,
  );
  const replay = await replayCase(input.histories, input.bundle);
  const verdict: AuditVerdict =
    replay.every((r) => r.ok) && archive.every((a) => a.ok) && !hasDifferences(comparison) ? 'consistent' : 'inconsistent';
  return { replay, comparison, archive, verdict };
}
