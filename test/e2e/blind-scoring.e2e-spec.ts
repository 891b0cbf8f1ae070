import type { Actor, CandidateProfile } from '@meritflow/domain';
import { HR, PPK, Stack, eventually } from '../support/api-client';
import { ASSESSOR, asMember, committee, eligibleProfile, openSelection, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { enrol } from '../support/register-fixtures';

/**
 * Blind scoring (issue 16 item 3) on the real stack: a selection opened with `blindScoring: true` shows
 * its committee and assessors candidate codes, never names or NIPs, and takes their scores and
 * assessments by code, until the chair signs the ranking; that row reveals the mapping.
 */
const stack = new Stack();
afterAll(() => stack.close());

const post = (path: string, actor: Actor, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });
const get = (path: string, actor: Actor) => stack.call('GET', path, { actor });

/** The selection's Temporal memo, which tells the API without a query whether it scores blind. */
const memoOf = async (workflowId: string) => (await (await stack.temporalClient()).workflow.getHandle(workflowId).describe()).memo;

/** Whether a response body names any of the candidates, by NIP or by name. */
const namesAnyone = (body: unknown, people: readonly CandidateProfile[]) => {
  const text = JSON.stringify(body);
  return people.some((p) => text.includes(p.nip) || text.includes(p.name));
};

async function toScreening(options: Record<string, unknown>) {
  const sel = await openSelection(stack, options);
  const members = committee();
  const chair = asMember(members[0]);
  const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
  const entries = await enrol(stack, sel.agencyCode, sel.postCode, candidates);
  const ok = async (path: string, actor: Actor, body: Record<string, unknown>) => {
    const res = await post(path, actor, body);
    expect([body.decision, res.status, res.body.code]).toEqual([body.decision, 200, undefined]);
    return res;
  };
  await ok(`${sel.path}/decisions`, PPK, {
    decision: 'form_committee',
    members,
    evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)],
  });
  await ok(`${sel.path}/decisions`, chair, {
    decision: 'announce',
    evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)],
  });
  await ok(`${sel.path}/decisions`, HR, { decision: 'register_candidates', candidates: entries });
  await waitForStep(stack, sel.path, 'screening');
  return { sel, members, chair, candidates, ok };
}

