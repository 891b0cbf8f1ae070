import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { DecisionRecord } from '@meritflow/domain';
import { readStackState } from '../../../test/support/test-stack';
import { ChainDigester, ledgerSigningKey, verifyDigest } from './chain-digest';
import { createDataSource } from './data-source';
import { LedgerRepository } from './ledger.repository';
import { LedgerVerifier } from './ledger-verifier';
import { revertLastMigration, runMigrations } from './migrate';
import { APP_ROLE } from './migrations/1764100000000-ledger-hash-chain';

/*
 * Tampering needs the owner with triggers off (session_replication_role = replica, superuser only), so it
 * happens in scratch databases of this file, never in the stack's database other tests read.
 */
const { databaseUrl: stackUrl } = readStackState();
const CLI = path.resolve(__dirname, '../../../dist/libs/persistence/src/verify-ledger.cli.js');

interface Scratch {
  url: string;
  ds: DataSource;
  drop(): Promise<void>;
}

async function scratchDatabase(label: string): Promise<Scratch> {
  const name = `meritflow_chain_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: stackUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(stackUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const ds = createDataSource(url.toString(), `ledger-chain-${label}`);
  await ds.initialize();
  return {
    url: url.toString(),
    ds,
    drop: async () => {
      await ds.destroy();
      const c = new Client({ connectionString: stackUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** As a superuser with every trigger off: what an attacker with the database's keys could do. */
async function tamper(url: string, ...statements: [string, unknown[]?][]): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET session_replication_role = replica');
    for (const [sql, params] of statements) await c.query(sql, params);
  } finally {
    await c.end();
  }
}

let n = 0;
const uniqueRoot = () => `open-selection:CHAIN-SPEC:C${Date.now().toString(36).toUpperCase()}-${++n}`;

function decision(root: string, sequence: number, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  const workflowId = overrides.workflowId ?? root;
  const runId = overrides.runId ?? `run-${root}`;
  return {
    idempotencyKey: `${workflowId}:${runId}:${sequence}`,
    caseType: 'open-selection',
    workflowId,
    runId,
    rootWorkflowId: root,
    parentWorkflowId: workflowId === root ? null : root,
    sequence,
    decision: `decision_${sequence}`,
    stepBefore: sequence === 1 ? null : `step_${sequence - 1}`,
    stepAfter: `step_${sequence}`,
    statusAfter: 'open',
    actor: { id: `actor-${sequence}`, role: 'committee_chair', name: sequence % 2 ? 'Ketua Pansel' : undefined },
    reason: null,
    payload: { score: sequence, fillingMethod: 'open_selection' },
    evidence: [{ kind: 'sk_pansel', sha256: 'a'.repeat(64) }],
    sop: { id: 'open-selection', version: '1.0.0' },
    ruleVersion: sequence === 2 ? 'ranking@2026-01-01' : null,
    decidedAt: new Date(Date.UTC(2026, 10, 22, 1, 0, sequence, 250)).toISOString(),
    case: { agencyCode: 'CHAIN-SPEC', businessKey: 'JPT', title: 'Seleksi terbuka', details: {} },
    ...overrides,
  };
}

async function appendCase(ds: DataSource, root: string, count: number): Promise<void> {
  const repo = new LedgerRepository(ds);
  for (let s = 1; s <= count; s++) await repo.append(decision(root, s));
}

interface ChainRow {
  id: string;
  chain_seq: number;
  prev_hash: Buffer | null;
  row_hash: Buffer;
}
const chainOf = (ds: DataSource, root: string): Promise<ChainRow[]> =>
  ds.query('SELECT id, chain_seq, prev_hash, row_hash FROM decisions WHERE root_workflow_id = $1 ORDER BY chain_seq', [root]);

// An independent statement of the canonical form (the SQL function is the one definition): a PostgreSQL
// text[] literal, times as UTC ISO with microseconds.
const arrayElement = (v: string | null): string =>
  v === null ? 'NULL' : v === '' || /[{}",\\ \t\n\r\v\f]/.test(v) || v.toUpperCase() === 'NULL' ? `"${v.replace(/[\\"]/g, '\\$&')}"` : v;
const isoMicros = (epochMicros: string): string => {
  const us = BigInt(epochMicros);
  return `${new Date(Number(us / 1000n)).toISOString().slice(0, 19)}.${(us % 1000000n).toString().padStart(6, '0')}Z`;
};

