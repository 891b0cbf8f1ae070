import type { Actor, ConformanceReport } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { namedMoves } from '../support/register-fixtures';
import { TPK_CHAIR, evidence, monthsFromNow, moveFacts, region } from '../support/move-fixtures';

/**
 * The rules bind on the date a move takes effect: the approval as of the intended effective date, the
 * decree as of its TMT. A decree inside an election ban needs the Minister's approval, and one let
 * through by it opens a reporting step with a working-day deadline.
 */
const stack = new Stack();
afterAll(() => stack.close());

const post = (path: string, actor: Actor, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });
const DAY = 24 * 3600 * 1000;
/** A WIB calendar date `days` from today. */
const wibDay = (days = 0) => new Date(Date.now() + 7 * 3600 * 1000 + days * DAY).toISOString().slice(0, 10);

type Decision = { decision: string; payload: Record<string, any> };

/** The SOP conformance of a move case, as an auditor reads it from the API. */
async function conformanceOf(path: string): Promise<ConformanceReport> {
  await settled(path);
  const id = path.split('/').pop()!;
  const res = await stack.call('GET', `/v1/cases/${id}/conformance`, { actor: { id: 'inspektorat-01', role: 'auditor' } });
  expect(res.status).toBe(200);
  return res.body;
}

async function settled(path: string) {
  return eventually(async () => {
    const r = (await stack.call('GET', path)).body;
    return r.recordedCount === r.decisionCount ? r : undefined;
  });
}

/** A region whose election ban started three months ago and runs past the coming year. */
async function regionInBan() {
  const reg = await region(stack);
  const res = await stack.call('PUT', `/v1/reference/elections/${reg}`, {
    actor: HR,
    body: { candidatePairDetermination: monthsFromNow(3), termEnd: monthsFromNow(14), reason: 'Jadwal KPU (uji)' },
  });
  expect(res.status).toBe(200);
  return reg;
}

async function ministerApproval(reg: string) {
  const res = await post('/v1/reference/minister-approvals', HR, {
    regionCode: reg,
    documentRef: `Surat Mendagri 100.2.2.6/${uniqueCode('OTDA')}`,
    title: 'Persetujuan tertulis penggantian pejabat',
    approvedOn: wibDay(0),
    scope: 'penggantian pejabat administrator',
    reason: 'Diterima dari Kemendagri',
  });
  expect([200, 201]).toContain(res.status);
}

/** Proposes a move approved as of `intended`, up to the decree step. */
async function atDecree(reg: string, intended: string, sopVersion?: string) {
  const agency = uniqueCode('PEMKAB');
  const created = await post(
    '/v1/moves',
    HR,
    await namedMoves(stack, {
      ...moveFacts(agency, reg),
      intendedEffectiveDate: intended,
      ...(sopVersion ? { sopVersion } : {}),
    }),
  );
  expect(created.status).toBe(201);
  const path = `/v1/moves/${created.body.workflowId}`;
  expect(
    (
      await post(`${path}/decisions`, TPK_CHAIR, {
        decision: 'tpk_advise',
        reason: 'Memenuhi',
        evidence: await evidence(stack, 'ba_tpk', agency),
      })
    ).status,
  ).toBe(200);
  const approved = await post(`${path}/decisions`, PPK, { decision: 'approve' });
  expect(approved.status).toBe(200);
  expect(approved.body.evaluation).toMatchObject({ allowed: true, asOf: intended, asOfBasis: 'intended_effective_date' });
  return { id: created.body.workflowId as string, path, agency };
}

const decree = async (m: { path: string; agency: string }, effectiveDate: string, extra: Record<string, unknown> = {}) =>
  post(`${m.path}/decisions`, HR, {
    decision: 'record_decree',
    decreeNumber: `821/${Math.floor(Math.random() * 9000) + 1000}/2026`,
    effectiveDate,
    evidence: await evidence(stack, 'sk_mutasi', m.agency),
    ...extra,
  });

