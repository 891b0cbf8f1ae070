import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack, uniqueCode } from '../support/api-client';
import { uploadEvidence } from '../support/selection-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const AUDITOR: Actor = { id: 'auditor-1', role: 'auditor', name: 'Auditor BKN' };
/** The fields a 400 names, each once (one field may break several constraints). */
const fields = (body: { details?: { fields?: { field: string }[] } }) => [...new Set((body.details?.fields ?? []).map((f) => f.field))];

/** Every change recorded for one key, through the API. */
async function changesFor(key: string) {
  const res = await stack.call('GET', `/v1/reference/changes?key=${key}`);
  expect(res.status).toBe(200);
  return res.body.items as {
    table: string;
    key: string;
    before: unknown;
    after: Record<string, unknown> | null;
    reason: string;
    actorId: string;
    actorRole: string;
  }[];
}

/** A province and a regency in it, registered through the API. */
async function registerRegions() {
  const province = uniqueCode('PROV');
  const regency = uniqueCode('KAB');
  const p = await stack.call('PUT', `/v1/reference/regions/${province}`, {
    actor: HR,
    body: { name: 'Provinsi Uji', kind: 'province', reason: 'Kode wilayah Kemendagri (uji)' },
  });
  expect(p.status).toBe(200);
  const r = await stack.call('PUT', `/v1/reference/regions/${regency}`, {
    actor: HR,
    body: { name: 'Kabupaten Uji', kind: 'regency', provinceCode: province, reason: 'Kode wilayah Kemendagri (uji)' },
  });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ changed: true, region: { regionCode: regency, kind: 'regency', provinceCode: province } });
  return { province, regency };
}

