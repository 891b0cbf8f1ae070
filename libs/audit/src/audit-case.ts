import type { PayloadCodec } from '@temporalio/common';
import type { WorkflowBundle } from '@temporalio/worker';
import { DomainError, errorMessage, isArchiveDecision } from '@meritflow/domain';
import { checkArchivedHistories, decisionRowsOfRun, type ArchiveCheck, type SourcedHistory } from './archive-check';
import { isClosed } from './case-histories';
import { compareTimeline, hasDifferences, type TimelineComparison } from './compare-timeline';
import { decryptHistory, KEYLESS_CODEC } from './history-payloads';
import type { CaseHistory } from './history.types';
import type { LedgerRowLike } from './ledger-row';
import { replayCase, type ReplayOutcome } from './replay-case';
import { decisionActivitiesOf, type DecisionActivity } from './timeline-from-history';

export type AuditVerdict = 'consistent' | 'inconsistent';

export interface CaseAudit {
  replay: ReplayOutcome[];
  comparison: TimelineComparison;
  /** Each archived history against the hash its archive row put in the chain. */
  archive: ArchiveCheck[];
  verdict: AuditVerdict;
}

/** A run's history with the decisions it recorded, read through the payload codec. */
interface ReadRun {
  history: CaseHistory;
  activities: DecisionActivity[];
  /** Why its payloads could not be read, when they could not. */
  unreadable?: DomainError;
}

/**
 * The decisions a run recorded. Its payloads are decrypted first; a key the codec lacks is a
 * configuration problem and stops the audit (PAYLOAD_KEY_UNKNOWN), but a payload that fails
 * authentication is a finding: the run shows no decisions and fails its check, so the case is
 * inconsistent. (Replay alone would not notice: it never reads what a workflow scheduled.)
 */
async function readRun(h: CaseHistory, codec: PayloadCodec): Promise<ReadRun> {
  try {
    return { history: h, activities: decisionActivitiesOf(await decryptHistory(h.history, codec)) };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'PAYLOAD_DECRYPT_FAILED') return { history: h, activities: [], unreadable: err };
    throw err;
  }
}

/**
 * Which ledger rows the histories could not have shown yet: a row of a run that was still open and
 * whose sequence lies past the last decision that run had scheduled, or a row of a run the case
 * started after its histories were read. Once every run has ended, no row is excused.
 */
function afterSnapshot(read: readonly ReadRun[]): (row: LedgerRowLike) => boolean {
  const runs = new Map(
    read.map((r) => [
      r.history.runId,
      { closed: isClosed(r.history.history), lastSequence: Math.max(0, ...r.activities.map((a) => a.record.sequence)) },
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
 *
 * `codec` opens encrypted payloads, for reading the decisions and for the replay; the histories are
 * replayed and hashed as they were stored. Without one, only unencrypted histories can be audited.
 */
export async function auditCase(input: {
  histories: readonly (CaseHistory | SourcedHistory)[];
  ledger: readonly LedgerRowLike[];
  bundle: WorkflowBundle;
  root?: { workflowId: string; runId: string };
  codec?: PayloadCodec;
}): Promise<CaseAudit> {
  const codec = input.codec ?? KEYLESS_CODEC;
  const read = await Promise.all(input.histories.map((h) => readRun(h, codec)));
  const activities = read.flatMap((r) => r.activities);
  const pending = new Set(activities.filter((a) => !a.completed).map((a) => a.record.idempotencyKey));
  const decisions = input.root
    ? decisionRowsOfRun(input.ledger, input.root.workflowId, input.root.runId)
    : input.ledger.filter((r) => !isArchiveDecision(r.decision));
  const comparison = compareTimeline(
    activities.map((a) => a.record),
    decisions,
    { pending, isAfterSnapshot: afterSnapshot(read) },
  );
  const archive = checkArchivedHistories(
    input.histories.filter((h): h is SourcedHistory => 'source' in h),
    input.ledger,
  );
  const replayed = await replayCase(input.histories, input.bundle, { codec });
  const replay = replayed.map((outcome, i): ReplayOutcome => {
    const err = read[i].unreadable;
    return err ? { ...outcome, ok: false, error: { name: err.code, message: errorMessage(err.code, err.params).en } } : outcome;
  });
  const verdict: AuditVerdict =
    replay.every((r) => r.ok) && archive.every((a) => a.ok) && !hasDifferences(comparison) ? 'consistent' : 'inconsistent';
  return { replay, comparison, archive, verdict };
}
