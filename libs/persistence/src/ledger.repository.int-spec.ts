import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { DomainError, type DecisionRecord } from '@meritflow/domain';
import { readStackState } from '../../../test/support/test-stack';
import { createDataSource, dataSourceOptions } from './data-source';
import { LedgerRepository } from './ledger.repository';
import { revertLastMigration, runMigrations } from './migrate';

const { databaseUrl } = readStackState();
let ds: DataSource;
let repo: LedgerRepository;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'ledger-int-spec');
  await ds.initialize();
  repo = new LedgerRepository(ds);
});
afterAll(() => ds.destroy());

function record(runId: string, sequence: number, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  const workflowId = `vacancy:LEDGER-SPEC:${runId.slice(0, 8).toUpperCase()}`;
  return {
    idempotencyKey: `${workflowId}:${runId}:${sequence}`,
    caseType: 'vacancy',
    workflowId,
    runId,
    rootWorkflowId: workflowId,
    parentWorkflowId: null,
    sequence,
    decision: sequence === 1 ? 'propose' : 'approve',
    stepBefore: sequence === 1 ? null : 'awaiting_ppk_decision',
    stepAfter: sequence === 1 ? 'awaiting_ppk_decision' : 'approved',
    statusAfter: sequence === 1 ? 'proposed' : 'approved',
    actor: sequence === 1 ? { id: 'hr-1', role: 'hr_officer' } : { id: 'ppk-1', role: 'ppk' },
    reason: null,
    payload: {},
    evidence: [],
    sop: { id: 'vacancy', version: '1.0.0' },
    ruleVersion: null,
    decidedAt: new Date(Date.UTC(2026, 10, 22, 1, 0, sequence)).toISOString(),
    case: { agencyCode: 'LEDGER-SPEC', businessKey: 'POS', title: 'Kepala Bagian', details: { n: sequence } },
    ...overrides,
  };
}

const count = async (runId: string) => Number((await ds.query('SELECT count(*)::int AS n FROM decisions WHERE run_id = $1', [runId]))[0].n);

