import type { DecisionRecord, SopDuration } from '@meritflow/domain';

/** Activities that write to or read from the decision ledger; implemented in apps/worker. */
export interface LedgerActivities {
  /** Appends one decision; a retry with the same idempotency key writes nothing more. */
  recordDecision(record: DecisionRecord): Promise<{ inserted: boolean }>;
  /** The instant a deadline falls due, counted on the holiday calendar kept in the database. */
  computeDeadline(input: { startedAt: string; after: SopDuration }): Promise<string>;
}

/** Activity type names; renaming one breaks running workflows, so they are fixed here. */
export const LEDGER_ACTIVITY_NAMES = ['recordDecision', 'computeDeadline'] as const satisfies readonly (keyof LedgerActivities)[];

/**
 * A run's ledger rows reach the database in the order the decisions depend on each other: the row that
 * opens the run, or changes its step, is written once every row of lower sequence has settled (stored,
 * or failed for good), and any other row once the last such row has. Without it, an update that arrives
 * while the opening decision's write is in flight (the PPK approving a vacancy the moment it is
 * proposed), or with the start itself, could reach the database first, and the hash chain would hold the
 * approval before the proposal. Decisions taken on one step at the same time (screenings) may land in
 * either order, each with its own sequence. Histories from before the patch replay as they ran.
 */
export const LEDGER_IN_SEQUENCE_PATCH = 'ledger-rows-in-decision-sequence';