describe('hash-chained ledger', () => {
  let db: Scratch;
  let verifier: LedgerVerifier;
  beforeAll(async () => {
    db = await scratchDatabase('spec');
    verifier = new LedgerVerifier(db.ds);
  });
  afterAll(() => db.drop());

  it('chains each appended row to the one before it, one chain per case', async () => {
    const a = uniqueRoot();
    const b = uniqueRoot();
    const repo = new LedgerRepository(db.ds);
    await repo.append(decision(a, 1));
    await repo.append(decision(b, 1));
    await repo.append(decision(a, 2));
    await repo.append(decision(a, 3, { workflowId: `${a}:child`, runId: 'child-run', sequence: 1 }));

    const chain = await chainOf(db.ds, a);
    expect(chain.map((r) => r.chain_seq)).toEqual([1, 2, 3]);
    expect(chain[0].prev_hash).toBeNull();
    expect(chain[1].prev_hash).toEqual(chain[0].row_hash);
    expect(chain[2].prev_hash).toEqual(chain[1].row_hash);
    expect(chain.every((r) => r.row_hash.length === 32)).toBe(true);
    expect((await chainOf(db.ds, b)).map((r) => [r.chain_seq, r.prev_hash])).toEqual([[1, null]]);
    await expect(verifier.verifyCase(a)).resolves.toMatchObject({ valid: true, rowsChecked: 3, cases: 1, broken: [] });
  });

  it('hashes exactly the canonical form: sha256(prev_hash || every audited column), recomputed outside PostgreSQL', async () => {
    const root = uniqueRoot();
    await appendCase(db.ds, root, 2);
    const rows = await db.ds.query(
      `SELECT d.*, (extract(epoch FROM d.decided_at) * 1000000)::bigint::text AS decided_us,
              (extract(epoch FROM d.recorded_at) * 1000000)::bigint::text AS recorded_us,
              d.payload::text AS payload_text, d.evidence::text AS evidence_text
         FROM decisions d WHERE root_workflow_id = $1 ORDER BY chain_seq`,
      [root],
    );
    for (const r of rows) {
      const canonical = `{${[
        'meritflow.decision/v1',
        String(r.chain_seq),
        r.idempotency_key,
        r.case_type,
        r.workflow_id,
        r.run_id,
        r.root_workflow_id,
        r.parent_workflow_id,
        String(r.sequence),
        r.decision,
        r.step_before,
        r.step_after,
        r.actor_id,
        r.actor_role,
        r.actor_name,
        r.reason,
        r.payload_text,
        r.evidence_text,
        r.sop_id,
        r.sop_version,
        r.rule_version,
        isoMicros(r.decided_us),
        isoMicros(r.recorded_us),
      ]
        .map(arrayElement)
        .join(',')}}`;
      const hash = createHash('sha256')
        .update(r.prev_hash ?? Buffer.alloc(0))
        .update(canonical, 'utf8')
        .digest();
      expect(hash.toString('hex')).toBe(r.row_hash.toString('hex'));
    }
    expect(rows[1].payload_text).toBe('{"score": 2, "fillingMethod": "open_selection"}');
  });

  it('keeps one unbroken chain when 20 decisions of one case are appended at once', async () => {
    const root = uniqueRoot();
    const repo = new LedgerRepository(db.ds);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => repo.append(decision(root, 1, { workflowId: `${root}:A${i}`, runId: `run-a${i}` }))),
    );
    const chain = await chainOf(db.ds, root);
    expect(chain.map((r) => r.chain_seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    chain.slice(1).forEach((r, i) => expect(r.prev_hash).toEqual(chain[i].row_hash));
    await expect(verifier.verifyCase(root)).resolves.toMatchObject({ valid: true, rowsChecked: 20, broken: [] });
  });

  it('ignores chain fields a client tries to set', async () => {
    const root = uniqueRoot();
    await appendCase(db.ds, root, 1);
    await db.ds.query(
      `INSERT INTO decisions (idempotency_key, case_type, workflow_id, run_id, sequence, decision, step_after, actor_id, actor_role,
         sop_id, sop_version, decided_at, root_workflow_id, chain_seq, prev_hash, row_hash)
       VALUES ($1, 'open-selection', $2, 'forged', 1, 'pick', 'decided', 'x', 'ppk', 'open-selection', '1.0.0', now(), $2,
         7, '\\x00'::bytea, sha256('forged'::bytea))`,
      [`${root}:forged:1`, root],
    );
    const chain = await chainOf(db.ds, root);
    expect(chain.map((r) => r.chain_seq)).toEqual([1, 2]);
    expect(chain[1].prev_hash).toEqual(chain[0].row_hash);
    await expect(verifier.verifyCase(root)).resolves.toMatchObject({ valid: true });
  });

  it('(a) reports content altered at the chain_seq whose reason a superuser edited', async () => {
    const root = uniqueRoot();
    await appendCase(db.ds, root, 4);
    const [row] = await db.ds.query('SELECT id, row_hash FROM decisions WHERE root_workflow_id = $1 AND chain_seq = 2', [root]);
    await tamper(db.url, [`UPDATE decisions SET reason = 'diubah belakangan' WHERE id = $1`, [row.id]]);

    const report = await verifier.verifyCase(root);
    expect(report).toMatchObject({ valid: false, rowsChecked: 4 });
    expect(report.broken).toEqual([
      expect.objectContaining({
        rootWorkflowId: root,
        chainSeq: 2,
        decisionId: row.id,
        problem: 'content_altered',
        actual: row.row_hash.toString('hex'),
        decision: 'decision_2',
        actorId: 'actor-2',
        brokenRows: 1,
      }),
    ]);
    expect(report.broken[0].expected).toMatch(/^[0-9a-f]{64}$/);
    expect(report.broken[0].expected).not.toBe(report.broken[0].actual);
    expect(report.broken[0].message.en).toContain('content altered at chain_seq 2 (decision "decision_2" by actor-2');
    expect(report.broken[0].message.id).toContain('isi catatan diubah pada chain_seq 2');
  });

  it('(b) leaves a truncated tail a valid chain, but the digest taken before exposes it', async () => {
    const root = uniqueRoot();
    const gone = uniqueRoot();
    await appendCase(db.ds, root, 3);
    await appendCase(db.ds, gone, 2);
    const key = ledgerSigningKey();
    const digester = new ChainDigester(db.ds);
    const before = await digester.digest(key);
    expect(before.heads).toEqual(expect.arrayContaining([expect.objectContaining({ rootWorkflowId: root, chainSeq: 3 })]));
    expect(await digester.compareWithDigest(before)).toMatchObject({ intact: true, findings: [], newCases: 0 });

    await tamper(
      db.url,
      [`DELETE FROM decisions WHERE root_workflow_id = $1 AND chain_seq = 3`, [root]],
      [`DELETE FROM decisions WHERE root_workflow_id = $1`, [gone]],
    );
    await expect(verifier.verifyCase(root)).resolves.toMatchObject({ valid: true, rowsChecked: 2 });

    expect(verifyDigest(before, key.publicKeyPem)).toEqual({ valid: true });
    const after = await digester.compareWithDigest(before);
    expect(after.intact).toBe(false);
    expect(after.findings).toHaveLength(2);
    expect(after.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rootWorkflowId: root,
          problem: 'truncated',
          digestChainSeq: 3,
          currentChainSeq: 2,
          currentRowHashAtDigestSeq: null,
        }),
        expect.objectContaining({ rootWorkflowId: gone, problem: 'case_missing', digestChainSeq: 2, currentChainSeq: null }),
      ]),
    );
    expect(after.findings.find((f) => f.problem === 'truncated')?.message.en).toContain('tail truncated');

    // Refilling the tail through the trigger makes a new row 3, but not the signed one.
    await new LedgerRepository(db.ds).append(decision(root, 3, { reason: 'pengganti' }));
    await expect(verifier.verifyCase(root)).resolves.toMatchObject({ valid: true, rowsChecked: 3 });
    expect((await digester.compareWithDigest(before)).findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rootWorkflowId: root, problem: 'head_changed', digestChainSeq: 3, currentChainSeq: 3 }),
      ]),
    );
  });

  it('(c) reports a broken link where two rows swapped places, and altered content where they swapped contents', async () => {
    const moved = uniqueRoot();
    await appendCase(db.ds, moved, 4);
    await tamper(
      db.url,
      [`UPDATE decisions SET chain_seq = 1000 WHERE root_workflow_id = $1 AND chain_seq = 2`, [moved]],
      [`UPDATE decisions SET chain_seq = 2 WHERE root_workflow_id = $1 AND chain_seq = 3`, [moved]],
      [`UPDATE decisions SET chain_seq = 3 WHERE root_workflow_id = $1 AND chain_seq = 1000`, [moved]],
    );
    const swapped = await verifier.verifyCase(moved);
    expect(swapped.valid).toBe(false);
    expect(swapped.broken).toEqual([expect.objectContaining({ chainSeq: 2, problem: 'link_broken', decision: 'decision_3' })]);
    expect(swapped.broken[0].message.en).toContain('link broken at chain_seq 2');

    const exchanged = uniqueRoot();
    await appendCase(db.ds, exchanged, 4);
    await tamper(db.url, [
      `UPDATE decisions d SET decision = o.decision, actor_id = o.actor_id, reason = o.reason, decided_at = o.decided_at
           FROM decisions o
          WHERE d.root_workflow_id = $1 AND o.root_workflow_id = $1
            AND ((d.chain_seq = 2 AND o.chain_seq = 3) OR (d.chain_seq = 3 AND o.chain_seq = 2))`,
      [exchanged],
    ]);
    const contents = await verifier.verifyCase(exchanged);
    expect(contents.broken).toEqual([
      expect.objectContaining({ chainSeq: 2, problem: 'content_altered', decision: 'decision_3', brokenRows: 2 }),
    ]);
  });

  it('(d) reports a broken link where a middle row was deleted, also when the numbers were closed up', async () => {
    const gap = uniqueRoot();
    await appendCase(db.ds, gap, 4);
    await tamper(db.url, [`DELETE FROM decisions WHERE root_workflow_id = $1 AND chain_seq = 2`, [gap]]);
    const report = await verifier.verifyCase(gap);
    expect(report).toMatchObject({ valid: false, rowsChecked: 3 });
    expect(report.broken).toEqual([expect.objectContaining({ chainSeq: 3, problem: 'sequence_gap', expected: '2', actual: '3' })]);

    const renumbered = uniqueRoot();
    await appendCase(db.ds, renumbered, 4);
    await tamper(
      db.url,
      [`DELETE FROM decisions WHERE root_workflow_id = $1 AND chain_seq = 2`, [renumbered]],
      [`UPDATE decisions SET chain_seq = chain_seq - 1 WHERE root_workflow_id = $1 AND chain_seq = 3`, [renumbered]],
      [`UPDATE decisions SET chain_seq = chain_seq - 1 WHERE root_workflow_id = $1 AND chain_seq = 4`, [renumbered]],
    );
    const closed = await verifier.verifyCase(renumbered);
    expect(closed.broken).toEqual([expect.objectContaining({ chainSeq: 2, problem: 'link_broken', decision: 'decision_3' })]);
  });

  // Every audited column is covered, and NULL, '' and 'NULL' are three different values.
  it.each([
    ['idempotency_key', `idempotency_key = idempotency_key || 'x'`],
    ['case_type', `case_type = 'vacancy'`],
    ['workflow_id', `workflow_id = workflow_id || ':x'`],
    ['run_id', `run_id = 'other-run'`],
    ['parent_workflow_id', `parent_workflow_id = 'vacancy:X:Y'`],
    ['sequence', `sequence = 99`],
    ['decision', `decision = 'approve'`],
    ['step_before', `step_before = NULL`],
    ['step_after', `step_after = 'closed'`],
    ['actor_id', `actor_id = '196801011990031004'`],
    ['actor_role', `actor_role = 'ppk'`],
    ['actor_name', `actor_name = 'Nama Lain'`],
    ['reason (NULL to the text NULL)', `reason = 'NULL'`],
    ['reason (NULL to empty)', `reason = ''`],
    ['payload', `payload = payload || '{"score": 100}'`],
    ['evidence', `evidence = '[]'::jsonb`],
    ['sop_id', `sop_id = 'vacancy'`],
    ['sop_version', `sop_version = '1.0.1'`],
    ['rule_version', `rule_version = NULL`],
    ['decided_at (one microsecond)', `decided_at = decided_at + interval '1 microsecond'`],
    ['recorded_at (one microsecond)', `recorded_at = recorded_at - interval '1 microsecond'`],
    ['row_hash', `row_hash = sha256(row_hash)`],
  ])('catches an edit to %s', async (_column, set) => {
    const root = uniqueRoot();
    await appendCase(db.ds, root, 3);
    await tamper(db.url, [`UPDATE decisions SET ${set} WHERE root_workflow_id = $1 AND chain_seq = 2`, [root]]);
    const report = await verifier.verifyCase(root);
    expect(report.valid).toBe(false);
    expect(report.broken[0]).toMatchObject({ chainSeq: 2, problem: 'content_altered' });
  });

  it('catches a row moved to another case, in both cases', async () => {
    const root = uniqueRoot();
    await appendCase(db.ds, root, 3);
    await tamper(db.url, [`UPDATE decisions SET root_workflow_id = $1 || ':moved' WHERE root_workflow_id = $1 AND chain_seq = 2`, [root]]);
    expect((await verifier.verifyCase(root)).broken).toEqual([
      expect.objectContaining({ chainSeq: 3, problem: 'sequence_gap', expected: '2' }),
    ]);
    expect((await verifier.verifyCase(`${root}:moved`)).broken).toEqual([
      expect.objectContaining({ chainSeq: 2, problem: 'sequence_gap', expected: '1' }),
    ]);
  });

  it('lists every case with its head in verifyAll', async () => {
    const root = uniqueRoot();
    await appendCase(db.ds, root, 2);
    const [last] = await db.ds.query('SELECT row_hash FROM decisions WHERE root_workflow_id = $1 AND chain_seq = 2', [root]);
    const all = await verifier.verifyAll();
    expect(all.heads).toContainEqual({ rootWorkflowId: root, chainSeq: 2, rowHash: last.row_hash.toString('hex') });
    expect(all.cases).toBe(all.heads.length);
    // The tampered cases of this file are all reported, each once.
    expect(all.broken.length).toBeGreaterThanOrEqual(25);
    expect(new Set(all.broken.map((b) => b.rootWorkflowId)).size).toBe(all.broken.length);
    expect(all.broken.find((b) => b.rootWorkflowId === root)).toBeUndefined();
  });

  it(`leaves ${APP_ROLE} SELECT and INSERT on the ledger, and no UPDATE, DELETE or TRUNCATE`, async () => {
    const root = uniqueRoot();
    await appendCase(db.ds, root, 1);
    const privileges = await db.ds.query(
      `SELECT p, has_table_privilege($1, 'decisions', p) AS granted FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) AS p`,
      [APP_ROLE],
    );
    expect(Object.fromEntries(privileges.map((r: { p: string; granted: boolean }) => [r.p, r.granted]))).toEqual({
      SELECT: true,
      INSERT: true,
      UPDATE: false,
      DELETE: false,
      TRUNCATE: false,
    });
    const [{ cases_update }] = await db.ds.query(`SELECT has_table_privilege($1, 'cases', 'UPDATE') AS cases_update`, [APP_ROLE]);
    expect(cases_update).toBe(true);

    const app = new Client({ connectionString: db.url });
    await app.connect();
    try {
      await app.query(`SET ROLE ${APP_ROLE}`);
      // The application's own write path works under the role...
      await app.query('BEGIN');
      const r = decision(root, 2);
      await app.query(
        `INSERT INTO decisions (idempotency_key, case_type, workflow_id, run_id, sequence, decision, step_after, actor_id, actor_role,
           sop_id, sop_version, decided_at, root_workflow_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id`,
        [
          r.idempotencyKey,
          r.caseType,
          r.workflowId,
          r.runId,
          r.sequence,
          r.decision,
          r.stepAfter,
          r.actor.id,
          r.actor.role,
          r.sop.id,
          r.sop.version,
          r.decidedAt,
          root,
        ],
      );
      await app.query('COMMIT');
      // ...and changing the ledger is refused by privilege, before any trigger.
      await expect(app.query(`UPDATE decisions SET reason = 'x' WHERE root_workflow_id = $1`, [root])).rejects.toThrow(
        /permission denied for table decisions/,
      );
      await expect(app.query(`DELETE FROM decisions WHERE root_workflow_id = $1`, [root])).rejects.toThrow(
        /permission denied for table decisions/,
      );
      await expect(app.query(`TRUNCATE decisions`)).rejects.toThrow(/permission denied for table decisions/);
    } finally {
      await app.end();
    }
    await expect(verifier.verifyCase(root)).resolves.toMatchObject({ valid: true, rowsChecked: 2 });
  });
});

