import { vacancyFilledSignal } from '@meritflow/contracts';
import type { EvidenceRef } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyPath, vacancyProposal, type TestActor } from '../support/api-client';
import { uploadEvidence } from '../support/selection-fixtures';
import { exportFolder, runAuditCli } from '../support/audit-cli';
import { namedMoves } from '../support/register-fixtures';
import { TPK_CHAIR, evidence, moveFacts, region } from '../support/move-fixtures';

const ADMIN_1: TestActor = { id: 'admin-bkn-01', role: 'admin', name: 'Admin Sistem 1' };
const ADMIN_2: TestActor = { id: 'admin-bkn-02', role: 'admin', name: 'Admin Sistem 2' };
const AUDITOR: TestActor = { id: 'bpkp-auditor-09', role: 'auditor', name: 'Auditor BPKP' };
const LEGAL_BASIS = 'PermenPANRB 20/2025: kasus berjalan mengikuti SOP lowongan 1.1.0';

const stack = new Stack();
/** Today as a WIB calendar date: the decree is dated today, inside the backdating limit. */
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const files = exportFolder('meritflow-sop-migration-');
afterAll(async () => {
  files.remove();
  await stack.close();
});

/** A vacancy pinned to SOP 1.0.0, waiting for the PPK. */
async function runningVacancyOnV1(agencyCode = uniqueCode('PEMKAB')) {
  const proposal = vacancyProposal({ agencyCode, sopVersion: '1.0.0' });
  const res = await stack.call('POST', '/v1/vacancies', { body: proposal });
  expect(res.status).toBe(201);
  expect(res.body.sop).toEqual({ id: 'vacancy', version: '1.0.0' });
  return { id: res.body.workflowId as string, path: vacancyPath(proposal), agencyCode, runId: res.body.runId as string };
}

const ledgerOf = async (id: string) =>
  (
    await (
      await stack.db()
    ).query(
      `SELECT run_id, sequence, decision, actor_id, step_before, step_after, sop_version, payload FROM decisions
        WHERE root_workflow_id = $1 AND sequence > 0 ORDER BY chain_seq`,
      [id],
    )
  ).rows;

const impact = (agencyCode: string, actor: TestActor = ADMIN_1) =>
  stack.call('GET', `/v1/sop-migrations/impact?sopId=vacancy&toVersion=1.1.0&agencyCode=${agencyCode}`, { actor });

