import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { WorkerConfig } from '@meritflow/config';
import {
  HISTORY_ARCHIVE_SCHEDULE_ID,
  HISTORY_ARCHIVE_SWEEP_WORKFLOW_TYPE,
  PERSONNEL_TASK_QUEUE,
  type HistoryArchiveSweepInput,
} from '@meritflow/contracts';

/**
 * Keeps the Temporal Schedule that starts the history-archive sweep: created on the first boot,
 * brought in line with this worker's interval on later ones. One sweep at a time (overlap: skip).
 */
export async function ensureArchiveSchedule(client: Client, config: WorkerConfig): Promise<void> {
  const spec = { intervals: [{ every: `${config.ARCHIVE_SWEEP_INTERVAL_SECONDS}s` }] };
  const args: [HistoryArchiveSweepInput] = [{ maxRunsPerPass: config.ARCHIVE_SWEEP_BATCH }];
  const action = {
    type: 'startWorkflow' as const,
    workflowType: HISTORY_ARCHIVE_SWEEP_WORKFLOW_TYPE,
    taskQueue: PERSONNEL_TASK_QUEUE,
    workflowId: HISTORY_ARCHIVE_SCHEDULE_ID,
    args,
  };
  try {
    await client.schedule.create({
      scheduleId: HISTORY_ARCHIVE_SCHEDULE_ID,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(HISTORY_ARCHIVE_SCHEDULE_ID).update((prev) => ({ ...prev, spec, action }));
  }
}
