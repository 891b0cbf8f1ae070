import { HR, Stack, eventually } from '../support/api-client';
import { accepted, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { appointAndClose, runToSignedRanking, utamaProfile } from '../support/chain-fixtures';
import { registerUtamaIncumbent } from '../support/senior-chain-runs';

const stack = new Stack();
afterAll(() => stack.close());

interface Decision {
  decision: string;
  actor: { id: string; role: string };
  evidence: unknown[];
  payload: Record<string, unknown>;
  ruleVersion: string | null;
  sop: { id: string; version: string };
}

const SOP = '1.0.0-utama.test.fast';
const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Runs a JPT utama selection to the TPA's assessment, the post held since `since`. */
async function toTpaAssessment(since: string, names: string[]) {
  const sel = await runToSignedRanking(
    stack,
    { positionClass: 'jpt_utama', sopVersion: SOP, agencyPrefix: 'LPNK' },
    names.map(utamaProfile),
  );
  const holder = await registerUtamaIncumbent(stack, sel.agencyCode, sel.postCode, since);
  const decisions = `${sel.path}/decisions`;
  const post = (body: Record<string, unknown>) => stack.call('POST', decisions, { actor: HR, body });
  const doc = async (kind: string) => [await uploadEvidence(stack, kind, sel.agencyCode)];
  return { ...sel, holder, decisions, post, doc };
}

describe('the JPT utama chain and the President’s approval of a replacement (issue 16) through the API', () => {
  it('runs a JPT utama selection end to end: the proposer’s three names, the TPA, a Keppres; an incumbent of 2019 needs no approval', async () => {
    const sel = await toTpaAssessment('2019-05-20', ['Indra Wijaya', 'Joko Prasetyo', 'Kartika Sari', 'Lestari Ayu']);
    expect(sel.opened).toMatchObject({ chain: 'utama', sop: { id: 'open-selection', version: SOP } });
    const [first, second, third, fourth] = sel.ranked;

    const waiting = await waitForStep(stack, sel.path, 'nomination');
    expect(waiting.pendingTasks).toEqual([
      expect.objectContaining({ role: 'hr_officer', decision: 'propose_nominees', subject: sel.postCode }),
    ]);
    // No governor and no Minister in the utama chain; the TPA cannot assess before the proposal.
    const governor = await sel.post({
      decision: 'governor_propose',
      postCode: sel.postCode,
      nominees: [first, second, third],
      evidence: await sel.doc('surat_usulan_gubernur'),
    });
    expect(governor.status).toBe(409);
    expect(governor.body.code).toBe('DECISION_NOT_ALLOWED');
    const letter = await sel.doc('surat_usulan_pengusul');
    const proposed = await sel.post({
      decision: 'propose_nominees',
      postCode: sel.postCode,
      nominees: [first, second, third],
      evidence: letter,
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.step).toBe('tpa_assessment');

    const assessed = await sel.post({ decision: 'tpa_assess', postCode: sel.postCode, evidence: await sel.doc('hasil_sidang_tpa') });
    expect(assessed.status).toBe(200);
    // The incumbent has held the post for more than two years: straight to the Keppres.
    const atDecree = await waitForStep(stack, sel.path, 'presidential_decree');
    expect(atDecree.chain.posts[sel.postCode].presidentialApprovalCheck).toMatchObject({
      required: false,
      incumbent: { nip: sel.holder, since: '2019-05-20' },
      window: { years: 2, from: '2019-05-20', until: '2021-05-20' },
    });

    const keppres = await sel.doc('keppres');
    const stranger = await sel.post({
      decision: 'record_keppres',
      postCode: sel.postCode,
      nip: fourth,
      decreeNumber: '12/TPA/2026',
      evidence: keppres,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.details.fields).toEqual([expect.objectContaining({ field: 'nip', rule: 'nominees.proposed' })]);
    await accepted(stack, sel.decisions, HR, {
      decision: 'record_keppres',
      postCode: sel.postCode,
      nip: first,
      decreeNumber: '12/TPA/2026',
      evidence: keppres,
    });

    const closed = await appointAndClose(stack, sel);
    expect(closed.appointments[sel.postCode]).toMatchObject({ nip: first });
    expect(closed.chain).toMatchObject({
      name: 'utama',
      posts: {
        [sel.postCode]: {
          nomination: { body: 'PENGUSUL', nominees: [first, second, third], by: HR.id },
          tpaAssessment: { body: 'TPA' },
          keppres: { body: 'PRESIDEN', nip: first },
        },
      },
    });
    const rows = closed.decisions as Decision[];
    const names = rows.map((d) => d.decision);
    expect(names).toEqual(
      expect.arrayContaining(['propose_nominees', 'nominations_received', 'tpa_assess', 'tpa_assessed', 'all_posts_picked']),
    );
    expect(names).not.toEqual(expect.arrayContaining(['president_approval_required']));
    expect(names).not.toContain('governor_propose');
    // The ledger row of the check names the facts: which incumbent, appointed when, the window and the rule version.
    const check = rows.find((d) => d.decision === 'tpa_assessed')!;
    expect(check.ruleVersion).toBe('president-approval@2026-12-01');
    expect(check.payload.presidentialApproval).toEqual([
      expect.objectContaining({
        postCode: sel.postCode,
        required: false,
        incumbent: expect.objectContaining({ nip: sel.holder, since: '2019-05-20' }),
      }),
    ]);
  });

  it('asks the President’s approval when the incumbent was appointed under two years before, and refuses the Keppres without it', async () => {
    const since = isoDaysAgo(180);
    const sel = await toTpaAssessment(since, ['Maya Anggraini', 'Nanda Pratama', 'Oki Setiawan', 'Putri Handayani']);
    await waitForStep(stack, sel.path, 'nomination');
    const nominees = sel.ranked.slice(0, 3);
    await accepted(stack, sel.decisions, HR, {
      decision: 'propose_nominees',
      postCode: sel.postCode,
      nominees,
      evidence: await sel.doc('surat_usulan_pengusul'),
    });
    await accepted(stack, sel.decisions, HR, {
      decision: 'tpa_assess',
      postCode: sel.postCode,
      evidence: await sel.doc('hasil_sidang_tpa'),
    });

    const waiting = await waitForStep(stack, sel.path, 'president_approval');
    expect(waiting.pendingTasks).toEqual([
      expect.objectContaining({ role: 'hr_officer', decision: 'president_approve', subject: sel.postCode }),
    ]);
    expect(waiting.chain.posts[sel.postCode].presidentialApprovalCheck).toMatchObject({
      required: true,
      incumbent: { nip: sel.holder, name: 'Pejabat Lama', since, decreeNumber: 'KEPPRES-LAMA' },
      window: { years: 2, from: since },
      ruleVersion: 'president-approval@2026-12-01',
    });

    // The appointment (the Keppres) is refused until the President has approved the replacement.
    const keppres = await sel.doc('keppres');
    const early = await sel.post({
      decision: 'record_keppres',
      postCode: sel.postCode,
      nip: nominees[0],
      decreeNumber: '13/TPA/2026',
      evidence: keppres,
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'DECISION_NOT_ALLOWED' });
    const noDocument = await sel.post({ decision: 'president_approve', postCode: sel.postCode });
    expect(noDocument.status).toBe(400);
    expect(noDocument.body).toMatchObject({ code: 'DECISION_INCOMPLETE', details: { missing: ['evidence'] } });

    const approved = await sel.post({
      decision: 'president_approve',
      postCode: sel.postCode,
      evidence: await sel.doc('persetujuan_presiden'),
    });
    expect(approved.status).toBe(200);
    expect(approved.body.step).toBe('presidential_decree');
    await accepted(stack, sel.decisions, HR, {
      decision: 'record_keppres',
      postCode: sel.postCode,
      nip: nominees[0],
      decreeNumber: '13/TPA/2026',
      evidence: keppres,
    });
    const appointing = await waitForStep(stack, sel.path, 'appointment');
    expect(appointing.chain.posts[sel.postCode].presidentApproval).toMatchObject({ body: 'PRESIDEN', by: HR.id });

    // Every decision recorded in the ledger (the rows are written as the decisions are taken).
    const recorded = await eventually(async () => {
      const r = (await stack.call('GET', sel.path)).body;
      return r.recordedCount === r.decisionCount ? r : undefined;
    });
    const rows = recorded.decisions as Decision[];
    const required = rows.find((d) => d.decision === 'president_approval_required')!;
    expect(required.ruleVersion).toBe('president-approval@2026-12-01');
    expect(required.payload.presidentialApproval).toEqual([
      expect.objectContaining({ required: true, incumbent: expect.objectContaining({ nip: sel.holder, since }) }),
    ]);
    expect(rows.map((d) => d.decision).filter((d) => ['tpa_assess', 'president_approve', 'record_keppres'].includes(d))).toEqual([
      'tpa_assess',
      'president_approve',
      'record_keppres',
    ]);
    const approval = rows.find((d) => d.decision === 'president_approve')!;
    expect(approval).toMatchObject({ actor: { role: 'hr_officer' }, payload: { body: { code: 'PRESIDEN' } } });
    expect(approval.evidence).toHaveLength(1);
  });
});