describe('governed SOP migration of a running vacancy', () => {
  it('lists the case, takes a request and a second person’s approval, migrates it by continue-as-new, and finishes it on 1.1.0', async () => {
    const v = await runningVacancyOnV1();
    // A finished case of the same agency is no one's concern.
    const done = await stack.call('POST', '/v1/vacancies', { body: vacancyProposal({ agencyCode: v.agencyCode, sopVersion: '1.0.0' }) });
    const rejected = await stack.call('POST', `/v1/vacancies/${done.body.workflowId}/decisions`, {
      actor: PPK,
      body: { decision: 'reject', reason: 'Tidak ada formasi' },
    });
    expect(rejected.status).toBe(200);

    const listed = await impact(v.agencyCode);
    expect(listed.status).toBe(200);
    expect(listed.body.sop).toEqual({ id: 'vacancy', version: '1.1.0' });
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        caseId: v.id,
        sop: { id: 'vacancy', version: '1.0.0' },
        step: 'awaiting_ppk_decision',
        migratable: true,
        toStep: 'awaiting_ppk_decision',
        refusal: null,
      }),
    ]);
    expect((await impact(v.agencyCode, HR)).status).toBe(403);

    const basis: EvidenceRef = await uploadEvidence(stack, 'dasar_hukum', v.agencyCode);
    const requested = await stack.call('POST', '/v1/sop-migrations', {
      actor: ADMIN_1,
      body: { caseIds: [v.id], outcome: 'migrate', toVersion: '1.1.0', reason: LEGAL_BASIS, evidence: [basis] },
    });
    expect(requested.status).toBe(201);
    const { batchId } = requested.body;
    expect(requested.body.cases[0].pending).toMatchObject({
      outcome: 'migrate',
      to: { version: '1.1.0' },
      requestedBy: { id: ADMIN_1.id },
    });

    // Four eyes: the person who asked cannot approve, and the refusal changes nothing.
    const before = await ledgerOf(v.id);
    const self = await stack.call('POST', `/v1/sop-migrations/${batchId}/approve`, { actor: ADMIN_1, body: { reason: 'Setuju' } });
    expect([self.status, self.body.code]).toEqual([403, 'FOUR_EYES_REQUIRED']);
    expect(await ledgerOf(v.id)).toEqual(before);

    const approved = await stack.call('POST', `/v1/sop-migrations/${batchId}/approve`, {
      actor: ADMIN_2,
      body: { reason: 'Dasar hukum sesuai' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.cases[0].migratingTo).toEqual({ id: 'vacancy', version: '1.1.0', step: 'awaiting_ppk_decision' });

    // The workflow continued as new on 1.1.0, at the mapped step, and says where it came from.
    const migrated = await eventually(async () => {
      const s = await stack.call('GET', v.path);
      return s.status === 200 && s.body.sop.version === '1.1.0' && s.body.recordedCount === s.body.decisionCount ? s.body : undefined;
    });
    expect(migrated.runId).not.toBe(v.runId);
    expect(migrated.step).toBe('awaiting_ppk_decision');
    expect(migrated.decisions.map((d: { decision: string }) => d.decision)).toEqual([
      'propose',
      'sop_migration_requested',
      'sop_migration_approved',
      'sop_migrated',
    ]);
    // The case list and the inbox show the case once, as its current run.
    const list = await stack.call('GET', `/v1/vacancies?agencyCode=${v.agencyCode}`);
    expect(list.body.items.filter((c: { workflowId: string }) => c.workflowId === v.id)).toEqual([
      expect.objectContaining({ runId: migrated.runId, status: 'proposed' }),
    ]);
    const inbox = await stack.call('GET', '/v1/inbox', { actor: { ...PPK, agency: v.agencyCode } });
    expect(inbox.body.cases.filter((c: { caseId: string }) => c.caseId === v.id)).toHaveLength(1);
    const client = await stack.temporalClient();
    const first = await client.workflow.getHandle(v.id, v.runId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');

    // It finishes on the new version: approved, then closed as "filled", a step only 1.1.0 has.
    const approve = await stack.call('POST', `${v.path}/decisions`, {
      actor: PPK,
      body: { decision: 'approve', fillingMethod: 'talent_pool' },
    });
    expect(approve.status).toBe(200);
    await client.workflow
      .getHandle(v.id)
      .signal(vacancyFilledSignal, { filledBy: 'test', nip: '198203042008011064', name: 'Budi', decreeNumber: null, effectiveDate: null });
    const result = await client.workflow.getHandle(v.id).result();
    expect(result).toMatchObject({ step: 'filled', sop: { version: '1.1.0' } });

    const rows = await eventually(async () => {
      const r = await ledgerOf(v.id);
      return r.length === 6 ? r : undefined;
    });
    expect(rows.map((r) => [r.run_id === v.runId ? 'run1' : 'run2', r.sequence, r.decision, r.actor_id, r.sop_version])).toEqual([
      ['run1', 1, 'propose', HR.id, '1.0.0'],
      ['run1', 2, 'sop_migration_requested', ADMIN_1.id, '1.0.0'],
      ['run1', 3, 'sop_migration_approved', ADMIN_2.id, '1.0.0'],
      ['run2', 1, 'sop_migrated', ADMIN_2.id, '1.1.0'],
      ['run2', 2, 'approve', PPK.id, '1.1.0'],
      ['run2', 3, 'filled', 'system', '1.1.0'],
    ]);
    expect(rows[3].payload).toMatchObject({
      from: { id: 'vacancy', version: '1.0.0', step: 'awaiting_ppk_decision', runId: v.runId },
      to: { version: '1.1.0', step: 'awaiting_ppk_decision' },
      requestedBy: { id: ADMIN_1.id },
    });

    // The chain is whole across the runs, the history replays and matches the ledger, and the case left the impact list.
    const verified = await stack.call('GET', `/v1/ledger/verify/${v.id}`, { actor: AUDITOR });
    expect(verified.body).toMatchObject({ valid: true, broken: [] });
    const replayed = async () => {
      const res = await stack.call('GET', `/v1/cases/${v.id}/replay`, { actor: AUDITOR });
      expect(res.status).toBe(200);
      // Both runs replay on the current code, and the six rows match their histories one for one.
      expect(res.body.replay.map((r: { runId: string; ok: boolean }) => [r.runId, r.ok])).toEqual([
        [migrated.runId, true],
        [v.runId, true],
      ]);
      expect(res.body.comparison).toMatchObject({ matches: 6, missing: [], extra: [], altered: [] });
      expect(res.body.verdict).toBe('consistent');
      return res.body;
    };
    expect((await replayed()).sources.map((x: { source: string }) => x.source)).toEqual(['temporal', 'temporal']);

    // The archive keeps both closed runs, the one that continued as new included, and the replay reads them from there.
    const sweep = await stack.call('POST', '/v1/archive/sweeps', { actor: ADMIN_1 });
    expect(sweep.status).toBe(200);
    const archived = (
      await (await stack.db()).query(`SELECT run_id, kind FROM history_archive WHERE root_workflow_id = $1 ORDER BY run_id`, [v.id])
    ).rows;
    expect(archived).toEqual(
      expect.arrayContaining([
        { run_id: v.runId, kind: 'closed' },
        { run_id: migrated.runId, kind: 'closed' },
      ]),
    );
    const fromArchive = await replayed();
    expect(fromArchive.sources.map((x: { source: string }) => x.source)).toEqual(['archive', 'archive']);
    expect(fromArchive.archive.every((a: { ok: boolean }) => a.ok)).toBe(true);
    expect((await stack.call('GET', `/v1/ledger/verify/${v.id}`, { actor: AUDITOR })).body).toMatchObject({ valid: true, broken: [] });
    expect((await impact(v.agencyCode)).body.items).toEqual([]);

    // The dossier reads the case across its runs and finds it conforming to the SOP it ended on.
    const dossier = await stack.call('GET', `/v1/cases/${v.id}/dossier.json`, { actor: AUDITOR });
    expect(dossier.status).toBe(200);
    expect(dossier.body.conformance).toMatchObject({ conforms: true, violations: [] });
    expect(dossier.body.conformance.workflows.map((w: { sop: { version: string } }) => w.sop.version)).toEqual(['1.0.0', '1.1.0']);

    // Offline, from the export: both runs replay and every row matches.
    const exported = await stack.call('GET', `/v1/cases/${v.id}/export`, { actor: AUDITOR });
    expect(exported.status).toBe(200);
    expect(exported.body.histories.map((h: { runId: string }) => h.runId)).toEqual([migrated.runId, v.runId]);
    const offline = await runAuditCli(files.write('migrated', exported.body));
    expect({ code: offline.code, stderr: offline.stderr }).toEqual({ code: 0, stderr: '' });
    expect(offline.stdout).toContain('Cocok / Matching: 6');
  });
});

