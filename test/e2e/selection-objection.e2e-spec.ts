import { Stack, eventually, type TestActor } from '../support/api-client';
import { OVERSEER, asMember, eligibleProfile, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { candidateActor, runToSignedRanking } from '../support/chain-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

interface Decision {
  decision: string;
  actor: { id: string; role: string };
  evidence: unknown[];
  payload: Record<string, unknown>;
  sop: { id: string; version: string };
}

const candidate = candidateActor;
const uploadAs = (actor: TestActor, kind: string, agencyCode: string) => uploadEvidence(stack, kind, agencyCode, actor);

describe('the objection stage of an open selection (issue 16 item 2) through the API', () => {
  it('publishes results, takes a candidate’s objection in the window, has the chair answer it, then goes on', async () => {
    const profiles = ['Eka Pratiwi', 'Fajar Nugroho', 'Gita Lestari', 'Hadi Wibowo'].map((n) => eligibleProfile(n));
    const sel = await runToSignedRanking(
      stack,
      { positionClass: 'jpt_pratama', sopVersion: '1.1.0-test.fast', agencyPrefix: 'PEMKAB' },
      profiles,
    );
    expect(sel.opened).toMatchObject({ sop: { id: 'open-selection', version: '1.1.0-test.fast' } });
    const decisions = `${sel.path}/decisions`;
    const [first, , third, last] = sel.ranked;
    const chair = asMember(sel.members[0]);
    const objector = candidate(last, sel.agencyCode);

    // The signed ranking is published to the candidates (a ledger row with every breakdown) and the window opens.
    const opened = await waitForStep(stack, sel.path, 'objection_window');
    expect(opened.deadline).toMatchObject({ step: 'objection_window', onExpiry: 'handler' });
    const published = opened.decisions.find((d: Decision) => d.decision === 'results_published');
    expect(published.payload.results).toHaveLength(4);
    expect(published.payload.results.find((r: { nip: string }) => r.nip === last)).toMatchObject({ rank: 4, shortlisted: false });

    // A candidate reads their own result with its breakdown ...
    const mine = await stack.call('GET', `${sel.path}/my-result`, { actor: objector });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ nip: last, rank: 4, shortlisted: false, objection: null, objectionWindow: { open: true } });
    expect(Object.keys(mine.body.components)).toEqual(expect.arrayContaining(['administrative', 'assessment', 'paper', 'interview']));
    expect(mine.body.administrativeScore).toBe(75);
    // ... and nobody else's: not the selection, not someone else's assessment; a stranger or another agency's token sees nothing.
    expect((await stack.call('GET', sel.path, { actor: objector })).status).toBe(403);
    expect((await stack.call('GET', `${sel.path}/assessments/${first}`, { actor: objector })).status).toBe(403);
    const stranger = await stack.call('GET', `${sel.path}/my-result`, { actor: candidate('199001012015031009', sel.agencyCode) });
    expect(stranger.status).toBe(404);
    expect((await stack.call('GET', `${sel.path}/my-result`, { actor: candidate(last, 'PEMKAB-LAIN') })).status).toBe(404);
    const firstReads = await stack.call('GET', `${sel.path}/my-result`, { actor: candidate(first, sel.agencyCode) });
    expect(firstReads.body).toMatchObject({ nip: first, rank: 1, shortlisted: true });
    expect(JSON.stringify(firstReads.body)).not.toContain(last);

    // The shortlist cannot go on while the window is open.
    const early = await stack.call('POST', decisions, {
      actor: OVERSEER,
      body: {
        decision: 'recommend',
        postCode: sel.postCode,
        recommended: sel.ranked.slice(0, 3),
        evidence: [await uploadEvidence(stack, 'rekomendasi', sel.agencyCode)],
      },
    });
    expect(early.status).toBe(409);

    // The candidate objects with evidence; the answer is their own result, objection included.
    const evidence = [await uploadAs(objector, 'surat_sanggahan', sel.agencyCode)];
    const filed = await stack.call('POST', decisions, {
      actor: objector,
      body: { decision: 'file_objection', reason: 'Nilai wawancara saya tidak sesuai berita acara', evidence },
    });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ nip: last, objection: { nip: last, answer: null } });
    expect(filed.body.candidates).toBeUndefined();
    const twice = await stack.call('POST', decisions, { actor: objector, body: { decision: 'file_objection', reason: 'lagi', evidence } });
    expect(twice.status).toBe(400);
    // A stranger's objection is refused as if there were no such selection.
    const strangerObjects = await stack.call('POST', decisions, {
      actor: candidate('199001012015031009', sel.agencyCode),
      body: { decision: 'file_objection', reason: 'x', evidence },
    });
    expect(strangerObjects.status).toBe(404);
    // The chair answers only once the window has closed.
    const tooSoon = await stack.call('POST', decisions, {
      actor: chair,
      body: { decision: 'answer_objection', nip: last, upheld: false, reason: 'Nilai sesuai berita acara' },
    });
    expect(tooSoon.status).toBe(409);

    // The window closes on its timer; the chair must answer before the shortlist goes on.
    const review = await waitForStep(stack, sel.path, 'objection_review');
    expect(review.pendingTasks).toEqual([
      expect.objectContaining({ role: 'committee_chair', decision: 'answer_objection', subject: last }),
    ]);
    const late = await stack.call('POST', decisions, {
      actor: candidate(third, sel.agencyCode),
      body: {
        decision: 'file_objection',
        reason: 'Terlambat',
        evidence: [await uploadAs(candidate(third, sel.agencyCode), 'surat_sanggahan', sel.agencyCode)],
      },
    });
    expect(late.status).toBe(409);
    const stillOpen = await stack.call('POST', decisions, {
      actor: OVERSEER,
      body: { decision: 'recommend', postCode: sel.postCode, recommended: sel.ranked.slice(0, 3), evidence },
    });
    expect(stillOpen.status).toBe(409);

    const unanswerable = await stack.call('POST', decisions, {
      actor: chair,
      body: { decision: 'answer_objection', nip: first, upheld: false, reason: 'x' },
    });
    expect(unanswerable.status).toBe(400);
    const answered = await stack.call('POST', decisions, {
      actor: chair,
      body: { decision: 'answer_objection', nip: last, upheld: false, reason: 'Nilai wawancara sesuai berita acara dan rekaman' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.step).toBe('external_review');

    const after = await eventually(async () => {
      const r = await stack.call('GET', sel.path);
      return r.body.recordedCount === r.body.decisionCount ? r.body : undefined;
    });
    const rows = after.decisions.map((d: Decision) => d.decision);
    expect(rows.filter((d: string) => d === 'file_objection')).toHaveLength(1);
    expect(rows).toEqual(
      expect.arrayContaining([
        'sign_ranking',
        'results_published',
        'file_objection',
        'objection_window_closed',
        'answer_objection',
        'objections_answered',
      ]),
    );
    const objection = after.decisions.find((d: Decision) => d.decision === 'file_objection');
    expect(objection).toMatchObject({ actor: { id: last, role: 'candidate' }, sop: { version: '1.1.0-test.fast' } });
    expect(objection.evidence).toHaveLength(1);
    expect(after.decisions.find((d: Decision) => d.decision === 'answer_objection').payload).toMatchObject({ nip: last, upheld: false });
    expect(after.objections).toEqual([expect.objectContaining({ nip: last, answer: expect.objectContaining({ upheld: false }) })]);

    // The shortlist goes on to the overseer.
    const ownAfter = await stack.call('GET', `${sel.path}/my-result`, { actor: objector });
    expect(ownAfter.body).toMatchObject({ objection: { answer: { upheld: false } }, objectionWindow: { open: false } });
    const recommended = await stack.call('POST', decisions, {
      actor: OVERSEER,
      body: {
        decision: 'recommend',
        postCode: sel.postCode,
        recommended: sel.ranked.slice(0, 3),
        evidence: [await uploadEvidence(stack, 'rekomendasi', sel.agencyCode)],
      },
    });
    expect(recommended.status).toBe(200);
  });

  it('an upheld objection reopens that candidate’s scores; the chair re-enters them and re-signs the ranking', async () => {
    const profiles = ['Indra Kurniawan', 'Joko Santoso', 'Kartika Sari', 'Lina Marlina'].map((n) => eligibleProfile(n));
    const sel = await runToSignedRanking(
      stack,
      { positionClass: 'jpt_pratama', sopVersion: '1.1.0-test.fast', agencyPrefix: 'PEMKOT' },
      profiles,
    );
    const decisions = `${sel.path}/decisions`;
    const [first, , , last] = sel.ranked;
    const chair = asMember(sel.members[0]);
    const objector = candidate(last, sel.agencyCode);
    await waitForStep(stack, sel.path, 'objection_window');
    const before = (await stack.call('GET', `${sel.path}/my-result`, { actor: objector })).body;
    const filed = await stack.call('POST', decisions, {
      actor: objector,
      body: {
        decision: 'file_objection',
        reason: 'Nilai makalah saya tertukar dengan calon lain',
        evidence: [await uploadAs(objector, 'surat_sanggahan', sel.agencyCode)],
      },
    });
    expect(filed.status).toBe(200);
    await waitForStep(stack, sel.path, 'objection_review');
    const upheld = await stack.call('POST', decisions, {
      actor: chair,
      body: { decision: 'answer_objection', nip: last, upheld: true, reason: 'Terbukti tertukar menurut berita acara' },
    });
    expect(upheld.status).toBe(200);
    expect(upheld.body.step).toBe('rescoring');
    expect((await stack.call('GET', sel.path)).body.pendingTasks).toEqual([
      expect.objectContaining({ decision: 'rescore_candidate', subject: last }),
    ]);

    const doc = async () => [await uploadEvidence(stack, 'ba_penilaian_ulang', sel.agencyCode)];
    // Not re-signed before the upheld candidate is rescored; only that candidate is rescored.
    expect((await stack.call('POST', decisions, { actor: chair, body: { decision: 'sign_ranking', evidence: await doc() } })).status).toBe(
      400,
    );
    const wrong = await stack.call('POST', decisions, {
      actor: chair,
      body: { decision: 'rescore_candidate', nip: first, paper: 50, interview: 50, reason: 'x', evidence: await doc() },
    });
    expect(wrong.status).toBe(400);
    const rescored = await stack.call('POST', decisions, {
      actor: chair,
      body: {
        decision: 'rescore_candidate',
        nip: last,
        paper: 100,
        interview: 100,
        reason: 'Nilai makalah dikoreksi',
        evidence: await doc(),
      },
    });
    expect(rescored.status).toBe(200);
    const resigned = await stack.call('POST', decisions, { actor: chair, body: { decision: 'sign_ranking', evidence: await doc() } });
    expect(resigned.status).toBe(200);
    expect(resigned.body.step).toBe('external_review');

    const after = (await stack.call('GET', `${sel.path}/my-result`, { actor: objector })).body;
    expect(after.components).toMatchObject({ paper: 100, interview: 100 });
    expect(after.total).toBeGreaterThan(before.total);
    expect(after.rank).toBeLessThan(before.rank);
    expect(after.objection).toMatchObject({ answer: { upheld: true } });
    const state = await eventually(async () => {
      const r = await stack.call('GET', sel.path);
      return r.body.recordedCount === r.body.decisionCount ? r.body : undefined;
    });
    const rows = state.decisions.map((d: Decision) => d.decision);
    expect(rows).toEqual(expect.arrayContaining(['scoring_reopened', 'rescore_candidate']));
    expect(rows.filter((d: string) => d === 'sign_ranking')).toHaveLength(2);
    const republished = state.decisions.filter((d: Decision) => d.decision === 'results_published');
    expect(republished.map((d: Decision) => d.payload.resigned)).toEqual([false, true]);
    expect(state.decisions.find((d: Decision) => d.decision === 'rescore_candidate').payload).toMatchObject({
      nip: last,
      after: { paper: 100, interview: 100 },
    });
  });
});
