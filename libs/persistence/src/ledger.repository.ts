import type { Pool } from 'pg';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { DomainError, MIGRATED_STATUS, MIGRATION_DECISIONS, RUN_LINK_DECISIONS, type DecisionRecord } from '@meritflow/domain';
import { CaseEntity } from './entities/case.entity';
import { DecisionEntity } from './entities/decision.entity';
import { HolidayEntity } from './entities/holiday.entity';

export interface CaseFilter {
  caseType?: string;
  agencyCode?: string;
  status?: string;
  step?: string;
  /** Cases created in [createdFrom, createdTo). */
  createdFrom?: Date;
  createdTo?: Date;
  /** Case id, title or business key (position, selection code, NIP) containing this text, any case. */
  search?: string;
  sort?: { field: CaseSortField; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

/** The columns a case list may sort by, by their API name; the list's tie-breaker is the run id. */
const CASE_SORT_COLUMNS = {
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  caseId: 'c.workflow_id',
  title: 'c.title',
  caseType: 'c.case_type',
  agencyCode: 'c.agency_code',
  step: 'c.step',
  status: 'c.status',
} as const;
export type CaseSortField = keyof typeof CASE_SORT_COLUMNS;
export const CASE_SORT_FIELDS = Object.keys(CASE_SORT_COLUMNS) as CaseSortField[];

/** `text` as a literal LIKE pattern: its own %, _ and \\ match themselves. */
const likeLiteral = (text: string): string => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** A keep-or-migrate request waiting for its second administrator, with the cases it names. */
export interface PendingMigrationBatch {
  batchId: string;
  sopId: string;
  outcome: string;
  toVersion: string;
  reason: string | null;
  requestedBy: { id: string; name: string | null };
  requestedAt: string;
  cases: {
    caseId: string;
    runId: string;
    caseType: string;
    agencyCode: string;
    title: string;
    fromVersion: string;
    step: string;
  }[];
}

interface PendingMigrationRow {
  batch_id: string;
  workflow_id: string;
  run_id: string;
  outcome: string;
  to_version: string;
  from_version: string;
  from_step: string;
  reason: string | null;
  actor_id: string;
  actor_name: string | null;
  decided_at: Date;
  sop_id: string;
  case_type: string;
  title: string;
  agency_code: string;
  batch_requested_at: Date;
}

/** Writes and reads the decision ledger and its case read model. */
export class LedgerRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Appends one decision and updates the case read model atomically. A second call with the same
   * idempotency key writes nothing; if that key was used for a different decision it refuses.
   *
   * One statement, so one round trip and one implicit transaction: the decision's INSERT (its chain
   * trigger included) and the `cases` upsert, which runs only when the decision was new. Measured by
   * `npm run bench` (c): the transaction with two statements through TypeORM appended 0.38x as many rows
   * as a plain INSERT; this form does away with BEGIN, COMMIT and a round trip.
   */
  async append(record: DecisionRecord): Promise<{ inserted: boolean }> {
    const r = record;
    // The upsert touches exactly one `cases` row when the decision was new and none otherwise, so the
    // statement's row count says whether the decision was inserted.
    // Named, so each pooled connection parses and plans the statement once and then only binds and
    // executes it (pg keeps the prepared statement per connection).
    const { rowCount } = await this.pool().query({
      name: 'meritflow-ledger-append',
      text: `WITH ins AS (
         INSERT INTO decisions (idempotency_key, case_type, workflow_id, run_id, sequence, decision, step_before,
           step_after, actor_id, actor_role, actor_name, reason, payload, evidence, sop_id, sop_version,
           rule_version, decided_at, root_workflow_id, parent_workflow_id, acting_for)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id
       )
       -- Decisions of one run may be written out of order; the newest sequence wins the projection.
       INSERT INTO cases (run_id, workflow_id, case_type, agency_code, business_key, title, status, step, sop_id,
         sop_version, details, last_sequence, created_at, updated_at, root_workflow_id, parent_workflow_id)
       SELECT $4, $3, $2, $22, $23, $24, $25, $8, $15, $16, $26, $5, $18, $18, $19, $20
       WHERE EXISTS (SELECT 1 FROM ins)
       ON CONFLICT (run_id) DO UPDATE SET
         created_at = LEAST(cases.created_at, EXCLUDED.created_at),
         status = CASE WHEN EXCLUDED.last_sequence > cases.last_sequence THEN EXCLUDED.status ELSE cases.status END,
         step = CASE WHEN EXCLUDED.last_sequence > cases.last_sequence THEN EXCLUDED.step ELSE cases.step END,
         details = CASE WHEN EXCLUDED.last_sequence > cases.last_sequence THEN EXCLUDED.details ELSE cases.details END,
         updated_at = GREATEST(cases.updated_at, EXCLUDED.updated_at),
         last_sequence = GREATEST(cases.last_sequence, EXCLUDED.last_sequence)`,
      values: [
        r.idempotencyKey,
        r.caseType,
        r.workflowId,
        r.runId,
        r.sequence,
        r.decision,
        r.stepBefore,
        r.stepAfter,
        r.actor.id,
        r.actor.role,
        r.actor.name ?? null,
        r.reason,
        JSON.stringify(r.payload),
        JSON.stringify(r.evidence),
        r.sop.id,
        r.sop.version,
        r.ruleVersion,
        r.decidedAt,
        r.rootWorkflowId,
        r.parentWorkflowId,
        r.actor.actingFor ? JSON.stringify(r.actor.actingFor) : null,
        r.case.agencyCode,
        r.case.businessKey,
        r.case.title,
        r.statusAfter,
        JSON.stringify(r.case.details),
      ],
    });
    if (rowCount === 0) {
      await this.assertSameDecision(record);
      return { inserted: false };
    }
    return { inserted: true };
  }

