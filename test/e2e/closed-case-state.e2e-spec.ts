import type { QueryDefinition } from '@temporalio/common';
import {
  bulkMoveStateQuery,
  disciplineStateQuery,
  moveStateQuery,
  selectionStateQuery,
  talentReviewStateQuery,
  vacancyStateQuery,
} from '@meritflow/contracts';
import { wibDate } from '@meritflow/domain';
import { HR, PPK, closedVacancy, eventually, Stack, uniqueCode, vacancyPath, vacancyProposal, type TestActor } from '../support/api-client';
import { decideMutation, evidence, moveFacts, region } from '../support/move-fixtures';
import { openDisciplineCase } from '../support/discipline-fixtures';
import { hrOf, namedMoves } from '../support/register-fixtures';
import { runWholeSelection } from '../support/selection-fixtures';
import { agencyWithOfficials, CHAIR, openReview } from '../support/talent-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

/** Today as a WIB calendar date: decrees are dated today, well inside the backdating limit. */
const today = () => wibDate(new Date());

/** Waits for the case's run to complete, then has a worker replay it: its result must be that answer, which is returned. */
async function resultIsReplayedState<S>(id: string, query: QueryDefinition<S, []>): Promise<S> {
  const handle = (await stack.temporalClient()).workflow.getHandle(id);
  await handle.result();
  const replayed = await handle.query(query);
  expect(await handle.result()).toEqual(replayed);
  return replayed;
}

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

  it('a completed move: the result is the state a replay answers, and GET shows it whole', async () => {
    const agency = uniqueCode('PEMKAB');
    const facts = moveFacts(agency, await region(stack));
    const created = await stack.call('POST', '/v1/moves', { body: await namedMoves(stack, { ...facts, reason: 'Penyegaran organisasi' }) });
    expect(created.status).toBe(201);
    const id: string = created.body.workflowId;
    const path = `/v1/moves/${id}`;
    await decideMutation(stack, path, agency, { decreeNumber: '800/19/2026', effectiveDate: today() });
    const replayed = await resultIsReplayedState(id, moveStateQuery);
    expect([replayed.step, replayed.decree]).toEqual(['completed', { number: '800/19/2026', effectiveDate: today() }]);
    const res = await stack.call('GET', path);
    expect(res.status).toBe(200);
    const { decisions, ...state } = res.body;
    expect(state).toEqual(replayed);
    expect(decisions).toHaveLength(replayed.decisionCount);
  });

  it('a completed bulk move: the result is the state a replay answers, members, decree and annex', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const moves = [moveFacts(agency, reg, { kind: 'rotation' }), moveFacts(agency, reg, { kind: 'rotation' })];
    const body = { agencyCode: agency, batchCode: uniqueCode('SK-ROTASI'), title: 'Rotasi dua pejabat', moves };
    const created = await stack.call('POST', '/v1/bulk-moves', { body: await namedMoves(stack, body) });
    expect(created.status).toBe(201);
    const id: string = created.body.workflowId;
    const path = `/v1/bulk-moves/${id}`;
    await eventually(async () => (await stack.call('GET', path)).body.step === 'awaiting_approval', 60_000, 'both people checked');
    expect((await stack.call('POST', `${path}/decisions`, { actor: PPK, body: { decision: 'approve_batch' } })).status).toBe(200);
    const decreed = await stack.call('POST', `${path}/decisions`, {
      actor: HR,
      body: {
        decision: 'record_decree',
        decreeNumber: '821.2/19/2026',
        effectiveDate: today(),
        evidence: await evidence(stack, 'sk_kolektif', agency),
      },
    });
    expect(decreed.status).toBe(200);
    const replayed = await resultIsReplayedState(id, bulkMoveStateQuery);
    expect(replayed.step).toBe('completed');
    expect(replayed.annex.map((a) => a.nip).sort()).toEqual(moves.map((m) => m.person.nip).sort());
    const res = await stack.call('GET', path);
    expect(res.status).toBe(200);
    const { decisions, ...state } = res.body;
    expect(state).toEqual(replayed);
    // The batch's own rows: its people record theirs beside them.
    expect(decisions.filter((d: { workflowId: string }) => d.workflowId === id)).toHaveLength(replayed.decisionCount);
  });

  it('a completed discipline case: the result is the state a replay answers, timers and register change included', async () => {
    // On the test-only SOP, whose appeal window closes after 2 s.
    const { agency, hr, id, path, decide } = await openDisciplineCase(stack);
    // A light sanction has no term: once the appeal window closes it is applied and the case completes.
    const steps: [TestActor, Record<string, unknown>][] = [
      [hr, { decision: 'record_examination', examinedOn: today(), team: [], reason: 'Pemeriksaan oleh atasan langsung' }],
      [PPK, { decision: 'decide_sanction', level: 'light', sanction: 'teguran_tertulis', reason: 'Terbukti' }],
      [
        hr,
        {
          decision: 'record_decree',
          decreeNumber: 'SK-HD-19',
          decreeDate: today(),
          effectiveDate: today(),
          evidence: await evidence(stack, 'sk_hukdis', agency),
        },
      ],
    ];
    for (const [actor, body] of steps) {
      const res = await decide(actor, body);
      expect([body.decision, res.status]).toEqual([body.decision, 200]);
    }
    const replayed = await resultIsReplayedState(id, disciplineStateQuery);
    expect(replayed.step).toBe('completed');
    expect(replayed.appealWindow?.closed).toBe(true);
    expect(replayed.inForce).toMatchObject({ level: 'light', sanction: 'teguran_tertulis', decreeNumber: 'SK-HD-19' });
    expect(replayed.registerChanges.map((c) => c.kind)).toEqual(['effect']);
    const res = await stack.call('GET', path, { actor: hr });
    expect(res.status).toBe(200);
    const { decisions, ...state } = res.body;
    expect(state).toEqual(replayed);
    expect(decisions).toHaveLength(replayed.decisionCount);
  });

  it('an approved talent review: the result is the state a replay answers, pool and grid included', async () => {
    const org = await agencyWithOfficials(stack);
    const review = await openReview(stack, org.agency);
    const approved = await stack.call('POST', `${review.path}/decisions`, {
      actor: { ...CHAIR, agency: org.agency },
      body: { decision: 'approve_pool', reason: 'Disetujui komite talenta' },
    });
    expect(approved.status).toBe(200);
    const replayed = await resultIsReplayedState(review.id, talentReviewStateQuery);
    expect([replayed.step, replayed.approved?.members]).toEqual(['approved', 1]);
    const res = await stack.call('GET', review.path, { actor: hrOf(org.agency) });
    expect(res.status).toBe(200);
    // The API answers the placements and exclusions as stored, with their inputs and sources: the same people.
    const { decisions, placements, exclusions, ...state } = res.body;
    const { placements: replayedPlacements, exclusions: replayedExclusions, ...rest } = replayed;
    expect(state).toEqual(rest);
    const nips = (list: { nip: string }[] | null) => (list ?? []).map((p) => p.nip).sort();
    expect(nips(placements)).toEqual(nips(replayedPlacements));
    expect(nips(exclusions)).toEqual(nips(replayedExclusions));
    expect(decisions).toHaveLength(replayed.decisionCount);
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
