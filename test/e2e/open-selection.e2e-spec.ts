import type { CommitteeMember } from '@meritflow/domain';
import { HR, PPK, Stack, eventually } from '../support/api-client';
import {
  ASSESSOR,
  OVERSEER,
  asMember,
  committee,
  eligibleProfile,
  makeNip,
  openSelection,
  uploadEvidence,
  waitForStep,
} from '../support/selection-fixtures';
import { enrol } from '../support/register-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const post = (path: string, actor: typeof HR, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });

async function formAndAnnounce(sel: { agencyCode: string; path: string }, members: CommitteeMember[]) {
  const skPansel = await uploadEvidence(stack, 'sk_pansel', sel.agencyCode);
  const formed = await post(`${sel.path}/decisions`, PPK, { decision: 'form_committee', members, evidence: [skPansel] });
  expect(formed.status).toBe(200);
  const pengumuman = await uploadEvidence(stack, 'pengumuman', sel.agencyCode);
  const announced = await post(`${sel.path}/decisions`, asMember(members[0]), { decision: 'announce', evidence: [pengumuman] });
  expect(announced.status).toBe(200);
  expect(announced.body.step).toBe('registration');
}

describe('open selection (seleksi terbuka JPT) through the API', () => {
  it('runs a whole selection: committee, registration, screening, assessment, sealed scoring, ranking, recommendation, pick, appointment', async () => {
    const sel = await openSelection(stack);
    const members = committee();
    const [chair, m2, m3, m4, m5] = members;

    // Out of order: nothing can be announced before the committee exists.
    const early = await post(`${sel.path}/decisions`, asMember(chair), {
      decision: 'announce',
      evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)],
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'DECISION_NOT_ALLOWED', details: { step: 'committee_formation' } });

    // Committee composition is validated: 3 of 5 internal (60%) breaks the 45% rule.
    const tooInternal = members.map((m, i) => ({ ...m, affiliation: i < 3 ? 'internal' : 'external' }));
    const refused = await post(`${sel.path}/decisions`, PPK, {
      decision: 'form_committee',
      members: tooInternal,
      evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.details.fields)).toMatch(/internal/i);

    const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
    const ineligible = eligibleProfile('Eko Prasetyo', { golongan: 'III/d' });
    // In the register before the (short) registration window opens.
    const entries = await enrol(stack, sel.agencyCode, sel.postCode, [...candidates, ineligible]);
    await formAndAnnounce(sel, members);

    const registered = await post(`${sel.path}/decisions`, HR, { decision: 'register_candidates', candidates: entries });
    expect(registered.status).toBe(200);
    // The answer is the small acknowledgement; the candidates are read with GET.
    expect(registered.body).toEqual({
      workflowId: sel.id,
      decision: 'register_candidates',
      step: 'registration',
      status: expect.any(String),
      terminal: false,
      decisionCount: expect.any(Number),
    });
    // The update answers only after its ledger write: the decision is recorded by the time it answers.
    const afterRegistration = (await stack.call('GET', sel.path)).body;
    expect(afterRegistration.recordedCount).toBeGreaterThanOrEqual(registered.body.decisionCount);
    const ineligibleView = afterRegistration.candidates.find((c: { nip: string }) => c.nip === ineligible.nip);
    expect(ineligibleView).toMatchObject({
      status: 'ineligible',
      eligibility: { eligible: false, ruleVersion: 'eligibility-jpt@2026-12-01' },
    });
    expect(ineligibleView.eligibility.reasons.map((r: { rule: string }) => r.rule)).toContain('rank');
    // The ledger row carries the register facts the rules used, with the register version and their hash.
    const row = await eventually(async () =>
      (await stack.call('GET', sel.path)).body.decisions.find((d: { decision: string }) => d.decision === 'register_candidates'),
    );
    const recorded = row.payload.candidates.find((c: { nip: string }) => c.nip === ineligible.nip);
    expect(recorded.register).toMatchObject({ nip: ineligible.nip, source: 'register', facts: { golongan: 'III/d', education: 'S2' } });
    expect(recorded.register.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(recorded.register.registerVersion).toBeGreaterThan(0);
    expect(recorded.register.asOf).toBe(row.payload.candidates[0].register.asOf);
    expect(row.ruleVersion).toBe('eligibility-jpt@2026-12-01');

    // The 4-second registration window closes by itself: four eligible applicants are enough.
    const screening = await waitForStep(stack, sel.path, 'screening');
    expect(screening.pendingTasks.map((t: { subject: string }) => t.subject).sort()).toEqual(candidates.map((c) => c.nip).sort());

    const screenIneligible = await post(`${sel.path}/decisions`, HR, {
      decision: 'screen_candidate',
      nip: ineligible.nip,
      passed: true,
      administrativeScore: 90,
      reason: 'lengkap',
    });
    expect(screenIneligible.status).toBe(409);
    expect(screenIneligible.body.code).toBe('ALREADY_DECIDED');

    const adminScores = [90, 85, 80, 75];
    for (const [i, c] of candidates.entries()) {
      const r = await post(`${sel.path}/decisions`, HR, {
        decision: 'screen_candidate',
        nip: c.nip,
        passed: true,
        administrativeScore: adminScores[i],
        reason: 'Berkas lengkap dan sah',
      });
      expect(r.status).toBe(200);
    }
    // An assessor cannot act before the assessment stage.
    const tooSoon = await post(`${sel.path}/assessments/${candidates[0].nip}/decisions`, ASSESSOR, {
      decision: 'record_assessment',
      achieved: { integritas: 4 },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
    });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.details.step).toBe('screening');

    const baScreening = await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode);
    expect((await post(`${sel.path}/decisions`, asMember(chair), { decision: 'close_screening', evidence: [baScreening] })).status).toBe(
      200,
    );

    // Assessment: one child workflow per candidate.
    await waitForStep(stack, sel.path, 'assessment');
    const levels = [
      { integritas: 5, kerjasama: 4, 'manajemen konstruksi': 4 },
      { integritas: 4, kerjasama: 4, 'manajemen konstruksi': 4 },
      { integritas: 4, kerjasama: 3, 'manajemen konstruksi': 4 },
      { integritas: 3, kerjasama: 3, 'manajemen konstruksi': 3 },
    ];
    for (const [i, c] of candidates.entries()) {
      const report = await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode);
      const r = await post(`${sel.path}/assessments/${c.nip}/decisions`, ASSESSOR, {
        decision: 'record_assessment',
        achieved: levels[i],
        evidence: [report],
      });
      expect(r.status).toBe(200);
    }
    const assessed = await stack.call('GET', `${sel.path}/assessments/${candidates[2].nip}`);
    expect(assessed.body.result).toMatchObject({ jpmPercent: 91.67, category: 'optimal' });

    // Committee review: m5 declares a conflict with the first candidate.
    await waitForStep(stack, sel.path, 'committee_review');
    for (const m of members) {
      const r = await post(`${sel.path}/committee-review/decisions`, asMember(m), {
        decision: 'declare_interests',
        declarations: candidates.map((c, i) => ({
          nip: c.nip,
          conflicted: m === m5 && i === 0,
          note: m === m5 && i === 0 ? 'ipar' : undefined,
        })),
      });
      expect(r.status).toBe(200);
    }
    const conflicted = await post(`${sel.path}/committee-review/decisions`, asMember(m5), {
      decision: 'score',
      nip: candidates[0].nip,
      paper: 90,
      interview: 90,
    });
    expect(conflicted.status).toBe(409);
    expect(conflicted.body.code).toBe('CONFLICT_OF_INTEREST');
    // A malformed sheet (a candidate twice, a NIP that is no candidate) is bad input, one entry per row.
    const stranger = makeNip('19700101', '199501', 1, 999);
    const malformed = await post(`${sel.path}/committee-review/decisions`, asMember(m2), {
      decision: 'score',
      scores: [candidates[1], candidates[1], { nip: stranger }].map((c) => ({ nip: c.nip, paper: 80, interview: 80 })),
    });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(malformed.body.details.fields.map((f: { field: string; rule: string }) => `${f.field} ${f.rule}`)).toEqual([
      'scores.1.nip unique',
      'scores.2.nip candidate',
    ]);

    // Paper/interview: candidate 1 strongest, then 2, 3, 4 (with small spreads between members).
    const base = [88, 84, 80, 70];
    for (const [mi, m] of members.entries()) {
      for (const [ci, c] of candidates.entries()) {
        if (m === m5 && ci === 0) continue;
        const r = await post(`${sel.path}/committee-review/decisions`, asMember(m), {
          decision: 'score',
          nip: c.nip,
          paper: base[ci] + mi,
          interview: base[ci] + mi,
        });
        expect(r.status).toBe(200);
        if (mi === 0 && ci === 0) {
          // Sealed: another member sees none of the chair's votes, the chair sees only their own.
          const byOther = await stack.call('GET', `${sel.path}/committee-review`, { actor: asMember(m2) });
          expect(byOther.body).toMatchObject({ sealed: true, votes: [], results: null });
          const byChair = await stack.call('GET', `${sel.path}/committee-review`, { actor: asMember(chair) });
          expect(byChair.body.votes).toEqual([{ memberId: chair.id, nip: c.nip, paper: 88, interview: 88 }]);
        }
      }
    }
    const again = await post(`${sel.path}/committee-review/decisions`, asMember(m2), {
      decision: 'score',
      nip: candidates[1].nip,
      paper: 10,
      interview: 10,
    });
    expect(again.status).toBe(409); // every vote is final and kept

    const ranking = await waitForStep(stack, sel.path, 'ranking');
    const review = await stack.call('GET', `${sel.path}/committee-review`, { actor: asMember(m3) });
    expect(review.body.sealed).toBe(false);
    expect(review.body.votes).toHaveLength(19);
    const first = review.body.results.find((r: { nip: string }) => r.nip === candidates[0].nip);
    expect(first).toMatchObject({ eligibleScorers: [chair.id, m2.id, m3.id, m4.id], quorum: 3, votes: 4, quorumMet: true });

    const shortlist = ranking.shortlist[sel.postCode];
    expect(shortlist.map((c: { nip: string }) => c.nip)).toEqual(candidates.slice(0, 3).map((c) => c.nip));
    expect(shortlist.map((c: { rank: number }) => c.rank)).toEqual([1, 2, 3]);

    const baRanking = await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode);
    expect((await post(`${sel.path}/decisions`, asMember(chair), { decision: 'sign_ranking', evidence: [baRanking] })).status).toBe(200);

    const letter = await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode);
    const recommended = await post(`${sel.path}/decisions`, OVERSEER, {
      decision: 'recommend',
      postCode: sel.postCode,
      recommended: shortlist.map((c: { nip: string }) => c.nip),
      evidence: [letter],
    });
    expect(recommended.status).toBe(200);
    expect(recommended.body.step).toBe('ppk_decision');

    // The PPK may pick the second-ranked, but only with a written justification.
    const unjustified = await post(`${sel.path}/decisions`, PPK, { decision: 'pick', postCode: sel.postCode, nip: candidates[1].nip });
    expect(unjustified.status).toBe(400);
    expect(unjustified.body).toMatchObject({ code: 'DECISION_INCOMPLETE', details: { missing: ['reason'], rank: 2 } });
    const justified = await post(`${sel.path}/decisions`, PPK, {
      decision: 'pick',
      postCode: sel.postCode,
      nip: candidates[1].nip,
      reason: 'Pengalaman lapangan bidang konstruksi lebih relevan dengan program prioritas daerah',
    });
    expect(justified.status).toBe(200);
    expect((await stack.call('GET', sel.path)).body.picks[sel.postCode]).toMatchObject({ nip: candidates[1].nip, rank: 2 });

    await waitForStep(stack, sel.path, 'appointment');
    const appt = `${sel.path}/appointments/${sel.postCode}/decisions`;
    const sk = await uploadEvidence(stack, 'sk_pengangkatan', sel.agencyCode);
    expect(
      (await post(appt, HR, { decision: 'record_decree', decreeNumber: '821.2/123/2026', effectiveDate: '2026-12-01', evidence: [sk] }))
        .status,
    ).toBe(200);
    const ba = await uploadEvidence(stack, 'ba_pelantikan', sel.agencyCode);
    const early2 = await post(appt, HR, { decision: 'record_inauguration', inauguratedOn: '2026-11-30', evidence: [ba] });
    expect(early2.status).toBe(400);
    expect((await post(appt, HR, { decision: 'record_inauguration', inauguratedOn: '2026-12-02', evidence: [ba] })).status).toBe(200);

    const closed = await waitForStep(stack, sel.path, 'closed');
    expect(closed.appointments[sel.postCode]).toMatchObject({
      nip: candidates[1].nip,
      decreeNumber: '821.2/123/2026',
      inauguratedOn: '2026-12-02',
    });
    // The ledger has caught up once every decision the selection took is recorded.
    const final = await eventually(async () => {
      const r = await stack.call('GET', sel.path);
      return r.body.recordedCount === r.body.decisionCount ? r.body : undefined;
    });
    const decisions: { decision: string; actor: { role: string } }[] = final.decisions;
    const names = decisions.map((d) => d.decision);
    for (const expected of [
      'open_selection',
      'form_committee',
      'announce',
      'register_candidates',
      'screened_out_ineligible',
      'registration_closed',
      'screen_candidate',
      'close_screening',
      'record_assessment',
      'assessments_completed',
      'declare_interests',
      'score',
      'scores_unsealed',
      'committee_review_completed',
      'ranking_computed',
      'sign_ranking',
      'recommend',
      'recommendations_received',
      'pick',
      'all_posts_picked',
      'record_decree',
      'record_inauguration',
      'appointments_completed',
    ]) {
      expect(names).toContain(expected);
    }
    expect(names.indexOf('form_committee')).toBeLessThan(names.indexOf('announce'));
    expect(names.indexOf('sign_ranking')).toBeLessThan(names.indexOf('pick'));
    expect(names.filter((n) => n === 'score')).toHaveLength(19);
    // Refused attempts never reach the ledger.
    expect(names.filter((n) => n === 'pick')).toHaveLength(1);

    // The vacancy the selection filled closes itself (vacancy SOP 1.1.0), citing the decree.
    const vacancy = await eventually(async () => {
      const r = await stack.call('GET', `/v1/vacancies/vacancy:${sel.agencyCode}:${sel.postCode}`);
      return r.body.status === 'filled' && r.body.recordedCount === r.body.decisionCount ? r.body : undefined;
    });
    expect(vacancy.decisions.at(-1)).toMatchObject({
      decision: 'filled',
      actor: { role: 'system' },
      payload: { filledBy: sel.id, nip: candidates[1].nip, decreeNumber: '821.2/123/2026' },
    });

    const listed = await stack.call('GET', `/v1/cases?type=open-selection&agencyCode=${sel.agencyCode}&stage=closed`);
    expect(listed.body.items.map((c: { workflowId: string }) => c.workflowId)).toEqual([sel.id]);
  });

  it('extends a thin registration window twice, then escalates to the PPK, who may proceed', async () => {
    const sel = await openSelection(stack);
    await formAndAnnounce(sel, committee());
    const two = ['Fajar Nugroho', 'Gita Purnama'].map((n) => eligibleProfile(n));
    expect(
      (
        await post(`${sel.path}/decisions`, HR, {
          decision: 'register_candidates',
          candidates: await enrol(stack, sel.agencyCode, sel.postCode, two),
        })
      ).status,
    ).toBe(200);

    const escalated = await waitForStep(stack, sel.path, 'low_applicants', 40_000);
    expect(escalated.extensions).toBe(2);
    const names = (await stack.call('GET', sel.path)).body.decisions.map((d: { decision: string }) => d.decision);
    expect(names.filter((n: string) => n === 'registration_extended')).toHaveLength(2);
    expect(names).toContain('low_applicants_escalated');
    const decisions = (await stack.call('GET', sel.path)).body.decisions;
    const esc = decisions.find((d: { decision: string }) => d.decision === 'low_applicants_escalated');
    expect(esc).toMatchObject({ actor: { role: 'system' }, payload: { eligibleApplicants: { [sel.postCode]: 2 }, minimum: 4 } });

    const noReason = await post(`${sel.path}/decisions`, PPK, { decision: 'proceed' });
    expect(noReason.status).toBe(400);
    const proceed = await post(`${sel.path}/decisions`, PPK, {
      decision: 'proceed',
      reason: 'Jabatan mendesak diisi; dua pelamar memenuhi syarat',
    });
    expect(proceed.status).toBe(200);
    expect(proceed.body.step).toBe('screening');
  });

  it('refuses out-of-order and wrong-role decisions with 409, recording nothing', async () => {
    const sel = await openSelection(stack);
    // Count once the ledger has caught up with the decisions taken so far (the opening itself).
    const before = await eventually(async () => {
      const r = (await stack.call('GET', sel.path)).body;
      return r.recordedCount === r.decisionCount && r.decisions.length === r.decisionCount ? r.decisions.length : undefined;
    });
    expect(before).toBe(1);
    const cases = [
      {
        actor: HR,
        body: { decision: 'register_candidates', candidates: await enrol(stack, sel.agencyCode, sel.postCode, [eligibleProfile('Hadi')]) },
      },
      {
        actor: HR,
        body: { decision: 'form_committee', members: committee(), evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] },
      },
      { actor: PPK, body: { decision: 'pick', postCode: sel.postCode, nip: eligibleProfile('Indah').nip } },
    ];
    for (const c of cases) {
      const r = await post(`${sel.path}/decisions`, c.actor, c.body);
      expect([c.body.decision, r.status]).toEqual([c.body.decision, 409]);
      expect(r.body.details.step).toBe('committee_formation');
    }
    const noEvidence = await post(`${sel.path}/decisions`, PPK, { decision: 'form_committee', members: committee() });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.details.missing).toEqual(['evidence']);
    const forged = await post(`${sel.path}/decisions`, PPK, {
      decision: 'form_committee',
      members: committee(),
      evidence: [{ kind: 'sk_pansel', uri: 'evidence:00000000-0000-4000-8000-000000000000', sha256: 'b'.repeat(64) }],
    });
    expect(forged.status).toBe(400);
    expect(forged.body.details.fields[0].field).toBe('evidence.0');
    // Refusals happen in the update validators, before any answer: nothing can land later.
    expect((await stack.call('GET', sel.path)).body.decisions).toHaveLength(before);
  });

  it('refuses a selection for a vacancy that is not approved for open selection, and bad NIPs at the edge', async () => {
    const badNip = await stack.call('GET', '/v1/selections/open-selection:X:Y/assessments/198513452010012003');
    expect(badNip.status).toBe(400);
    expect(badNip.body.details.fields[0].field).toBe('nip');
    const sel = await openSelection(stack);
    const res = await stack.call('POST', '/v1/selections', {
      body: {
        agencyCode: sel.agencyCode,
        selectionCode: 'SELTER-OTHER',
        title: 'Seleksi lain',
        vacancyIds: [`vacancy:${sel.agencyCode}:NOPE`],
      },
    });
    expect(res.status).toBe(404);
    // One post cannot be filled twice: a second selection for the same vacancy is refused while the first runs
    // (checked against the first selection's recorded opening decision).
    await eventually(async () => (await stack.call('GET', sel.path)).body.recordedCount >= 1);
    const twice = await stack.call('POST', '/v1/selections', {
      body: { agencyCode: sel.agencyCode, selectionCode: 'SELTER-TWICE', title: 'Seleksi ganda', vacancyIds: [sel.vacancyId] },
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'VACANCY_NOT_READY', details: { vacancyId: sel.vacancyId, heldBy: [sel.id] } });
    expect(twice.body.messages.en).toContain('cannot be filled twice');
    const reg = await post(`${sel.path}/decisions`, HR, {
      decision: 'register_candidates',
      candidates: [{ postCode: sel.postCode, nip: '197804122003031000' }],
    });
    expect(reg.status).toBe(400);
    expect(reg.body.details.fields[0].field).toBe('candidates.0.nip');
  });
});