  /**
   * The pg pool under the DataSource. The append, the hottest write, goes to it directly: TypeORM's
   * per-query QueryRunner cost a third of the append rate in `npm run bench` (c) for a statement it
   * only passes through.
   */
  private pool(): Pick<Pool, 'query'> {
    return (this.ds.driver as unknown as { master: Pool }).master;
  }

  private async assertSameDecision(record: DecisionRecord): Promise<void> {
    const existing = await this.ds.getRepository(DecisionEntity).findOneByOrFail({ idempotencyKey: record.idempotencyKey });
    const same =
      existing.runId === record.runId &&
      existing.sequence === record.sequence &&
      existing.decision === record.decision &&
      existing.actorId === record.actor.id &&
      existing.actorRole === record.actor.role;
    if (!same) throw new DomainError('IDEMPOTENCY_CONFLICT', { key: record.idempotencyKey });
  }

  /**
   * Open cases that are filling a vacancy: a running open selection listing it among its posts, or a
   * running talent-pool promotion into it. Read from each case's opening decision.
   */
  async casesFillingVacancy(vacancyId: string): Promise<string[]> {
    const rows: { workflow_id: string }[] = await this.ds.query(
      `SELECT DISTINCT d.workflow_id
         FROM decisions d
         JOIN cases c ON c.run_id = d.run_id
        WHERE d.sequence = 1
          AND ((d.case_type = 'open-selection' AND d.payload->'posts' @> jsonb_build_array(jsonb_build_object('vacancyId', $1::text))
                AND c.step NOT IN ('closed', 'cancelled'))
            OR (d.case_type = 'move' AND d.payload->'talent'->>'vacancyId' = $1
                AND c.step NOT IN ('completed', 'rejected', 'withdrawn')))`,
      [vacancyId],
    );
    return rows.map((r) => r.workflow_id);
  }

  /**
   * Of these vacancies, the ones a running case fills (casesFillingVacancy for many at once): one
   * statement, so the inbox drops every vacancy's follow-up task in a single read.
   */
  async vacanciesBeingFilled(vacancyIds: readonly string[]): Promise<Set<string>> {
    if (vacancyIds.length === 0) return new Set();
    const rows: { vacancy_id: string }[] = await this.ds.query(
      `SELECT DISTINCT v.vacancy_id
         FROM decisions d
         JOIN cases c ON c.run_id = d.run_id
        CROSS JOIN LATERAL (
              SELECT p->>'vacancyId' AS vacancy_id
                FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d.payload->'posts') = 'array' THEN d.payload->'posts' ELSE '[]'::jsonb END) p
               WHERE d.case_type = 'open-selection' AND c.step NOT IN ('closed', 'cancelled')
              UNION ALL
              SELECT d.payload->'talent'->>'vacancyId'
               WHERE d.case_type = 'move' AND c.step NOT IN ('completed', 'rejected', 'withdrawn')) v
        WHERE d.sequence = 1
          AND d.case_type IN ('open-selection', 'move')
          AND v.vacancy_id = ANY($1::text[])`,
      [[...vacancyIds]],
    );
    return new Set(rows.map((r) => r.vacancy_id));
  }