describe('decrees judged as of their TMT', () => {
  it('refuses a decree whose TMT falls in an election ban, though it was approved as of a date before, with 422 RULE_BLOCKED naming the ban; the attempt is the only row', async () => {
    // The ban starts in two months: today, and the intended date, are outside it.
    const reg = await region(stack);
    await stack.call('PUT', `/v1/reference/elections/${reg}`, {
      actor: HR,
      body: { candidatePairDetermination: monthsFromNow(8), termEnd: monthsFromNow(20), reason: 'Jadwal KPU (uji)' },
    });
    const m = await atDecree(reg, wibDay(0));
    const before = (await settled(m.path)).decisions.length;

    const tmt = monthsFromNow(3);
    const refused = await decree(m, tmt);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'RULE_BLOCKED',
      details: { decision: 'record_decree', asOf: tmt, asOfBasis: 'decree_effective_date', effectiveDate: tmt },
    });
    const [moratorium] = refused.body.details.blocking;
    expect(moratorium).toMatchObject({
      rule: 'electionMoratorium',
      passed: false,
      periods: [{ regionCode: reg, kind: 'pre_election', from: monthsFromNow(2), to: monthsFromNow(20) }],
    });
    expect(refused.body.messages.en).toContain(`${monthsFromNow(2)} to ${monthsFromNow(20)}`);

    const state = await settled(m.path);
    expect(state).toMatchObject({ step: 'decree', decree: null, blockedAttempts: 1 });
    const added: Decision[] = state.decisions.slice(before);
    expect(added.map((d) => d.decision)).toEqual(['decision_blocked']);
    expect(added[0].payload).toMatchObject({
      attempted: 'record_decree',
      asOf: tmt,
      effectiveDate: tmt,
      evaluation: { allowed: false, asOf: tmt },
    });

    // The same decree dated before the ban goes through, judged as of its own date.
    const ok = await decree(m, wibDay(7));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      step: 'completed',
      reportingDuty: null,
      evaluation: { asOf: wibDay(7), asOfBasis: 'decree_effective_date' },
    });
  });

  it('accepts the decree once the Minister’s approval is recorded, opens the reporting step, and closes it with the report; conformance shows the duty met', async () => {
    const reg = await regionInBan();
    // Approved as of a date before the ban began (four months ago).
    const m = await atDecree(reg, monthsFromNow(-4));

    const backdated = await decree(m, wibDay(-40));
    expect(backdated.status).toBe(400);
    expect(backdated.body).toMatchObject({ code: 'DECISION_INCOMPLETE', details: { missing: ['reason'], maxBackdatingDays: 30 } });

    const refused = await decree(m, wibDay(0));
    expect(refused.status).toBe(422);
    expect(refused.body.details.blocking.map((v: { rule: string }) => v.rule)).toEqual(['electionMoratorium']);

    await ministerApproval(reg);
    const accepted = await decree(m, wibDay(0));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      step: 'reporting',
      status: 'awaiting_report',
      allowedDecisions: [{ decision: 'report_submitted', roles: ['hr_officer'] }],
      reportingDuty: { rule: 'electionMoratorium', approvals: [{ regionCode: reg }] },
    });
    const opened = await eventually(async () => {
      const s = (await stack.call('GET', m.path)).body;
      return s.deadline ? s : undefined;
    });
    expect(opened.deadline).toMatchObject({ step: 'reporting', onExpiry: 'escalate', notifyRole: 'ppk' });
    // 7 working days are at least 9 calendar days away.
    expect(Date.parse(opened.deadline.dueAt) - Date.now()).toBeGreaterThan(8 * DAY);

    const noReport = await post(`${m.path}/decisions`, HR, { decision: 'report_submitted' });
    expect(noReport.status).toBe(400);
    expect(noReport.body.details.missing).toEqual(['evidence']);
    const reported = await post(`${m.path}/decisions`, HR, {
      decision: 'report_submitted',
      reason: 'Dilaporkan kepada Mendagri',
      evidence: await evidence(stack, 'laporan_mendagri', m.agency),
    });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ step: 'completed', terminal: true, report: { by: HR.id } });

    const state = await settled(m.path);
    const names = state.decisions.map((d: Decision) => d.decision).filter((n: string) => n !== 'rules_evaluated');
    expect(names).toEqual(['propose', 'tpk_advise', 'approve', 'decision_blocked', 'record_decree', 'report_submitted']);
    const recorded = state.decisions.find((d: Decision) => d.decision === 'record_decree');
    expect(recorded.payload).toMatchObject({
      asOf: wibDay(0),
      evaluation: { asOf: wibDay(0), allowed: true },
      reportingDuty: { rule: 'electionMoratorium' },
    });
    expect(state.decisions.find((d: Decision) => d.decision === 'approve').payload).toMatchObject({ asOf: monthsFromNow(-4) });

    const conformance = await conformanceOf(m.path);
    expect(conformance.violations).toEqual([]);
    expect(conformance).toMatchObject({ conforms: true, duties: [{ step: 'reporting', kind: 'report', status: 'met', breachedBy: [] }] });
  });

  it('escalates a missed report to the PPK (fast test SOP) and conformance shows the duty breached', async () => {
    const reg = await regionInBan();
    await ministerApproval(reg);
    const m = await atDecree(reg, wibDay(0), '1.1.0-test.fast');
    const accepted = await decree(m, wibDay(0));
    expect(accepted.body).toMatchObject({ step: 'reporting', sop: { version: '1.1.0-test.fast' } });

    const escalated = await eventually(
      async () => {
        const s = (await stack.call('GET', m.path)).body;
        return s.decisions.some((d: Decision) => d.decision === 'deadline_escalated') ? s : undefined;
      },
      30_000,
      'the reporting deadline to pass',
    );
    expect(escalated.step).toBe('reporting');
    expect(escalated.decisions.find((d: Decision) => d.decision === 'deadline_escalated').payload).toMatchObject({
      notifyRole: 'ppk',
      onExpiry: 'escalate',
    });

    const breached = await conformanceOf(m.path);
    expect(breached.conforms).toBe(false);
    expect(breached.duties).toEqual([expect.objectContaining({ step: 'reporting', status: 'breached', metBy: null })]);
    expect(breached.violations.map((v) => v.rule)).toEqual(['deadline_breached']);

    // A late report still closes the case, and the record keeps it late.
    const late = await post(`${m.path}/decisions`, HR, {
      decision: 'report_submitted',
      reason: 'Terlambat dilaporkan',
      evidence: await evidence(stack, 'laporan_mendagri', m.agency),
    });
    expect(late.body.step).toBe('completed');
    expect((await conformanceOf(m.path)).duties).toEqual([expect.objectContaining({ status: 'met_late' })]);
  });
});

