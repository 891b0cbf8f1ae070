import type { WorkerConfig } from '@meritflow/config';
import { HISTORY_ARCHIVE_SCHEDULE_ID } from '@meritflow/contracts';
import { Stack } from '../../../test/support/api-client';
import { ensureArchiveSchedule } from './archive-schedule';

// On the test stack's real Temporal server, whose worker made the schedule and whose setup paused it
// (test/support/global-setup.ts): a worker that boots again brings the schedule in line with its
// config and keeps the pause, as it keeps an operator's.
const stack = new Stack();
afterAll(() => stack.close());

describe('ensureArchiveSchedule on a worker that boots again', () => {
  it("keeps the schedule's pause, its interval and its action", async () => {
    const handle = (await stack.temporalClient()).schedule.getHandle(HISTORY_ARCHIVE_SCHEDULE_ID);
    const before = await handle.describe();
    expect(before.state.paused).toBe(true);
    await ensureArchiveSchedule(await stack.temporalClient(), {
      ARCHIVE_SWEEP_INTERVAL_SECONDS: 3600,
      ARCHIVE_SWEEP_BATCH: 200,
    } as WorkerConfig);
    const after = await handle.describe();
    expect(after.state).toMatchObject({ paused: true, note: before.state.note });
    expect(after.spec.intervals?.[0]?.every).toBe(3_600_000);
    expect(after.action).toMatchObject({ type: 'startWorkflow', workflowType: 'historyArchiveSweepWorkflow' });
  });
});
