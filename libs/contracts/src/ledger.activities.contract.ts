import type { DecisionRecord, SopDuration } from '@meritflow/domain';

/** What the local ledger write answers: the row it was handed, so the history's marker carries it for the audit. */
export interface RecordedDecision {
  inserted: boolean;
  record: DecisionRecord;
}

/** Activities that write to or read from the decision ledger; implemented in apps/worker. */
export interface LedgerActivities {
  /** Appends one decision; a retry with the same idempotency key writes nothing more. */
  recordDecision(record: DecisionRecord): Promise<{ inserted: boolean }>;
  /**
   * The same append, run as a local activity inside the decision's workflow task (patch
   * LEDGER_LOCAL_ACTIVITY_PATCH). A local activity leaves only its result in the history, so it
   * answers with the record: the auditor's cross-check reads it from the marker.
   */
  recordDecisionLocal(record: DecisionRecord): Promise<RecordedDecision>;
  /** The instant a deadline falls due, counted on the holiday calendar kept in the database. */
  computeDeadline(input: { startedAt: string; after: SopDuration }): Promise<string>;
}

/** Activity type names; renaming one breaks running workflows, so they are fixed here. */
export const LEDGER_ACTIVITY_NAMES = [
  'recordDecision',
  'recordDecisionLocal',
  'computeDeadline',
] as const satisfies readonly (keyof LedgerActivities)[];

/**
 * The patch id that moves the ledger write into the decision's own workflow task (a local activity):
 * runs recorded before it replay with the `recordDecision` activity, runs since carry its marker.
 */
export const LEDGER_LOCAL_ACTIVITY_PATCH = 'ledger-write-local-activity';
