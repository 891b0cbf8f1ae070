import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { namedMoves } from '../support/register-fixtures';
import { KANREG, ORIGIN_PPK, TPK_CHAIR, evidence, moveFacts, region, talentPromotionCase, talentVacancy } from '../support/move-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const post = (path: string, actor: typeof HR, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });
const monthsFromNow = (months: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
/** Today as a WIB calendar date: decrees are dated today, well inside the backdating limit. */
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const isoYearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 24 * 3600 * 1000).toISOString().slice(0, 10);

async function proposeMove(body: Record<string, unknown>) {
  const res = await post('/v1/moves', HR, await namedMoves(stack, body));
  expect(res.status).toBe(201);
  return { id: res.body.workflowId as string, path: `/v1/moves/${res.body.workflowId}` };
}

/** The decisions in ledger order, with the proposal's own rule check set apart (it may land after a quick decision). */
const humanOrder = (decisions: { decision: string }[]) => {
  expect(decisions.filter((d) => d.decision === 'rules_evaluated')).toHaveLength(1);
  return decisions.map((d) => d.decision).filter((n) => n !== 'rules_evaluated');
};

async function settled(path: string) {
  return eventually(async () => {
    const r = (await stack.call('GET', path)).body;
    return r.recordedCount === r.decisionCount ? r : undefined;
  });
}

