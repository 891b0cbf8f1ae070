import { LocalIssuer } from '@meritflow/auth';
import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyPath, vacancyProposal, type TestActor } from '../support/api-client';
import { ASSESSOR, asMember, committee, eligibleProfile, openSelection, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { enrol } from '../support/register-fixtures';

/**
 * Who may do what, against the running stack: signed tokens from the local issuer, roles per endpoint
 * in the OpenAPI document, agency scoping (404), per-case assignment, separation of duties and
 * Plt/Plh delegation. Every refusal leaves a security event and nothing else.
 */
const stack = new Stack();
afterAll(() => stack.close());

const AUDITOR: Actor = { id: 'inspektorat-01', role: 'auditor', name: 'Inspektorat Daerah' };

async function proposeVacancy(agencyCode = uniqueCode('PEMKAB')) {
  const proposal = vacancyProposal({ agencyCode });
  const res = await stack.call('POST', '/v1/vacancies', { body: proposal });
  expect(res.status).toBe(201);
  return { agencyCode, path: vacancyPath(proposal), id: res.body.workflowId as string };
}

const ledgerCount = async (rootId: string): Promise<number> =>
  Number((await (await stack.db()).query('SELECT count(*)::int AS n FROM decisions WHERE root_workflow_id = $1', [rootId])).rows[0].n);

const securityEvents = async (actorId: string | null, code: string) => {
  const db = await stack.db();
  const r = actorId
    ? await db.query('SELECT * FROM security_events WHERE actor_id = $1 AND code = $2 ORDER BY id', [actorId, code])
    : await db.query(`SELECT * FROM security_events WHERE actor_id IS NULL AND code = $1 ORDER BY id DESC LIMIT 20`, [code]);
  return r.rows;
};

describe('authentication with signed bearer tokens', () => {
  it('signs a development token at the local issuer, publishes its key, and knows who the caller is', async () => {
    const jwks = await stack.call('GET', '/v1/auth/jwks.json', { actor: null });
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' })]);

    const issued = await stack.call('POST', '/v1/auth/token', {
      actor: null,
      body: { sub: 'dev-user-1', name: 'Pengguna Uji', roles: ['hr_officer'], agency: 'PEMKAB-DEV' },
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });
    const me = await stack.call('GET', '/v1/auth/me', { token: issued.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: 'dev-user-1', role: 'hr_officer', agency: 'PEMKAB-DEV', name: 'Pengguna Uji' });
  });

  it.each([
    ['no token', async () => null, 'no bearer token'],
    [
      'an expired token',
      async () => stack.tokenFor(HR, { issuedAt: Math.floor(Date.now() / 1000) - 7200, ttlSeconds: 60 }),
      'token expired',
    ],
    [
      'a token signed by another key',
      async () =>
        LocalIssuer.fromPem(undefined).sign(
          { sub: HR.id, roles: ['hr_officer'], agency: 'PEMKAB-X' },
          { issuer: stack.state.auth.issuer, audience: stack.state.auth.audience, ttlSeconds: 600 },
        ),
      'signed by an unknown key',
    ],
    [
      'a token for another audience',
      async () =>
        LocalIssuer.fromPem(stack.state.auth.signingKeyPem).sign(
          { sub: HR.id, roles: ['hr_officer'], agency: 'PEMKAB-X' },
          { issuer: stack.state.auth.issuer, audience: 'other-api', ttlSeconds: 600 },
        ),
      'claim aud',
    ],
  ])('refuses %s with 401, naming why, and records the attempt', async (_label, token, reason) => {
    const t = await token();
    const marker = uniqueCode('PROBE');
    const res =
      t === null
        ? await stack.call('GET', `/v1/cases?stage=${marker.toLowerCase()}`, { actor: null })
        : await stack.call('GET', `/v1/cases?stage=${marker.toLowerCase()}`, { token: t });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: expect.stringContaining(reason) } });
    expect(res.body.messages.id).toMatch(/token/);
    await eventually(async () =>
      (await securityEvents(null, 'UNAUTHENTICATED')).some((e) => e.path === '/api/v1/cases' && e.detail.reason.includes(reason)),
    );
  });

  it('makes a caller with several roles choose one (X-Acting-Role), and only one they hold', async () => {
    const both: TestActor = { id: 'dual-1', role: 'hr_officer', roles: ['hr_officer', 'auditor'], agency: 'PEMKAB-DUAL' };
    const token = await stack.tokenFor(both);
    const none = await stack.call('GET', '/v1/auth/me', { token });
    expect(none.status).toBe(400);
    expect(none.body.details.fields[0]).toMatchObject({ field: 'x-acting-role', rule: 'required' });
    const chosen = await stack.call('GET', '/v1/auth/me', { token, headers: { 'x-acting-role': 'hr_officer' } });
    expect(chosen.body).toMatchObject({ id: 'dual-1', role: 'hr_officer' });
    const notHeld = await stack.call('GET', '/v1/auth/me', { token, headers: { 'x-acting-role': 'ppk' } });
    expect(notHeld.status).toBe(403);
    expect(notHeld.body.code).toBe('ACCESS_DENIED');
  });
});

