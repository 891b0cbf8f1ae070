import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal } from '../support/api-client';
import { OVERSEER, accepted, eligibleProfile, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { appointAndClose, madyaProfile, runToSignedRanking } from '../support/chain-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

interface Decision {
  decision: string;
  actor: { id: string; role: string };
  evidence: unknown[];
  payload: Record<string, unknown>;
  sop: { id: string; version: string };
}

const post = (path: string, actor: Actor, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });

describe('decision chains of senior posts (issue 16 item 1) through the API', () => {
  it('runs a JPT madya selection: governor proposes three, the Minister forwards, the TPA assesses, a Keppres appoints', async () => {
    const profiles = ['Arif Budiman', 'Bayu Saputra', 'Cahya Purnama', 'Dian Kusuma'].map(madyaProfile);
    const sel = await runToSignedRanking(
      stack,
      { positionClass: 'jpt_madya', sopVersion: '1.0.0-madya.test.fast', agencyPrefix: 'PEMPROV' },
      profiles,
    );
    expect(sel.opened).toMatchObject({ chain: 'madya', sop: { id: 'open-selection', version: '1.0.0-madya.test.fast' } });
    const decisions = `${sel.path}/decisions`;
    const [first, second, third, fourth] = sel.ranked;

    // After the ranking the governor has the case, on a working-day SLA (2 s in the test SOP) that escalates.
    const waiting = await waitForStep(stack, sel.path, 'governor_proposal');
    expect(waiting.pendingTasks).toEqual([
      expect.objectContaining({ role: 'hr_officer', decision: 'governor_propose', subject: sel.postCode }),
    ]);
    const escalated = await eventually(async () => {
      const s = (await stack.call('GET', sel.path)).body;
      return s.decisions.find((d: Decision) => d.decision === 'deadline_escalated');
    });
    expect(escalated.payload).toMatchObject({ onExpiry: 'escalate', notifyRole: 'ppk' });

    const letter = [await uploadEvidence(stack, 'surat_usulan_gubernur', sel.agencyCode)];
    // A PPK cannot record the governor's decision: only the secretariat records for an outside body.
    const wrongRole = await post(decisions, PPK, {
      decision: 'governor_propose',
      postCode: sel.postCode,
      nominees: [first, second, third],
      evidence: letter,
    });
    expect(wrongRole.status).toBe(409);
    expect(wrongRole.body.code).toBe('ROLE_NOT_ALLOWED');
    // The body's document is required.
    const noDocument = await post(decisions, HR, {
      decision: 'governor_propose',
      postCode: sel.postCode,
      nominees: [first, second, third],
    });
    expect(noDocument.status).toBe(400);
    expect(noDocument.body).toMatchObject({ code: 'DECISION_INCOMPLETE', details: { missing: ['evidence'] } });
    // The next body cannot act before the governor.
    const early = await post(decisions, HR, { decision: 'minister_forward', postCode: sel.postCode, evidence: letter });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('DECISION_NOT_ALLOWED');

    const proposed = await post(decisions, HR, {
      decision: 'governor_propose',
      postCode: sel.postCode,
      nominees: [first, second, third],
      reason: 'Tiga nama terbaik hasil seleksi',
      evidence: letter,
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.step).toBe('minister_review');

    await accepted(stack, decisions, HR, {
      decision: 'minister_forward',
      postCode: sel.postCode,
      evidence: [await uploadEvidence(stack, 'surat_mendagri', sel.agencyCode)],
    });
    await accepted(stack, decisions, HR, {
      decision: 'tpa_assess',
      postCode: sel.postCode,
      evidence: [await uploadEvidence(stack, 'hasil_sidang_tpa', sel.agencyCode)],
    });
    const keppres = [await uploadEvidence(stack, 'keppres', sel.agencyCode)];
    // The Keppres appoints one of the governor's three: the fourth ranked was not proposed.
    const stranger = await post(decisions, HR, {
      decision: 'record_keppres',
      postCode: sel.postCode,
      nip: fourth,
      decreeNumber: '45/TPA/2026',
      evidence: keppres,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.details.fields).toEqual([expect.objectContaining({ field: 'nip', rule: 'nominees.proposed' })]);

    const appointed = await post(decisions, HR, {
      decision: 'record_keppres',
      postCode: sel.postCode,
      nip: second,
      decreeNumber: '45/TPA/2026',
      reason: 'Keppres mengangkat calon peringkat kedua',
      evidence: keppres,
    });
    expect(appointed.status).toBe(200);
    expect((await stack.call('GET', sel.path)).body.picks[sel.postCode]).toMatchObject({ nip: second, rank: 2 });

    const closed = await appointAndClose(stack, sel);
    expect(closed.appointments[sel.postCode]).toMatchObject({ nip: second });
    expect(closed.chain).toMatchObject({
      name: 'madya',
      posts: {
        [sel.postCode]: {
          governorProposal: { body: 'GUBERNUR', nominees: [first, second, third], by: HR.id },
          ministerForward: { body: 'MENDAGRI' },
          tpaAssessment: { body: 'TPA' },
          keppres: { body: 'PRESIDEN', nip: second, decreeNumber: '45/TPA/2026' },
        },
      },
    });
    // Each outside body's step is a ledger row with who recorded it, for which body, and its document; refusals recorded nothing.
    const rows = (closed.decisions as Decision[]).filter((d) =>
      ['governor_propose', 'minister_forward', 'tpa_assess', 'record_keppres'].includes(d.decision),
    );
    expect(rows.map((d) => [d.decision, d.actor.role, (d.payload.body as { code: string }).code, d.evidence.length])).toEqual([
      ['governor_propose', 'hr_officer', 'GUBERNUR', 1],
      ['minister_forward', 'hr_officer', 'MENDAGRI', 1],
      ['tpa_assess', 'hr_officer', 'TPA', 1],
      ['record_keppres', 'hr_officer', 'PRESIDEN', 1],
    ]);
    expect(rows.every((d) => d.sop.version === '1.0.0-madya.test.fast')).toBe(true);
    expect((closed.decisions as Decision[]).map((d) => d.decision)).toEqual(
      expect.arrayContaining(['governor_proposals_received', 'minister_forwarded', 'tpa_assessed', 'all_posts_picked']),
    );
    expect((closed.decisions as Decision[]).map((d) => d.decision)).not.toContain('pick');
  });

  it('runs a regency Sekda selection: the overseer recommends, the PPK picks, the governor approves before the appointment', async () => {
    const profiles = ['Eka Wulandari', 'Fajar Nugroho', 'Gita Permata', 'Hadi Santoso'].map((n) => eligibleProfile(n));
    const sel = await runToSignedRanking(
      stack,
      { positionClass: 'jpt_pratama', regionalSecretary: 'regency_city', sopVersion: '1.0.0-sekda.test.fast', agencyPrefix: 'PEMKAB' },
      profiles,
    );
    expect(sel.opened).toMatchObject({ chain: 'regency_sekda', sop: { version: '1.0.0-sekda.test.fast' } });
    const decisions = `${sel.path}/decisions`;
    await accepted(stack, decisions, OVERSEER, {
      decision: 'recommend',
      postCode: sel.postCode,
      recommended: sel.ranked.slice(0, 3),
      evidence: [await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode)],
    });
    await accepted(stack, decisions, PPK, { decision: 'pick', postCode: sel.postCode, nip: sel.ranked[0] });

    const waiting = await waitForStep(stack, sel.path, 'governor_approval');
    expect(waiting.pendingTasks).toEqual([expect.objectContaining({ decision: 'governor_approve', subject: sel.postCode })]);
    const approval = [await uploadEvidence(stack, 'persetujuan_gubernur', sel.agencyCode)];
    // The regent (the PPK) cannot record the governor's approval of his own pick.
    const wrongRole = await post(decisions, PPK, { decision: 'governor_approve', postCode: sel.postCode, evidence: approval });
    expect(wrongRole.status).toBe(409);
    expect(wrongRole.body.code).toBe('ROLE_NOT_ALLOWED');
    const noDocument = await post(decisions, HR, { decision: 'governor_approve', postCode: sel.postCode });
    expect(noDocument.status).toBe(400);
    expect(noDocument.body.code).toBe('DECISION_INCOMPLETE');
    const approved = await post(decisions, HR, { decision: 'governor_approve', postCode: sel.postCode, evidence: approval });
    expect(approved.status).toBe(200);
    expect(approved.body.step).toBe('appointment');

    const closed = await appointAndClose(stack, sel);
    expect(closed.appointments[sel.postCode]).toMatchObject({ nip: sel.ranked[0] });
    expect(closed.chain.posts[sel.postCode].governorApproval).toMatchObject({ body: 'GUBERNUR', by: HR.id });
    const order = (closed.decisions as Decision[])
      .map((d) => d.decision)
      .filter((d) => ['pick', 'governor_approve', 'record_decree'].includes(d));
    expect(order).toEqual(['pick', 'governor_approve', 'record_decree']);
  });

  it('refuses a regency Sekda chain for a JPT madya post, starting nothing', async () => {
    const agencyCode = uniqueCode('PEMKAB');
    const proposal = vacancyProposal({ agencyCode, positionClass: 'jpt_madya', gradeMin: 'IV/c', gradeMax: 'IV/e' });
    const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(v.status).toBe(201);
    expect(
      (await post(`/v1/vacancies/${v.body.workflowId}/decisions`, PPK, { decision: 'approve', fillingMethod: 'open_selection' })).status,
    ).toBe(200);
    const selectionCode = uniqueCode('SELTER');
    const res = await stack.call('POST', '/v1/selections', {
      body: { agencyCode, selectionCode, title: 'Seleksi Sekda', vacancyIds: [v.body.workflowId], regionalSecretary: 'regency_city' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([
      expect.objectContaining({ field: 'regionalSecretary', rule: 'regionalSecretary.positionClass' }),
    ]);
    const none = await stack.call('GET', `/v1/selections/open-selection:${agencyCode}:${selectionCode}`);
    expect(none.status).toBe(404);
  });
});
