import { proxyActivities } from '@temporalio/workflow';
import type { ArchiveActivities, HistoryArchiveSweepInput, HistoryArchiveSweepReport } from '@meritflow/contracts';

// One pass lists and copies many histories; it heartbeats per run, so a lost worker is noticed in a minute.
const { sweepHistoryArchive } = proxyActivities<ArchiveActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

/**
 * Copies every closed case run that the archive lacks, a pass at a time, until none is pending or a
 * pass makes no progress (the next scheduled sweep tries again). Started by a Temporal Schedule well
 * inside the namespace's retention, and on demand.
 */
export async function historyArchiveSweepWorkflow(input: HistoryArchiveSweepInput = {}): Promise<HistoryArchiveSweepReport> {
  const maxRuns = input.maxRunsPerPass ?? 200;
  const maxPasses = input.maxPasses ?? 25;
  let archived = 0;
  let last: HistoryArchiveSweepReport = { listed: 0, archived: 0, pending: 0, lagSeconds: 0 };
  for (let pass = 0; pass < maxPasses; pass++) {
    last = await sweepHistoryArchive({ maxRuns });
    archived += last.archived;
    if (last.pending === 0 || last.archived === 0) break;
  }
  return { ...last, archived };
}