describe('roles per endpoint', () => {
  it('lists the allowed roles of every operation in the OpenAPI document, with bearer auth', async () => {
    const doc = (await stack.call('GET', '/docs-json', { actor: null })).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ops = Object.entries(doc.paths as Record<string, Record<string, { 'x-allowed-roles'?: string[] }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ op: `${method.toUpperCase()} ${path}`, roles: op['x-allowed-roles'] })),
    );
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((o) => !o.roles || o.roles.length === 0)).toEqual([]);
    const roles = Object.fromEntries(ops.map((o) => [o.op, o.roles]));
    expect(roles['POST /api/v1/vacancies']).toEqual(['hr_officer']);
    expect(roles['POST /api/v1/vacancies/{id}/decisions']).toEqual(['hr_officer', 'ppk']);
    expect(roles['GET /api/v1/ledger/verify']).toEqual(['auditor', 'admin']);
    expect(roles['POST /api/v1/delegations']).toEqual(['ppk', 'committee_chair']);
    expect(roles['GET /api/health']).toEqual(['public']);
  });

  it('refuses a role the endpoint does not admit with 403, starting nothing and recording the attempt', async () => {
    const proposal = vacancyProposal();
    const assessor: Actor = { id: uniqueCode('asesor').toLowerCase(), role: 'assessor' };
    const res = await stack.call('POST', '/v1/vacancies', { actor: assessor, body: proposal });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'ACCESS_DENIED', details: { role: 'assessor', roles: ['hr_officer'] } });
    expect(await stack.workflowExists(`vacancy:${proposal.agencyCode}:${proposal.positionCode}`)).toBe(false);
    await eventually(async () => (await securityEvents(assessor.id, 'ACCESS_DENIED')).length === 1);
  });
});