describe('governed SOP migration of a running move', () => {
  it('migrates a mutation awaiting the PPK from 1.0.0 to 1.1.0 with its state, and decrees it under 1.1.0', async () => {
    const agency = uniqueCode('PEMKAB');
    const facts = moveFacts(agency, await region(stack));
    const created = await stack.call('POST', '/v1/moves', { body: { ...(await namedMoves(stack, { ...facts })), sopVersion: '1.0.0' } });
    expect(created.status).toBe(201);
    const id: string = created.body.workflowId;
    const m = `/v1/moves/${id}/decisions`;
    const advised = await stack.call('POST', m, {
      actor: TPK_CHAIR,
      body: { decision: 'tpk_advise', reason: 'Memenuhi', evidence: await evidence(stack, 'ba_tpk', agency) },
    });
    expect(advised.status).toBe(200);

    const listed = await stack.call('GET', `/v1/sop-migrations/impact?sopId=${created.body.sop.id}&toVersion=1.1.0&agencyCode=${agency}`, {
      actor: ADMIN_1,
    });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ caseId: id, step: 'ppk_decision', migratable: true, toStep: 'ppk_decision' }),
    ]);
    const requested = await stack.call('POST', '/v1/sop-migrations', {
      actor: ADMIN_1,
      body: {
        caseIds: [id],
        outcome: 'migrate',
        toVersion: '1.1.0',
        reason: LEGAL_BASIS,
        evidence: [await uploadEvidence(stack, 'dasar_hukum', agency)],
      },
    });
    expect(requested.status).toBe(201);
    const approved = await stack.call('POST', `/v1/sop-migrations/${requested.body.batchId}/approve`, {
      actor: ADMIN_2,
      body: { reason: 'Setuju' },
    });
    expect(approved.status).toBe(200);

    const state = await eventually(async () => {
      const s = await stack.call('GET', `/v1/moves/${id}`);
      return s.body.sop?.version === '1.1.0' && s.body.recordedCount === s.body.decisionCount ? s.body : undefined;
    });
    // The TPK's advice came over with the case; the PPK decides at the same step.
    expect(state).toMatchObject({ step: 'ppk_decision', move: { person: { nip: facts.person.nip } } });
    expect((await stack.call('POST', m, { actor: PPK, body: { decision: 'approve' } })).status).toBe(200);
    const decree = await stack.call('POST', m, {
      actor: HR,
      body: {
        decision: 'record_decree',
        decreeNumber: '800/9/2026',
        effectiveDate: today(),
        evidence: await evidence(stack, 'sk', agency),
      },
    });
    expect(decree.status).toBe(200);
    const result = await (await stack.temporalClient()).workflow.getHandle(id).result();
    expect(result).toMatchObject({ step: 'completed', sop: { version: '1.1.0' } });
    const replay = await stack.call('GET', `/v1/cases/${id}/replay`, { actor: AUDITOR });
    expect(replay.body.replay).toHaveLength(2);
    expect(replay.body.verdict).toBe('consistent');
  });
});

