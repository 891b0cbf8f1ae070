import { parse } from 'csv-parse/sync';
import type { Actor, CommitteeMember } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal } from '../support/api-client';
import { pdfText } from '../support/pdf-text';
import { ASSESSOR, OVERSEER, asMember, committee, eligibleProfile, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { enrol } from '../support/register-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const AUDITOR: Actor = { id: uniqueCode('auditor').toLowerCase(), role: 'auditor', name: 'Inspektorat Provinsi DIY' };
const READER: Actor = { id: uniqueCode('ppk').toLowerCase(), role: 'ppk', name: 'Pembaca bukan auditor' };
const DECREE = '821.2/456/2026';
const JUSTIFICATION = 'Pengalaman lapangan bidang konstruksi, "lebih relevan" dengan program prioritas daerah';

const post = (path: string, actor: Actor, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });
const enc = (id: string) => encodeURIComponent(id);

/** WIB calendar date `days` from today, as the report's period takes it. */
const wibDay = (days: number) => new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function download(
  path: string,
  actor: Actor,
): Promise<{ status: number; type: string | null; disposition: string | null; body: Buffer }> {
  const res = await fetch(`${stack.state.apiUrl}${path}`, { headers: await stack.authHeaders(actor, path) });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/**
 * Waits until a workflow has recorded its opening decision. An update that reaches a workflow before
 * its first workflow task is dispatched when the handler is registered, ahead of the opening decision,
 * and lands in the ledger as sequence 1: the conformance check rightly reports that.
 */
async function opened(workflowId: string): Promise<void> {
  const db = await stack.db();
  await eventually(
    async () => (await db.query(`SELECT 1 FROM decisions WHERE workflow_id = $1 AND sequence = 1`, [workflowId])).rows.length === 1,
    30_000,
    `${workflowId} opened`,
  );
}

interface ClosedSelection {
  id: string;
  path: string;
  agencyCode: string;
  postCode: string;
  vacancyId: string;
  picked: string;
}

/** As openSelection in the shared fixtures, but each case is opened in the ledger before the next decision on it. */
async function openSelectionInOrder() {
  const agencyCode = uniqueCode('PEMKAB');
  const proposal = vacancyProposal({
    agencyCode,
    requiredCompetencies: [
      { type: 'managerial', name: 'integritas', level: 4 },
      { type: 'managerial', name: 'kerjasama', level: 4 },
      { type: 'technical', name: 'manajemen konstruksi', level: 4 },
    ],
  });
  const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
  expect(v.status).toBe(201);
  await opened(v.body.workflowId);
  expect(
    (await post(`/v1/vacancies/${v.body.workflowId}/decisions`, PPK, { decision: 'approve', fillingMethod: 'open_selection' })).status,
  ).toBe(200);
  const res = await stack.call('POST', '/v1/selections', {
    body: {
      agencyCode,
      selectionCode: uniqueCode('SELTER'),
      title: 'Seleksi Terbuka JPT Pratama 2026',
      vacancyIds: [v.body.workflowId],
      sopVersion: '1.0.0-test.fast',
    },
  });
  expect(res.status).toBe(201);
  const id: string = res.body.workflowId;
  await opened(id);
  return { agencyCode, postCode: proposal.positionCode, id, path: `/v1/selections/${id}` };
}

/** A whole open selection through the API, as short as the SOP allows: 4 candidates, the PPK picks the runner-up. */
async function runSelection(): Promise<ClosedSelection> {
  const sel = await openSelectionInOrder();
  const members: CommitteeMember[] = committee();
  const [chair, , , , m5] = members;
  expect(
    (
      await post(`${sel.path}/decisions`, PPK, {
        decision: 'form_committee',
        members,
        evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await post(`${sel.path}/decisions`, asMember(chair), {
        decision: 'announce',
        evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)],
      })
    ).status,
  ).toBe(200);
  const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
  expect(
    (
      await post(`${sel.path}/decisions`, HR, {
        decision: 'register_candidates',
        candidates: await enrol(stack, sel.agencyCode, sel.postCode, candidates),
      })
    ).status,
  ).toBe(200);

  await waitForStep(stack, sel.path, 'screening');
  for (const [i, c] of candidates.entries()) {
    const r = await post(`${sel.path}/decisions`, HR, {
      decision: 'screen_candidate',
      nip: c.nip,
      passed: true,
      administrativeScore: 90 - 5 * i,
      reason: 'Berkas lengkap, sah',
    });
    expect(r.status).toBe(200);
  }
  expect(
    (
      await post(`${sel.path}/decisions`, asMember(chair), {
        decision: 'close_screening',
        evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)],
      })
    ).status,
  ).toBe(200);

  await waitForStep(stack, sel.path, 'assessment');
  for (const [i, c] of candidates.entries()) {
    await opened(`${sel.id}:assessment:${c.nip}`);
    const level = i < 2 ? 4 : 3;
    const r = await post(`${sel.path}/assessments/${c.nip}/decisions`, ASSESSOR, {
      decision: 'record_assessment',
      achieved: { integritas: level, kerjasama: level, 'manajemen konstruksi': level },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
    });
    expect(r.status).toBe(200);
  }

  await waitForStep(stack, sel.path, 'committee_review');
  await opened(`${sel.id}:committee-review`);
  for (const m of members) {
    const declarations = candidates.map((c, i) => ({
      nip: c.nip,
      conflicted: m === m5 && i === 0,
      ...(m === m5 && i === 0 ? { note: 'ipar' } : {}),
    }));
    const r = await post(`${sel.path}/committee-review/decisions`, asMember(m), { decision: 'declare_interests', declarations });
    expect([r.status, r.body]).toEqual([200, expect.anything()]);
  }
  const base = [88, 84, 80, 70];
  for (const [mi, m] of members.entries()) {
    const scores = candidates.flatMap((c, ci) =>
      m === m5 && ci === 0 ? [] : [{ nip: c.nip, paper: base[ci] + mi, interview: base[ci] + mi }],
    );
    expect((await post(`${sel.path}/committee-review/decisions`, asMember(m), { decision: 'score', scores })).status).toBe(200);
  }

  await waitForStep(stack, sel.path, 'ranking');
  // The step changes a moment before the ranking is computed.
  const ranking = await eventually(async () => {
    const r = (await stack.call('GET', sel.path)).body;
    return r.shortlist ? r : undefined;
  });
  const shortlist: string[] = ranking.shortlist[sel.postCode].map((c: { nip: string }) => c.nip);
  expect(
    (
      await post(`${sel.path}/decisions`, asMember(chair), {
        decision: 'sign_ranking',
        evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await post(`${sel.path}/decisions`, OVERSEER, {
        decision: 'recommend',
        postCode: sel.postCode,
        recommended: shortlist,
        evidence: [await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode)],
      })
    ).status,
  ).toBe(200);
  const picked = shortlist[1];
  expect(
    (await post(`${sel.path}/decisions`, PPK, { decision: 'pick', postCode: sel.postCode, nip: picked, reason: JUSTIFICATION })).status,
  ).toBe(200);

  await waitForStep(stack, sel.path, 'appointment');
  await opened(`${sel.id}:appointment:${sel.postCode}`);
  const appt = `${sel.path}/appointments/${sel.postCode}/decisions`;
  expect(
    (
      await post(appt, HR, {
        decision: 'record_decree',
        decreeNumber: DECREE,
        effectiveDate: '2026-12-01',
        evidence: [await uploadEvidence(stack, 'sk_pengangkatan', sel.agencyCode)],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await post(appt, HR, {
        decision: 'record_inauguration',
        inauguratedOn: '2026-12-02',
        evidence: [await uploadEvidence(stack, 'ba_pelantikan', sel.agencyCode)],
      })
    ).status,
  ).toBe(200);
  await waitForStep(stack, sel.path, 'closed');
  // Every decision the workflows took is in the ledger before the dossier is read.
  await eventually(async () => {
    const r = await stack.call('GET', sel.path);
    return r.body.recordedCount === r.body.decisionCount;
  });
  const state = (await stack.call('GET', sel.path)).body;
  return { id: sel.id, path: sel.path, agencyCode: sel.agencyCode, postCode: sel.postCode, vacancyId: state.posts[0].vacancyId, picked };
}

describe('case dossiers, compliance report and auditor access', () => {
  let sel: ClosedSelection;

  beforeAll(async () => {
    // Not the shared runWholeSelection: its PPK picks the top-ranked without a justification and no
    // member declares a conflict, and the dossier must show both; nor does it wait for child workflows
    // to open (see childOpened), so its ledger may legitimately fail the conformance check.
    sel = await runSelection();
  });

  it('dossier.json carries every ledger row with its hash-chain link, the cited evidence, and conforms to the SOP', async () => {
    const res = await stack.call('GET', `/v1/cases/${enc(sel.id)}/dossier.json`, { actor: AUDITOR });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({
      format: 'meritflow-case-dossier',
      version: 1,
      case: { caseId: sel.id, caseType: 'open-selection', agencyCode: sel.agencyCode, step: 'closed' },
    });
    expect(d.state).toMatchObject({ step: 'closed', picks: { [sel.postCode]: { nip: sel.picked, justification: JUSTIFICATION } } });
    expect(d.sop).toMatchObject({ id: 'open-selection', version: '1.0.0-test.fast' });

    const db = await stack.db();
    const ledger = await db.query(
      `SELECT id::text, chain_seq, encode(row_hash, 'hex') AS row_hash, encode(prev_hash, 'hex') AS prev_hash FROM decisions WHERE root_workflow_id = $1 ORDER BY id`,
      [sel.id],
    );
    expect(d.hashChain).toBe(true);
    expect(d.decisions.map((x: { id: string }) => x.id).sort()).toEqual(ledger.rows.map((r) => r.id).sort());
    for (const row of ledger.rows) {
      const got = d.decisions.find((x: { id: string }) => x.id === row.id);
      expect({ chainSeq: got.chainSeq, rowHash: got.rowHash, prevHash: got.prevHash }).toEqual({
        chainSeq: row.chain_seq,
        rowHash: row.row_hash,
        prevHash: row.prev_hash,
      });
      expect(got.rowHash).toMatch(/^[0-9a-f]{64}$/);
    }

    expect(d.conformance).toMatchObject({ caseId: sel.id, conforms: true, violations: [] });
    expect(d.conformance.workflows.map((w: { sop: { id: string } }) => w.sop.id)).toEqual(
      expect.arrayContaining(['open-selection', 'assessment', 'committee-review', 'appointment']),
    );
    const kinds = d.evidence.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'sk_pansel',
        'pengumuman',
        'laporan_asesor',
        'ba_pemeringkatan',
        'rekomendasi_bkn',
        'sk_pengangkatan',
        'ba_pelantikan',
      ]),
    );
    expect(
      d.evidence.every(
        (e: { found: boolean; citedHashesMatch: boolean; sha256: string }) =>
          e.found && e.citedHashesMatch && /^[0-9a-f]{64}$/.test(e.sha256),
      ),
    ).toBe(true);

    const conformance = await stack.call('GET', `/v1/cases/${enc(sel.id)}/conformance`, { actor: AUDITOR });
    expect(conformance.status).toBe(200);
    expect(conformance.body).toMatchObject({ conforms: true, sop: { id: 'open-selection' } });
    expect(
      conformance.body.steps
        .filter((s: { workflowId: string }) => s.workflowId === sel.id)
        .map((s: { step: string }) => s.step)
        .at(-1),
    ).toBe('closed');
  });

  it('dossier.csv parses back with one row per decision', async () => {
    const res = await download(`/v1/cases/${enc(sel.id)}/dossier.csv`, AUDITOR);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    expect(res.disposition).toContain('.csv');
    const rows = parse(res.body.toString('utf8'), { columns: true }) as Record<string, string>[];
    const json = (await stack.call('GET', `/v1/cases/${enc(sel.id)}/dossier.json`, { actor: READER })).body;
    expect(rows.map((r) => r.ledger_id)).toEqual(json.decisions.map((x: { id: string }) => x.id));
    const pick = rows.find((r) => r.decision === 'pick')!;
    expect(pick).toMatchObject({ actor_role: 'ppk', reason: JUSTIFICATION, sop_version: '1.0.0-test.fast' });
    expect(pick.row_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.find((r) => r.decision === 'record_decree')!.evidence).toMatch(
      /^sk_pengangkatan evidence:[0-9a-f-]{36} sha256:[0-9a-f]{64}$/,
    );
  });

  it('dossier.pdf reads back in Bahasa Indonesia: headings, decree number, the picked NIP and the PPK justification', async () => {
    const res = await download(`/v1/cases/${enc(sel.id)}/dossier.pdf`, AUDITOR);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const { text, pages } = await pdfText(res.body);
    const flat = text.replace(/\s+/g, ' ');
    for (const heading of [
      'DOSIR KASUS',
      'Panitia Seleksi',
      'Pernyataan Konflik Kepentingan',
      'Nilai dan Peringkat',
      'Rekomendasi Pengawas Eksternal',
      'Keputusan PPK',
      'Surat Keputusan dan Pelantikan',
      'Linimasa Keputusan',
      'Hasil Pemeriksaan Kesesuaian SOP',
    ]) {
      expect(flat).toContain(heading);
    }
    expect(flat).toContain(DECREE);
    expect(flat).toContain(sel.picked);
    expect(flat).toContain(JUSTIFICATION);
    expect(flat).toContain('SESUAI dengan SOP');
    expect(flat).toContain('PermenPANRB 15/2019');
    expect(flat).toMatch(/SHA-256 [0-9a-f]{16}/);
    expect(pages).toBeGreaterThan(2);
  });

  it('gives the vacancy the selection filled a dossier of its own, checked against the vacancy SOP', async () => {
    const res = await stack.call('GET', `/v1/cases/${enc(sel.vacancyId)}/dossier.json`, { actor: AUDITOR });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      case: { caseId: sel.vacancyId, caseType: 'vacancy' },
      state: { approvedFillingMethod: 'open_selection' },
    });
    expect(res.body.decisions.map((d: { decision: string }) => d.decision).slice(0, 2)).toEqual(['propose', 'approve']);
    expect(res.body.conformance).toMatchObject({ conforms: true, sop: { id: 'vacancy' } });
    const pdf = await download(`/v1/cases/${enc(sel.vacancyId)}/dossier.pdf`, AUDITOR);
    const flat = (await pdfText(pdf.body)).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Usulan Lowongan dan Keputusan PPK');
    expect(flat).toContain('disetujui, metode Seleksi terbuka');
  });

  it('answers 404 for an unknown case and 400 for an id that is no case id', async () => {
    const unknown = await stack.call('GET', `/v1/cases/${enc('vacancy:NOPE:NOPE')}/dossier.json`, { actor: AUDITOR });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CASE_NOT_FOUND');
    const pdf = await stack.call('GET', `/v1/cases/${enc('open-selection:NOPE:NOPE')}/dossier.pdf`, { actor: AUDITOR });
    expect(pdf.status).toBe(404);
    const bad = await stack.call('GET', '/v1/cases/not-a-case/conformance', { actor: AUDITOR });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('caseId');
  });

  it('the compliance report shows the agency’s filled JPT post and its numbers, as JSON and CSV', async () => {
    const q = `agencyCode=${sel.agencyCode}&from=${wibDay(-1)}&to=${wibDay(2)}`;
    const res = await stack.call('GET', `/v1/reports/compliance?${q}`, { actor: AUDITOR });
    expect(res.status).toBe(200);
    const i = res.body.indicators;
    expect(res.body.agencyCode).toBe(sel.agencyCode);
    expect(i.jptOpenFilling).toEqual({ numerator: 1, denominator: 1, share: 1, byMethod: { open_selection: 1 } });
    expect(i.jptFilledOpen).toEqual({ numerator: 1, denominator: 1, share: 1 });
    expect(i.closedCases.byType['open-selection']).toMatchObject({ count: 1 });
    expect(i.closedCases.averageDurationDays).toBeGreaterThanOrEqual(0);
    // form_committee, announce, close_screening, 4 assessor reports, sign_ranking, recommend, decree, inauguration.
    expect(i.evidenceComplete).toEqual({ numerator: 11, denominator: 11, share: 1 });
    expect(i.deadlineBreaches.count).toBe(0);
    expect(i.conflictsOfInterestDeclared).toEqual({ count: 1, declarations: 20 });
    expect(i.overridesUsed).toEqual({ count: 0 });

    const csv = await download(`/v1/reports/compliance?${q}&format=csv`, AUDITOR);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = parse(csv.body.toString('utf8'), { columns: true }) as Record<string, string>[];
    const by = Object.fromEntries(rows.map((r) => [r.indicator, r]));
    expect(by.jpt_filled_open_share).toMatchObject({ agency_code: sel.agencyCode, value: '1', numerator: '1', denominator: '1' });
    expect(by.evidence_complete_share).toMatchObject({ value: '1', numerator: '11', denominator: '11' });
    expect(by.conflicts_of_interest_declared).toMatchObject({ value: '1', denominator: '20' });

    const other = await stack.call('GET', `/v1/reports/compliance?agencyCode=${uniqueCode('PEMKAB')}&from=${wibDay(-1)}&to=${wibDay(2)}`, {
      actor: AUDITOR,
    });
    expect(other.body.indicators.jptOpenFilling).toMatchObject({ numerator: 0, denominator: 0, share: null });
    const backwards = await stack.call('GET', `/v1/reports/compliance?agencyCode=${sel.agencyCode}&from=${wibDay(2)}&to=${wibDay(-1)}`, {
      actor: AUDITOR,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details.fields[0]).toMatchObject({ field: 'to', rule: 'after' });
  });

  it('logs every auditor request, refuses an auditor’s writes (and logs them too), and logs no one else', async () => {
    const auditor: Actor = { ...AUDITOR, id: uniqueCode('auditor').toLowerCase() };
    const reader: Actor = { ...READER, id: uniqueCode('reader').toLowerCase() };
    const path = `/v1/cases/${enc(sel.id)}/dossier.json`;
    expect((await stack.call('GET', `${path}?lang=id`, { actor: auditor })).status).toBe(200);
    expect((await stack.call('GET', `/v1/cases/${enc('vacancy:NOPE:NOPE')}/conformance`, { actor: auditor })).status).toBe(404);

    const write = await stack.call('POST', `${sel.path}/decisions`, { actor: auditor, body: { decision: 'announce' } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ code: 'ACCESS_DENIED', details: { role: 'auditor' } });
    const upload = await stack.call('POST', '/v1/evidence', { actor: auditor, body: {} });
    expect(upload.status).toBe(403);
    expect(upload.body.code).toBe('ACCESS_DENIED');

    expect((await stack.call('GET', '/v1/no-such-route', { actor: auditor })).status).toBe(404);
    expect((await stack.call('GET', path, { actor: reader })).status).toBe(200);

    const db = await stack.db();
    const rows = await eventually(
      async () => {
        const r = await db.query(`SELECT * FROM audit_reads WHERE actor_id = $1 ORDER BY id`, [auditor.id]);
        return r.rows.length >= 5 ? r.rows : undefined;
      },
      10_000,
      'five audit_reads rows',
    );
    // Each row is written when its response closes, so rows may land in another order than the requests.
    expect(rows.map((r) => [r.method, r.path, r.status_code, r.case_id]).sort()).toEqual(
      [
        ['GET', `/api${path}`, 200, sel.id],
        ['GET', `/api/v1/cases/${enc('vacancy:NOPE:NOPE')}/conformance`, 404, 'vacancy:NOPE:NOPE'],
        ['POST', `/api${sel.path}/decisions`, 403, sel.id],
        ['POST', '/api/v1/evidence', 403, null],
        ['GET', '/api/v1/no-such-route', 404, null],
      ].sort(),
    );
    expect(rows.find((r) => r.method === 'GET' && r.status_code === 200)).toMatchObject({
      actor_role: 'auditor',
      actor_name: AUDITOR.name,
      query: { lang: 'id' },
      completed: true,
    });
    expect(rows.every((r) => r.requested_at instanceof Date)).toBe(true);
    // The refused write reached neither the workflow nor the ledger.
    const announced = await db.query(`SELECT count(*)::int AS n FROM decisions WHERE workflow_id = $1 AND actor_id = $2`, [
      sel.id,
      auditor.id,
    ]);
    expect(announced.rows[0].n).toBe(0);
    // A reader who is not an auditor is not logged.
    await new Promise((r) => setTimeout(r, 300));
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_reads WHERE actor_id = $1`, [reader.id])).rows[0].n).toBe(0);

    // The log is append-only, like the ledger.
    await expect(db.query(`UPDATE audit_reads SET status_code = 200 WHERE actor_id = $1`, [auditor.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_reads WHERE actor_id = $1`, [auditor.id])).rejects.toThrow(/append-only/);

    // Auditors and administrators read it; others may not.
    const listed = await stack.call('GET', `/v1/audit/reads?actorId=${auditor.id}&from=${wibDay(-1)}&to=${wibDay(2)}`, { actor: auditor });
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBeGreaterThanOrEqual(5);
    expect(listed.body.items.map((x: { method: string }) => x.method)).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(listed.body.items[listed.body.items.length - 1]).toMatchObject({
      actor: { id: auditor.id, role: 'auditor' },
      caseId: sel.id,
      statusCode: 200,
    });
    const byAdmin = await stack.call('GET', `/v1/audit/reads?actorId=${auditor.id}`, { actor: { id: 'admin-1', role: 'admin' } });
    expect(byAdmin.status).toBe(200);
    const byHr = await stack.call('GET', `/v1/audit/reads?actorId=${auditor.id}`, { actor: HR });
    expect(byHr.status).toBe(403);
    expect(byHr.body).toMatchObject({ code: 'ACCESS_DENIED', details: { role: 'hr_officer', roles: ['auditor', 'admin'] } });
  });
});