describe('agency scoping', () => {
  it("answers another agency's officers 404 for a case, as if it did not exist, and lets national auditors read it", async () => {
    const v = await proposeVacancy();
    const outsider: TestActor = { ...HR, id: uniqueCode('hr').toLowerCase(), agency: 'PEMKAB-LAIN' };
    const otherPpk: TestActor = { ...PPK, id: uniqueCode('ppk').toLowerCase(), agency: 'PEMKAB-LAIN' };

    const read = await stack.call('GET', v.path, { actor: outsider });
    const missing = await stack.call('GET', `/v1/vacancies/vacancy:PEMKAB-LAIN:${uniqueCode('NONE')}`, { actor: outsider });
    expect([read.status, read.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect([missing.status, missing.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(Object.keys(read.body).sort()).toEqual(Object.keys(missing.body).sort());

    const before = await eventually(async () => (await ledgerCount(v.id)) || undefined);
    const decide = await stack.call('POST', `${v.path}/decisions`, {
      actor: otherPpk,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect([decide.status, decide.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(await ledgerCount(v.id)).toBe(before);

    const listOther = await stack.call('GET', `/v1/cases?agencyCode=${v.agencyCode}`, { actor: outsider });
    expect([listOther.status, listOther.body.code]).toEqual([403, 'ACCESS_DENIED']);
    const listOwn = await stack.call('GET', '/v1/cases?limit=200', { actor: outsider });
    expect(listOwn.status).toBe(200);
    expect(listOwn.body.items.map((c: { workflowId: string }) => c.workflowId)).not.toContain(v.id);

    expect((await stack.call('GET', v.path, { actor: AUDITOR })).status).toBe(200);
    const events = await eventually(async () => {
      const rows = await securityEvents(otherPpk.id, 'CASE_OUT_OF_SCOPE');
      return rows.length === 1 ? rows : undefined;
    });
    expect(events[0]).toMatchObject({ actor_role: 'ppk', actor_agency: 'PEMKAB-LAIN', case_id: v.id, method: 'POST' });
  });
});

describe('separation of duties', () => {
  it('refuses the initiator of a vacancy approving it as PPK, records the attempt, and writes no decision', async () => {
    const v = await proposeVacancy();
    const sameAsPpk: TestActor = { id: HR.id, role: 'ppk', roles: ['hr_officer', 'ppk'], name: HR.name };
    const before = await eventually(async () => (await ledgerCount(v.id)) || undefined);
    const res = await stack.call('POST', `${v.path}/decisions`, {
      actor: sameAsPpk,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', details: { actorId: HR.id, holds: ['initiator'], duty: 'ppk' } });
    expect(res.body.messages.id).toMatch(/Pemisahan tugas/);
    expect(await ledgerCount(v.id)).toBe(before);
    await eventually(async () => (await securityEvents(HR.id, 'SEPARATION_OF_DUTIES')).some((e) => e.case_id === v.id));
  });

  it('keeps the initiator, the PPK and candidates off the committee, and committee members and the PPK out of the candidates', async () => {
    const sel = await openSelection(stack);
    const decree = await uploadEvidence(stack, 'sk_pansel', sel.agencyCode);
    const members = committee();
    // Internal members named by NIP must be in the agency's register; the initiator and the PPK are.
    await enrol(stack, sel.agencyCode, sel.postCode, [
      eligibleProfile('Pemrakarsa', { nip: HR.id }),
      eligibleProfile('Bupati', { nip: PPK.id }),
    ]);
    for (const [who, id] of [
      ['initiator', HR.id],
      ['ppk', PPK.id],
    ] as const) {
      const withThem = members.map((m, i) => (i === 4 ? { ...m, id } : m));
      const res = await stack.call('POST', `${sel.path}/decisions`, {
        actor: PPK,
        body: { decision: 'form_committee', members: withThem, evidence: [decree] },
      });
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'SEPARATION_OF_DUTIES']);
    }
    expect(
      (await stack.call('POST', `${sel.path}/decisions`, { actor: PPK, body: { decision: 'form_committee', members, evidence: [decree] } }))
        .status,
    ).toBe(200);
    expect(
      (
        await stack.call('POST', `${sel.path}/decisions`, {
          actor: asMember(members[0]),
          body: { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)] },
        })
      ).status,
    ).toBe(200);

    const ppkAsCandidate = await stack.call('POST', `${sel.path}/decisions`, {
      body: {
        decision: 'register_candidates',
        candidates: await enrol(stack, sel.agencyCode, sel.postCode, [eligibleProfile('Bupati sendiri', { nip: PPK.id })]),
      },
    });
    expect([ppkAsCandidate.status, ppkAsCandidate.body.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    expect(ppkAsCandidate.body.details.fields[0]).toMatchObject({ field: 'candidates.0.nip', rule: 'separationOfDuties' });

    const candidate = eligibleProfile('Calon Pelapor');
    const others = ['Calon Dua', 'Calon Tiga', 'Calon Empat'].map((n) => eligibleProfile(n));
    const register = await stack.call('POST', `${sel.path}/decisions`, {
      body: { decision: 'register_candidates', candidates: await enrol(stack, sel.agencyCode, sel.postCode, [candidate, ...others]) },
    });
    expect(register.status).toBe(200);
    await waitForStep(stack, sel.path, 'screening');
    // A candidate who is also an HR officer may not screen anyone in their own selection.
    const candidateAsHr: TestActor = { id: candidate.nip, role: 'hr_officer', name: candidate.name };
    const before = await ledgerCount(sel.id);
    const own = await stack.call('POST', `${sel.path}/decisions`, {
      actor: candidateAsHr,
      body: { decision: 'screen_candidate', nip: candidate.nip, passed: true, administrativeScore: 100, reason: 'Lengkap' },
    });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', details: { actorId: candidate.nip, rule: 'candidate_never_acts' } });
    expect(await ledgerCount(sel.id)).toBe(before);
  });
});

describe('per-case assignment', () => {
  it('lets a committee member act only on the selection they sit on, and an assessor only on the candidates assigned to them', async () => {
    const [a, b] = [await openSelection(stack), await openSelection(stack)];
    const [ma, mb] = [committee(), committee()];
    for (const [sel, members] of [
      [a, ma],
      [b, mb],
    ] as const) {
      expect(
        (
          await stack.call('POST', `${sel.path}/decisions`, {
            actor: PPK,
            body: { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] },
          })
        ).status,
      ).toBe(200);
    }
    const intruder: TestActor = { ...asMember(ma[0]), agency: b.agencyCode };
    const wrongSelection = await stack.call('POST', `${b.path}/decisions`, {
      actor: intruder,
      body: { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', b.agencyCode)] },
    });
    expect(wrongSelection.status).toBe(409);
    expect(wrongSelection.body).toMatchObject({ code: 'ACTOR_NOT_ASSIGNED', details: { actorId: ma[0].id } });
    await eventually(async () => (await securityEvents(ma[0].id, 'ACTOR_NOT_ASSIGNED')).length === 1);

    expect(
      (
        await stack.call('POST', `${a.path}/decisions`, {
          actor: asMember(ma[0]),
          body: { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', a.agencyCode)] },
        })
      ).status,
    ).toBe(200);
    const c = eligibleProfile('Calon Dinilai');
    const others = ['Calon Dua', 'Calon Tiga', 'Calon Empat'].map((n) => eligibleProfile(n));
    expect(
      (
        await stack.call('POST', `${a.path}/decisions`, {
          body: { decision: 'register_candidates', candidates: await enrol(stack, a.agencyCode, a.postCode, [c, ...others]) },
        })
      ).status,
    ).toBe(200);
    await waitForStep(stack, a.path, 'screening');
    for (const o of others) {
      expect(
        (
          await stack.call('POST', `${a.path}/decisions`, {
            body: { decision: 'screen_candidate', nip: o.nip, passed: false, reason: 'Berkas tidak lengkap' },
          })
        ).status,
      ).toBe(200);
    }
    const assigned: Actor = { ...ASSESSOR, id: uniqueCode('asesor').toLowerCase() };
    const screened = await stack.call('POST', `${a.path}/decisions`, {
      body: {
        decision: 'screen_candidate',
        nip: c.nip,
        passed: true,
        administrativeScore: 80,
        reason: 'Lengkap',
        assessorIds: [assigned.id],
      },
    });
    expect(screened.status).toBe(200);
    expect(
      (
        await stack.call('POST', `${a.path}/decisions`, {
          actor: asMember(ma[0]),
          body: { decision: 'close_screening', evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', a.agencyCode)] },
        })
      ).status,
    ).toBe(200);
    await waitForStep(stack, a.path, 'assessment');

    const body = {
      decision: 'record_assessment',
      achieved: { integritas: 4, kerjasama: 4, 'manajemen konstruksi': 4 },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', a.agencyCode)],
    };
    const other = await stack.call('POST', `${a.path}/assessments/${c.nip}/decisions`, { actor: ASSESSOR, body });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'ACTOR_NOT_ASSIGNED', details: { actorId: ASSESSOR.id, task: `assessment of ${c.nip}` } });
    expect((await stack.call('POST', `${a.path}/assessments/${c.nip}/decisions`, { actor: assigned, body })).status).toBe(200);
  });
});

describe('delegation (Plt/Plh)', () => {
  it('lets a Plt act for the PPK with "acting for" on the record, refuses re-delegation, and ends with revocation', async () => {
    const v = await proposeVacancy();
    const ppk: TestActor = { ...PPK, id: uniqueCode('ppk').toLowerCase(), agency: v.agencyCode };
    const plt: TestActor = { id: uniqueCode('sekda').toLowerCase(), role: 'hr_officer', name: 'Sekretaris Daerah', agency: v.agencyCode };
    const legalBasis = [await uploadEvidence(stack, 'sk_plt', v.agencyCode)];
    const period = {
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };

    const noBasis = await stack.call('POST', '/v1/delegations', {
      actor: ppk,
      body: { delegateId: plt.id, delegateName: plt.name, kind: 'plt', ...period, legalBasis: [], reason: 'Cuti' },
    });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.details.fields[0].field).toBe('legalBasis');
    const created = await stack.call('POST', '/v1/delegations', {
      actor: ppk,
      body: {
        delegateId: plt.id,
        delegateName: plt.name,
        kind: 'plt',
        ...period,
        legalBasis,
        reason: 'Bupati cuti di luar tanggungan negara',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      delegatorId: ppk.id,
      delegateId: plt.id,
      role: 'ppk',
      agencyCode: v.agencyCode,
      revocation: null,
    });
    const delegationId = created.body.id as string;

    const approved = await stack.call('POST', `${v.path}/decisions`, {
      actor: plt,
      actingFor: delegationId,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect(approved.status).toBe(200);
    const row = (
      await (
        await stack.db()
      ).query(`SELECT actor_id, actor_role, acting_for FROM decisions WHERE workflow_id = $1 AND decision = 'approve'`, [v.id])
    ).rows[0];
    expect(row).toEqual({ actor_id: plt.id, actor_role: 'ppk', acting_for: { id: ppk.id, name: ppk.name, role: 'ppk', delegationId } });
    const shown = (await stack.call('GET', v.path)).body.decisions.find((d: { decision: string }) => d.decision === 'approve');
    expect(shown.actor).toMatchObject({ id: plt.id, role: 'ppk', actingFor: { id: ppk.id, delegationId } });
    const verified = await stack.call('GET', `/v1/ledger/verify/${v.id}`, { actor: AUDITOR });
    expect(verified.body).toMatchObject({ valid: true, broken: [] });
    // Replaying the case's history against the ledger compares "acting for" too.
    const replay = await eventually(async () => {
      const r = await stack.call('GET', `/v1/cases/${v.id}/replay`, { actor: AUDITOR });
      return r.status === 200 && r.body.verdict === 'consistent' ? r : undefined;
    });
    expect(replay.body.verdict).toBe('consistent');

    const redelegate = await stack.call('POST', '/v1/delegations', {
      actor: plt,
      actingFor: delegationId,
      body: { delegateId: 'staf-1', delegateName: 'Staf', kind: 'plh', ...period, legalBasis, reason: 'Diteruskan' },
    });
    expect(redelegate.status).toBe(403);
    expect(redelegate.body).toMatchObject({ code: 'DELEGATION_INVALID', details: { reason: expect.stringContaining('re-delegation') } });

    const stranger: TestActor = { id: uniqueCode('lain').toLowerCase(), role: 'hr_officer', agency: v.agencyCode };
    const borrowed = await stack.call('GET', '/v1/auth/me', { actor: stranger, actingFor: delegationId });
    expect(borrowed.status).toBe(403);
    expect(borrowed.body.details.reason).toMatch(/no such delegation to you/);
    expect((await stack.call('GET', `/v1/delegations/${delegationId}`, { actor: { ...HR, agency: 'PEMKAB-LAIN' } })).status).toBe(404);

    const byPlt = await stack.call('POST', `/v1/delegations/${delegationId}/revoke`, { actor: plt, body: { reason: 'x' } });
    expect(byPlt.status).toBe(403);
    const revoked = await stack.call('POST', `/v1/delegations/${delegationId}/revoke`, {
      actor: ppk,
      body: { reason: 'Bupati kembali bertugas' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revocation).toMatchObject({ revokedBy: ppk.id, reason: 'Bupati kembali bertugas' });
    expect((await stack.call('POST', `/v1/delegations/${delegationId}/revoke`, { actor: ppk, body: { reason: 'lagi' } })).status).toBe(409);
    const after = await stack.call('GET', '/v1/auth/me', { actor: plt, actingFor: delegationId });
    expect(after.status).toBe(403);
    expect(after.body).toMatchObject({ code: 'DELEGATION_INVALID', details: { reason: expect.stringMatching(/^revoked at /) } });
    await eventually(async () => (await securityEvents(plt.id, 'DELEGATION_INVALID')).length >= 2);
  });
});
