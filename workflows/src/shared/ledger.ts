import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { DisciplineActivities, LedgerActivities, ReferenceActivities, TalentActivities } from '@meritflow/contracts';

// No maximum attempts: a decision must reach the ledger even through a long database outage.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } as const;
const options = { startToCloseTimeout: '30 seconds', retry } as const;

/** The ledger activities as every workflow calls them. */
export const ledger = proxyActivities<LedgerActivities>(options);

/**
 * The ledger write as a local activity: it runs inside the decision's workflow task, so an update
 * completes in one task instead of two. Same timeout, same retry policy, no maximum attempts.
 * Retries whose backoff is under 10 s stay in the worker (a restart of PostgreSQL, a lock timeout);
 * longer ones (an outage) become durable timers in the history, so the workflow task is not held
 * open for minutes and a worker crash mid-outage resumes from the recorded attempt.
 */
export const localLedger = proxyLocalActivities<Pick<LedgerActivities, 'recordDecisionLocal'>>({
  ...options,
  localRetryThreshold: '10 seconds',
});

/** Reference data the mobility rules read. */
export const reference = proxyActivities<ReferenceActivities>(options);

/** Register reads and writes of discipline cases. */
export const discipline = proxyActivities<DisciplineActivities>(options);
/** Talent reviews: computing placements and storing the approved pool. */
export const talent = proxyActivities<TalentActivities>(options);
