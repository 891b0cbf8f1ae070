import { Stack, HR, PPK, eventually, uniqueCode, vacancyPath, vacancyProposal } from '../support/api-client';

const stack = new Stack();
afterAll(() => stack.close());

async function propose(overrides: Record<string, unknown> = {}) {
  const proposal = vacancyProposal(overrides);
  const res = await stack.call('POST', '/v1/vacancies', { body: proposal });
  expect(res.status).toBe(201);
  return { proposal, path: vacancyPath(proposal), workflowId: res.body.workflowId as string, created: res.body };
}

const decide = (path: string, actor: typeof HR, body: Record<string, unknown>, headers?: Record<string, string>) =>
  stack.call('POST', `${path}/decisions`, { actor, body, headers });

describe('vacancy workflow through the API', () => {
  it('is proposed by HR, approved by the PPK with a filling method, and every decision is in the ledger', async () => {
    const { proposal, path, workflowId, created } = await propose();
    expect(created).toMatchObject({
      workflowId: `vacancy:${proposal.agencyCode}:${proposal.positionCode}`,
      sop: { id: 'vacancy', version: '1.1.0' },
      step: 'awaiting_ppk_decision',
      status: 'proposed',
    });

    const before = await eventually(async () => {
      const r = await stack.call('GET', path);
      // The deadline is computed by an activity right after the proposal is recorded.
      return r.body.decisions?.length === 1 && r.body.deadline ? r : undefined;
    });
    expect(before.body.allowedDecisions.map((d: { decision: string }) => d.decision)).toEqual(['approve', 'reject', 'withdraw']);
    expect(before.body.deadline).toMatchObject({ step: 'awaiting_ppk_decision', onExpiry: 'remind', notifyRole: 'ppk' });
    expect(before.body.decisions[0]).toMatchObject({
      sequence: 1,
      decision: 'propose',
      actor: { id: HR.id, role: 'hr_officer', name: HR.name },
      reason: proposal.reason,
      sop: { id: 'vacancy', version: '1.1.0' },
    });

    const approved = await decide(path, PPK, {
      decision: 'approve',
      fillingMethod: 'open_selection',
      reason: 'Sesuai kebutuhan organisasi',
      evidence: [{ kind: 'nota_dinas', title: 'Nota dinas 800/12/2026', sha256: 'a'.repeat(64) }],
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      step: 'approved',
      status: 'approved',
      approvedFillingMethod: 'open_selection',
      recordedCount: 2,
    });

    const rows = await stack.ledgerRows(workflowId);
    expect(rows.map((r) => [r.sequence, r.decision, r.actor_role])).toEqual([
      [1, 'propose', 'hr_officer'],
      [2, 'approve', 'ppk'],
    ]);
    const read = await stack.call('GET', path);
    expect(read.body.decisions[1]).toMatchObject({
      decision: 'approve',
      actor: { id: PPK.id, role: 'ppk' },
      reason: 'Sesuai kebutuhan organisasi',
      payload: { fillingMethod: 'open_selection' },
      evidence: [{ kind: 'nota_dinas', sha256: 'a'.repeat(64) }],
      ruleVersion: 'filling-methods@2026-01-01',
      idempotencyKey: `${workflowId}:${read.body.runId}:2`,
    });
    expect(new Date(read.body.decisions[1].decidedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(read.body.decisions[0].decidedAt).getTime(),
    );
  });

  it('refuses a proposal for a post that already has a running vacancy, and starts no second run', async () => {
    const { proposal, workflowId } = await propose();
    const again = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CASE_ALREADY_EXISTS' });
    expect(again.body.message).toContain(workflowId);
    const client = await stack.temporalClient();
    const runs = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);
  });

  it('answers 409 naming the step and the decisions allowed when the wrong role decides, and records nothing', async () => {
    const { path, workflowId } = await propose();
    await eventually(async () => (await stack.ledgerRows(workflowId)).length === 1);
    const res = await decide(path, HR, { decision: 'approve', fillingMethod: 'open_selection' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(res.body.details).toMatchObject({ step: 'awaiting_ppk_decision', role: 'hr_officer', roles: ['ppk'] });
    expect(res.body.messages.en).toContain('awaiting_ppk_decision');
    expect(res.body.messages.en).toContain('withdraw (hr_officer)');
    expect(res.body.message).toMatch(/tidak berwenang/);
    expect(await stack.ledgerRows(workflowId)).toHaveLength(1);

    // Rejected by the validator: the refused update never reaches the workflow history.
    const history = await (await stack.temporalClient()).workflow.getHandle(workflowId).fetchHistory();
    const updateEvents = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updateEvents).toHaveLength(0);
  });

  it('refuses a duplicate or out-of-order decision with 409 and keeps the ledger as it was', async () => {
    const { path, workflowId } = await propose();
    expect((await decide(path, PPK, { decision: 'approve', fillingMethod: 'talent_pool' })).status).toBe(200);
    const dup = await decide(path, PPK, { decision: 'approve', fillingMethod: 'talent_pool' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'DECISION_NOT_ALLOWED', details: { step: 'approved', allowed: ['close (hr_officer)'] } });
    const outOfOrder = await decide(path, HR, { decision: 'withdraw', reason: 'terlambat' });
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body.code).toBe('DECISION_NOT_ALLOWED');
    expect((await stack.ledgerRows(workflowId)).map((r) => r.decision)).toEqual(['propose', 'approve']);
  });

  it('requires a reason to reject and a filling method to approve, naming the missing field', async () => {
    const { path, workflowId } = await propose({
      positionClass: 'administrator',
      requestedFillingMethod: 'talent_pool',
      gradeMin: 'III/d',
      gradeMax: 'IV/a',
    });
    const noReason = await decide(path, PPK, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: 'DECISION_INCOMPLETE', details: { missing: ['reason'] } });
    const noMethod = await decide(path, PPK, { decision: 'approve' });
    expect(noMethod.status).toBe(400);
    expect(noMethod.body.details.missing).toEqual(['fillingMethod']);
    // Administrator posts are not filled by open selection (domain.md §2.4).
    const wrongMethod = await decide(path, PPK, { decision: 'approve', fillingMethod: 'open_selection' });
    expect(wrongMethod.status).toBe(400);
    expect(wrongMethod.body.details.fields[0]).toMatchObject({ field: 'fillingMethod', rule: 'filling-methods@2026-01-01' });
    expect(await stack.ledgerRows(workflowId)).toHaveLength(1);
  });

  it('ends on rejection; the same post can then be proposed again as a new run', async () => {
    const { proposal, path, workflowId } = await propose();
    const rejected = await decide(path, PPK, { decision: 'reject', reason: 'Formasi belum tersedia dalam anggaran' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ step: 'rejected', terminal: true, allowedDecisions: [] });
    const client = await stack.temporalClient();
    await client.workflow.getHandle(workflowId).result();

    const late = await decide(path, PPK, { decision: 'approve', fillingMethod: 'open_selection' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'DECISION_NOT_ALLOWED', details: { step: 'rejected' } });

    const again = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(again.status).toBe(201);
    expect(again.body.runId).not.toBe(rejected.body.runId);
    const rows = await stack.ledgerRows(workflowId);
    expect(rows.filter((r) => r.run_id === rejected.body.runId).map((r) => r.decision)).toEqual(['propose', 'reject']);
  });

  it('lets HR withdraw before the PPK decides', async () => {
    const { path, workflowId } = await propose();
    const res = await decide(path, HR, { decision: 'withdraw', reason: 'Jabatan akan dirombak dalam penataan organisasi' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ step: 'withdrawn', status: 'withdrawn', terminal: true });
    expect((await stack.ledgerRows(workflowId)).map((r) => r.decision)).toEqual(['propose', 'withdraw']);
  });

  it('gives a repeated request with the same Idempotency-Key the first answer and records it once', async () => {
    const { path, workflowId } = await propose();
    const headers = { 'idempotency-key': `req-${uniqueCode('K')}` };
    const first = await decide(path, PPK, { decision: 'approve', fillingMethod: 'open_selection' }, headers);
    const second = await decide(path, PPK, { decision: 'approve', fillingMethod: 'open_selection' }, headers);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await stack.ledgerRows(workflowId)).map((r) => r.decision)).toEqual(['propose', 'approve']);
  });

  it('lists vacancies filtered by agency and status', async () => {
    const agencyCode = uniqueCode('PEMPROV');
    const a = await propose({ agencyCode });
    const b = await propose({ agencyCode });
    await propose(); // another agency
    await decide(a.path, PPK, { decision: 'approve', fillingMethod: 'open_selection' });
    await eventually(async () => (await stack.ledgerRows(b.workflowId)).length === 1);

    const all = await stack.call('GET', `/v1/vacancies?agencyCode=${agencyCode}`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((i: { workflowId: string }) => i.workflowId).sort()).toEqual([a.workflowId, b.workflowId].sort());
    const approved = await stack.call('GET', `/v1/vacancies?agencyCode=${agencyCode}&status=approved`);
    expect(approved.body.items).toHaveLength(1);
    expect(approved.body.items[0]).toMatchObject({ workflowId: a.workflowId, status: 'approved', step: 'approved' });
    const page = await stack.call('GET', `/v1/vacancies?agencyCode=${agencyCode}&limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
  });

  it('records an expired deadline as a system decision, on a durable timer (test SOP with a 2 s deadline)', async () => {
    const { path, workflowId } = await propose({ sopVersion: '1.0.0-test.fast' });
    const done = await eventually(
      async () => {
        const r = await stack.call('GET', path);
        return r.body.status === 'expired' && r.body.decisions.length === 2 ? r : undefined;
      },
      30_000,
      'the deadline to expire',
    );
    expect(done.body.decisions[1]).toMatchObject({
      decision: 'deadline_expired',
      actor: { id: 'system', role: 'system' },
      stepBefore: 'awaiting_ppk_decision',
      stepAfter: 'expired',
      sop: { version: '1.0.0-test.fast' },
      payload: { notifyRole: 'ppk', onExpiry: 'close' },
    });
    expect(done.body.decisions[1].reason).toMatch(/deadline/);
    expect(await stack.ledgerRows(workflowId)).toHaveLength(2);
  });

  it('answers in English when asked, Indonesian by default', async () => {
    const id = await stack.call('GET', '/v1/vacancies/vacancy:NOPE:NOPE');
    expect(id.status).toBe(404);
    expect(id.body.message).toBe('Kasus vacancy:NOPE:NOPE tidak ditemukan');
    const en = await stack.call('GET', '/v1/vacancies/vacancy:NOPE:NOPE', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.body.message).toBe('Case vacancy:NOPE:NOPE was not found');
  });

  it('reports Temporal and PostgreSQL reachability on /health', async () => {
    const res = await stack.call('GET', '/health', { actor: null });
    expect(res.status).toBe(200);
    expect(res.body.details).toMatchObject({ postgres: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('serves the OpenAPI document with the vacancy endpoints', async () => {
    const res = await stack.call('GET', '/docs-json', { actor: null });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/vacancies', '/api/v1/vacancies/{id}', '/api/v1/vacancies/{id}/decisions', '/api/health']),
    );
  });
});
