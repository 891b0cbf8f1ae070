import { proxyActivities } from '@temporalio/workflow';
import type { DisciplineActivities, LedgerActivities, ReferenceActivities, TalentActivities } from '@meritflow/contracts';

// No maximum attempts: a decision must reach the ledger even through a long database outage.
const options = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const;

/** The ledger activities as every workflow calls them. */
export const ledger = proxyActivities<LedgerActivities>(options);

/** Reference data the mobility rules read. */
export const reference = proxyActivities<ReferenceActivities>(options);

/** Register reads and writes of discipline cases. */
export const discipline = proxyActivities<DisciplineActivities>(options);
/** Talent reviews: computing placements and storing the approved pool. */
export const talent = proxyActivities<TalentActivities>(options);
