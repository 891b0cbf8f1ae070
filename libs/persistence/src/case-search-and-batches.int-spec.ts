import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MIGRATION_DECISIONS, type DecisionRecord } from '@meritflow/domain';
import { readStackState } from '../../../test/support/test-stack';
import { createDataSource } from './data-source';
import { LedgerRepository } from './ledger.repository';

const { databaseUrl } = readStackState();
let ds: DataSource;
let repo: LedgerRepository;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'case-search-int-spec');
  await ds.initialize();
  repo = new LedgerRepository(ds);
});
afterAll(() => ds.destroy());

const tag = randomUUID().slice(0, 6).toUpperCase();

function row(
  agency: string,
  key: string,
  runId: string,
  sequence: number,
  decision: string,
  payload: Record<string, unknown> = {},
): DecisionRecord {
  const workflowId = `vacancy:${agency}:${key}`;
  return {
    idempotencyKey: `${workflowId}:${runId}:${sequence}`,
    caseType: 'vacancy',
    workflowId,
    runId,
    rootWorkflowId: workflowId,
    parentWorkflowId: null,
    sequence,
    decision,
    stepBefore: sequence === 1 ? null : 'awaiting_ppk_decision',
    stepAfter: 'awaiting_ppk_decision',
    statusAfter: 'proposed',
    actor: { id: sequence === 1 ? 'hr-1' : `admin-${sequence}`, role: sequence === 1 ? 'hr_officer' : 'admin', name: 'Admin' },
    reason: sequence === 1 ? null : 'PermenPANRB 20/2025',
    payload,
    evidence: [],
    sop: { id: 'vacancy', version: '1.0.0' },
    ruleVersion: null,
    decidedAt: new Date(Date.UTC(2026, 10, 22, 1, 0, sequence)).toISOString(),
    case: { agencyCode: agency, businessKey: key, title: `Kepala Bidang ${key}`, details: {} },
  };
}

/** A running vacancy with a keep-or-migrate request of `batchId`, and optionally its second person's answer. */
async function requested(agency: string, batchId: string, answer?: 'approved' | 'rejected') {
  const runId = randomUUID();
  const key = `POS-${randomUUID().slice(0, 8).toUpperCase()}`;
  const migration = {
    outcome: 'migrate',
    from: { id: 'vacancy', version: '1.0.0', step: 'awaiting_ppk_decision' },
    to: { id: 'vacancy', version: '1.1.0' },
    batchId,
  };
  await repo.append(row(agency, key, runId, 1, 'propose'));
  await repo.append(row(agency, key, runId, 2, MIGRATION_DECISIONS.requested, migration));
  if (answer) await repo.append(row(agency, key, runId, 3, MIGRATION_DECISIONS[answer], migration));
  return `vacancy:${agency}:${key}`;
}

describe('pending SOP-migration batches', () => {
  it('lists a batch until its second person answers, with every case, and only to its own agency', async () => {
    const [a, b] = [`MIG-A-${tag}`, `MIG-B-${tag}`];
    const [mine, spans, decided, rejected] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const ids = [await requested(a, mine), await requested(a, mine)].sort();
    await requested(a, spans);
    await requested(b, spans);
    await requested(a, decided, 'approved');
    await requested(a, rejected, 'rejected');

    const ofA = await repo.pendingMigrationBatches({ agencyCode: a, limit: 50, offset: 0 });
    expect(ofA.items.map((x) => x.batchId)).toEqual([mine]);
    expect(ofA.total).toBe(1);
    expect(ofA.items[0]).toMatchObject({ sopId: 'vacancy', outcome: 'migrate', toVersion: '1.1.0', reason: 'PermenPANRB 20/2025' });
    expect(ofA.items[0].cases.map((c) => [c.caseId, c.agencyCode, c.fromVersion, c.step])).toEqual(
      ids.map((id) => [id, a, '1.0.0', 'awaiting_ppk_decision']),
    );
    // A batch that spans agencies is no single agency's; a national reader sees it, and both undecided batches.
    expect((await repo.pendingMigrationBatches({ agencyCode: b, limit: 50, offset: 0 })).items).toEqual([]);
    const national = await repo.pendingMigrationBatches({ limit: 200, offset: 0 });
    const listed = national.items.map((x) => x.batchId);
    expect(listed).toEqual(expect.arrayContaining([mine, spans]));
    expect(listed).not.toContain(decided);
    expect(listed).not.toContain(rejected);
    expect(national.items.find((x) => x.batchId === spans)!.cases).toHaveLength(2);
    // Paging is by batch: a page of one holds one whole batch.
    const page = await repo.pendingMigrationBatches({ limit: 1, offset: 0 });
    expect([page.items.length, page.total]).toEqual([1, national.total]);
    expect(await repo.pendingMigrationBatches({ agencyCode: a, sopId: 'move', limit: 50, offset: 0 })).toEqual({ items: [], total: 0 });
  });
});

describe('the case list search', () => {
  it('has trigram indexes over the case id, title and subject of root cases where pg_trgm is available', async () => {
    const [{ available }] = await ds.query(`SELECT count(*)::int AS available FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    const indexes: { indexname: string; indexdef: string }[] = await ds.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases' AND indexname LIKE '%trgm%' ORDER BY indexname`,
    );
    if (available === 0) {
      expect(indexes).toEqual([]);
      return;
    }
    // GIN over gin_trgm_ops serves ILIKE '%…%'; the predicate is the case list's own (root cases), so the planner may use them.
    expect(indexes.map((i) => [i.indexname, i.indexdef.replace(/^.* USING /, '')])).toEqual(
      ['business_key', 'title', 'workflow_id'].map((c) => [
        `cases_root_${c}_trgm_idx`,
        `gin (${c} gin_trgm_ops) WHERE (workflow_id = root_workflow_id)`,
      ]),
    );
    const found = await repo.listCases({ search: `bidang pos`, agencyCode: `MIG-A-${tag}`, limit: 10, offset: 0 });
    expect(found.total).toBeGreaterThan(0);
  });
});