describe('a step the mapping leaves out', () => {
  it('lists a move at its first step as not migratable to 1.1.0-test.fast, and refuses it with 409 SOP_MIGRATION_STEP_UNMAPPED', async () => {
    // The test-only pairs 1.0.0 -> 1.1.0-test.fast leave each move SOP's first step out on purpose.
    const agency = uniqueCode('PEMKAB');
    const created = await stack.call('POST', '/v1/moves', {
      body: { ...(await namedMoves(stack, { ...moveFacts(agency, await region(stack)) })), sopVersion: '1.0.0' },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.workflowId;
    await eventually(async () => (await ledgerOf(id)).length === 2);
    const listed = await stack.call(
      'GET',
      `/v1/sop-migrations/impact?sopId=${created.body.sop.id}&toVersion=1.1.0-test.fast&agencyCode=${agency}`,
      {
        actor: ADMIN_1,
      },
    );
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        caseId: id,
        step: 'tpk_review',
        migratable: false,
        toStep: null,
        refusal: expect.objectContaining({ code: 'SOP_MIGRATION_STEP_UNMAPPED' }),
      }),
    ]);
    const before = await ledgerOf(id);
    const res = await stack.call('POST', '/v1/sop-migrations', {
      actor: ADMIN_1,
      body: {
        caseIds: [id],
        outcome: 'migrate',
        toVersion: '1.1.0-test.fast',
        reason: LEGAL_BASIS,
        evidence: [await uploadEvidence(stack, 'dasar_hukum', agency)],
      },
    });
    expect([res.status, res.body.code, res.body.details.step]).toEqual([409, 'SOP_MIGRATION_STEP_UNMAPPED', 'tpk_review']);
    expect(await ledgerOf(id)).toEqual(before);
  });
});