describe('mobility reference data', () => {
  it('keeps regions, the Pilkada calendar, Mendagri approvals and agency merit, recording every change', async () => {
    const { province, regency } = await registerRegions();
    const regions = await stack.call('GET', '/v1/reference/regions');
    expect(regions.body.regions).toEqual(
      expect.arrayContaining([{ regionCode: regency, name: 'Kabupaten Uji', kind: 'regency', provinceCode: province }]),
    );

    // The 2024 example (domain.md §2.8): determination 22 Sep 2024; the ban ran from 22 Mar 2024.
    const window = await stack.call('PUT', `/v1/reference/elections/${regency}`, {
      actor: HR,
      body: { candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20', reason: 'Keputusan KPU penetapan paslon (uji)' },
    });
    expect(window.status).toBe(200);
    expect(window.body).toMatchObject({
      changed: true,
      window: { regionCode: regency, candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20', headInauguratedOn: null },
    });
    const inaugurated = await stack.call('PUT', `/v1/reference/elections/${regency}`, {
      actor: HR,
      body: { headInauguratedOn: '2025-02-20', reason: 'BA pelantikan (uji)' },
    });
    expect(inaugurated.body.window).toEqual({
      regionCode: regency,
      candidatePairDetermination: '2024-09-22',
      termEnd: '2025-02-20',
      headInauguratedOn: '2025-02-20',
    });
    const same = await stack.call('PUT', `/v1/reference/elections/${regency}`, {
      actor: HR,
      body: { termEnd: '2025-02-20', reason: 'ulang' },
    });
    expect(same.body).toMatchObject({ changed: false, change: null });
    expect((await stack.call('GET', `/v1/reference/elections?regionCode=${regency}`)).body.windows).toEqual([inaugurated.body.window]);

    const letter = await uploadEvidence(stack, 'persetujuan_mendagri', uniqueCode('PEMKAB'));
    const approvalBody = {
      regionCode: regency,
      documentRef: letter.uri,
      title: 'Persetujuan Mendagri atas penggantian pejabat (uji)',
      approvedOn: '2024-05-02',
      scope: 'Mutasi 3 pejabat administrator sesuai lampiran',
      reason: 'Surat Mendagri diterima BKPSDM (uji)',
    };
    const approval = await stack.call('POST', '/v1/reference/minister-approvals', { actor: HR, body: approvalBody });
    expect(approval.status).toBe(201);
    expect(approval.body).toMatchObject({
      changed: true,
      approval: {
        regionCode: regency,
        documentRef: letter.uri,
        approvedOn: '2024-05-02',
        evidence: [{ uri: letter.uri, sha256: letter.sha256 }],
        recordedBy: { id: HR.id, role: 'hr_officer' },
      },
    });
    const repeated = await stack.call('POST', '/v1/reference/minister-approvals', {
      actor: HR,
      body: { ...approvalBody, reason: 'dikirim ulang' },
    });
    expect(repeated.body).toMatchObject({ changed: false, approval: { id: approval.body.approval.id } });
    const altered = await stack.call('POST', '/v1/reference/minister-approvals', {
      actor: HR,
      body: { ...approvalBody, scope: 'Mutasi 30 pejabat' },
    });
    expect(altered.status).toBe(409);
    expect(altered.body.code).toBe('ALREADY_DECIDED');
    expect((await stack.call('GET', `/v1/reference/minister-approvals?regionCode=${regency}`)).body.approvals).toHaveLength(1);

    const agencyCode = uniqueCode('PEMKAB');
    const merit = await stack.call('PUT', `/v1/reference/agency-merit/${agencyCode}`, {
      actor: HR,
      body: { regionCode: regency, scheme: 'kasn_400', score: 331, assessedOn: '2025-11-30', reason: 'Hasil penilaian sistem merit (uji)' },
    });
    expect(merit.status).toBe(200);
    expect(merit.body).toMatchObject({ changed: true, merit: { agencyCode, scheme: 'kasn_400', score: 331, category: 'sangat_baik' } });
    expect((await stack.call('GET', `/v1/reference/agency-merit/${agencyCode}`)).body.merit).toEqual(merit.body.merit);
    expect((await stack.call('GET', `/v1/reference/agency-merit/${uniqueCode('PEMKAB')}`)).body.merit).toBeNull();

    const log = await changesFor(regency);
    expect(log.map((c) => c.table)).toEqual(['regions', 'election_windows', 'election_windows', 'minister_approvals']);
    expect(log[2]).toMatchObject({
      before: { candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20', headInauguratedOn: null },
      after: { candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20', headInauguratedOn: '2025-02-20' },
      reason: 'BA pelantikan (uji)',
      actorId: HR.id,
      actorRole: 'hr_officer',
    });
    expect(log[3]).toMatchObject({ before: null, after: { id: approval.body.approval.id, documentRef: letter.uri } });
    expect(await changesFor(agencyCode)).toEqual([
      expect.objectContaining({
        table: 'agency_merit',
        before: null,
        after: expect.objectContaining({ score: 331, category: 'sangat_baik' }),
      }),
    ]);
    const elections = await stack.call('GET', `/v1/reference/changes?table=election_windows&key=${regency}&from=2020-01-01`);
    expect(elections.body.total).toBe(2);
    // Auditors read the log like everyone else.
    expect((await stack.call('GET', `/v1/reference/changes?key=${regency}`, { actor: AUDITOR })).body.total).toBe(4);
  });

  it('refuses writes by roles other than HR and admin (403), recording nothing', async () => {
    const { regency } = await registerRegions();
    const writes: [string, string, unknown][] = [
      ['PUT', `/v1/reference/regions/${regency}`, { name: 'Diubah PPK', kind: 'regency', reason: 'uji' }],
      ['PUT', `/v1/reference/elections/${regency}`, { candidatePairDetermination: '2024-09-22', reason: 'uji' }],
      [
        'POST',
        '/v1/reference/minister-approvals',
        {
          regionCode: regency,
          documentRef: '100.2.2.6/1/OTDA',
          title: 'Persetujuan',
          approvedOn: '2024-05-02',
          scope: 'uji',
          reason: 'uji',
        },
      ],
      [
        'PUT',
        `/v1/reference/agency-merit/${uniqueCode('PEMKAB')}`,
        { regionCode: regency, scheme: 'kasn_400', score: 260, assessedOn: '2025-11-30', reason: 'uji' },
      ],
    ];
    for (const actor of [PPK, AUDITOR]) {
      for (const [method, path, body] of writes) {
        const res = await stack.call(method, path, { actor, body });
        expect([actor.role, path, res.status, res.body.code]).toEqual([actor.role, path, 403, 'ACCESS_DENIED']);
      }
    }
    const admin = await stack.call('PUT', `/v1/reference/elections/${regency}`, {
      actor: { id: 'admin-1', role: 'admin' },
      body: { termEnd: '2025-02-20', reason: 'koreksi admin (uji)' },
    });
    expect(admin.status).toBe(200);
    expect((await changesFor(regency)).map((c) => c.actorRole)).toEqual(['hr_officer', 'admin']);
    expect((await stack.call('GET', `/v1/reference/minister-approvals?regionCode=${regency}`)).body.approvals).toEqual([]);
  });

  it('answers 400 naming the field for bad dates, a score that does not match its category, and an unknown region, recording nothing', async () => {
    const { regency } = await registerRegions();
    await stack.call('PUT', `/v1/reference/elections/${regency}`, {
      actor: HR,
      body: { candidatePairDetermination: '2024-09-22', reason: 'KPU (uji)' },
    });
    const agencyCode = uniqueCode('PEMKAB');
    const unknownRegion = uniqueCode('KAB');
    const tomorrow = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const approval = {
      regionCode: regency,
      documentRef: '100.2.2.6/9/OTDA',
      title: 'Persetujuan',
      approvedOn: '2024-05-02',
      scope: 'uji',
      reason: 'uji',
    };
    const merit = { regionCode: regency, scheme: 'kasn_400', score: 260, assessedOn: '2025-11-30', reason: 'uji' };
    const cases: [string, string, unknown, string[]][] = [
      ['PUT', `/v1/reference/elections/${regency}`, { termEnd: '2025-02-30', reason: 'uji' }, ['termEnd']],
      ['PUT', `/v1/reference/elections/${regency}`, { termEnd: '2024-09-21', reason: 'uji' }, ['termEnd']],
      [
        'PUT',
        `/v1/reference/elections/${regency}`,
        { candidatePairDetermination: '2024-9-22', headInauguratedOn: '1999-12-31', reason: 'uji' },
        ['candidatePairDetermination', 'headInauguratedOn'],
      ],
      ['PUT', `/v1/reference/elections/${regency}`, { candidatePairDetermination: '2024-09-22' }, ['reason']],
      ['PUT', `/v1/reference/elections/${unknownRegion}`, { candidatePairDetermination: '2024-09-22', reason: 'uji' }, ['regionCode']],
      ['PUT', '/v1/reference/elections/kab-lowercase', { candidatePairDetermination: '2024-09-22', reason: 'uji' }, ['regionCode']],
      ['POST', '/v1/reference/minister-approvals', { ...approval, approvedOn: '2024-02-30' }, ['approvedOn']],
      ['POST', '/v1/reference/minister-approvals', { ...approval, approvedOn: tomorrow }, ['approvedOn']],
      ['POST', '/v1/reference/minister-approvals', { ...approval, regionCode: unknownRegion }, ['regionCode']],
      [
        'POST',
        '/v1/reference/minister-approvals',
        { ...approval, documentRef: 'evidence:6f1c2b4e-0d3a-4c1e-9b7a-2f4d5e6a7b8c' },
        ['documentRef'],
      ],
      ['PUT', `/v1/reference/agency-merit/${agencyCode}`, { ...merit, category: 'sangat_baik' }, ['category']],
      ['PUT', `/v1/reference/agency-merit/${agencyCode}`, { ...merit, scheme: 'menpanrb_19_2025', category: 'baik' }, ['category']],
      ['PUT', `/v1/reference/agency-merit/${agencyCode}`, { ...merit, score: 50 }, ['score']],
      ['PUT', `/v1/reference/agency-merit/${agencyCode}`, { ...merit, assessedOn: '2025-13-01' }, ['assessedOn']],
      ['PUT', `/v1/reference/agency-merit/${agencyCode}`, { ...merit, regionCode: unknownRegion }, ['regionCode']],
      [
        'PUT',
        `/v1/reference/regions/${uniqueCode('KOTA')}`,
        { name: 'Kota', kind: 'city', provinceCode: regency, reason: 'uji' },
        ['provinceCode'],
      ],
      ['PUT', `/v1/reference/regions/${uniqueCode('KOTA')}`, { name: 'Kota', kind: 'village', reason: 'uji' }, ['kind']],
    ];
    for (const [method, path, body, expected] of cases) {
      const res = await stack.call(method, path, { actor: HR, body });
      expect([path, body, res.status, fields(res.body)]).toEqual([path, body, 400, expected]);
    }
    const mismatch = await stack.call('PUT', `/v1/reference/agency-merit/${agencyCode}`, {
      actor: HR,
      body: { ...merit, category: 'sangat_baik' },
      headers: { 'accept-language': 'en' },
    });
    expect(mismatch.body.message).toContain('a score of 260 under kasn_400 is baik, not sangat_baik');

    expect((await changesFor(regency)).map((c) => c.table)).toEqual(['regions', 'election_windows']);
    expect(await changesFor(agencyCode)).toEqual([]);
    expect(await changesFor(unknownRegion)).toEqual([]);
    expect((await stack.call('GET', `/v1/reference/elections?regionCode=${regency}`)).body.windows[0]).toMatchObject({
      candidatePairDetermination: '2024-09-22',
      termEnd: null,
    });
    const bad = await stack.call('GET', '/v1/reference/changes?table=holidays&from=yesterday');
    expect([bad.status, fields(bad.body)]).toEqual([400, ['table']]);
    const badPeriod = await stack.call('GET', '/v1/reference/changes?from=2026-02-30');
    expect([badPeriod.status, fields(badPeriod.body)]).toEqual([400, ['from']]);
  });
});