describe('mutation, rotation and talent-pool promotion through the API', () => {
  it('moves an official within one agency: TPK advice, PPK decision with the rules recorded, decree', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const m = await proposeMove({ ...moveFacts(agency, reg), reason: 'Penyegaran organisasi' });
    expect(
      (
        await post(`${m.path}/decisions`, TPK_CHAIR, {
          decision: 'tpk_advise',
          reason: 'Memenuhi kompetensi',
          evidence: await evidence(stack, 'ba_tpk', agency),
        })
      ).status,
    ).toBe(200);
    const approved = await post(`${m.path}/decisions`, PPK, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ step: 'decree', evaluation: { allowed: true, ruleVersion: 'mobility@2026-01-01' } });
    const done = await post(`${m.path}/decisions`, HR, {
      decision: 'record_decree',
      decreeNumber: '800/12/2026',
      effectiveDate: today(),
      evidence: await evidence(stack, 'sk_mutasi', agency),
    });
    expect(done.body.step).toBe('completed');
    const state = await settled(m.path);
    const approve = state.decisions.find((d: { decision: string }) => d.decision === 'approve');
    expect(approve).toMatchObject({ actor: { role: 'ppk' }, ruleVersion: 'mobility@2026-01-01' });
    expect(approve.payload.evaluation.verdicts.map((v: { rule: string }) => v.rule)).toEqual(
      expect.arrayContaining(['electionMoratorium', 'minimumTenure']),
    );
  });

  it.each([
    ['inter_agency_province', 'record_governor_decision'],
    ['inter_province', 'record_minister_decision'],
  ])(
    'moves an official between agencies (%s): release, BKN pertek and the outside decision, each with its document',
    async (scope, deciding) => {
      const receiving = uniqueCode('PEMKAB');
      const origin = uniqueCode('PEMKOT');
      const [regTo, regFrom] = [await region(stack), await region(stack)];
      const facts = moveFacts(receiving, regTo, { scope: scope as 'inter_province' });
      facts.from = { ...facts.from, agencyCode: origin, regionCode: regFrom };
      const m = await proposeMove({ ...facts, reason: 'Usulan instansi penerima' });
      // The release is the origin agency's: its PPK reaches the case (which the receiving agency owns), the receiving PPK may not release.
      const receivingPpk = await post(
        `${m.path}/decisions`,
        { ...ORIGIN_PPK, id: 'ppk-penerima-01', agency: receiving },
        { decision: 'release', evidence: await evidence(stack, 'surat_lolos_butuh', receiving) },
      );
      expect(receivingPpk.status).toBe(409);
      expect(receivingPpk.body).toMatchObject({
        code: 'ACTOR_NOT_ASSIGNED',
        details: { task: expect.stringContaining(`on behalf of ${origin}`) },
      });
      const originPpk = { ...ORIGIN_PPK, agency: origin };
      expect((await stack.call('GET', m.path, { actor: originPpk })).status).toBe(200);
      // The origin's PPK finds the release waiting in their own inbox, though the receiving agency owns the case.
      const inbox = await stack.call('GET', '/v1/inbox', { actor: originPpk });
      expect(inbox.body.tasks).toEqual(
        expect.arrayContaining([expect.objectContaining({ caseId: m.id, decision: 'release', role: 'ppk' })]),
      );
      expect(
        (
          await post(`${m.path}/decisions`, originPpk, {
            decision: 'release',
            evidence: await evidence(stack, 'surat_lolos_butuh', receiving),
          })
        ).status,
      ).toBe(200);
      const early = await post(`${m.path}/decisions`, HR, { decision: deciding, evidence: await evidence(stack, 'keputusan', receiving) });
      expect(early.status).toBe(409);
      expect(early.body.details.step).toBe('pertek');
      const pertek = await post(`${m.path}/decisions`, KANREG, {
        decision: 'record_pertek',
        evidence: await evidence(stack, 'pertek_bkn', receiving),
      });
      expect(pertek.body).toMatchObject({ step: 'decision', deadline: null });
      const decided = await post(`${m.path}/decisions`, HR, {
        decision: deciding,
        evidence: await evidence(stack, 'sk_gubernur_mendagri', receiving),
      });
      expect(decided.status).toBe(200);
      expect(
        (
          await post(`${m.path}/decisions`, HR, {
            decision: 'record_decree',
            decreeNumber: '821/77/2026',
            effectiveDate: today(),
            evidence: await evidence(stack, 'sk', receiving),
          })
        ).body.step,
      ).toBe('completed');
      expect(humanOrder((await settled(m.path)).decisions)).toEqual(['propose', 'release', 'record_pertek', deciding, 'record_decree']);
    },
  );

  it('rotates an official at the same level with the competency fit recorded; a rotation too soon is blocked until overridden with a legal basis', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const early = moveFacts(agency, reg, { kind: 'rotation' });
    early.from = { ...early.from, since: isoYearsAgo(1) };
    const m = await proposeMove({ ...early });
    const noFit = await post(`${m.path}/decisions`, TPK_CHAIR, {
      decision: 'tpk_advise',
      reason: 'ok',
      evidence: await evidence(stack, 'ba_tpk', agency),
    });
    expect(noFit.status).toBe(400);
    expect(noFit.body.details.fields[0].field).toBe('competencyFit.jpmPercent');
    const advised = await post(`${m.path}/decisions`, TPK_CHAIR, {
      decision: 'tpk_advise',
      reason: 'Sesuai pola karier',
      competencyFit: { jpmPercent: 88.5 },
      evidence: await evidence(stack, 'ba_tpk', agency),
    });
    expect(advised.body.competencyFit).toEqual({ jpmPercent: 88.5 });

    const blocked = await post(`${m.path}/decisions`, PPK, { decision: 'approve' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('RULE_BLOCKED');
    expect(blocked.body.details.blocking.map((v: { rule: string }) => v.rule)).toEqual(['rotationTenureWindow']);
    expect(blocked.body.messages.en).toContain('attempt is recorded');

    const notOverridable = await post(`${m.path}/decisions`, PPK, {
      decision: 'override',
      overrideRules: ['disciplinaryBlock'],
      reason: 'x',
      evidence: await evidence(stack, 'dasar_hukum', agency),
    });
    expect(notOverridable.status).toBe(400);
    const noBasis = await post(`${m.path}/decisions`, PPK, {
      decision: 'override',
      overrideRules: ['rotationTenureWindow'],
      reason: 'Kebutuhan organisasi',
    });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.details.missing).toEqual(['evidence']);
    const basis = await evidence(stack, 'keputusan_ppk_dasar_hukum', agency);
    expect(
      (
        await post(`${m.path}/decisions`, PPK, {
          decision: 'override',
          overrideRules: ['rotationTenureWindow'],
          reason: 'Kebutuhan organisasi mendesak',
          evidence: basis,
        })
      ).status,
    ).toBe(200);
    const approved = await post(`${m.path}/decisions`, PPK, { decision: 'approve' });
    expect(approved.status).toBe(200);
    const rotation = approved.body.evaluation.verdicts.find((v: { rule: string }) => v.rule === 'rotationTenureWindow');
    expect(rotation).toMatchObject({ passed: false, overridden: true });

    expect(humanOrder((await settled(m.path)).decisions)).toEqual(['propose', 'tpk_advise', 'decision_blocked', 'override', 'approve']);
  });

  it('approves an overdue rotation (6 years in post) without an override: past the maximum a rotation is due, not barred', async () => {
    const agency = uniqueCode('PEMKAB');
    const overdue = moveFacts(agency, await region(stack), { kind: 'rotation' });
    overdue.from = { ...overdue.from, since: isoYearsAgo(6) };
    const m = await proposeMove({ ...overdue });
    await post(`${m.path}/decisions`, TPK_CHAIR, {
      decision: 'tpk_advise',
      reason: 'Sesuai pola karier',
      competencyFit: { jpmPercent: 80 },
      evidence: await evidence(stack, 'ba_tpk', agency),
    });
    const approved = await post(`${m.path}/decisions`, PPK, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.evaluation.verdicts.find((v: { rule: string }) => v.rule === 'rotationTenureWindow')).toMatchObject({
      passed: true,
      due: true,
    });
  });

  it('refuses a move inside an election window, records the refusal, then allows it once a Mendagri approval is recorded', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    // The candidate pairs are determined in 3 months: the 6-month ban is already running.
    const window = await stack.call('PUT', `/v1/reference/elections/${reg}`, {
      actor: HR,
      body: { candidatePairDetermination: monthsFromNow(3), termEnd: monthsFromNow(14), reason: 'Jadwal KPU (uji)' },
    });
    expect(window.status).toBe(200);
    const m = await proposeMove({ ...moveFacts(agency, reg) });
    await post(`${m.path}/decisions`, TPK_CHAIR, {
      decision: 'tpk_advise',
      reason: 'Memenuhi',
      evidence: await evidence(stack, 'ba_tpk', agency),
    });
    const refused = await post(`${m.path}/decisions`, PPK, { decision: 'approve' });
    expect(refused.status).toBe(422);
    expect(refused.body.details.blocking[0]).toMatchObject({ rule: 'electionMoratorium', passed: false });

    const approval = await post('/v1/reference/minister-approvals', HR, {
      regionCode: reg,
      documentRef: 'Surat Mendagri 100.2.2.6/1234/OTDA',
      title: 'Persetujuan tertulis penggantian pejabat',
      approvedOn: new Date().toISOString().slice(0, 10),
      scope: 'penggantian pejabat administrator',
      reason: 'Diterima dari Kemendagri',
    });
    expect([200, 201]).toContain(approval.status);
    const allowed = await post(`${m.path}/decisions`, PPK, { decision: 'approve' });
    expect(allowed.status).toBe(200);
    const moratorium = allowed.body.evaluation.verdicts.find((v: { rule: string }) => v.rule === 'electionMoratorium');
    expect(moratorium.passed).toBe(true);
    expect(moratorium.message.en).toMatch(/approv/i);
    expect(humanOrder((await settled(m.path)).decisions)).toEqual(['propose', 'tpk_advise', 'decision_blocked', 'approve']);
  });

  it('promotes from the talent pool only with a box-9 placement in an agency of high merit, storing the axis levels and their inputs', async () => {
    const { agency, reg, vacancy, facts, talent } = await talentPromotionCase(stack);
    const m = await proposeMove({ ...facts, talent });
    const state = (await stack.call('GET', m.path)).body;
    expect(state.talent.placement).toMatchObject({ performance: 'above', potential: 'high', box: 9 });
    expect(state.talent.inputs).toMatchObject({ performanceMain: 95, potential: 90, integrity: 97 });
    expect(state.talent.inputs.potentialScore).toBeGreaterThanOrEqual(85);

    await post(`${m.path}/decisions`, TPK_CHAIR, {
      decision: 'talent_committee_review',
      reason: 'Masuk kelompok rencana suksesi',
      evidence: await evidence(stack, 'ba_komite_talenta', agency),
    });
    const approved = await post(`${m.path}/decisions`, PPK, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.evaluation.verdicts.find((v: { rule: string }) => v.rule === 'fillWithoutOpenSelection')).toMatchObject({
      passed: true,
    });
    await post(`${m.path}/decisions`, HR, {
      decision: 'record_decree',
      decreeNumber: '821.2/5/2026',
      effectiveDate: today(),
      evidence: await evidence(stack, 'sk', agency),
    });
    const filled = await eventually(async () => {
      const v = (await stack.call('GET', `/v1/vacancies/${vacancy.vacancyId}`)).body;
      // The state says filled a moment before the ledger row of `filled` is written: wait for both.
      return v.status === 'filled' && v.recordedCount === v.decisionCount ? v : undefined;
    });
    expect(filled.decisions.at(-1).payload).toMatchObject({ filledBy: m.id, decreeNumber: '821.2/5/2026' });

    // A middling placement cannot skip the open selection for a JPT post.
    const other = moveFacts(agency, reg, { kind: 'talent_promotion' });
    other.to = { ...other.to, positionClass: 'jpt_pratama', level: 'jpt_pratama' };
    const weak = await proposeMove({
      ...other,
      talent: { performanceMain: 75, performanceSupporting: 72, competency: 74, potential: 70, qualification: 75, integrity: 80 },
    });
    await post(`${weak.path}/decisions`, TPK_CHAIR, {
      decision: 'talent_committee_review',
      reason: 'Dibahas',
      evidence: await evidence(stack, 'ba_komite_talenta', agency),
    });
    const refused = await post(`${weak.path}/decisions`, PPK, { decision: 'approve' });
    expect(refused.status).toBe(422);
    expect(refused.body.details.blocking.map((v: { rule: string }) => v.rule)).toContain('fillWithoutOpenSelection');
  });

  it('moves 60 officials under one collective decree: each checked on their own, 3 blocked and excluded by name, one decree with an annex', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const moves = Array.from({ length: 60 }, () => moveFacts(agency, reg, { kind: 'rotation' }));
    moves[5].from = { ...moves[5].from, since: isoYearsAgo(1) }; // too short in post
    moves[17].from = { ...moves[17].from, since: isoYearsAgo(1) };
    moves[42].person = { ...moves[42].person, sanctions: [{ level: 'heavy', imposedOn: isoYearsAgo(1) }] };
    const blockedNips = [moves[5], moves[17], moves[42]].map((m) => m.person.nip).sort();
    const res = await post(
      '/v1/bulk-moves',
      HR,
      await namedMoves(stack, {
        agencyCode: agency,
        batchCode: uniqueCode('SK-ROTASI'),
        title: 'Rotasi administrator November 2026',
        moves,
        reason: 'Penyegaran',
      }),
    );
    expect(res.status).toBe(201);
    const path = `/v1/bulk-moves/${res.body.workflowId}`;
    const checked = await eventually(
      async () => {
        const s = (await stack.call('GET', path)).body;
        return s.step === 'awaiting_approval' ? s : undefined;
      },
      60_000,
      'every person checked',
    );
    expect(
      checked.members
        .filter((m: { allowed: boolean }) => !m.allowed)
        .map((m: { nip: string }) => m.nip)
        .sort(),
    ).toEqual(blockedNips);

    const whole = await post(`${path}/decisions`, PPK, { decision: 'approve_batch' });
    expect(whole.status).toBe(400);
    expect(whole.body.details.fields[0].rule).toBe('blockedMustBeExcluded');
    const approved = await post(`${path}/decisions`, PPK, {
      decision: 'approve_batch',
      exclusions: blockedNips.map((nip) => ({ nip, reason: 'Terhalang aturan mobilitas' })),
    });
    expect(approved.status).toBe(200);
    const decreed = await post(`${path}/decisions`, HR, {
      decision: 'record_decree',
      decreeNumber: '821.2/999/2026',
      effectiveDate: today(),
      evidence: await evidence(stack, 'sk_kolektif', agency),
    });
    expect(decreed.status).toBe(200);
    expect(decreed.body.decree).toEqual({ number: '821.2/999/2026', effectiveDate: today() });
    expect(decreed.body.annex).toHaveLength(57);
    expect(decreed.body.annex.map((a: { nip: string }) => a.nip)).not.toEqual(expect.arrayContaining(blockedNips));

    // Every member workflow records its own end; wait for all 60.
    const done = await eventually(
      async () => {
        const s = (await stack.call('GET', path)).body;
        const ends = s.decisions.filter(
          (d: { decision: string }) => d.decision === 'included_in_decree' || d.decision === 'excluded_from_batch',
        );
        return s.terminal && ends.length === 60 ? s : undefined;
      },
      60_000,
      'the batch and its members to finish',
    );
    const names: string[] = done.decisions.map((d: { decision: string }) => d.decision);
    expect(names.filter((n) => n === 'member_checked')).toHaveLength(60);
    expect(names.filter((n) => n === 'included_in_decree')).toHaveLength(57);
    expect(names.filter((n) => n === 'excluded_from_batch')).toHaveLength(3);
  });
});

