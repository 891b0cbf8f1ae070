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