describe('sealed scoring at its deadline', () => {
  it('unseals when the scoring deadline passes, counting the quorum over the members who scored', async () => {
    const sel = await openSelection(stack);
    const members = committee();
    await formAndAnnounce(sel, members);
    const candidates = ['Kartika Sari', 'Lukman Hakim', 'Maya Putri', 'Nanda Pratama'].map((n) => eligibleProfile(n));
    expect(
      (
        await post(`${sel.path}/decisions`, HR, {
          decision: 'register_candidates',
          candidates: await enrol(stack, sel.agencyCode, sel.postCode, candidates),
        })
      ).status,
    ).toBe(200);
    await waitForStep(stack, sel.path, 'screening');
    for (const c of candidates) {
      expect(
        (
          await post(`${sel.path}/decisions`, HR, {
            decision: 'screen_candidate',
            nip: c.nip,
            passed: true,
            administrativeScore: 80,
            reason: 'lengkap',
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await post(`${sel.path}/decisions`, asMember(members[0]), {
          decision: 'close_screening',
          evidence: [await uploadEvidence(stack, 'ba', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    await waitForStep(stack, sel.path, 'assessment');
    for (const c of candidates) {
      const r = await post(`${sel.path}/assessments/${c.nip}/decisions`, ASSESSOR, {
        decision: 'record_assessment',
        achieved: { integritas: 4, kerjasama: 4, 'manajemen konstruksi': 4 },
        evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
      });
      expect(r.status).toBe(200);
    }
    await waitForStep(stack, sel.path, 'committee_review');
    for (const m of members) {
      const r = await post(`${sel.path}/committee-review/decisions`, asMember(m), {
        decision: 'declare_interests',
        declarations: candidates.map((c) => ({ nip: c.nip, conflicted: false })),
      });
      expect(r.status).toBe(200);
    }
    // Three of five members score; two never do. The test SOP's scoring deadline is 30 seconds.
    for (const [mi, m] of members.slice(0, 3).entries()) {
      const r = await post(`${sel.path}/committee-review/decisions`, asMember(m), {
        decision: 'score',
        scores: candidates.map((c, ci) => ({ nip: c.nip, paper: 80 - ci + mi, interview: 82 - ci + mi })),
      });
      expect(r.status).toBe(200);
    }
    const sealed = await stack.call('GET', `${sel.path}/committee-review`, { actor: asMember(members[4]) });
    expect(sealed.body).toMatchObject({ sealed: true, votes: [] });
    expect(sealed.body.pending.map((p: { memberId: string }) => p.memberId).sort()).toEqual([members[3].id, members[4].id].sort());

    const ranked = await waitForStep(stack, sel.path, 'ranking', 90_000);
    expect(
      ranked.candidates.every(
        (c: { review: { quorum: number; votes: number; quorumMet: boolean } }) =>
          c.review.quorumMet && c.review.votes === 3 && c.review.quorum === 3,
      ),
    ).toBe(true);
    const review = (await stack.call('GET', `${sel.path}/committee-review`, { actor: asMember(members[4]) })).body;
    expect(review.sealed).toBe(false);
    expect(review.votes).toHaveLength(12);
    const unsealed = (await stack.call('GET', sel.path)).body.decisions.find((d: { decision: string }) => d.decision === 'scores_unsealed');
    expect(unsealed).toMatchObject({ actor: { role: 'system' }, reason: 'the scoring deadline passed' });
  });
});