describe('bad input to the moves API', () => {
  it.each([
    ['a NIP with a month 13', (f: any) => ({ ...f, person: { ...f.person, nip: '198203042008131001' } }), 'person.nip'],
    ['an unknown kind', (f: any) => ({ ...f, kind: 'demotion' }), 'kind'],
    ['a rotation across agencies', (f: any) => ({ ...f, kind: 'rotation', scope: 'inter_agency_province' }), 'scope'],
    ['a talent promotion without its inputs', (f: any) => ({ ...f, kind: 'talent_promotion' }), 'talent'],
    [
      'talent inputs on a plain mutation',
      (f: any) => ({
        ...f,
        talent: { performanceMain: 90, performanceSupporting: 90, competency: 90, potential: 90, qualification: 90, integrity: 90 },
      }),
      'talent',
    ],
    // The person's facts come from the register: a request may not type them in.
    ['a grade typed into the request', (f: any) => ({ ...f, person: { ...f.person, golongan: 'IV/e' } }), 'person.golongan'],
    ['a post start date typed into the request', (f: any) => ({ ...f, from: { ...f.from, since: '2024-02-03' } }), 'from.since'],
    [
      'an intended effective date that does not exist',
      (f: any) => ({ ...f, intendedEffectiveDate: '2025-02-30' }),
      'intendedEffectiveDate',
    ],
    ['an extra field', (f: any) => ({ ...f, salary: 1 }), 'salary'],
  ])('refuses %s with 400 naming the field, starting nothing', async (_label, mutate, field) => {
    const facts = moveFacts(uniqueCode('PEMKAB'), 'KAB-X');
    const res = await post('/v1/moves', HR, mutate(await namedMoves(stack, facts)) as Record<string, unknown>);
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const client = await stack.temporalClient();
    await expect(client.workflow.getHandle(`move:${facts.to.agencyCode}:${facts.person.nip}`).describe()).rejects.toThrow(/not found/i);
  });

  it('refuses a second open move for the same person with 409', async () => {
    const facts = moveFacts(uniqueCode('PEMKAB'), await region(stack));
    expect((await post('/v1/moves', HR, await namedMoves(stack, { ...facts }))).status).toBe(201);
    const again = await post('/v1/moves', HR, await namedMoves(stack, { ...facts }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CASE_ALREADY_EXISTS');
  });
});
