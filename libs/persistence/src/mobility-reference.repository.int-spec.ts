import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, type Actor } from '@meritflow/domain';
import { readStackState } from '../../../test/support/test-stack';
import { createDataSource } from './data-source';
import { EvidenceRepository } from './evidence.repository';
import type { ReferenceTable } from './entities/reference-data.entity';
import { MobilityReferenceRepository } from './mobility-reference.repository';

const { databaseUrl } = readStackState();
let ds: DataSource;
let repo: MobilityReferenceRepository;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'mobility-reference-int-spec');
  await ds.initialize();
  repo = new MobilityReferenceRepository(ds);
});
afterAll(() => ds.destroy());

const HR: Actor = { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' };
const ADMIN: Actor = { id: 'admin-1', role: 'admin' };
const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
const changesOf = async (table: ReferenceTable, key: string) => (await repo.changes({ table, key })).items;

/** A province and one regency in it, registered. */
async function regions() {
  const province = code('PROV');
  const regency = code('KAB');
  await repo.upsertRegion(
    { regionCode: province, name: 'Provinsi Uji', kind: 'province', provinceCode: null },
    'Permendagri kode wilayah (uji)',
    HR,
  );
  await repo.upsertRegion(
    { regionCode: regency, name: 'Kabupaten Uji', kind: 'regency', provinceCode: province },
    'Permendagri kode wilayah (uji)',
    HR,
  );
  return { province, regency };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
const fieldsOf = (e: DomainError) => (e.params.fields ?? []).map((f) => f.field);

describe('regions', () => {
  it('registers a region, records it once, and records a rename with before and after', async () => {
    const { province, regency } = await regions();
    const again = await repo.upsertRegion(
      { regionCode: regency, name: 'Kabupaten Uji', kind: 'regency', provinceCode: province },
      'ulang',
      HR,
    );
    expect(again.change).toBeNull();

    const renamed = await repo.upsertRegion(
      { regionCode: regency, name: 'Kabupaten Uji Baru', kind: 'regency', provinceCode: province },
      'Perda pemekaran (uji)',
      ADMIN,
    );
    expect(renamed.change).toMatchObject({
      table: 'regions',
      key: regency,
      before: { name: 'Kabupaten Uji', kind: 'regency', provinceCode: province },
      after: { name: 'Kabupaten Uji Baru', kind: 'regency', provinceCode: province },
      reason: 'Perda pemekaran (uji)',
      actorId: 'admin-1',
      actorRole: 'admin',
      actorName: null,
    });
    expect((await changesOf('regions', regency)).map((c) => c.before === null)).toEqual([true, false]);
    expect(await repo.region(regency)).toEqual({
      regionCode: regency,
      name: 'Kabupaten Uji Baru',
      kind: 'regency',
      provinceCode: province,
    });
  });

  it('refuses a province that is not registered as a province, and a province inside another', async () => {
    const { province, regency } = await regions();
    const orphan = code('KOTA');
    const missing = await refusal(
      repo.upsertRegion({ regionCode: orphan, name: 'Kota Uji', kind: 'city', provinceCode: 'PROV-NOWHERE' }, 'uji', HR),
    );
    expect(fieldsOf(missing)).toEqual(['provinceCode']);
    const notProvince = await refusal(
      repo.upsertRegion({ regionCode: orphan, name: 'Kota Uji', kind: 'city', provinceCode: regency }, 'uji', HR),
    );
    expect(fieldsOf(notProvince)).toEqual(['provinceCode']);
    const nested = await refusal(
      repo.upsertRegion({ regionCode: code('PROV'), name: 'Provinsi', kind: 'province', provinceCode: province }, 'uji', HR),
    );
    expect(fieldsOf(nested)).toEqual(['provinceCode']);
    const inUse = await refusal(
      repo.upsertRegion({ regionCode: province, name: 'Provinsi Uji', kind: 'city', provinceCode: null }, 'uji', HR),
    );
    expect(fieldsOf(inUse)).toEqual(['kind']);
    expect(await repo.region(orphan)).toBeNull();
    expect(await changesOf('regions', orphan)).toEqual([]);
  });
});

describe('election windows', () => {
  it('sets a window, keeps a date left out, clears one set to null, and records each change', async () => {
    const { regency } = await regions();
    const first = await repo.setElectionWindow(
      regency,
      { candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20' },
      'KPU: penetapan paslon (uji)',
      HR,
    );
    expect(first.value).toEqual({
      regionCode: regency,
      candidatePairDetermination: '2024-09-22',
      termEnd: '2025-02-20',
      headInauguratedOn: null,
    });
    expect(first.change).toMatchObject({ table: 'election_windows', key: regency, before: null });

    const inaugurated = await repo.setElectionWindow(regency, { headInauguratedOn: '2025-02-20' }, 'BA pelantikan (uji)', HR);
    expect(inaugurated.value).toEqual({
      regionCode: regency,
      candidatePairDetermination: '2024-09-22',
      termEnd: '2025-02-20',
      headInauguratedOn: '2025-02-20',
    });
    expect(inaugurated.change).toMatchObject({
      before: { candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20', headInauguratedOn: null },
      after: { candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20', headInauguratedOn: '2025-02-20' },
      reason: 'BA pelantikan (uji)',
    });

    const cleared = await repo.setElectionWindow(regency, { termEnd: null }, 'koreksi (uji)', HR);
    expect(cleared.value.termEnd).toBeNull();
    expect(await repo.electionWindows([regency, 'KAB-NONE'])).toEqual([cleared.value]);
    expect(await changesOf('election_windows', regency)).toHaveLength(3);
  });

  it('records nothing when the same window is set again, even by concurrent requests', async () => {
    const { regency } = await regions();
    const facts = { candidatePairDetermination: '2024-09-22', termEnd: '2025-02-20', headInauguratedOn: null };
    const results = await Promise.all(Array.from({ length: 5 }, () => repo.setElectionWindow(regency, facts, 'KPU (uji)', HR)));
    expect(results.filter((r) => r.change !== null)).toHaveLength(1);
    expect((await repo.setElectionWindow(regency, facts, 'ulang', HR)).change).toBeNull();
    expect((await repo.setElectionWindow(regency, {}, 'tanpa isi', HR)).change).toBeNull();
    expect(await changesOf('election_windows', regency)).toHaveLength(1);
  });

  it('records nothing for an empty window on a region that has none', async () => {
    const { regency } = await regions();
    expect((await repo.setElectionWindow(regency, { termEnd: null }, 'kosong', HR)).change).toBeNull();
    expect(await repo.electionWindows([regency])).toEqual([]);
  });

  it('refuses a term that ends on or before the determination, checked against the stored dates', async () => {
    const { regency } = await regions();
    await repo.setElectionWindow(regency, { candidatePairDetermination: '2024-09-22' }, 'KPU (uji)', HR);
    const err = await refusal(repo.setElectionWindow(regency, { termEnd: '2024-09-22' }, 'salah', HR));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(err)).toEqual(['termEnd']);
    expect(await changesOf('election_windows', regency)).toHaveLength(1);
  });

  it('refuses an unregistered region, naming regionCode', async () => {
    const regionCode = code('KAB');
    const err = await refusal(repo.setElectionWindow(regionCode, { candidatePairDetermination: '2024-09-22' }, 'uji', HR));
    expect(fieldsOf(err)).toEqual(['regionCode']);
    expect(await changesOf('election_windows', regionCode)).toEqual([]);
  });
});

describe('minister approvals', () => {
  const letter = (regionCode: string, documentRef = `100.2.2.6/${randomBytes(2).toString('hex')}/OTDA`) => ({
    regionCode,
    documentRef,
    title: 'Persetujuan Mendagri penggantian pejabat (uji)',
    approvedOn: '2024-05-02',
    scope: 'Mutasi 3 pejabat administrator',
  });

  it('records an approval with who recorded it, once, and refuses changing it', async () => {
    const { regency } = await regions();
    const approval = letter(regency);
    const first = await repo.recordMinisterApproval(approval, 'Surat Mendagri diterima (uji)', HR);
    expect(first.value).toMatchObject({ ...approval, evidence: [], recordedBy: { id: HR.id, role: 'hr_officer', name: 'Siti Rahayu' } });
    expect(first.change).toMatchObject({
      table: 'minister_approvals',
      key: regency,
      before: null,
      after: { id: first.value.id, documentRef: approval.documentRef },
    });

    const again = await repo.recordMinisterApproval({ ...approval }, 'dikirim ulang', HR);
    expect(again).toEqual({ value: first.value, change: null });
    const changed = await refusal(repo.recordMinisterApproval({ ...approval, scope: 'Mutasi 30 pejabat' }, 'ubah', HR));
    expect(changed.code).toBe('ALREADY_DECIDED');

    expect(await repo.ministerApprovals([regency])).toEqual([first.value]);
    expect(await changesOf('minister_approvals', regency)).toHaveLength(1);
  });

  it('cites an uploaded letter with its SHA-256, and refuses a letter that is not in the evidence store', async () => {
    const { regency } = await regions();
    const stored = await new EvidenceRepository(ds).store({
      content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(32)]),
      mediaType: 'application/pdf',
      fileName: 'surat-mendagri.pdf',
      kind: 'persetujuan_mendagri',
      agencyCode: 'PEMKAB-UJI',
      uploadedBy: HR,
    });
    const documentRef = `evidence:${stored.record.id}`;
    const ok = await repo.recordMinisterApproval(letter(regency, documentRef), 'Surat Mendagri (uji)', HR);
    expect(ok.value.evidence).toEqual([{ kind: 'persetujuan_mendagri', uri: documentRef, sha256: stored.record.sha256 }]);
    // Read back from jsonb (keys reordered), the same request still compares equal.
    expect((await repo.recordMinisterApproval(letter(regency, documentRef), 'ulang', HR)).change).toBeNull();

    const missing = await refusal(repo.recordMinisterApproval(letter(regency, `evidence:${randomUUID()}`), 'uji', HR));
    expect(fieldsOf(missing)).toEqual(['documentRef']);
    const badHash = await refusal(
      repo.recordMinisterApproval(
        { ...letter(regency), evidence: [{ kind: 'lampiran', uri: documentRef, sha256: '0'.repeat(64) }] },
        'uji',
        HR,
      ),
    );
    expect(fieldsOf(badHash)).toEqual(['evidence.0']);
    expect(await changesOf('minister_approvals', regency)).toHaveLength(1);
  });

  it('refuses an unregistered region, naming regionCode', async () => {
    const err = await refusal(repo.recordMinisterApproval(letter(code('KAB')), 'uji', HR));
    expect(fieldsOf(err)).toEqual(['regionCode']);
  });
});

describe('agency merit', () => {
  it('derives the category from the score, records the change, and skips an identical set', async () => {
    const { province } = await regions();
    const agencyCode = code('PEMPROV');
    const set = await repo.setAgencyMerit(
      agencyCode,
      { regionCode: province, scheme: 'kasn_400', score: 331.5, assessedOn: '2025-11-30' },
      'Hasil penilaian KASN (uji)',
      HR,
    );
    expect(set.value).toEqual({
      agencyCode,
      regionCode: province,
      scheme: 'kasn_400',
      score: 331.5,
      category: 'sangat_baik',
      assessedOn: '2025-11-30',
    });
    expect(await repo.agencyMerit(agencyCode)).toEqual(set.value);
    const same = await repo.setAgencyMerit(
      agencyCode,
      { regionCode: province, scheme: 'kasn_400', score: 331.5, category: 'sangat_baik', assessedOn: '2025-11-30' },
      'ulang',
      HR,
    );
    expect(same.change).toBeNull();

    const next = await repo.setAgencyMerit(
      agencyCode,
      { regionCode: province, scheme: 'menpanrb_19_2025', score: 0.72, assessedOn: '2026-06-30' },
      'Indeks 19/2025 (uji)',
      HR,
    );
    expect(next.change).toMatchObject({
      table: 'agency_merit',
      key: agencyCode,
      before: { scheme: 'kasn_400', score: 331.5, category: 'sangat_baik' },
      after: { scheme: 'menpanrb_19_2025', score: 0.72, category: 'menengah', assessedOn: '2026-06-30' },
    });
    expect(await changesOf('agency_merit', agencyCode)).toHaveLength(2);
  });

  it('refuses a category that does not match the score, and a score off the scale, recording nothing', async () => {
    const { province } = await regions();
    const agencyCode = code('PEMPROV');
    const mismatch = await refusal(
      repo.setAgencyMerit(
        agencyCode,
        { regionCode: province, scheme: 'kasn_400', score: 260, category: 'sangat_baik', assessedOn: '2025-11-30' },
        'uji',
        HR,
      ),
    );
    expect(fieldsOf(mismatch)).toEqual(['category']);
    const offScale = await refusal(
      repo.setAgencyMerit(agencyCode, { regionCode: province, scheme: 'kasn_400', score: 40, assessedOn: '2025-11-30' }, 'uji', HR),
    );
    expect(fieldsOf(offScale)).toEqual(['score']);
    const region = await refusal(
      repo.setAgencyMerit(agencyCode, { regionCode: code('PROV'), scheme: 'kasn_400', score: 260, assessedOn: '2025-11-30' }, 'uji', HR),
    );
    expect(fieldsOf(region)).toEqual(['regionCode']);
    expect(await repo.agencyMerit(agencyCode)).toBeNull();
    expect(await changesOf('agency_merit', agencyCode)).toEqual([]);
  });
});

describe('the change log', () => {
  it('filters by table, key and period', async () => {
    const { province, regency } = await regions();
    const before = new Date(Date.now() - 60_000);
    await repo.setElectionWindow(regency, { candidatePairDetermination: '2024-09-22' }, 'KPU (uji)', HR);
    expect((await repo.changes({ key: regency })).items.map((c) => c.table)).toEqual(['regions', 'election_windows']);
    expect((await repo.changes({ table: 'regions', key: province })).total).toBe(1);
    expect((await repo.changes({ key: regency, from: before, to: new Date(Date.now() + 60_000) })).total).toBe(2);
    expect((await repo.changes({ key: regency, to: before })).total).toBe(0);
    expect((await repo.changes({ key: regency, limit: 1, offset: 1 })).items.map((c) => c.table)).toEqual(['election_windows']);
  });
});

describe('append-only tables', () => {
  it.each(['reference_data_changes', 'minister_approvals'])('%s refuses UPDATE, DELETE and TRUNCATE', async (table) => {
    const { regency } = await regions();
    await repo.recordMinisterApproval(
      {
        regionCode: regency,
        documentRef: `REG-${randomBytes(3).toString('hex')}`,
        title: 'Persetujuan (uji)',
        approvedOn: '2024-05-02',
        scope: 'uji',
      },
      'uji',
      HR,
    );
    const column = table === 'reference_data_changes' ? 'key' : 'region_code';
    await expect(ds.query(`UPDATE ${table} SET ${column} = ${column} WHERE ${column} = $1`, [regency])).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(ds.query(`DELETE FROM ${table} WHERE ${column} = $1`, [regency])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(ds.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [regency]))[0].n)).toBeGreaterThan(0);
  });
});