  /**
   * Every decision of a case and of the child workflows it ran, in the order they were taken. The
   * archive's rows in the chain (sequence 0) are not decisions and are left out; chainOfCase has them.
   */
  async decisionsOfCase(rootWorkflowId: string, rootRunId: string): Promise<DecisionEntity[]> {
    // A case an SOP migration (or a continuation of a long history) continued as new is one case
    // across its runs: case_runs walks back from rootRunId, oldest deepest. Each such run names the run
    // before in its first row, read as continuedFromRun (libs/domain) reads it; a run seen twice ends
    // the walk, as do 50 steps.
    return (
      this.ds
        .getRepository(DecisionEntity)
        .createQueryBuilder('d')
        .addCommonTableExpression(
          `SELECT CAST(:rootRunId AS text), 0, ARRAY[CAST(:rootRunId AS text)]
           UNION ALL
           SELECT f.payload->'from'->>'runId', r.depth + 1, r.path || (f.payload->'from'->>'runId')
             FROM case_runs r
             JOIN decisions f ON f.workflow_id = :rootWorkflowId AND f.run_id = r.run_id AND f.sequence = 1
                             AND f.decision IN (:...runLinks)
            WHERE r.depth < 50 AND f.payload->'from'->>'runId' IS NOT NULL
              AND NOT (f.payload->'from'->>'runId' = ANY(r.path))`,
          'case_runs',
          { recursive: true, columnNames: ['run_id', 'depth', 'path'] },
        )
        .setParameters({ rootRunId, runLinks: [...RUN_LINK_DECISIONS] })
        .where('d.root_workflow_id = :rootWorkflowId', { rootWorkflowId })
        .andWhere('d.sequence > 0')
        // Children of an earlier run of the same case id are not part of this run's history.
        .andWhere('(d.workflow_id <> :rootWorkflowId OR d.run_id IN (SELECT run_id FROM case_runs))')
        .andWhere(
          `d.decided_at >= (SELECT min(decided_at) FROM decisions
                             WHERE run_id = (SELECT run_id FROM case_runs ORDER BY depth DESC LIMIT 1))`,
        )
        // Within one workflow the sequence is the order decisions were taken, whatever order their rows landed in.
        .orderBy('d.decided_at', 'ASC')
        .addOrderBy('d.workflow_id', 'ASC')
        .addOrderBy('d.sequence', 'ASC')
        .getMany()
    );
  }

  /**
   * Every row of a case's hash chain (all its runs, its children and its archive rows) in chain order,
   * each with the canonical text its hash covers, so a copy can be verified without the database.
   */
  async chainOfCase(rootWorkflowId: string): Promise<(DecisionEntity & { canonical: string })[]> {
    const { entities, raw } = await this.ds
      .getRepository(DecisionEntity)
      .createQueryBuilder('d')
      .addSelect('decision_canonical(d)', 'canonical')
      .where('d.root_workflow_id = :rootWorkflowId', { rootWorkflowId })
      .orderBy('d.chain_seq', 'ASC')
      .getRawAndEntities<{ canonical: string }>();
    return entities.map((e, i) => Object.assign(e, { canonical: raw[i].canonical }));
  }

  decisionsOf(workflowId: string, runId: string): Promise<DecisionEntity[]> {
    return this.ds.getRepository(DecisionEntity).find({ where: { workflowId, runId, sequence: MoreThan(0) }, order: { sequence: 'ASC' } });
  }