describe('refusals of a migration request: a 4xx naming the rule, and nothing recorded', () => {
  let v: Awaited<ReturnType<typeof runningVacancyOnV1>>;
  let basis: EvidenceRef;

  beforeAll(async () => {
    v = await runningVacancyOnV1();
    basis = await uploadEvidence(stack, 'dasar_hukum', v.agencyCode);
    // The proposal's row is in the ledger before the refusals are checked against it.
    await eventually(async () => (await ledgerOf(v.id)).length === 1);
  });

  const request = (body: Record<string, unknown>, actor: TestActor = ADMIN_1) =>
    stack.call('POST', '/v1/sop-migrations', {
      actor,
      body: { caseIds: [v.id], outcome: 'migrate', toVersion: '1.1.0', reason: LEGAL_BASIS, evidence: [basis], ...body },
    });

  it.each([
    { what: 'a pair of versions without a mapping', body: { toVersion: '9.9.9' }, status: 400, code: 'SOP_MIGRATION_UNKNOWN' },
    { what: 'a request without evidence', body: { evidence: [] }, status: 400, code: 'VALIDATION_FAILED', field: 'evidence' },
    { what: 'a request without a legal basis', body: { reason: '' }, status: 400, code: 'VALIDATION_FAILED', field: 'reason' },
    { what: 'an unknown outcome', body: { outcome: 'merge' }, status: 400, code: 'VALIDATION_FAILED', field: 'outcome' },
    {
      what: 'a case id that is not a migratable case',
      body: { caseIds: ['discipline:PEMKAB-X:HD-1'] },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'caseIds',
    },
  ])('refuses $what with $status $code', async ({ body, status, code, field }) => {
    const before = await ledgerOf(v.id);
    const res = await request(body);
    expect([res.status, res.body.code]).toEqual([status, code]);
    if (field) expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await ledgerOf(v.id)).toEqual(before);
  });

  it('answers an administrator of another agency as if the case did not exist', async () => {
    const res = await request({}, { ...ADMIN_1, agency: uniqueCode('PEMKAB') });
    expect([res.status, res.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(await ledgerOf(v.id)).toHaveLength(1);
  });

  it('refuses a case that is no longer running with 409 CASE_NOT_RUNNING', async () => {
    const ended = await runningVacancyOnV1(v.agencyCode);
    await stack.call('POST', `${ended.path}/decisions`, { actor: HR, body: { decision: 'withdraw', reason: 'Ditarik' } });
    await (await stack.temporalClient()).workflow.getHandle(ended.id).result();
    const res = await stack.call('POST', '/v1/sop-migrations', {
      actor: ADMIN_1,
      body: { caseIds: [ended.id], outcome: 'migrate', toVersion: '1.1.0', reason: LEGAL_BASIS, evidence: [basis] },
    });
    expect([res.status, res.body.code]).toEqual([409, 'CASE_NOT_RUNNING']);
  });

  it('keeps the case on its version when the second person rejects, and refuses approving an unknown batch', async () => {
    const asked = await request({});
    expect(asked.status).toBe(201);
    const again = await request({});
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_DECIDED']);
    // The batch is listed as waiting for a second administrator: to a national administrator and to one of its agency.
    const foreignAdmin = { ...ADMIN_2, agency: uniqueCode('PEMKAB') };
    const pendingFor = async (actor: TestActor, query = '') => {
      const r = await stack.call('GET', `/v1/sop-migrations?status=pending${query}`, { actor });
      expect(r.status).toBe(200);
      return (r.body.items as { batchId: string }[]).find((b) => b.batchId === asked.body.batchId);
    };
    const waiting = {
      batchId: asked.body.batchId,
      sopId: 'vacancy',
      outcome: 'migrate',
      toVersion: '1.1.0',
      reason: LEGAL_BASIS,
      requestedBy: { id: ADMIN_1.id, name: ADMIN_1.name },
      cases: [{ caseId: v.id, caseType: 'vacancy', agencyCode: v.agencyCode, fromVersion: '1.0.0', step: 'awaiting_ppk_decision' }],
    };
    expect(await pendingFor(ADMIN_2, `&agencyCode=${v.agencyCode}`)).toMatchObject(waiting);
    expect(await pendingFor({ ...ADMIN_2, agency: v.agencyCode }, '&sopId=vacancy')).toMatchObject(waiting);
    // Another agency's administrator does not see it, and another SOP's list does not hold it.
    expect(await pendingFor(foreignAdmin)).toBeUndefined();
    // Naming another agency in the query is refused outright, as for every list.
    const named = await stack.call('GET', `/v1/sop-migrations?status=pending&agencyCode=${v.agencyCode}`, { actor: foreignAdmin });
    expect(named.status).toBe(403);
    expect(await pendingFor(ADMIN_2, `&sopId=open-selection&agencyCode=${v.agencyCode}`)).toBeUndefined();
    // The list names its bad input; only administrators read it.
    for (const [query, field] of [
      ['', 'status'],
      ['?status=done', 'status'],
      ['?status=pending&sopId=nope', 'sopId'],
      ['?status=pending&limit=0', 'limit'],
    ]) {
      const bad = await stack.call('GET', `/v1/sop-migrations${query}`, { actor: ADMIN_2 });
      expect([query, bad.status, bad.body.code, bad.body.field]).toEqual([query, 400, 'VALIDATION_FAILED', field]);
    }
    expect((await stack.call('GET', '/v1/sop-migrations?status=pending', { actor: HR })).status).toBe(403);
    // An administrator of another agency finds the batch exactly as missing as one that never existed.
    const foreign = await stack.call('POST', `/v1/sop-migrations/${asked.body.batchId}/approve`, {
      actor: foreignAdmin,
      body: { reason: 'x' },
    });
    const missing = await stack.call('POST', '/v1/sop-migrations/00000000-0000-4000-8000-00000000abcd/approve', {
      actor: foreignAdmin,
      body: { reason: 'x' },
    });
    expect([foreign.status, foreign.body.code, Object.keys(foreign.body.details)]).toEqual([
      missing.status,
      missing.body.code,
      Object.keys(missing.body.details),
    ]);
    expect(foreign.status).toBe(404);
    const rejected = await stack.call('POST', `/v1/sop-migrations/${asked.body.batchId}/reject`, {
      actor: ADMIN_2,
      body: { reason: 'Dasar hukum belum berlaku untuk instansi ini' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.cases[0]).toMatchObject({ pending: null, migratingTo: null, sop: { version: '1.0.0' } });
    const late = await stack.call('POST', `/v1/sop-migrations/${asked.body.batchId}/approve`, { actor: ADMIN_2, body: { reason: 'x' } });
    expect([late.status, late.body.code]).toEqual([409, 'SOP_MIGRATION_NOT_REQUESTED']);
    const unknown = await stack.call('POST', `/v1/sop-migrations/00000000-0000-4000-8000-000000000000/approve`, {
      actor: ADMIN_2,
      body: { reason: 'x' },
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    const rows = await ledgerOf(v.id);
    expect(rows.map((r) => r.decision)).toEqual(['propose', 'sop_migration_requested', 'sop_migration_rejected']);
    expect(await pendingFor(ADMIN_2, `&agencyCode=${v.agencyCode}`)).toBeUndefined();
    expect((await stack.call('GET', v.path)).body.sop.version).toBe('1.0.0');
  });
});
