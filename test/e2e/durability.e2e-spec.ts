import { readStackState } from '../support/test-stack';
import { Stack, PPK, eventually, vacancyPath, vacancyProposal } from '../support/api-client';

const stack = new Stack();
afterAll(() => stack.close());

/** The global setup supervises the worker: once killed, a new process with a new pid takes over. */
async function killWorker(): Promise<number> {
  const { workerPid } = readStackState();
  process.kill(workerPid, 'SIGKILL');
  return workerPid;
}

const waitForNewWorker = (oldPid: number) =>
  eventually(async () => readStackState().workerPid !== oldPid, 30_000, 'the worker to be restarted');

describe('durability', () => {
  it('keeps every decision exactly once when the worker is killed while a decision is in flight', async () => {
    const proposal = vacancyProposal();
    const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    await eventually(async () => (await stack.ledgerRows(created.body.workflowId)).length === 1);

    const decision = stack.call('POST', `${vacancyPath(proposal)}/decisions`, {
      actor: PPK,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    await new Promise((r) => setTimeout(r, 30));
    const oldPid = await killWorker();

    const res = await decision;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ step: 'approved', recordedCount: 2 });
    await waitForNewWorker(oldPid);
    const rows = await stack.ledgerRows(created.body.workflowId);
    expect(rows.map((r) => [r.sequence, r.decision])).toEqual([
      [1, 'propose'],
      [2, 'approve'],
    ]);
  });

  it('keeps a case started while no worker runs, and its deadline still fires after the worker returns', async () => {
    const oldPid = await killWorker();
    const proposal = vacancyProposal({ sopVersion: '1.0.0-test.fast' });
    const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    await waitForNewWorker(oldPid);
    const done = await eventually(
      async () => {
        const r = await stack.call('GET', vacancyPath(proposal));
        return r.body.status === 'expired' && r.body.decisions.length === 2 ? r : undefined;
      },
      60_000,
      'the deadline after restart',
    );
    expect(done.body.decisions.map((d: { decision: string }) => d.decision)).toEqual(['propose', 'deadline_expired']);
  });
});
