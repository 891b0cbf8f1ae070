import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Actor } from '@meritflow/domain';
import { readStackState } from '../../../test/support/test-stack';
import { createDataSource, MIGRATIONS } from './data-source';
import { EvidenceRepository } from './evidence.repository';
import { revertLastMigration, runMigrations } from './migrate';

const { databaseUrl } = readStackState();
let ds: DataSource;
let repo: EvidenceRepository;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'evidence-int-spec');
  await ds.initialize();
  repo = new EvidenceRepository(ds);
});
afterAll(() => ds.destroy());

const HR: Actor = { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' };
const agency = () => `EVID-${randomUUID().slice(0, 8).toUpperCase()}`;
/** A small PDF-looking document, different on every call. */
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64), Buffer.from('\n%%EOF\n')]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const doc = (content: Buffer, agencyCode: string, overrides: Partial<Parameters<EvidenceRepository['store']>[0]> = {}) => ({
  content,
  mediaType: 'application/pdf',
  fileName: 'SK Pansel 800-123.pdf',
  kind: 'sk_pansel',
  agencyCode,
  uploadedBy: HR,
  ...overrides,
});
const rows = async (agencyCode: string) =>
  Number((await ds.query('SELECT count(*)::int AS n FROM evidence WHERE agency_code = $1', [agencyCode]))[0].n);

describe('evidence store', () => {
  it('stores a document with the SHA-256 of its bytes, its size and who uploaded it', async () => {
    const content = pdf();
    const agencyCode = agency();
    const { record, created } = await repo.store(doc(content, agencyCode));

    expect(created).toBe(true);
    expect(record).toMatchObject({
      sha256: sha256(content),
      sizeBytes: content.length,
      mediaType: 'application/pdf',
      fileName: 'SK Pansel 800-123.pdf',
      kind: 'sk_pansel',
      agencyCode,
      uploadedById: HR.id,
      uploadedByRole: 'hr_officer',
      uploadedByName: 'Siti Rahayu',
    });
    expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.uploadedAt).toBeInstanceOf(Date);
    expect(record).not.toHaveProperty('content');
    const stored = await repo.findWithContent(record.id);
    expect(stored?.content.equals(content)).toBe(true);
  });

  it('stores the same bytes from the same agency once and returns the first record to a repeat', async () => {
    const content = pdf();
    const agencyCode = agency();
    const first = await repo.store(doc(content, agencyCode));
    const again = await repo.store(
      doc(Buffer.from(content), agencyCode, { kind: 'nota_dinas', fileName: 'copy.pdf', uploadedBy: { id: 'ppk-1', role: 'ppk' } }),
    );

    expect(again.created).toBe(false);
    expect(again.record).toEqual(first.record);
    expect(await rows(agencyCode)).toBe(1);
  });

  it('stores the same bytes once even when uploads race', async () => {
    const content = pdf();
    const agencyCode = agency();
    const results = await Promise.all(Array.from({ length: 5 }, () => repo.store(doc(content, agencyCode))));

    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    expect(await rows(agencyCode)).toBe(1);
  });

  it('keeps a separate record when another agency uploads the same bytes', async () => {
    const content = pdf();
    const a = await repo.store(doc(content, agency()));
    const b = await repo.store(doc(content, agency()));

    expect(b.created).toBe(true);
    expect(b.record.id).not.toBe(a.record.id);
    expect(b.record.sha256).toBe(a.record.sha256);
  });

  it('finds by id and by ids, and treats malformed ids as unknown', async () => {
    const agencyCode = agency();
    const one = (await repo.store(doc(pdf(), agencyCode))).record;
    const two = (await repo.store(doc(pdf(), agencyCode))).record;

    await expect(repo.find(one.id)).resolves.toEqual(one);
    await expect(repo.find(randomUUID())).resolves.toBeNull();
    await expect(repo.find("x' OR 1=1 --")).resolves.toBeNull();
    const many = await repo.findMany([two.id, one.id, one.id.toUpperCase(), randomUUID(), 'not-an-id']);
    expect(many.map((e) => e.id).sort()).toEqual([one.id, two.id].sort());
    await expect(repo.findMany([])).resolves.toEqual([]);
  });

  it('verifies that the stored bytes still hash to the recorded SHA-256', async () => {
    const { record } = await repo.store(doc(pdf(), agency()));

    await expect(repo.verify(record.id)).resolves.toBe(true);
    await expect(repo.verify(randomUUID())).resolves.toBeNull();
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even for the owner', async () => {
    const { record } = await repo.store(doc(pdf(), agency()));
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    try {
      await expect(pg.query(`UPDATE evidence SET content = 'tampered'::bytea WHERE id = $1`, [record.id])).rejects.toThrow(/immutable/);
      await expect(pg.query(`UPDATE evidence SET kind = 'other' WHERE id = $1`, [record.id])).rejects.toThrow(/immutable/);
      await expect(pg.query(`DELETE FROM evidence WHERE id = $1`, [record.id])).rejects.toThrow(/immutable/);
      // CASCADE: decrees reference evidence, and a plain TRUNCATE would stop at that foreign key before any trigger ran.
      await expect(pg.query(`TRUNCATE evidence CASCADE`)).rejects.toThrow(/immutable|append-only/);
    } finally {
      await pg.end();
    }
    await expect(repo.verify(record.id)).resolves.toBe(true);
    await expect(repo.find(record.id)).resolves.toEqual(record);
  });

  it('refuses a row whose recorded hash or size is not that of its bytes', async () => {
    const content = pdf();
    const agencyCode = agency();
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    const insert = (hash: string, size: number) =>
      pg.query(
        `INSERT INTO evidence (sha256, content, size_bytes, media_type, kind, agency_code, uploaded_by_id, uploaded_by_role)
         VALUES ($1, $2, $3, 'application/pdf', 'sk_pansel', $4, 'x', 'hr_officer')`,
        [hash, content, size, agencyCode],
      );
    try {
      await expect(insert(sha256(Buffer.from('other')), content.length)).rejects.toThrow(/evidence_sha256_matches_content/);
      await expect(insert(sha256(content).toUpperCase(), content.length)).rejects.toThrow(/check constraint/);
      await expect(insert(sha256(content), content.length + 1)).rejects.toThrow(/evidence_size_matches_content/);
    } finally {
      await pg.end();
    }
    expect(await rows(agencyCode)).toBe(0);
  });
});

