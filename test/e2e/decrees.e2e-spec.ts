import { createHash } from 'node:crypto';
import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal, type TestActor } from '../support/api-client';
import { pdfText } from '../support/pdf-text';
import {
  ASSESSOR,
  OVERSEER,
  asMember,
  committee,
  eligibleProfile,
  openSelection,
  uploadEvidence,
  waitForStep,
} from '../support/selection-fixtures';
import { enrol, namedMoves } from '../support/register-fixtures';
import { moveFacts, region } from '../support/move-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const AUDITOR: Actor = { id: uniqueCode('auditor').toLowerCase(), role: 'auditor', name: 'Inspektorat' };
const enc = (id: string) => encodeURIComponent(id);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A WIB calendar date `days` from today. */
const wibDay = (days = 0) => new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const post = (path: string, actor: TestActor, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });

async function download(path: string, actor: TestActor) {
  const res = await fetch(`${stack.state.apiUrl}${path}`, { headers: await stack.authHeaders(actor, path) });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

async function accepted(path: string, actor: Actor, body: Record<string, unknown>) {
  const res = await post(path, actor, body);
  if (res.status !== 200) throw new Error(`${String(body.decision)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** An open selection taken up to the step before the PPK's pick (as runWholeSelection, which goes on to record a decree of its own). */
async function selectionAwaitingPick() {
  const sel = await openSelection(stack);
  const members = committee();
  const chair = asMember(members[0]);
  const decide = (actor: Actor, body: Record<string, unknown>) => accepted(`${sel.path}/decisions`, actor, body);
  const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
  const entries = await enrol(stack, sel.agencyCode, sel.postCode, candidates);
  await decide(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
  await decide(chair, { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)] });
  await decide(HR, { decision: 'register_candidates', candidates: entries });
  await waitForStep(stack, sel.path, 'screening');
  for (const [i, c] of candidates.entries())
    await decide(HR, {
      decision: 'screen_candidate',
      nip: c.nip,
      passed: true,
      administrativeScore: 90 - 5 * i,
      reason: 'Berkas lengkap dan sah',
    });
  await decide(chair, { decision: 'close_screening', evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)] });
  await waitForStep(stack, sel.path, 'assessment');
  for (const [i, c] of candidates.entries()) {
    const level = 5 - Math.min(i, 2);
    await accepted(`${sel.path}/assessments/${c.nip}/decisions`, ASSESSOR, {
      decision: 'record_assessment',
      achieved: { integritas: level, kerjasama: level, 'manajemen konstruksi': level },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
    });
  }
  await waitForStep(stack, sel.path, 'committee_review');
  const review = `${sel.path}/committee-review/decisions`;
  for (const m of members)
    await accepted(review, asMember(m), {
      decision: 'declare_interests',
      declarations: candidates.map((c) => ({ nip: c.nip, conflicted: false })),
    });
  for (const [mi, m] of members.entries())
    for (const [ci, c] of candidates.entries())
      await accepted(review, asMember(m), { decision: 'score', nip: c.nip, paper: 88 - 4 * ci + mi, interview: 88 - 4 * ci + mi });
  const ranking = await waitForStep(stack, sel.path, 'ranking');
  const shortlist: string[] = ranking.shortlist[sel.postCode].map((c: { nip: string }) => c.nip);
  await decide(chair, { decision: 'sign_ranking', evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)] });
  await decide(OVERSEER, {
    decision: 'recommend',
    postCode: sel.postCode,
    recommended: shortlist,
    evidence: [await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode)],
  });
  return { ...sel, candidates, shortlist, decide };
}

describe('decrees (SK) from appointing decisions', () => {
  it('drafts the appointment SK only after the PPK’s pick, as a reproducible PDF stored as evidence that record_decree cites', async () => {
    const sel = await selectionAwaitingPick();
    const decreePath = `/v1/cases/${enc(sel.id)}/decree`;
    const draft = { decreeDate: wibDay(), effectiveDate: wibDay(1), place: 'Sleman', signatory: { office: 'Bupati Sleman' } };

    // Before the pick there is nothing to decree: 409 naming the decision the SK follows, and nothing stored.
    const early = await post(decreePath, HR, draft);
    expect([early.status, early.body.code, early.body.details.requires]).toEqual([409, 'DECREE_NOT_READY', ['pick']]);
    expect(early.body.message).toContain('pick');
    expect((await stack.call('GET', `${decreePath}.pdf`, { actor: AUDITOR })).body.code).toBe('DECREE_NOT_FOUND');

    const picked = sel.shortlist[1];
    await sel.decide(PPK, { decision: 'pick', postCode: sel.postCode, nip: picked, reason: 'Pengalaman lapangan lebih relevan' });
    await waitForStep(stack, sel.path, 'appointment');

    // Dated before the decision it executes: 400 naming the field and rule.
    const backdated = await post(decreePath, HR, { ...draft, decreeDate: wibDay(-3) });
    expect([backdated.status, backdated.body.details.fields[0]]).toEqual([
      400,
      expect.objectContaining({ field: 'decreeDate', rule: 'decree.beforeDecision' }),
    ]);
    const noPlace = await post(decreePath, HR, { decreeDate: wibDay(), effectiveDate: wibDay(1) });
    expect([noPlace.status, [...new Set(noPlace.body.details.fields.map((f: { field: string }) => f.field))]]).toEqual([400, ['place']]);
    // Auditors read decrees; they do not draft them.
    expect((await post(decreePath, AUDITOR, draft)).status).toBe(403);

    const res = await post(decreePath, HR, draft);
    expect(res.status).toBe(201);
    const d = res.body;
    const year = wibDay().slice(0, 4);
    expect(d).toMatchObject({
      caseId: sel.id,
      kind: 'selection_appointment',
      postCode: sel.postCode,
      template: { id: 'sk-pengangkatan-jpt', version: '2.0.0' },
      // The default numbering: the agency's first decree of the year.
      decreeNumber: `821.2/1/${sel.agencyCode}/${year}`,
      evidence: {
        kind: 'sk_pengangkatan',
        uri: expect.stringMatching(/^evidence:[0-9a-f-]{36}$/),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      appointingDecision: expect.stringMatching(new RegExp(`^${sel.id}#\\d+$`)),
    });
    expect(d.content.clauses[0].text).toContain(`NIP ${picked}`);

    // Asked again: the same draft, the same number and the same bytes.
    const again = await post(decreePath, PPK, draft);
    expect([again.status, again.body.decreeNumber, again.body.evidence]).toEqual([201, d.decreeNumber, d.evidence]);

    // The PDF downloads with the recorded hash and reads back in Bahasa Indonesia.
    const pdf = await download(`${decreePath}.pdf`, AUDITOR);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.disposition).toContain('inline');
    expect(sha256(pdf.body)).toBe(d.evidence.sha256);
    const flat = (await pdfText(pdf.body)).text.replace(/\s+/g, ' ');
    const name = sel.candidates.find((c) => c.nip === picked)!.name;
    for (const s of [
      'KEPUTUSAN BUPATI SLEMAN',
      `NOMOR ${d.decreeNumber}`,
      'PENGANGKATAN DALAM JABATAN PIMPINAN TINGGI PRATAMA',
      'Menimbang',
      'Mengingat',
      'Undang-Undang Nomor 20 Tahun 2023',
      'Pasal 127',
      'MEMUTUSKAN',
      'KESATU',
      picked,
      name,
      'Ditetapkan di Sleman',
    ])
      expect(flat).toContain(s);

    // A record_decree that cites a scan but not the drafted SK is refused before the update: nothing is recorded.
    const appointment = `${sel.path}/appointments/${sel.postCode}/decisions`;
    const before = await stack.call('GET', `${sel.path}/appointments/${sel.postCode}`, { actor: HR });
    const uncited = await post(appointment, HR, {
      decision: 'record_decree',
      decreeNumber: d.decreeNumber,
      effectiveDate: draft.effectiveDate,
      evidence: [await uploadEvidence(stack, 'sk_pengangkatan', sel.agencyCode)],
    });
    expect([uncited.status, uncited.body.code, uncited.body.field]).toEqual([409, 'DECREE_DRAFT_NOT_CITED', 'evidence']);
    expect(uncited.body.details).toMatchObject({ decreeNumber: d.decreeNumber, sha256: d.evidence.sha256, uri: d.evidence.uri });
    expect(uncited.body.messages.en).toContain(d.evidence.sha256);
    const after = await stack.call('GET', `${sel.path}/appointments/${sel.postCode}`, { actor: HR });
    expect([after.body.step, after.body.decreeNumber]).toEqual([before.body.step, before.body.decreeNumber]);
    expect((await stack.call('GET', decreePath, { actor: AUDITOR })).body.citedBy).toEqual([]);

    // HR records the decree citing the generated document; the ledger now holds its hash.
    await accepted(appointment, HR, {
      decision: 'record_decree',
      decreeNumber: d.decreeNumber,
      effectiveDate: draft.effectiveDate,
      evidence: [d.evidence],
    });
    const described = await eventually(async () => {
      const r = await stack.call('GET', decreePath, { actor: AUDITOR });
      return r.body.citedBy?.length ? r : undefined;
    });
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ reproducible: true, decreeNumber: d.decreeNumber, evidence: d.evidence });
    expect(described.body.citedBy).toEqual([expect.stringMatching(/:appointment:.*#\d+:record_decree$/)]);
    const stored = await stack.call('GET', `/v1/evidence/${d.evidence.uri.slice('evidence:'.length)}`, { actor: AUDITOR });
    expect(stored.body).toMatchObject({ sha256: d.evidence.sha256, verified: true });
    const dossier = await stack.call('GET', `/v1/cases/${enc(sel.id)}/dossier.json`, { actor: AUDITOR });
    expect(dossier.body.evidence.find((e: { uri: string }) => e.uri === d.evidence.uri)).toMatchObject({
      found: true,
      citedHashesMatch: true,
      kind: 'sk_pengangkatan',
    });

    // Another agency's officers cannot tell the case (or its decree) exists.
    const stranger: TestActor = { ...HR, id: 'hr-lain-01', agency: uniqueCode('PEMKAB') };
    for (const [method, path] of [
      ['POST', decreePath],
      ['GET', decreePath],
      ['GET', `${decreePath}.pdf`],
    ] as const) {
      const r = await stack.call(method, path, { actor: stranger, body: method === 'POST' ? draft : undefined });
      expect([path, r.status, r.body.code]).toEqual([path, 404, 'CASE_NOT_FOUND']);
    }
    // Committee roles do not read decrees.
    expect((await stack.call('GET', decreePath, { actor: ASSESSOR })).status).toBe(403);
  });

  it('drafts a collective SK whose annex lists every person the PPK approved, and refuses a case no SK settles', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const moves = [moveFacts(agency, reg), moveFacts(agency, reg), moveFacts(agency, reg)];
    const res = await post(
      '/v1/bulk-moves',
      HR,
      await namedMoves(stack, {
        agencyCode: agency,
        batchCode: uniqueCode('SK-ROTASI'),
        title: 'Rotasi pengawas Desember',
        moves,
        reason: 'Penyegaran',
      }),
    );
    expect(res.status).toBe(201);
    const id: string = res.body.workflowId;
    const path = `/v1/bulk-moves/${id}`;
    const decreePath = `/v1/cases/${enc(id)}/decree`;
    await eventually(
      async () => ((await stack.call('GET', path)).body.step === 'awaiting_approval' ? true : undefined),
      60_000,
      'members checked',
    );
    const draft = {
      decreeNumber: '824/77/BKPSDM/2026',
      decreeDate: wibDay(),
      effectiveDate: wibDay(),
      place: 'Sleman',
      signatory: { office: 'Bupati Sleman', name: 'Drs. Harda Kiswaya' },
    };

    const early = await post(decreePath, HR, draft);
    expect([early.status, early.body.code, early.body.details.requires]).toEqual([409, 'DECREE_NOT_READY', ['approve_batch']]);

    const [kept1, excluded, kept2] = moves.map((m) => m.person.nip);
    await accepted(`${path}/decisions`, PPK, {
      decision: 'approve_batch',
      exclusions: [{ nip: excluded, reason: 'Masih dibutuhkan di unit asal' }],
    });
    const made = await post(decreePath, HR, draft);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      kind: 'bulk_move',
      template: { id: 'sk-mutasi-kolektif', version: '1.0.0' },
      decreeNumber: draft.decreeNumber,
      evidence: { kind: 'sk_kolektif' },
    });
    const annex = made.body.content.annex;
    expect(annex.rows.map((r: string[]) => [r[0], r[1]])).toEqual([
      ['1', kept1],
      ['2', kept2],
    ]);

    const pdf = await download(`${decreePath}.pdf`, HR);
    expect(sha256(pdf.body)).toBe(made.body.evidence.sha256);
    const { text, pages } = await pdfText(pdf.body);
    const flat = text.replace(/\s+/g, ' ');
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const s of [
      'LAMPIRAN KEPUTUSAN BUPATI SLEMAN',
      'DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN DALAM JABATAN',
      `NOMOR ${draft.decreeNumber}`,
      kept1,
      kept2,
      moves[0].to.positionCode,
      'Drs. Harda Kiswaya',
    ])
      expect(flat).toContain(s);
    expect(flat).not.toContain(excluded);

    // Once drafted, the collective decree is recorded only citing the draft.
    const uncited = await post(`${path}/decisions`, HR, {
      decision: 'record_decree',
      decreeNumber: draft.decreeNumber,
      effectiveDate: draft.effectiveDate,
    });
    expect([uncited.status, uncited.body.code, uncited.body.field]).toEqual([409, 'DECREE_DRAFT_NOT_CITED', 'evidence']);
    expect((await stack.call('GET', path)).body.step).toBe('decree');

    // The workflow's own annex (recorded with the decree) lists the same people as the printed one.
    const decreed = await accepted(`${path}/decisions`, HR, {
      decision: 'record_decree',
      decreeNumber: draft.decreeNumber,
      effectiveDate: draft.effectiveDate,
      evidence: [made.body.evidence],
    });
    expect(decreed.body.annex.map((a: { nip: string }) => a.nip)).toEqual([kept1, kept2]);

    // Drafts are kept as they were made, like the evidence they point to.
    const db = await stack.db();
    await expect(db.query(`UPDATE decrees SET decree_number = 'x' WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM decrees WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);

    // The same number on another case of the agency is refused, naming the field.
    const other = await post(
      '/v1/bulk-moves',
      HR,
      await namedMoves(stack, {
        agencyCode: agency,
        batchCode: uniqueCode('SK-ROTASI'),
        title: 'Rotasi kedua',
        moves: [moveFacts(agency, reg)],
        reason: 'Penyegaran',
      }),
    );
    const otherPath = `/v1/bulk-moves/${other.body.workflowId}`;
    await eventually(
      async () => ((await stack.call('GET', otherPath)).body.step === 'awaiting_approval' ? true : undefined),
      60_000,
      'second batch checked',
    );
    await accepted(`${otherPath}/decisions`, PPK, { decision: 'approve_batch' });
    const taken = await post(`/v1/cases/${enc(other.body.workflowId)}/decree`, HR, draft);
    expect([taken.status, taken.body.details.fields[0]]).toEqual([
      400,
      expect.objectContaining({ field: 'decreeNumber', rule: 'decree.numberTaken' }),
    ]);

    // A vacancy is approved, not decreed.
    const vacancy = await stack.call('POST', '/v1/vacancies', {
      body: vacancyProposal({ agencyCode: agency }),
    });
    // (Once the case's read model has it: before, the case is unknown.)
    const na = await eventually(async () => {
      const r = await post(`/v1/cases/${enc(vacancy.body.workflowId)}/decree`, HR, draft);
      return r.status === 404 ? undefined : r;
    });
    expect([na.status, na.body.code]).toEqual([409, 'DECREE_NOT_APPLICABLE']);
  });
});