describe('effective dates at the edge', () => {
  it.each([
    ['intendedEffectiveDate', '2025-02-30'],
    ['intendedEffectiveDate', '2026-13-01'],
    ['intendedEffectiveDate', '2025-12-31'],
  ])('refuses a proposal whose %s is %s with 400 naming the field, starting nothing', async (field, value) => {
    const facts = moveFacts(uniqueCode('PEMKAB'), await region(stack));
    const res = await post('/v1/moves', HR, await namedMoves(stack, { ...facts, [field]: value }));
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const client = await stack.temporalClient();
    await expect(client.workflow.getHandle(`move:${facts.to.agencyCode}:${facts.person.nip}`).describe()).rejects.toThrow(/not found/i);
  });

  it('refuses a decree TMT of 2025-02-30 with 400 naming effectiveDate, recording nothing', async () => {
    const m = await atDecree(await region(stack), wibDay(0));
    const before = (await settled(m.path)).decisions.length;
    const res = await decree(m, '2025-02-30');
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['effectiveDate']);
    expect((await settled(m.path)).decisions).toHaveLength(before);
  });

  it('refuses a bulk member with an impossible intended date, naming moves.0.intendedEffectiveDate', async () => {
    const agency = uniqueCode('PEMKAB');
    const moves = [{ ...moveFacts(agency, await region(stack), { kind: 'rotation' }), intendedEffectiveDate: '2025-02-30' }];
    const res = await post(
      '/v1/bulk-moves',
      HR,
      await namedMoves(stack, { agencyCode: agency, batchCode: uniqueCode('SK'), title: 'Rotasi uji', moves }),
    );
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain('moves.0.intendedEffectiveDate');
  });

  it('records the proposal date as the intended effective date when none is named', async () => {
    const created = await post('/v1/moves', HR, await namedMoves(stack, { ...moveFacts(uniqueCode('PEMKAB'), await region(stack)) }));
    expect(created.status).toBe(201);
    // The proposal's own rule check lands a moment after the proposal: wait for it, not just for the ledger.
    const state = await eventually(async () => {
      const r = await settled(`/v1/moves/${created.body.workflowId}`);
      return r.evaluation ? r : undefined;
    });
    expect(state.intendedEffectiveDate).toBe(wibDay(0));
    expect(state.evaluation).toMatchObject({ asOf: wibDay(0), asOfBasis: 'intended_effective_date' });
    expect(state.decisions[0].payload.intendedEffectiveDate).toBe(wibDay(0));
  });

  it('documents the new date fields and the 422 in the OpenAPI document', async () => {
    const doc = (await stack.call('GET', '/docs-json', { actor: null })).body;
    const schemas = doc.components.schemas;
    expect(schemas.ProposeMoveDto.properties.intendedEffectiveDate.description).toMatch(/defaults to the proposal date/);
    expect(schemas.MoveDecisionDto.properties.effectiveDate.description).toMatch(/RULE_BLOCKED/);
    expect(schemas.BulkMoveMemberDto.properties.intendedEffectiveDate).toBeDefined();
    const decide = doc.paths['/api/v1/moves/{id}/decisions'].post;
    expect(decide.responses['422'].description).toMatch(/RULE_BLOCKED/);
  });
});

