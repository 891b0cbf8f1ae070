import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { WorkflowUpdateStage } from '@temporalio/client';
import {
  LEDGER_IN_SEQUENCE_PATCH,
  VACANCY_WORKFLOW_TYPE,
  vacancyDecideUpdate,
  vacancyWorkflowId,
  type LedgerActivities,
  type VacancyDecisionInput,
  type VacancyWorkflowInput,
} from '@meritflow/contracts';
import type { Actor } from '@meritflow/domain';
import { loadTestStackConfig } from '@meritflow/config';
import { startStubbedWorker, type StubbedWorker } from './support/stubbed-worker';
import { HISTORIES } from './support/history-recorder';
import { patchIdsOf } from './support/committed-histories';

/**
 * A case's ledger rows reach the database in the order of its decisions, even when a decision arrives
 * while the previous row is still being written: the PPK approving a vacancy the moment HR proposed it
 * must not put the approval before the proposal in the hash chain (an export once listed them
 * approve, propose on a busy CI machine), nor a closing before the approval. Real Temporal dev server;
 * the ledger activity is a stub that holds a row's write until the test lets it go.
 */
Runtime.install({ logger: new DefaultLogger('WARN') });
jest.setTimeout(60_000);

const HR: Actor = { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' };
const PPK: Actor = { id: '196801011990031004', role: 'ppk', name: 'Bupati Sleman' };

/** What the stub saw, in order: `began 2` is the activity for sequence 2 starting, `stored 1` the row of sequence 1 landing. */
const events: string[] = [];
/** Sequences whose writes the stub holds until the test releases them. */
const held = new Map<number, { release: () => void; released: Promise<void> }>();
const hold = (sequence: number) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  held.set(sequence, { release, released });
};

const activities: Pick<LedgerActivities, 'recordDecision' | 'computeDeadline'> = {
  async recordDecision(record) {
    const key = `${record.sequence}`;
    if (events.includes(`stored ${key}`)) return { inserted: false };
    events.push(`began ${key}`);
    await held.get(record.sequence)?.released;
    events.push(`stored ${key}`);
    return { inserted: true };
  },
  async computeDeadline() {
    return new Date(Date.now() + 30 * 86_400_000).toISOString();
  },
};

const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
};

describe('ledger rows in decision sequence (vacancy workflow, stubbed ledger)', () => {
  let stub: StubbedWorker;

  beforeAll(async () => {
    stub = await startStubbedWorker('ledger-sequence', activities);
  }, 180_000);

  afterAll(async () => {
    for (const h of held.values()) h.release();
    await stub?.stop();
  }, 60_000);

  it('writes each step change after the rows before it, though it arrived while they were being written', async () => {
    const agencyCode = 'PEMKAB-STUB';
    const positionCode = `KADIS-${randomBytes(3).toString('hex').toUpperCase()}`;
    const input: VacancyWorkflowInput = {
      sop: { id: 'vacancy', version: '1.1.0' },
      proposal: {
        agencyCode,
        positionCode,
        title: 'Kepala Dinas PUPR',
        organisationalUnit: 'Dinas PUPR',
        positionClass: 'jpt_pratama',
        gradeMin: 'IV/b',
        gradeMax: 'IV/c',
        requiredCompetencies: [{ type: 'managerial', name: 'integritas', level: 4 }],
        requestedFillingMethod: 'open_selection',
      },
      proposedBy: HR,
      reason: 'Pejabat sebelumnya memasuki masa pensiun',
      evidence: [],
    };
    hold(1);
    hold(2);
    const handle = await stub.env.client.workflow.start(VACANCY_WORKFLOW_TYPE, {
      taskQueue: stub.taskQueue,
      workflowId: vacancyWorkflowId(agencyCode, positionCode),
      args: [input],
    });
    // The proposal's write has begun and is held.
    expect(await until(() => events.includes('began 1'), 30_000)).toBe(true);

    /** Sends `decision` while the write of `heldSequence` is held, waits for a write that does not wait its turn (it would begin at once), then lets the held one land. */
    const decideDuring = async (heldSequence: number, decision: VacancyDecisionInput) => {
      const update = await handle.startUpdate(vacancyDecideUpdate, { args: [decision], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await until(() => events.includes(`began ${heldSequence + 1}`), 2_000);
      held.get(heldSequence)!.release();
      return update;
    };
    // The PPK approves during the proposal's write; HR closes the vacancy during the approval's.
    const approval = await decideDuring(1, { decision: 'approve', actor: PPK, fillingMethod: 'talent_pool' });
    expect(await until(() => events.includes('began 2'), 30_000)).toBe(true);
    const closing = await decideDuring(2, { decision: 'close', actor: HR, reason: 'Terisi dari kelompok rencana suksesi' });
    expect((await approval.result()).decisionCount).toBeGreaterThanOrEqual(2);
    expect((await closing.result()).decisionCount).toBe(3);

    expect(events).toEqual(['began 1', 'stored 1', 'began 2', 'stored 2', 'began 3', 'stored 3']);

    // The run marks the new behaviour, so its history replays as it ran; committed, CI replays it on every change.
    await handle.result();
    const history = await handle.fetchHistory();
    expect(patchIdsOf(history)).toContain(LEDGER_IN_SEQUENCE_PATCH);
    await Worker.runReplayHistory({ workflowBundle: stub.bundle }, history, handle.workflowId);
    if (loadTestStackConfig().RECORD_HISTORIES) {
      const name = `vacancy-decided-during-writes@${handle.workflowId.replaceAll(':', '~')}.json`;
      writeFileSync(path.join(HISTORIES, name), historyToJSON(history));
    }
  });
});
