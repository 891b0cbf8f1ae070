import { selectionStateQuery, vacancyStateQuery } from '@meritflow/contracts';
import { HR, closedVacancy, Stack, vacancyPath, vacancyProposal } from '../support/api-client';
import { runWholeSelection } from '../support/selection-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

/**
 * A completed case's GET reads its state from the workflow's result instead of a query, which Temporal
 * would hand to a worker to replay the run's whole history (issue 19). That rests on every root case's
 * workflow returning its state query's final answer: checked here against a real replay.
 */
describe("a closed case's state", () => {
  it('a completed vacancy: the result is the state a replay answers, and GET shows it', async () => {
    const id = await closedVacancy(stack);
    const handle = (await stack.temporalClient()).workflow.getHandle(id);
    const replayed = await handle.query(vacancyStateQuery);
    expect(await handle.result()).toEqual(replayed);
    const [, agencyCode, positionCode] = id.split(':');
    const res = await stack.call('GET', vacancyPath({ agencyCode, positionCode }));
    expect(res.status).toBe(200);
    const { decisions, ...state } = res.body;
    expect(state).toEqual(expect.objectContaining({ step: replayed.step, status: replayed.status, decisionCount: replayed.decisionCount }));
    expect(state.runId).toBe(replayed.runId);
    expect(decisions).toHaveLength(replayed.decisionCount);
  });

  it('a whole selection: the result is the state a replay answers, candidates and all', async () => {
    const sel = await runWholeSelection(stack);
    const handle = (await stack.temporalClient()).workflow.getHandle(sel.id);
    const replayed = await handle.query(selectionStateQuery);
    expect(replayed.step).toBe('closed');
    expect(await handle.result()).toEqual(replayed);
    const res = await stack.call('GET', sel.path, { actor: HR });
    expect(res.status).toBe(200);
    expect(res.body.step).toBe('closed');
    expect(res.body.runId).toBe(replayed.runId);
    expect(res.body.candidates.map((c: { nip: string; status: string }) => [c.nip, c.status])).toEqual(
      replayed.candidates.map((c) => [c.nip, c.status]),
    );
    expect(res.body.ranking).toEqual(replayed.ranking);
  });

  it('a terminated case, which has no result, is still answered from its history', async () => {
    const proposal = vacancyProposal();
    const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    const handle = (await stack.temporalClient()).workflow.getHandle(created.body.workflowId as string);
    const before = await handle.query(vacancyStateQuery);
    await handle.terminate('test: a case ended by an administrator');
    const res = await stack.call('GET', vacancyPath(proposal));
    expect(res.status).toBe(200);
    expect(res.body.step).toBe(before.step);
    expect(res.body.runId).toBe(before.runId);
  });
});