describe('the migration', () => {
  it('chains rows recorded before it, case by case in insertion order', async () => {
    const db = await scratchDatabase('backfill');
    try {
      while ((await db.ds.query(`SELECT 1 FROM schema_migrations WHERE name = 'LedgerHashChain1764100000000'`)).length > 0) {
        await revertLastMigration(db.url);
      }
      const insert = (root: string, seq: number) =>
        db.ds.query(
          `INSERT INTO decisions (idempotency_key, case_type, workflow_id, run_id, sequence, decision, step_after, actor_id, actor_role,
             sop_id, sop_version, decided_at, root_workflow_id, reason)
           VALUES ($1 || ':' || $2::text, 'vacancy', $1, $1, $2::int, 'propose', 'proposed', 'hr', 'hr_officer', 'vacancy', '1.0.0', now(), $1, $3)`,
          [root, seq, seq === 2 ? null : `alasan "${seq}", {dengan} tanda baca`],
        );
      await insert('vacancy:OLD:B', 1);
      await insert('vacancy:OLD:A', 1);
      await insert('vacancy:OLD:B', 2);
      await insert('vacancy:OLD:A', 2);
      await insert('vacancy:OLD:B', 3);

      expect(await runMigrations(db.url)).toContain('LedgerHashChain1764100000000');
      const rows = await db.ds.query('SELECT root_workflow_id AS root, sequence, chain_seq FROM decisions ORDER BY id');
      expect(rows.map((r: { root: string; sequence: number; chain_seq: number }) => [r.root, r.sequence, r.chain_seq])).toEqual([
        ['vacancy:OLD:B', 1, 1],
        ['vacancy:OLD:A', 1, 1],
        ['vacancy:OLD:B', 2, 2],
        ['vacancy:OLD:A', 2, 2],
        ['vacancy:OLD:B', 3, 3],
      ]);
      await expect(new LedgerVerifier(db.ds).verifyAll()).resolves.toMatchObject({ valid: true, rowsChecked: 5, cases: 2 });
      // The append-only trigger is back on.
      await expect(db.ds.query(`UPDATE decisions SET reason = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await db.drop();
    }
  });
});

describe('hashing by columns (migration 1765060000000)', () => {
  it('keeps every stored hash and every answer, up and down, with and without a delegation', async () => {
    const db = await scratchDatabase('by_columns');
    const applied = async () =>
      (await db.ds.query(`SELECT 1 FROM schema_migrations WHERE name = 'LedgerHashByColumns1765060000000'`)).length > 0;
    const delegated = (root: string, sequence: number) =>
      decision(root, sequence, {
        actor: {
          id: 'pj-2',
          role: 'ppk',
          name: 'Pelaksana Harian',
          actingFor: { id: 'ppk-1', role: 'ppk', name: 'Bupati', delegationId: 'dlg-1' },
        },
      });
    try {
      while (await applied()) await revertLastMigration(db.url);
      const repo = new LedgerRepository(db.ds);
      const before = uniqueRoot();
      await appendCase(db.ds, before, 3);
      await repo.append(delegated(before, 4));
      const stored = await chainOf(db.ds, before);

      expect(await runMigrations(db.url)).toContain('LedgerHashByColumns1765060000000');
      // The new definitions hash the old rows to exactly what is stored.
      const rehashed: { ok: boolean }[] = await db.ds.query(
        'SELECT decision_row_hash(d) = d.row_hash AS ok FROM decisions d WHERE root_workflow_id = $1 ORDER BY chain_seq',
        [before],
      );
      expect(rehashed.map((r) => r.ok)).toEqual([true, true, true, true]);
      const after = uniqueRoot();
      await appendCase(db.ds, after, 2);
      await repo.append(delegated(after, 3));
      await repo.append(decision(before, 5));
      const verifier = new LedgerVerifier(db.ds);
      await expect(verifier.verifyAll()).resolves.toMatchObject({ valid: true, rowsChecked: 8, cases: 2 });
      expect((await chainOf(db.ds, before)).slice(0, 4)).toEqual(stored);

      // Altered content is still found at its row, with the hash the row would have now.
      await tamper(db.url, [`UPDATE decisions SET reason = 'diubah' WHERE root_workflow_id = $1 AND chain_seq = 3`, [after]]);
      const found = await verifier.verifyAll();
      expect(found.broken).toEqual([
        expect.objectContaining({ rootWorkflowId: after, chainSeq: 3, problem: 'content_altered', brokenRows: 1 }),
      ]);
      const [{ now }] = await db.ds.query(
        `SELECT encode(sha256(coalesce(prev_hash, '\\x'::bytea) || convert_to(decision_canonical(d), 'UTF8')), 'hex') AS now
           FROM decisions d WHERE root_workflow_id = $1 AND chain_seq = 3`,
        [after],
      );
      expect(found.broken[0].expected).toBe(now);

      // Down again (with any later migration first): the former functions hash the rows the new trigger
      // wrote to the same values.
      while (await applied()) await revertLastMigration(db.url);
      const back = await verifier.verifyAll();
      expect(back.broken.map((b) => [b.rootWorkflowId, b.chainSeq, b.problem])).toEqual([[after, 3, 'content_altered']]);
      expect(back.rowsChecked).toBe(8);
    } finally {
      await db.drop();
    }
  });
});

describe('npm run ledger:verify', () => {
  const run = (url: string, args: string[]): Promise<{ code: number; out: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: url } }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, out: `${stdout}${stderr}` });
      });
    });

  it('exits 0 on an intact ledger and 1 once a row is altered or a signed tail is cut', async () => {
    expect(existsSync(CLI)).toBe(true);
    const db = await scratchDatabase('cli');
    try {
      await appendCase(db.ds, 'vacancy:CLI:A', 3);
      await appendCase(db.ds, 'vacancy:CLI:B', 2);
      const dir = mkdtempSync(path.join(tmpdir(), 'meritflow-digest-'));
      const key = ledgerSigningKey();
      const digestFile = path.join(dir, 'digest.json');
      const keyFile = path.join(dir, 'public.pem');
      writeFileSync(digestFile, JSON.stringify(await new ChainDigester(db.ds).digest(key)));
      writeFileSync(keyFile, key.publicKeyPem);

      const clean = await run(db.url, []);
      expect(clean.out).toContain('Diperiksa / Checked: 5 catatan / rows, 2 kasus / cases');
      expect(clean.out).toContain('Hasil / Result: UTUH / INTACT');
      expect(clean.code).toBe(0);
      await expect(run(db.url, ['--digest', digestFile, '--public-key', keyFile])).resolves.toMatchObject({ code: 0 });

      await tamper(db.url, [`DELETE FROM decisions WHERE root_workflow_id = 'vacancy:CLI:A' AND chain_seq = 3`]);
      await expect(run(db.url, [])).resolves.toMatchObject({ code: 0 });
      const cut = await run(db.url, ['--digest', digestFile, '--public-key', keyFile]);
      expect(cut.out).toContain('tail truncated: the digest recorded chain_seq 3, now only up to 2');
      expect(cut.out).toContain('Tanda tangan / Signature: SAH / VALID');
      expect(cut.code).toBe(1);

      const otherKey = path.join(dir, 'other.pem');
      writeFileSync(otherKey, ledgerSigningKey().publicKeyPem);
      const forged = await run(db.url, ['--case', 'vacancy:CLI:B', '--digest', digestFile, '--public-key', otherKey]);
      expect(forged.out).toContain('TIDAK SAH / INVALID (signature_mismatch)');
      expect(forged.code).toBe(1);

      await tamper(db.url, [`UPDATE decisions SET actor_id = 'someone-else' WHERE root_workflow_id = 'vacancy:CLI:B' AND chain_seq = 1`]);
      const altered = await run(db.url, ['--case', 'vacancy:CLI:B']);
      expect(altered.out).toContain(
        'vacancy:CLI:B: content altered at chain_seq 1 (decision "decision_1" by someone-else (committee_chair))',
      );
      expect(altered.code).toBe(1);

      await expect(run(db.url, ['--case', 'vacancy:CLI:NONE'])).resolves.toMatchObject({ code: 2 });
      await expect(run(db.url, ['--digest', digestFile])).resolves.toMatchObject({ code: 2 });
      await expect(run(db.url, ['--bogus'])).resolves.toMatchObject({ code: 2 });
    } finally {
      await db.drop();
    }
  });
});
