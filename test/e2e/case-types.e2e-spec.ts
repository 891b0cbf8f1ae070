import { parse } from 'csv-parse/sync';
import type { Actor } from '@meritflow/domain';
import { CASE_TYPES, bulkPartWorkflowId } from '@meritflow/contracts';
import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { namedMoves } from '../support/register-fixtures';
import { TPK_CHAIR, decideMutation, evidence, moveFacts, region, talentPromotionCase } from '../support/move-fixtures';
import { pdfText } from '../support/pdf-text';

/** Moves, bulk moves and talent promotions through every whole-case endpoint, as vacancies and selections go. */
const stack = new Stack();
afterAll(() => stack.close());

const AUDITOR: Actor = { id: 'bpkp-auditor-02', role: 'auditor', name: 'Auditor BPKP' };
const post = (path: string, actor: Actor, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });
const enc = (id: string) => encodeURIComponent(id);
/** Today in WIB: decrees dated today stay inside any backdating limit whenever the suite runs. */
const todayWib = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const isoYearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000).toISOString().slice(0, 10);

async function download(path: string, actor: Actor) {
  const res = await fetch(`${stack.state.apiUrl}${path}`, { headers: await stack.authHeaders(actor, path) });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

async function ledgerRows(rootId: string): Promise<number> {
  const db = await stack.db();
  return (await db.query('SELECT count(*)::int AS n FROM decisions WHERE root_workflow_id = $1', [rootId])).rows[0].n;
}

/** Each decision only once the case has recorded its opening row (an earlier update would take sequence 1). */
async function opened(workflowId: string): Promise<void> {
  const db = await stack.db();
  await eventually(
    async () => (await db.query('SELECT 1 FROM decisions WHERE workflow_id = $1 AND sequence = 1', [workflowId])).rows.length === 1,
    30_000,
    `${workflowId} opened`,
  );
}

/** Waits until the workflow has ended and every decision it took is in the ledger. */
async function finished(id: string, path: string) {
  await (await stack.temporalClient()).workflow.getHandle(id).result();
  return eventually(
    async () => {
      const s = (await stack.call('GET', path)).body;
      return s.terminal && s.recordedCount === s.decisionCount ? s : undefined;
    },
    60_000,
    `${id} finished and recorded`,
  );
}

async function proposeMove(body: Record<string, unknown>): Promise<{ id: string; path: string }> {
  const res = await post('/v1/moves', HR, await namedMoves(stack, body));
  expect(res.status).toBe(201);
  await opened(res.body.workflowId);
  return { id: res.body.workflowId, path: `/v1/moves/${res.body.workflowId}` };
}

async function completedMutation() {
  const agency = uniqueCode('PEMKAB');
  const m = await proposeMove({ ...moveFacts(agency, await region(stack)), reason: 'Penyegaran organisasi' });
  await decideMutation(stack, m.path, agency, { decreeNumber: '800/31/2026', effectiveDate: todayWib() });
  await finished(m.id, m.path);
  return { ...m, agency };
}

async function completedTalentPromotion() {
  const { agency, facts, talent } = await talentPromotionCase(stack);
  const m = await proposeMove({ ...facts, talent });
  expect(
    (
      await post(`${m.path}/decisions`, TPK_CHAIR, {
        decision: 'talent_committee_review',
        reason: 'Masuk kelompok rencana suksesi',
        evidence: await evidence(stack, 'ba_komite_talenta', agency),
      })
    ).status,
  ).toBe(200);
  expect((await post(`${m.path}/decisions`, PPK, { decision: 'approve' })).status).toBe(200);
  expect(
    (
      await post(`${m.path}/decisions`, HR, {
        decision: 'record_decree',
        decreeNumber: '821.2/77/2026',
        effectiveDate: todayWib(),
        evidence: await evidence(stack, 'sk', agency),
      })
    ).status,
  ).toBe(200);
  await finished(m.id, m.path);
  return { ...m, agency };
}

async function completedBulkMove() {
  const agency = uniqueCode('PEMKAB');
  const reg = await region(stack);
  const moves = Array.from({ length: 4 }, () => moveFacts(agency, reg, { kind: 'rotation' }));
  moves[2].from = { ...moves[2].from, since: isoYearsAgo(1) };
  const blocked = moves[2].person.nip;
  const res = await post(
    '/v1/bulk-moves',
    HR,
    await namedMoves(stack, {
      agencyCode: agency,
      batchCode: uniqueCode('SK-ROTASI'),
      title: 'Rotasi pengawas Desember 2026',
      moves,
      reason: 'Penyegaran',
    }),
  );
  expect(res.status).toBe(201);
  const id: string = res.body.workflowId;
  const path = `/v1/bulk-moves/${id}`;
  await eventually(
    async () => ((await stack.call('GET', path)).body.step === 'awaiting_approval' ? true : undefined),
    60_000,
    'every person checked',
  );
  expect(
    (
      await post(`${path}/decisions`, PPK, {
        decision: 'approve_batch',
        exclusions: [{ nip: blocked, reason: 'Masa jabatan belum cukup' }],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await post(`${path}/decisions`, HR, {
        decision: 'record_decree',
        decreeNumber: '821.2/901/2026',
        effectiveDate: todayWib(),
        evidence: await evidence(stack, 'sk_kolektif', agency),
      })
    ).status,
  ).toBe(200);
  await finished(id, path);
  // Every member workflow records its own end.
  await eventually(
    async () => {
      const s = (await stack.call('GET', path)).body;
      return (
        s.decisions.filter((d: { decision: string }) => d.decision === 'included_in_decree' || d.decision === 'excluded_from_batch')
          .length === 4 || undefined
      );
    },
    60_000,
    'every member finished',
  );
  const client = await stack.temporalClient();
  await Promise.all(moves.map((m) => client.workflow.getHandle(`${id}:member:${m.person.nip}`).result()));
  return { id, path, agency, blocked, members: moves.map((m) => `${id}:member:${m.person.nip}`) };
}

describe('every case type through the whole-case endpoints', () => {
  let mutation: Awaited<ReturnType<typeof completedMutation>>;
  let talent: Awaited<ReturnType<typeof completedTalentPromotion>>;
  let bulk: Awaited<ReturnType<typeof completedBulkMove>>;

  beforeAll(async () => {
    [mutation, talent, bulk] = await Promise.all([completedMutation(), completedTalentPromotion(), completedBulkMove()]);
  }, 240_000);

  it('gives a completed mutation a dossier in JSON, CSV and PDF with the move, its rule verdicts and the decree', async () => {
    const json = await stack.call('GET', `/v1/cases/${enc(mutation.id)}/dossier.json`, { actor: AUDITOR });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      case: { caseId: mutation.id, caseType: 'move', step: 'completed' },
      state: { caseType: 'move', decree: { number: '800/31/2026' } },
      conformance: { conforms: true },
    });
    expect(json.body.decisions.map((d: { decision: string }) => d.decision)).toEqual(
      expect.arrayContaining(['propose', 'rules_evaluated', 'tpk_advise', 'approve', 'record_decree']),
    );

    const csv = await download(`/v1/cases/${enc(mutation.id)}/dossier.csv`, AUDITOR);
    expect(csv.status).toBe(200);
    const rows = parse(csv.body.toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(await ledgerRows(mutation.id));
    expect(rows.find((r) => r.decision === 'approve')).toMatchObject({
      actor_role: 'ppk',
      rule_version: 'mobility@2026-01-01',
      sop_id: 'mutation-intra',
    });

    const pdf = await download(`/v1/cases/${enc(mutation.id)}/dossier.pdf`, AUDITOR);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const flat = (await pdfText(pdf.body)).text.replace(/\s+/g, ' ');
    for (const h of [
      'DOSIR KASUS',
      'Data Pemindahan Pegawai',
      'Hasil Pemeriksaan Aturan Mobilitas',
      'Surat Keputusan (SK) dan TMT',
      'Linimasa Keputusan',
      'Hasil Pemeriksaan Kesesuaian SOP',
    ])
      expect(flat).toContain(h);
    expect(flat).toContain(`${CASE_TYPES.move.label.id}: Mutasi`);
    expect(flat).toContain('dalam satu instansi');
    expect(flat).toContain('Versi aturan: mobility@2026-01-01');
    expect(flat).toMatch(/minimumTenure \(mobility@2026-01-01\): lolos/);
    expect(flat).toContain('Nomor SK: 800/31/2026');
    expect(flat).toContain(`TMT: ${todayWib()}`);
    expect(flat).not.toContain('Penempatan Talenta');
  });

  it("prints a talent promotion's 9-box inputs, their weights and version, the box and the merit category that allowed it", async () => {
    const json = await stack.call('GET', `/v1/cases/${enc(talent.id)}/dossier.json`, { actor: AUDITOR });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      sop: { id: 'talent-promotion' },
      state: { talent: { placement: { box: 9 } } },
      conformance: { conforms: true },
    });
    const pdf = await download(`/v1/cases/${enc(talent.id)}/dossier.pdf`, AUDITOR);
    expect(pdf.status).toBe(200);
    const flat = (await pdfText(pdf.body)).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Penempatan Talenta (Kotak Sembilan) dan Kategori Sistem Merit');
    expect(flat).toContain('Kotak: 9 (kinerja di atas ekspektasi, potensial tinggi)');
    expect(flat).toContain('Versi aturan dan bobot: mobility@2026-01-01');
    expect(flat).toContain('Bobot sumbu kinerja: kinerja utama 60%, kinerja pendukung 40%');
    expect(flat).toContain('Bobot sumbu potensial: kompetensi 40%, potensial 25%, kualifikasi 20%, integritas 15%');
    expect(flat).toContain('Kinerja utama: 95');
    expect(flat).toContain('Integritas/moralitas: 97');
    expect(flat).toMatch(/Skor sumbu potensial: \d+(\.\d+)?/);
    expect(flat).toContain('Kategori sistem merit instansi: Sangat Baik (sangat_baik; skema kasn_400');
    expect(flat).toMatch(/Pengisian tanpa seleksi terbuka: DIBOLEHKAN/);
    const csv = await download(`/v1/cases/${enc(talent.id)}/dossier.csv`, AUDITOR);
    expect(csv.status).toBe(200);
    const propose = (parse(csv.body.toString('utf8'), { columns: true }) as Record<string, string>[]).find(
      (r) => r.decision === 'propose',
    )!;
    expect(JSON.parse(propose.payload).talent).toMatchObject({
      placement: { performance: 'above', potential: 'high', box: 9 },
      inputs: { performanceMain: 95 },
    });
  });

  it('gives a bulk move a dossier with its members, exclusions and the annex of the collective decree', async () => {
    const json = await stack.call('GET', `/v1/cases/${enc(bulk.id)}/dossier.json`, { actor: AUDITOR });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      case: { caseType: 'bulk-move' },
      state: { annex: expect.any(Array) },
      conformance: { conforms: true },
    });
    expect(json.body.conformance.workflows.map((w: { sop: { id: string } }) => w.sop.id)).toEqual(
      expect.arrayContaining(['bulk-move', 'bulk-member']),
    );
    const memberRows = json.body.decisions.filter((d: { workflowId: string }) => d.workflowId !== bulk.id);
    expect(new Set(memberRows.map((d: { workflowId: string }) => d.workflowId))).toEqual(new Set(bulk.members));
    const csv = await download(`/v1/cases/${enc(bulk.id)}/dossier.csv`, AUDITOR);
    expect((parse(csv.body.toString('utf8'), { columns: true }) as unknown[]).length).toBe(await ledgerRows(bulk.id));
    const pdf = await download(`/v1/cases/${enc(bulk.id)}/dossier.pdf`, AUDITOR);
    const flat = (await pdfText(pdf.body)).text.replace(/\s+/g, ' ');
    for (const h of ['Daftar Pegawai dalam SK Kolektif', 'Lampiran SK Kolektif', 'Surat Keputusan (SK) dan TMT']) expect(flat).toContain(h);
    expect(flat).toContain(`NIP ${bulk.blocked}`);
    expect(flat).toContain('DIKECUALIKAN: Masa jabatan belum cukup');
    expect(flat).toContain('Nomor SK: 821.2/901/2026');
    expect(flat).toContain(`${CASE_TYPES['bulk-move'].childTypes[0].label.id} ${bulk.blocked}`);
  });

  it('replays each of them consistent, the bulk move with every member, and exports their histories', async () => {
    for (const c of [mutation, talent, bulk]) {
      const res = await stack.call('GET', `/v1/cases/${enc(c.id)}/replay`, { actor: AUDITOR });
      expect([c.id, res.status, res.body.verdict]).toEqual([c.id, 200, 'consistent']);
      expect(res.body.comparison).toMatchObject({ matches: await ledgerRows(c.id), missing: [], extra: [], altered: [] });
    }
    const replay = await stack.call('GET', `/v1/cases/${enc(bulk.id)}/replay`, { actor: AUDITOR });
    // A batch proposed in one request is one page: its part workflow is replayed with it (issue 19 paging).
    expect(replay.body.replay.map((r: { workflowId: string }) => r.workflowId).sort()).toEqual(
      [bulk.id, bulkPartWorkflowId(bulk.id, 1), ...bulk.members].sort(),
    );

    const exported = await stack.call('GET', `/v1/cases/${enc(bulk.id)}/export`, { actor: AUDITOR });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'meritflow-case-export', caseId: bulk.id });
    expect(exported.body.histories[0]).toMatchObject({ workflowId: bulk.id, workflowType: CASE_TYPES['bulk-move'].workflowType });
    expect(
      exported.body.histories.filter(
        (h: { workflowType: string }) => h.workflowType === CASE_TYPES['bulk-move'].childTypes[0].workflowType,
      ),
    ).toHaveLength(4);
    expect(exported.body.ledger).toHaveLength(await ledgerRows(bulk.id));
    const move = await stack.call('GET', `/v1/cases/${enc(talent.id)}/export`, { actor: AUDITOR });
    expect(move.body.histories.map((h: { workflowType: string }) => h.workflowType)).toEqual([CASE_TYPES.move.workflowType]);
  });

  it('checks each against its SOP: conforms', async () => {
    for (const [c, sop] of [
      [mutation, 'mutation-intra'],
      [talent, 'talent-promotion'],
      [bulk, 'bulk-move'],
    ] as const) {
      const res = await stack.call('GET', `/v1/cases/${enc(c.id)}/conformance`, { actor: AUDITOR });
      expect([c.id, res.status, res.body.conforms, res.body.violations]).toEqual([c.id, 200, true, []]);
      expect(res.body.sop.id).toBe(sop);
    }
  });

  it('serves the registry to the console: every type with its labels, id shape and API collection', async () => {
    const res = await stack.call('GET', '/v1/case-types', { actor: AUDITOR });
    expect(res.status).toBe(200);
    expect(res.body.map((t: { type: string }) => t.type)).toEqual([
      'vacancy',
      'open-selection',
      'move',
      'bulk-move',
      'discipline',
      'talent-review',
    ]);
    expect(res.body.find((t: { type: string }) => t.type === 'bulk-move')).toMatchObject({
      label: CASE_TYPES['bulk-move'].label,
      idShape: CASE_TYPES['bulk-move'].idShape,
      resource: 'bulk-moves',
      childTypes: [{ workflowType: 'bulkMemberWorkflow', segment: 'member' }],
    });
  });

  it('lists moves and bulk moves by type', async () => {
    const moves = await stack.call('GET', `/v1/cases?type=move&agencyCode=${mutation.agency}`, { actor: HR });
    expect(moves.status).toBe(200);
    expect(moves.body.items.map((c: { workflowId: string; caseType: string }) => [c.workflowId, c.caseType])).toEqual([
      [mutation.id, 'move'],
    ]);
    const bulks = await stack.call('GET', `/v1/cases?type=bulk-move&agencyCode=${bulk.agency}`, { actor: HR });
    expect(bulks.body.items.map((c: { workflowId: string }) => c.workflowId)).toEqual([bulk.id]);
  });

  it("answers 400 naming the field for a bad type or a malformed id, and 404 for another agency's move", async () => {
    const badType = await stack.call('GET', '/v1/cases?type=transfer', { actor: HR });
    expect(badType.status).toBe(400);
    expect(badType.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['type']);
    for (const id of ['move:PEMKAB-A:123', `${bulk.id}:member:${bulk.blocked}`, 'bulk-move:lower:case']) {
      const res = await stack.call('GET', `/v1/cases/${enc(id)}/dossier.json`, { actor: AUDITOR });
      expect([id, res.status, res.body.details?.fields?.[0]?.field]).toEqual([id, 400, 'caseId']);
      expect(res.body.messages.en).toContain(CASE_TYPES['bulk-move'].idShape.en);
    }
    const outsider: Actor & { agency: string } = {
      id: '198001012005011001',
      role: 'hr_officer',
      name: 'HR lain',
      agency: uniqueCode('PEMKOT'),
    };
    for (const what of ['dossier.json', 'conformance']) {
      const res = await stack.call('GET', `/v1/cases/${enc(mutation.id)}/${what}`, { actor: outsider });
      expect([what, res.status, res.body.code]).toEqual([what, 404, 'CASE_NOT_FOUND']);
    }
  });
});