describe('blind scoring through the API', () => {
  it('shows members and assessors codes until the ranking is signed, takes their work by code, then reveals the names', async () => {
    const { sel, members, chair, candidates, ok } = await toScreening({ blindScoring: true });
    const codes = ['K-01', 'K-02', 'K-03', 'K-04'];
    expect(await memoOf(sel.id)).toEqual({ blindScoring: true });

    // HR runs the file with names; the committee reads codes only, the state and the decisions list alike.
    const hrView = (await get(sel.path, HR)).body;
    expect(hrView.candidates.map((c: { code: string; nip: string }) => [c.code, c.nip])).toEqual(
      candidates.map((c, i) => [codes[i], c.nip]),
    );
    expect(hrView.decisions.find((d: { decision: string }) => d.decision === 'open_selection').payload.blindScoring).toBe(true);
    const chairView = (await get(sel.path, chair)).body;
    expect(chairView.candidates.map((c: { nip: string; name: string }) => [c.nip, c.name])).toEqual(codes.map((k) => [k, k]));
    expect(chairView.blindScoring).toEqual({ revealed: false, codes: [] });
    expect(chairView.decisions.map((d: { decision: string }) => d.decision)).toContain('register_candidates');
    expect(namesAnyone(chairView, candidates)).toBe(false);

    // The chair is refused in codes too (the refusal lists who is still to be screened).
    const early = await post(`${sel.path}/decisions`, chair, {
      decision: 'close_screening',
      evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)],
    });
    expect([early.status, early.body.code]).toEqual([409, 'DECISION_NOT_ALLOWED']);
    expect(JSON.stringify(early.body)).toContain('K-01');
    expect(namesAnyone(early.body, candidates)).toBe(false);

    for (const [i, c] of candidates.entries()) {
      await ok(`${sel.path}/decisions`, HR, {
        decision: 'screen_candidate',
        nip: c.nip,
        passed: true,
        administrativeScore: 90 - 5 * i,
        reason: 'Berkas lengkap dan sah',
      });
    }
    await ok(`${sel.path}/decisions`, chair, {
      decision: 'close_screening',
      evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)],
    });
    await waitForStep(stack, sel.path, 'assessment');

    // The assessor's inbox and the assessment itself speak of codes; a NIP names nobody to them.
    const assessor = { ...ASSESSOR, agency: sel.agencyCode };
    const inbox = await eventually(async () => {
      const r = await get('/v1/inbox', assessor);
      return r.body.tasks?.some((t: { caseId: string }) => t.caseId === sel.id) ? r.body : undefined;
    });
    const mine = inbox.tasks.filter((t: { caseId: string }) => t.caseId === sel.id);
    expect(mine.map((t: { subject: string }) => t.subject).sort()).toEqual(codes);
    expect(namesAnyone(inbox, candidates)).toBe(false);
    expect((await get(`${sel.path}/assessments/${candidates[0].nip}`, assessor)).status).toBe(404);
    const byNip = await post(`${sel.path}/assessments/${candidates[0].nip}/decisions`, assessor, {
      decision: 'record_assessment',
      achieved: { integritas: 5, kerjasama: 5, 'manajemen konstruksi': 5 },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
    });
    expect(byNip.status).toBe(404);
    for (const [i, code] of codes.entries()) {
      const level = 5 - Math.min(i, 2);
      const assessed = await ok(`${sel.path}/assessments/${code}/decisions`, assessor, {
        decision: 'record_assessment',
        achieved: { integritas: level, kerjasama: level, 'manajemen konstruksi': level },
        evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
      });
      expect(assessed.body.nip).toBe(code);
      expect(namesAnyone(assessed.body, candidates)).toBe(false);
    }

    // Members declare and score by code; a NIP is refused naming the field.
    await waitForStep(stack, sel.path, 'committee_review');
    const review = `${sel.path}/committee-review/decisions`;
    for (const m of members) {
      const declared = await ok(review, asMember(m), {
        decision: 'declare_interests',
        declarations: codes.map((nip) => ({ nip, conflicted: false })),
      });
      expect(namesAnyone(declared.body, candidates)).toBe(false);
    }
    const withNip = await post(review, asMember(members[1]), { decision: 'score', nip: candidates[0].nip, paper: 80, interview: 80 });
    expect(withNip.status).toBe(400);
    expect(withNip.body.details.fields).toEqual([expect.objectContaining({ field: 'nip', rule: 'blindScoring.code' })]);
    for (const [mi, m] of members.entries()) {
      const scored = await ok(review, asMember(m), {
        decision: 'score',
        scores: codes.map((nip, ci) => ({ nip, paper: 88 - 4 * ci + mi, interview: 88 - 4 * ci + mi })),
      });
      expect(namesAnyone(scored.body, candidates)).toBe(false);
      if (mi === 0) {
        // A refusal speaks of codes too.
        const again = await post(review, asMember(m), { decision: 'score', nip: 'K-01', paper: 70, interview: 70 });
        expect([again.status, again.body.code]).toEqual([409, 'ALREADY_DECIDED']);
        expect(JSON.stringify(again.body)).toContain('K-01');
        expect(namesAnyone(again.body, candidates)).toBe(false);
      }
    }

    // The ranking the chair signs is in codes; HR sees the same ranking by NIP.
    const ranked = await waitForStep(stack, sel.path, 'ranking');
    const chairRanking = (await get(sel.path, chair)).body;
    expect(chairRanking.shortlist[sel.postCode].map((r: { nip: string }) => r.nip)).toEqual(codes.slice(0, 3));
    expect(ranked.shortlist[sel.postCode].map((r: { nip: string }) => r.nip)).toEqual(candidates.slice(0, 3).map((c) => c.nip));
    expect(namesAnyone(chairRanking, candidates)).toBe(false);
    expect(namesAnyone((await get(`${sel.path}/committee-review`, asMember(members[2]))).body, candidates)).toBe(false);

    // Signing reveals: the chair's and the member's views and the ledger row now carry the names.
    const signed = await ok(`${sel.path}/decisions`, chair, {
      decision: 'sign_ranking',
      evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)],
    });
    expect(signed.body).toMatchObject({ decision: 'sign_ranking', step: expect.any(String) });
    expect((await get(sel.path, chair)).body.blindScoring.revealed).toBe(true);
    const after = (await get(sel.path, asMember(members[3]))).body;
    expect(after.candidates.map((c: { nip: string; name: string }) => [c.nip, c.name])).toEqual(candidates.map((c) => [c.nip, c.name]));
    const row = await eventually(async () => {
      const view = (await get(sel.path, HR)).body;
      return view.decisions.find((d: { decision: string }) => d.decision === 'sign_ranking');
    });
    expect(row.payload.blindScoring).toEqual({
      revealed: candidates.map((c, i) => ({ code: codes[i], nip: c.nip, name: c.name })),
    });
  });

  it('leaves a selection opened without the option as it was: names for the committee, no codes', async () => {
    const { sel, chair, candidates } = await toScreening({});
    expect(await memoOf(sel.id)).toEqual({ blindScoring: false });
    const chairView = (await get(sel.path, chair)).body;
    expect(chairView.candidates.map((c: { nip: string; name: string }) => [c.nip, c.name])).toEqual(candidates.map((c) => [c.nip, c.name]));
    expect(chairView.candidates.every((c: { code?: string }) => c.code === undefined)).toBe(true);
    expect(chairView).not.toHaveProperty('blindScoring');
    expect(chairView.decisions.find((d: { decision: string }) => d.decision === 'open_selection').payload).not.toHaveProperty(
      'blindScoring',
    );
    // A code names nobody in a selection that is not blind.
    expect((await get(`${sel.path}/assessments/K-01`, { ...ASSESSOR, agency: sel.agencyCode })).status).toBe(404);
  });
});