describe('decision ledger', () => {
  it('writes a retried decision exactly once', async () => {
    const runId = randomUUID();
    await expect(repo.append(record(runId, 1))).resolves.toEqual({ inserted: true });
    await expect(repo.append(record(runId, 1))).resolves.toEqual({ inserted: false });
    expect(await count(runId)).toBe(1);
  });

  it('refuses an idempotency key reused for a different decision', async () => {
    const runId = randomUUID();
    await repo.append(record(runId, 1));
    const clash = repo.append(record(runId, 1, { decision: 'withdraw', actor: { id: 'someone-else', role: 'hr_officer' } }));
    await expect(clash).rejects.toBeInstanceOf(DomainError);
    await expect(clash).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect(await count(runId)).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the ledger, even for the owner', async () => {
    const runId = randomUUID();
    await repo.append(record(runId, 1));
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    try {
      await expect(pg.query(`UPDATE decisions SET reason = 'edited' WHERE run_id = $1`, [runId])).rejects.toThrow(/append-only/);
      await expect(pg.query(`DELETE FROM decisions WHERE run_id = $1`, [runId])).rejects.toThrow(/append-only/);
      await expect(pg.query(`TRUNCATE decisions`)).rejects.toThrow(/append-only/);
    } finally {
      await pg.end();
    }
    expect(await count(runId)).toBe(1);
  });

  it('keeps the newest step in the case read model when decisions land out of order', async () => {
    const runId = randomUUID();
    await repo.append(record(runId, 2));
    await repo.append(record(runId, 1));
    const [row] = await ds.query('SELECT status, step, last_sequence, created_at, details FROM cases WHERE run_id = $1', [runId]);
    expect(row).toMatchObject({ status: 'approved', step: 'approved', last_sequence: 2, details: { n: 2 } });
    expect(new Date(row.created_at).toISOString()).toBe(record(runId, 1).decidedAt);
  });

  it('reads a case across the runs it continued through (and not an earlier case under the same id) in one statement', async () => {
    const workflowId = `vacancy:LEDGER-RUNS:${randomUUID().slice(0, 8).toUpperCase()}`;
    const childId = `${workflowId}:child`;
    const [earlier, a, b, c, childRun]: string[] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    let second = 0;
    const row = (runId: string, sequence: number, o: Partial<DecisionRecord> = {}) =>
      record(runId, sequence, {
        workflowId,
        rootWorkflowId: workflowId,
        idempotencyKey: `${o.workflowId ?? workflowId}:${runId}:${sequence}`,
        decidedAt: new Date(Date.UTC(2026, 10, 22, 1, 0, ++second)).toISOString(),
        ...o,
      });
    const link = (runId: string, decision: string, from: string) =>
      row(runId, 1, { decision, payload: { from: { runId: from } }, actor: { id: 'system', role: 'system' } });
    // A case closed earlier under the same id, with a child of its own.
    await repo.append(row(earlier, 1));
    await repo.append(row(randomUUID(), 1, { workflowId: childId, parentWorkflowId: workflowId, decision: 'child_of_earlier' }));
    await repo.append(row(earlier, 2));
    // This case: run a, continued as new into b, migrated into c; a child row during b.
    await repo.append(row(a, 1));
    await repo.append(row(a, 2, { decision: 'a2' }));
    await repo.append(link(b, 'run_continued', a));
    await repo.append(row(childRun, 1, { workflowId: childId, parentWorkflowId: workflowId, decision: 'child_of_b' }));
    await repo.append(link(c, 'sop_migrated', b));
    await repo.append(row(c, 2, { decision: 'c2' }));

    // Every statement TypeORM sends goes through PostgresQueryRunner.query.
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const rows = await repo.decisionsOfCase(workflowId, c);
      expect(rows.map((r) => `${r.decision}@${[earlier, a, b, c, childRun].indexOf(r.runId)}`)).toEqual([
        'propose@1',
        'a2@1',
        'run_continued@2',
        'child_of_b@4',
        'sop_migrated@3',
        'c2@3',
      ]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    // Read as of the middle run: its own rows and the run before it, not the run after.
    expect((await repo.decisionsOfCase(workflowId, b)).filter((r) => r.workflowId === workflowId).map((r) => r.decision)).toEqual([
      'propose',
      'a2',
      'run_continued',
    ]);
    // A first row naming a run that names it back ends the walk instead of looping: x, then y, then
    // stop (x is already walked), so the case reads from y, the oldest run walked (y was written later).
    const [x, y] = [randomUUID(), randomUUID()];
    const loopId = `vacancy:LEDGER-LOOP:${randomUUID().slice(0, 8).toUpperCase()}`;
    const loop = (runId: string, from: string) =>
      row(runId, 1, {
        workflowId: loopId,
        rootWorkflowId: loopId,
        idempotencyKey: `${loopId}:${runId}:1`,
        decision: 'run_continued',
        payload: { from: { runId: from } },
      });
    await repo.append(loop(x, y));
    await repo.append(loop(y, x));
    expect((await repo.decisionsOfCase(loopId, x)).map((r) => r.runId)).toEqual([y]);
  });

  it('lists cases by agency and status, newest first', async () => {
    const agencyCode = `LIST-${randomUUID().slice(0, 6).toUpperCase()}`;
    const a = randomUUID();
    const b = randomUUID();
    await repo.append(record(a, 1, { case: { agencyCode, businessKey: 'A', title: 'A', details: {} } }));
    await repo.append(
      record(b, 1, { case: { agencyCode, businessKey: 'B', title: 'B', details: {} }, decidedAt: '2026-11-23T00:00:00.000Z' }),
    );
    await repo.append(
      record(b, 2, { case: { agencyCode, businessKey: 'B', title: 'B', details: {} }, decidedAt: '2026-11-23T00:00:01.000Z' }),
    );
    const all = await repo.listCases({ caseType: 'vacancy', agencyCode, limit: 10, offset: 0 });
    expect(all.items.map((c) => c.businessKey)).toEqual(['B', 'A']);
    const approved = await repo.listCases({ caseType: 'vacancy', agencyCode, status: 'approved', limit: 10, offset: 0 });
    expect(approved).toMatchObject({ total: 1, items: [{ businessKey: 'B' }] });
  });
});

describe('the case read model', () => {
  // Issue 19 (c): every append updates its run's `cases` row, and that update must be HOT (no index
  // entry written) whenever the decision keeps the case's status and step. An index holding a column
  // that every append changes rules HOT out for every decision.
  it('has no index on a column that every decision changes', async () => {
    const defs: { indexname: string; indexdef: string }[] = await ds.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'cases'`,
    );
    expect(defs.map((d) => d.indexname)).toEqual(expect.arrayContaining(['cases_pkey', 'cases_tree_idx', 'cases_root_created_idx']));
    expect(defs.filter((d) => /\b(updated_at|last_sequence|details)\b/.test(d.indexdef)).map((d) => d.indexname)).toEqual([]);
    const [{ reloptions }] = await ds.query(`SELECT reloptions FROM pg_class WHERE oid = 'cases'::regclass`);
    expect(reloptions).toEqual(expect.arrayContaining(['fillfactor=70']));
  });

  it('updates the row in place when a decision keeps its status and step', async () => {
    // One connection, so the statistics this test reads include its own appends once flushed.
    const one = new DataSource(dataSourceOptions(databaseUrl, 'ledger-int-spec-hot', 1));
    await one.initialize();
    try {
      const oneRepo = new LedgerRepository(one);
      const hotUpdates = async () => {
        await one.query('SELECT pg_stat_force_next_flush()');
        await one.query('SELECT pg_stat_clear_snapshot()');
        const [{ n }] = await one.query(`SELECT n_tup_hot_upd::int AS n FROM pg_stat_user_tables WHERE relid = 'cases'::regclass`);
        return n as number;
      };
      const runId = randomUUID();
      await oneRepo.append(record(runId, 1));
      await oneRepo.append(record(runId, 2)); // changes the step and status: not HOT
      const before = await hotUpdates();
      for (const seq of [3, 4, 5]) await oneRepo.append(record(runId, seq)); // same step and status
      expect(await hotUpdates()).toBeGreaterThan(before);
      const [row] = await one.query(`SELECT last_sequence, details FROM cases WHERE run_id = $1`, [runId]);
      expect(row).toEqual({ last_sequence: 5, details: { n: 5 } });
    } finally {
      await one.destroy();
    }
  });
});

describe('migrations', () => {
  it('apply, revert and re-apply cleanly on an empty database', async () => {
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    const name = `meritflow_migrations_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const tables = async () => {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      const r = await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
      await c.end();
      return r.rows.map((x) => x.tablename);
    };
    try {
      const all = await runMigrations(url.toString());
      expect(all[0]).toBe('InitialLedger1763800000000');
      expect(all).toContain('CaseTree1764000000000');
      expect(await tables()).toEqual(expect.arrayContaining(['cases', 'decisions', 'holidays', 'schema_migrations']));
      expect(await runMigrations(url.toString())).toEqual([]);
      for (let i = 0; i < all.length; i++) await revertLastMigration(url.toString());
      expect(await tables()).toEqual(['schema_migrations']);
      expect(await runMigrations(url.toString())).toEqual(all);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
