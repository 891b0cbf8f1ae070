import { parse } from 'csv-parse/sync';
import type { Actor } from '@meritflow/domain';
import { PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { evidence, moveFacts, region } from '../support/move-fixtures';
import { FAST_DISCIPLINE_SOP, openDisciplineCase } from '../support/discipline-fixtures';
import { pdfText } from '../support/pdf-text';
import { hrOf, newAgency, registerOfficial } from '../support/register-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const AUDITOR: Actor = { id: 'bpkp-auditor-disc', role: 'auditor', name: 'Auditor BPKP' };
const CHAIR: Actor = { id: 'ketua-tim-01', role: 'committee_chair', name: 'Ketua TPK' };
const TEAM = [
  { id: '197001011995031001', name: 'Atasan langsung' },
  { id: 'inspektorat-01', name: 'Inspektorat' },
  { id: 'bkpsdm-01', name: 'BKPSDM' },
];
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const openCase = (o: Parameters<typeof openDisciplineCase>[1] = {}) => openDisciplineCase(stack, o);

type Case = Awaited<ReturnType<typeof openCase>>;

async function examine(c: Case, team = TEAM, withMinutes = true) {
  const res = await c.decide(c.hr, {
    decision: 'record_examination',
    examinedOn: today(),
    team,
    reason: 'Pemeriksaan oleh tim',
    ...(withMinutes ? { evidence: await evidence(stack, 'bap_pemeriksaan', c.agency) } : {}),
  });
  expect(res.status).toBe(200);
}

async function decree(c: Case, number: string, date = today()) {
  return c.decide(c.hr, {
    decision: 'record_decree',
    decreeNumber: number,
    decreeDate: date,
    effectiveDate: date,
    evidence: await evidence(stack, 'sk_hukdis', c.agency),
  });
}

const registerEvents = async (c: Case) => {
  const res = await stack.call('GET', `/v1/register/people/${c.nip}/events`, { actor: c.hr });
  expect(res.status).toBe(200);
  return res.body.events as { id: number; type: string; payload: any; actor: any; reason: string }[];
};
const stepOf = async (c: Case) => (await stack.call('GET', c.path, { actor: c.hr })).body.step as string;

describe('discipline cases (PP 94/2021) on the real stack', () => {
  it('demotes one level for 12 months, records it in the register, ends it by timer and restores the grade', async () => {
    const c = await openCase();
    await examine(c);
    const decided = await c.decide(PPK, {
      decision: 'decide_sanction',
      level: 'heavy',
      sanction: 'penurunan_jabatan_12_bulan',
      reason: 'Terbukti',
    });
    expect([decided.status, decided.body.step]).toEqual([200, 'decree']);
    // The decree cannot predate the decision.
    const early = await decree(c, 'SK-HD-001', dayBefore(today()));
    expect([early.status, early.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(early.body.details.fields.map((f: { rule: string }) => f.rule)).toContain('discipline.decreeBeforeDecision');
    const ok = await decree(c, 'SK-HD-001');
    expect([ok.status, ok.body.step]).toEqual([200, 'appeal_window']);
    expect(ok.body.appealWindow).toMatchObject({ kind: 'keberatan', opensOn: today(), closed: false });

    await eventually(async () => (await stepOf(c)) === 'in_force', 30_000, 'sanction in force');
    const inForce = (await stack.call('GET', c.path, { actor: c.hr })).body;
    expect(inForce.inForce).toMatchObject({
      level: 'heavy',
      sanction: 'penurunan_jabatan_12_bulan',
      imposedOn: today(),
      decreeNumber: 'SK-HD-001',
    });
    expect(inForce.inForce.endsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(inForce.termEndsAt).toEqual(expect.any(String));
    const events = await registerEvents(c);
    const sanction = events.find((e) => e.type === 'sanction_recorded')!;
    expect(sanction.payload).toEqual({
      level: 'heavy',
      sanction: 'penurunan_jabatan_12_bulan',
      imposedOn: today(),
      endsOn: inForce.inForce.endsOn,
      decreeNumber: 'SK-HD-001',
    });
    // Written as the officer who recorded the decree, citing it.
    expect(sanction.actor).toMatchObject({ id: c.hr.id, role: 'hr_officer' });
    expect(sanction.reason).toContain('SK-HD-001');
    const demotion = events.find((e) => e.type === 'rank_changed' && e.payload.kind === 'demotion')!;
    expect(demotion.payload).toMatchObject({ golongan: 'IV/a', tmt: today(), decreeNumber: 'SK-HD-001' });

    await eventually(async () => (await stepOf(c)) === 'restoration', 40_000, 'restoration step');
    const missing = await c.decide(c.hr, { decision: 'record_restoration', evidence: await evidence(stack, 'sk_pemulihan', c.agency) });
    expect([missing.status, missing.body.details.fields[0].field]).toEqual([400, 'restorationDecreeNumber']);
    const restored = await c.decide(c.hr, {
      decision: 'record_restoration',
      restorationDecreeNumber: 'SK-PULIH-001',
      evidence: await evidence(stack, 'sk_pemulihan', c.agency),
    });
    expect([restored.status, restored.body.step]).toEqual([200, 'completed']);
    const after = await registerEvents(c);
    expect(after.find((e) => e.type === 'rank_changed' && e.payload.decreeNumber === 'SK-PULIH-001')!.payload).toMatchObject({
      golongan: 'IV/b',
      kind: 'regular',
    });
    const profile = await stack.call('GET', `/v1/register/people/${c.nip}?asOf=${inForce.inForce.endsOn}`, { actor: c.hr });
    expect(profile.status).toBe(200);

    // Every step is one ledger row with who, role, SOP version and rule version where rules judged.
    const rows = await eventually(async () => {
      const body = (await stack.call('GET', c.path, { actor: c.hr })).body;
      return body.recordedCount === body.decisionCount && body.decisions;
    });
    expect(rows.map((d: { decision: string }) => d.decision)).toEqual([
      'report',
      'record_examination',
      'decide_sanction',
      'record_decree',
      'appeal_window_closed',
      'sanction_in_force',
      'sanction_ended',
      'record_restoration',
    ]);
    const decide = rows.find((d: { decision: string }) => d.decision === 'decide_sanction');
    expect(decide).toMatchObject({
      actor: { id: PPK.id, role: 'ppk' },
      sop: { id: 'discipline', version: FAST_DISCIPLINE_SOP },
      ruleVersion: 'pp94-2021/1.0.0',
    });

    // Dossier (JSON, CSV, PDF) and replay, driven by the case-type registry.
    const enc = encodeURIComponent(c.id);
    const json = await stack.call('GET', `/v1/cases/${enc}/dossier.json`, { actor: AUDITOR });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ case: { caseType: 'discipline' }, conformance: { conforms: true } });
    const csv = await fetch(`${stack.state.apiUrl}/v1/cases/${enc}/dossier.csv`, { headers: await stack.authHeaders(AUDITOR) });
    expect(csv.status).toBe(200);
    expect((parse(await csv.text(), { columns: true }) as unknown[]).length).toBe(rows.length);
    const pdf = await fetch(`${stack.state.apiUrl}/v1/cases/${enc}/dossier.pdf`, { headers: await stack.authHeaders(AUDITOR) });
    expect(pdf.status).toBe(200);
    const flat = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Hukuman disiplin PNS');
    expect(flat).toContain('Hukuman Disiplin (PP 94/2021) dan Perubahan Register');
    expect(flat).toContain(`penurunan_jabatan_12_bulan (heavy) sejak ${today()} sampai ${inForce.inForce.endsOn}`);
    expect(flat).toMatch(/Perubahan register \(pemulihan\): rank_changed; peristiwa #\d+/);
    const replay = await stack.call('GET', `/v1/cases/${enc}/replay`, { actor: AUDITOR });
    expect(replay.status).toBe(200);
    expect(replay.body.replay).toEqual([expect.objectContaining({ workflowId: c.id, ok: true })]);
    const exported = await stack.call('GET', `/v1/cases/${enc}/export`, { actor: AUDITOR });
    expect(exported.status).toBe(200);
    expect(exported.body.histories.map((h: { workflowType: string }) => h.workflowType)).toEqual(['disciplineWorkflow']);
  }, 150_000);

  it('records a medium allowance cut with its end date, ends it by timer and closes on restoration', async () => {
    const c = await openCase();
    await examine(c, [], false);
    expect(
      (await c.decide(PPK, { decision: 'decide_sanction', level: 'medium', sanction: 'potongan_tunjangan_25_6_bulan', reason: 'Terbukti' }))
        .status,
    ).toBe(200);
    expect((await decree(c, 'SK-HD-002')).status).toBe(200);
    await eventually(async () => (await stepOf(c)) === 'restoration', 40_000, 'restoration step');
    const events = await registerEvents(c);
    expect(events.filter((e) => e.type === 'sanction_recorded').map((e) => e.payload)).toEqual([
      expect.objectContaining({
        level: 'medium',
        sanction: 'potongan_tunjangan_25_6_bulan',
        imposedOn: today(),
        endsOn: expect.any(String),
      }),
    ]);
    expect(events.some((e) => e.type === 'rank_changed' && e.payload.kind === 'demotion')).toBe(false);
    const done = await c.decide(c.hr, { decision: 'record_restoration', evidence: await evidence(stack, 'nota_pemulihan', c.agency) });
    expect([done.status, done.body.step]).toEqual([200, 'completed']);
  }, 90_000);

  it('records an appeal filed in the window; a changed outcome takes effect instead of the decision', async () => {
    const c = await openCase({ sopVersion: '1.0.0' });
    await examine(c);
    await c.decide(PPK, {
      decision: 'decide_sanction',
      level: 'heavy',
      sanction: 'pembebasan_jabatan_pelaksana_12_bulan',
      pelaksanaPost: { postCode: 'PEL-UMUM-1', title: 'Pengadministrasi Umum', unitCode: 'DINAS-A' },
      reason: 'Terbukti',
    });
    const d = await decree(c, 'SK-HD-003');
    expect(d.body.appealWindow).toMatchObject({ kind: 'keberatan', opensOn: today() });
    const wrongKind = await c.decide(c.hr, {
      decision: 'file_appeal',
      appealKind: 'banding',
      filedOn: today(),
      evidence: await evidence(stack, 'keberatan', c.agency),
    });
    expect([wrongKind.status, wrongKind.body.details.fields[0].rule]).toEqual([400, 'discipline.appealKind']);
    const filed = await c.decide(c.hr, {
      decision: 'file_appeal',
      appealKind: 'keberatan',
      filedOn: today(),
      evidence: await evidence(stack, 'keberatan', c.agency),
    });
    expect([filed.status, filed.body.step]).toEqual([200, 'appeal_review']);
    const badChange = await c.decide(c.hr, {
      decision: 'appeal_changed',
      level: 'medium',
      sanction: 'teguran_lisan',
      reason: 'Diubah atasan PPK',
      evidence: await evidence(stack, 'putusan_keberatan', c.agency),
    });
    expect([badChange.status, badChange.body.details.fields[0].rule]).toEqual([400, 'discipline.sanctionLevel']);
    const changed = await c.decide(c.hr, {
      decision: 'appeal_changed',
      level: 'medium',
      sanction: 'potongan_tunjangan_25_12_bulan',
      reason: 'Diubah atasan PPK',
      evidence: await evidence(stack, 'putusan_keberatan', c.agency),
    });
    expect(changed.status).toBe(200);
    const state = await eventually(async () => {
      const s = (await stack.call('GET', c.path, { actor: c.hr })).body;
      return s.step === 'in_force' && s;
    });
    expect(state.inForce).toMatchObject({ level: 'medium', sanction: 'potongan_tunjangan_25_12_bulan' });
    expect(state.appeal).toMatchObject({ kind: 'keberatan', filedOn: today(), outcome: 'changed' });
    const events = await registerEvents(c);
    expect(events.some((e) => e.type === 'position_assigned' && e.payload.postType === 'pelaksana')).toBe(false);
    expect(events.find((e) => e.type === 'sanction_recorded')!.payload).toMatchObject({
      level: 'medium',
      sanction: 'potongan_tunjangan_25_12_bulan',
    });
  }, 90_000);

  it('refuses an appeal filed after the window with APPEAL_WINDOW_CLOSED, and an annulled sanction never reaches the register', async () => {
    const late = await openCase();
    await examine(late, [], false);
    await late.decide(PPK, { decision: 'decide_sanction', level: 'light', sanction: 'teguran_tertulis', reason: 'Terbukti' });
    expect((await decree(late, 'SK-HD-004')).status).toBe(200);
    await eventually(async () => (await stepOf(late)) === 'completed', 30_000, 'light sanction applied');
    const refused = await late.decide(late.hr, {
      decision: 'file_appeal',
      appealKind: 'keberatan',
      filedOn: today(),
      evidence: await evidence(stack, 'keberatan', late.agency),
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'APPEAL_WINDOW_CLOSED']);
    expect((await registerEvents(late)).filter((e) => e.type === 'sanction_recorded').map((e) => e.payload)).toEqual([
      { level: 'light', sanction: 'teguran_tertulis', imposedOn: today(), decreeNumber: 'SK-HD-004' },
    ]);

    const annulled = await openCase({ sopVersion: '1.0.0' });
    await examine(annulled, [], false);
    await annulled.decide(PPK, { decision: 'decide_sanction', level: 'light', sanction: 'teguran_lisan', reason: 'Terbukti' });
    await decree(annulled, 'SK-HD-005');
    await annulled.decide(annulled.hr, {
      decision: 'file_appeal',
      appealKind: 'keberatan',
      filedOn: today(),
      evidence: await evidence(stack, 'keberatan', annulled.agency),
    });
    const out = await annulled.decide(annulled.hr, {
      decision: 'appeal_annulled',
      reason: 'Dibatalkan',
      evidence: await evidence(stack, 'putusan_keberatan', annulled.agency),
    });
    expect([out.status, out.body.step]).toEqual([200, 'annulled']);
    expect((await registerEvents(annulled)).some((e) => e.type === 'sanction_recorded')).toBe(false);
  }, 90_000);

  it('refuses bad input clearly, changing nothing', async () => {
    // A demotion of an official at the lowest grade.
    const lowest = await openCase({
      events: [{ type: 'rank_changed', payload: { golongan: 'I/a', tmt: '2000-03-01', decreeNumber: 'SK-CPNS', kind: 'initial' } }],
    });
    await examine(lowest);
    const before = (await stack.call('GET', lowest.path, { actor: lowest.hr })).body.decisionCount;
    const demote = await lowest.decide(PPK, {
      decision: 'decide_sanction',
      level: 'heavy',
      sanction: 'penurunan_jabatan_12_bulan',
      reason: 'x',
    });
    expect([demote.status, demote.body.details.fields[0].rule]).toEqual([400, 'discipline.lowestGrade']);
    // A level that does not match the sanction.
    const mismatch = await lowest.decide(PPK, {
      decision: 'decide_sanction',
      level: 'light',
      sanction: 'pemberhentian_dengan_hormat',
      reason: 'x',
    });
    expect([mismatch.status, mismatch.body.details.fields[0].rule]).toEqual([400, 'discipline.sanctionLevel']);
    const after = (await stack.call('GET', lowest.path, { actor: lowest.hr })).body;
    expect([after.step, after.decisionCount]).toEqual(['decision', before]);

    // The official reported never acts on their own case.
    const self = await lowest.decide({ ...PPK, id: lowest.nip }, { decision: 'no_violation', reason: 'Tidak terbukti' });
    expect([self.status, self.body.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);

    // A heavy sanction without an examination team and minutes.
    const noTeam = await openCase();
    await examine(noTeam, TEAM.slice(0, 1), false);
    const heavy = await noTeam.decide(PPK, {
      decision: 'decide_sanction',
      level: 'heavy',
      sanction: 'pemberhentian_dengan_hormat',
      reason: 'x',
    });
    expect([heavy.status, heavy.body.details.fields[0].rule]).toEqual([400, 'discipline.examinationTeamRequired']);

    // A subject the register does not hold, or one of another agency: 404, nothing started.
    const agency = newAgency();
    const other = await registerOfficial(stack, { agencyCode: newAgency() });
    const caseCode = uniqueCode('HD');
    const foreign = await stack.call('POST', '/v1/discipline-cases', {
      actor: hrOf(agency),
      body: { agencyCode: agency, caseCode, nip: other.nip, allegation: 'Pelanggaran', reportedOn: today() },
    });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'PERSON_NOT_FOUND']);
    const client = await stack.temporalClient();
    await expect(client.workflow.getHandle(`discipline:${agency}:${caseCode}`).describe()).rejects.toThrow(/not found/i);
  }, 120_000);

  it('upholds an administrative appeal of a dismissal: the sanction then takes effect, with no end date, and ends service', async () => {
    const c = await openCase({ sopVersion: '1.0.0' });
    await examine(c);
    await c.decide(PPK, { decision: 'decide_sanction', level: 'heavy', sanction: 'pemberhentian_dengan_hormat', reason: 'Terbukti' });
    const d = await decree(c, 'SK-HD-006');
    expect(d.body.appealWindow).toMatchObject({ kind: 'banding', opensOn: today() });
    const filed = await c.decide(c.hr, {
      decision: 'file_appeal',
      appealKind: 'banding',
      filedOn: today(),
      evidence: await evidence(stack, 'banding', c.agency),
    });
    expect(filed.status).toBe(200);
    const upheld = await c.decide(c.hr, {
      decision: 'appeal_upheld',
      reason: 'BPASN menguatkan',
      evidence: await evidence(stack, 'putusan_bpasn', c.agency),
    });
    expect(upheld.status).toBe(200);
    await eventually(async () => (await stepOf(c)) === 'completed', 30_000, 'dismissal applied');
    const events = await registerEvents(c);
    expect(events.filter((e) => e.type === 'sanction_recorded').map((e) => e.payload)).toEqual([
      { level: 'heavy', sanction: 'pemberhentian_dengan_hormat', imposedOn: today(), decreeNumber: 'SK-HD-006' },
    ]);
    // The dismissal ends service on its TMT, recorded with the sanction by the decree's recorder.
    const ended = events.filter((e) => e.type === 'service_ended');
    expect(ended.map((e) => [e.payload, e.actor.role])).toEqual([
      [{ endedOn: today(), reason: 'dismissal_honourable', decreeNumber: 'SK-HD-006' }, 'hr_officer'],
    ]);
    const state = (await stack.call('GET', c.path, { actor: c.hr })).body;
    expect(state.registerChanges.flatMap((r: { eventIds: number[] }) => r.eventIds)).toContain(ended[0].id);

    const profile = await stack.call('GET', `/v1/register/people/${c.nip}`, { actor: c.hr });
    expect(profile.body).toMatchObject({
      serviceStatus: 'ended',
      serviceEnded: { endedOn: today(), reason: 'dismissal_honourable' },
      position: null,
    });
    const before = await stack.call('GET', `/v1/register/people/${c.nip}?asOf=${dayBefore(today())}`, { actor: c.hr });
    expect(before.body).toMatchObject({ serviceStatus: 'active', position: { postType: 'administrator' } });

    // A move of the dismissed official is refused before anything starts.
    const facts = moveFacts(c.agency, await region(stack));
    const { since: _since, ...from } = facts.from;
    const move = await stack.call('POST', '/v1/moves', {
      actor: c.hr,
      body: { ...facts, person: { nip: c.nip }, from, reason: 'Penyegaran' },
    });
    expect([move.status, move.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(move.body.details.fields.map((f: { field: string; rule: string }) => `${f.field}:${f.rule}`)).toEqual([
      'person.nip:register.serviceEnded',
    ]);
    const client = await stack.temporalClient();
    await expect(client.workflow.getHandle(`move:${c.agency}:${c.nip}`).describe()).rejects.toThrow(/not found/i);
  }, 60_000);

  it('gives HR and then the PPK their task in the inbox, naming no one', async () => {
    const c = await openCase();
    const tasks = async (actor: Actor) => {
      const res = await stack.call('GET', '/v1/inbox', { actor: { ...actor, agency: c.agency } });
      expect(res.status).toBe(200);
      return res.body as { tasks: { caseId: string; decision: string; title: string }[] };
    };
    const hrTask = await eventually(async () => (await tasks(c.hr)).tasks.find((t) => t.caseId === c.id));
    expect(hrTask).toMatchObject({ decision: 'record_examination' });
    expect(JSON.stringify(hrTask)).not.toContain(c.nip);
    await examine(c);
    const ppkTask = await eventually(async () => (await tasks(PPK)).tasks.find((t) => t.caseId === c.id));
    expect(ppkTask).toMatchObject({ decision: 'decide_sanction' });
  }, 60_000);

  it('shows the case only to its agency, and not to committee roles', async () => {
    const c = await openCase();
    const otherHr = hrOf(newAgency());
    const foreign = await stack.call('GET', c.path, { actor: otherHr });
    expect(foreign.status).toBe(404);
    const chair = await stack.call('GET', c.path, { actor: { ...CHAIR, agency: c.agency } });
    expect(chair.status).toBe(403);
    const ppk = await stack.call('GET', c.path, { actor: PPK });
    expect([ppk.status, ppk.body.subject.nip]).toEqual([200, c.nip]);
    // Temporal holds the case encrypted: no NIP or name in any payload, nor in the id.
    const raw = await (
      await stack.temporalClient()
    ).workflowService.getWorkflowExecutionHistory({
      namespace: stack.state.namespace,
      execution: { workflowId: c.id },
    });
    const bytes: Buffer[] = [];
    const walk = (v: unknown): void => {
      if (v instanceof Uint8Array) bytes.push(Buffer.from(v));
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(raw.history);
    const plain = Buffer.concat(bytes);
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.includes(c.nip)).toBe(false);
    expect(plain.includes('Tidak masuk kerja')).toBe(false);
    expect(c.id).not.toContain(c.nip);
    // The case list every role of the agency reads names neither the official nor the sanction.
    const list = await stack.call('GET', `/v1/cases?type=discipline`, { actor: { ...CHAIR, agency: c.agency } });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(c.nip);
  }, 60_000);
});