describe('a move waiting in the inbox', () => {
  it('shows a pending move task to the role that must act, and not to others', async () => {
    const agency = uniqueCode('PEMKAB');
    const m = await proposeMove({ ...moveFacts(agency, await region(stack)) });
    const inboxOf = async (actor: Actor) =>
      (await stack.call('GET', '/v1/inbox', { actor: { ...actor, agency } })).body as {
        tasks: { caseId: string; caseType: string; decision: string; options?: string[] }[];
      };
    const chair = await eventually(
      async () => {
        const i = await inboxOf(TPK_CHAIR);
        return i.tasks.some((t) => t.caseId === m.id) ? i : undefined;
      },
      30_000,
      'the TPK advice in the chair’s inbox',
    );
    expect(chair.tasks.find((t) => t.caseId === m.id)).toMatchObject({ caseType: 'move', decision: 'tpk_advise' });
    expect((await inboxOf(PPK)).tasks.filter((t) => t.caseId === m.id)).toEqual([]);

    expect(
      (
        await post(`${m.path}/decisions`, TPK_CHAIR, {
          decision: 'tpk_advise',
          reason: 'Memenuhi',
          evidence: await evidence(stack, 'ba_tpk', agency),
        })
      ).status,
    ).toBe(200);
    const ppk = await inboxOf(PPK);
    expect(ppk.tasks.filter((t) => t.caseId === m.id)).toEqual([
      expect.objectContaining({ caseType: 'move', decision: 'approve', options: ['approve', 'reject'] }),
    ]);
    expect((await inboxOf(HR)).tasks.filter((t) => t.caseId === m.id)).toEqual([]);
  });
});