describe('a collective decree judged as of its TMT (bulk-move SOP 1.1.0)', () => {
  it('refuses a bulk rotation whose TMT falls in an election ban, naming each person, records only the attempt, and accepts it once the Minister approves', async () => {
    const reg = await regionInBan();
    const agency = uniqueCode('PEMKAB');
    const people = Array.from({ length: 3 }, () => moveFacts(agency, reg, { kind: 'rotation' }));
    // Approved as of a date before the ban began: the members' own checks pass.
    const batch = await post(
      '/v1/bulk-moves',
      HR,
      await namedMoves(stack, {
        agencyCode: agency,
        batchCode: uniqueCode('SK'),
        title: 'Rotasi dalam masa larangan (uji)',
        moves: people.map((p) => ({ ...p, intendedEffectiveDate: monthsFromNow(-4) })),
      }),
    );
    expect(batch.status).toBe(201);
    const b = `/v1/bulk-moves/${batch.body.workflowId}`;
    await eventually(async () => (await stack.call('GET', b)).body.step === 'awaiting_approval', 60_000, 'members checked');
    expect((await stack.call('GET', b)).body.sop).toEqual({ id: 'bulk-move', version: '1.1.0' });
    expect((await post(`${b}/decisions`, PPK, { decision: 'approve_batch' })).status).toBe(200);

    const body = {
      decision: 'record_decree',
      decreeNumber: '821/77/2026',
      effectiveDate: wibDay(0),
      evidence: await evidence(stack, 'sk_kolektif', agency),
    };
    const refused = await post(`${b}/decisions`, HR, body);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'RULE_BLOCKED',
      details: { decision: 'record_decree', asOf: wibDay(0), asOfBasis: 'decree_effective_date' },
    });
    expect([...refused.body.details.people].sort()).toEqual(people.map((p) => p.person.nip).sort());
    const blocked = await settled(b);
    expect(blocked).toMatchObject({ step: 'decree', decree: null, annex: [] });
    expect(
      blocked.decisions.map((d: Decision) => d.decision).filter((d: string) => d === 'decision_blocked' || d === 'record_decree'),
    ).toEqual(['decision_blocked']);

    await ministerApproval(reg);
    const accepted = await post(`${b}/decisions`, HR, body);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ step: 'completed', decree: { number: '821/77/2026', effectiveDate: wibDay(0) } });
    expect(accepted.body.annex).toHaveLength(3);
    const conformance = await conformanceOf(b);
    expect(conformance.violations).toEqual([]);
  }, 120_000);
});