describe('resolveRefs', () => {
  it('finds every evidence: reference that names a stored document with its hash', async () => {
    const agencyCode = agency();
    const a = (await repo.store(doc(pdf(), agencyCode))).record;
    const b = (await repo.store(doc(pdf(), agencyCode))).record;

    await expect(
      repo.resolveRefs([
        { kind: 'sk_pansel', uri: `evidence:${a.id}`, sha256: a.sha256 },
        { kind: 'assessor_report', title: 'Laporan asesor', uri: `evidence:${b.id.toUpperCase()}`, sha256: b.sha256.toUpperCase() },
      ]),
    ).resolves.toEqual({ missing: [] });
  });

  it('reports unknown ids, wrong or absent hashes and malformed evidence: URIs, each once', async () => {
    const { record } = await repo.store(doc(pdf(), agency()));
    const unknown = `evidence:${randomUUID()}`;

    const { missing } = await repo.resolveRefs([
      { kind: 'sk_pansel', uri: `evidence:${record.id}`, sha256: record.sha256 },
      { kind: 'sk_pansel', uri: unknown, sha256: record.sha256 },
      { kind: 'sk_pansel', uri: unknown, sha256: record.sha256 },
      { kind: 'sk_pansel', uri: `evidence:${record.id}`, sha256: sha256(Buffer.from('other')) },
      { kind: 'sk_pansel', uri: `evidence:${record.id}` },
      { kind: 'sk_pansel', uri: 'evidence:42', sha256: record.sha256 },
    ]);

    expect(missing).toEqual([unknown, `evidence:${record.id}`, 'evidence:42']);
  });

  it('leaves references to documents outside the store alone', async () => {
    await expect(
      repo.resolveRefs([
        { kind: 'nota_dinas', uri: 'dms://bkpsdm/2026/800-123.pdf' },
        { kind: 'nota_dinas', title: 'Nota dinas tanpa alamat' },
      ]),
    ).resolves.toEqual({ missing: [] });
  });
});

describe('evidence migration', () => {
  it('reverts and re-applies cleanly on an empty database', async () => {
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    const name = `meritflow_evidence_migration_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const objects = async () => {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      const t = await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = 'evidence'`);
      const f = await c.query(`SELECT proname FROM pg_proc WHERE proname = 'evidence_refuse_change'`);
      await c.end();
      return [...t.rows.map((x) => x.tablename), ...f.rows.map((x) => x.proname)];
    };
    try {
      expect(await runMigrations(url.toString())).toContain('Evidence1763900000000');
      expect(await objects()).toEqual(['evidence', 'evidence_refuse_change']);
      // Later migrations, if any, are reverted first.
      for (let i = 0; i < MIGRATIONS.length && (await objects()).length > 0; i++) await revertLastMigration(url.toString());
      expect(await objects()).toEqual([]);
      expect(await runMigrations(url.toString())).toContain('Evidence1763900000000');
      expect(await objects()).toEqual(['evidence', 'evidence_refuse_change']);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