  async listCases(filter: CaseFilter): Promise<{ items: CaseEntity[]; total: number }> {
    // Child workflows (assessments, reviews, appointments) are part of their root case, not cases of their own.
    const qb = this.ds
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.workflow_id = c.root_workflow_id')
      // A run an SOP migration closed is listed through its successor, the case's current run.
      .andWhere('c.status <> :migrated', { migrated: MIGRATED_STATUS });
    if (filter.caseType) qb.andWhere('c.case_type = :caseType', { caseType: filter.caseType });
    if (filter.step) qb.andWhere('c.step = :step', { step: filter.step });
    if (filter.createdFrom) qb.andWhere('c.created_at >= :from', { from: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('c.created_at < :to', { to: filter.createdTo });
    if (filter.agencyCode) qb.andWhere('c.agency_code = :agencyCode', { agencyCode: filter.agencyCode });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.search)
      qb.andWhere('(c.workflow_id ILIKE :search OR c.title ILIKE :search OR c.business_key ILIKE :search)', {
        search: likeLiteral(filter.search),
      });
    const sort = filter.sort ?? { field: 'createdAt', direction: 'desc' };
    const [items, total] = await qb
      .orderBy(CASE_SORT_COLUMNS[sort.field], sort.direction === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('c.run_id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * Root cases still running at one of the given (SOP version, step) pairs: the impact list of a new
   * SOP version. A run a migration closed (status "migrated") is left out; its successor stands for it.
   */
  async runningCasesAt(filter: {
    caseTypes: readonly string[];
    sopId: string;
    at: readonly { version: string; step: string }[];
    agencyCode?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: CaseEntity[]; total: number }> {
    if (filter.at.length === 0) return { items: [], total: 0 };
    const qb = this.ds
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.workflow_id = c.root_workflow_id')
      .andWhere('c.case_type IN (:...caseTypes)', { caseTypes: filter.caseTypes })
      .andWhere('c.sop_id = :sopId', { sopId: filter.sopId })
      .andWhere('c.status <> :migrated', { migrated: MIGRATED_STATUS })
      .andWhere('(c.sop_version, c.step) IN (SELECT * FROM unnest(CAST(:versions AS text[]), CAST(:steps AS text[])))', {
        versions: filter.at.map((a) => a.version),
        steps: filter.at.map((a) => a.step),
      });
    if (filter.agencyCode) qb.andWhere('c.agency_code = :agencyCode', { agencyCode: filter.agencyCode });
    const [items, total] = await qb
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.run_id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * Keep-or-migrate batches still waiting for their second administrator: request rows no approval or
   * rejection of the same batch followed in the same run, grouped by batch, oldest first. With
   * `agencyCode`, only batches whose every case belongs to that agency (a batch that spans agencies is
   * not one agency's to see or decide).
   */
  async pendingMigrationBatches(filter: {
    agencyCode?: string;
    sopId?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: PendingMigrationBatch[]; total: number }> {
    const pending = `
      WITH pending AS (
        SELECT d.payload->>'batchId' AS batch_id, d.workflow_id, d.run_id, d.payload->>'outcome' AS outcome,
               d.payload #>> '{to,version}' AS to_version, d.payload #>> '{from,version}' AS from_version,
               d.payload #>> '{from,step}' AS from_step, d.reason, d.actor_id, d.actor_name, d.decided_at, d.sop_id,
               c.case_type, c.title, c.agency_code
          FROM decisions d
          JOIN cases c ON c.run_id = d.run_id
         WHERE d.decision = $1 AND d.payload->>'batchId' IS NOT NULL
           AND NOT EXISTS (
             SELECT 1 FROM decisions x
              WHERE x.workflow_id = d.workflow_id AND x.run_id = d.run_id AND x.decision = ANY($2)
                AND x.payload->>'batchId' = d.payload->>'batchId')
      ), batches AS (
        SELECT batch_id, min(decided_at) AS requested_at
          FROM pending
         GROUP BY batch_id
        HAVING ($3::text IS NULL OR bool_and(agency_code = $3)) AND ($4::text IS NULL OR bool_and(sop_id = $4))
      )`;
    const params = [
      MIGRATION_DECISIONS.requested,
      [MIGRATION_DECISIONS.approved, MIGRATION_DECISIONS.rejected],
      filter.agencyCode ?? null,
      filter.sopId ?? null,
    ];
    const [{ total }]: { total: string }[] = await this.ds.query(`${pending} SELECT count(*) AS total FROM batches`, params);
    const rows: PendingMigrationRow[] = await this.ds.query(
      `${pending}, page AS (SELECT * FROM batches ORDER BY requested_at ASC, batch_id ASC LIMIT $5 OFFSET $6)
       SELECT p.*, page.requested_at AS batch_requested_at
         FROM page JOIN pending p USING (batch_id)
        ORDER BY page.requested_at ASC, p.batch_id ASC, p.workflow_id ASC`,
      [...params, filter.limit, filter.offset],
    );
    const items = new Map<string, PendingMigrationBatch>();
    for (const r of rows) {
      const batch = items.get(r.batch_id) ?? {
        batchId: r.batch_id,
        sopId: r.sop_id,
        outcome: r.outcome,
        toVersion: r.to_version,
        reason: r.reason,
        requestedBy: { id: r.actor_id, name: r.actor_name },
        requestedAt: new Date(r.batch_requested_at).toISOString(),
        cases: [],
      };
      batch.cases.push({
        caseId: r.workflow_id,
        runId: r.run_id,
        caseType: r.case_type,
        agencyCode: r.agency_code,
        title: r.title,
        fromVersion: r.from_version,
        step: r.from_step,
      });
      items.set(r.batch_id, batch);
    }
    return { items: [...items.values()], total: Number(total) };
  }

  /** The cases a keep-or-migrate request of one batch named, from their request rows. */
  async casesOfMigrationBatch(batchId: string): Promise<string[]> {
    const rows: { workflow_id: string }[] = await this.ds.query(
      `SELECT DISTINCT workflow_id FROM decisions WHERE decision = $1 AND payload->>'batchId' = $2 ORDER BY workflow_id`,
      [MIGRATION_DECISIONS.requested, batchId],
    );
    return rows.map((r) => r.workflow_id);
  }

  async holidays(): Promise<Set<string>> {
    const rows = await this.ds.getRepository(HolidayEntity).find();
    return new Set(rows.map((r) => r.date));
  }
}
