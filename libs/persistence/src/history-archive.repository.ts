import type { Pool } from 'pg';
import type { DataSource, Repository } from 'typeorm';
import {
  ARCHIVE_DECISIONS,
  ARCHIVE_ENCODING,
  ARCHIVE_PROCEDURE,
  ARCHIVE_STEP,
  SYSTEM_ACTOR,
  archiveIdempotencyKey,
  type ArchiveEntry,
  type ArchiveKind,
  type ArchivedHistoryFacts,
} from '@meritflow/domain';
import { HistoryArchiveEntity, HistoryArchiveSweepEntity } from './entities/history-archive.entity';

/** One run's history on its way into the archive. */
export type ArchiveEntryInput = ArchiveEntry<Buffer>;

/** One archived history as read back, bytes still compressed. */
export interface ArchivedHistoryRow {
  id: string;
  kind: ArchiveKind;
  rootWorkflowId: string;
  agencyCode: string;
  workflowId: string;
  runId: string;
  parentWorkflowId: string | null;
  workflowType: string;
  status: string;
  startedAt: Date | null;
  closedAt: Date | null;
  eventCount: number;
  sizeBytes: number;
  sha256: string;
  /** gzip of the canonical JSON. */
  history: Buffer;
  pbSha256: string;
  /** gzip of the protobuf encoding, for replay. */
  historyPb: Buffer;
  archivedAt: Date;
}

export interface SweepStatus {
  namespace: string;
  watermark: Date | null;
  lastStartedAt: Date;
  lastFinishedAt: Date | null;
  lastArchived: number;
  pending: number;
  oldestPendingClosedAt: Date | null;
  lastError: string | null;
}

const toRow = (r: HistoryArchiveEntity): ArchivedHistoryRow => ({
  id: r.id,
  kind: r.kind,
  rootWorkflowId: r.rootWorkflowId,
  agencyCode: r.agencyCode,
  workflowId: r.workflowId,
  runId: r.runId,
  parentWorkflowId: r.parentWorkflowId,
  workflowType: r.workflowType,
  status: r.status,
  startedAt: r.startedAt,
  closedAt: r.closedAt,
  eventCount: r.eventCount,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256.toString('hex'),
  history: r.history,
  pbSha256: r.pbSha256.toString('hex'),
  historyPb: r.historyPb,
  archivedAt: r.archivedAt,
});

const toStatus = (r: HistoryArchiveSweepEntity): SweepStatus => ({
  namespace: r.namespace,
  watermark: r.watermark,
  lastStartedAt: r.lastStartedAt,
  lastFinishedAt: r.lastFinishedAt,
  lastArchived: r.lastArchived,
  pending: r.pending,
  oldestPendingClosedAt: r.oldestPendingClosedAt,
  lastError: r.lastError,
});

/** The history archive: append-only copies of workflow histories, each announced in the ledger's chain. */
export class HistoryArchiveRepository {
  constructor(private readonly ds: DataSource) {}

  private pool(): Pick<Pool, 'query'> {
    return (this.ds.driver as unknown as { master: Pool }).master;
  }

  /**
   * Stores one history and appends its announcing row to the case's hash chain, in one statement
   * (so one transaction): both or neither. A second call for the same run (or, for a snapshot, the
   * same run and length) writes nothing.
   */
  async archive(e: ArchiveEntryInput): Promise<{ inserted: boolean }> {
    const facts: ArchivedHistoryFacts = {
      kind: e.kind,
      workflowType: e.workflowType,
      status: e.status,
      eventCount: e.eventCount,
      sizeBytes: e.sizeBytes,
      sha256: e.sha256,
      pbSha256: e.pbSha256,
      encoding: ARCHIVE_ENCODING,
      startedAt: e.startedAt,
      closedAt: e.closedAt,
    };
    const { rowCount } = await this.pool().query(
      `WITH a AS (
         INSERT INTO history_archive (kind, root_workflow_id, agency_code, workflow_id, run_id, parent_workflow_id,
           workflow_type, status, started_at, closed_at, event_count, size_bytes, encoding, history, sha256, history_pb, pb_sha256)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,decode($15,'hex'),$26,decode($27,'hex'))
         ON CONFLICT DO NOTHING
         RETURNING id, archived_at
       )
       INSERT INTO decisions (idempotency_key, case_type, workflow_id, run_id, sequence, decision, step_before,
         step_after, actor_id, actor_role, actor_name, reason, payload, evidence, sop_id, sop_version,
         rule_version, decided_at, root_workflow_id, parent_workflow_id)
       SELECT $16, $17, $4, $5, 0, $18, NULL, $19, $20, $21, $22, NULL,
              $23::jsonb || jsonb_build_object('archiveId', a.id::text), '[]'::jsonb, $24, $25, NULL,
              a.archived_at, $2, $6
         FROM a
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        e.kind,
        e.rootWorkflowId,
        e.agencyCode,
        e.workflowId,
        e.runId,
        e.parentWorkflowId,
        e.workflowType,
        e.status,
        e.startedAt,
        e.closedAt,
        e.eventCount,
        e.sizeBytes,
        ARCHIVE_ENCODING,
        e.gzip,
        e.sha256,
        archiveIdempotencyKey(e.kind, e.workflowId, e.runId, e.eventCount),
        e.caseType,
        ARCHIVE_DECISIONS[e.kind],
        ARCHIVE_STEP,
        SYSTEM_ACTOR.id,
        SYSTEM_ACTOR.role,
        SYSTEM_ACTOR.name ?? null,
        JSON.stringify(facts),
        ARCHIVE_PROCEDURE.id,
        ARCHIVE_PROCEDURE.version,
        e.pbGzip,
        e.pbSha256,
      ],
    );
    return { inserted: (rowCount ?? 0) > 0 };
  }

  /** Which of these runs already have their closed history in the archive. */
  async closedRunsArchived(runIds: readonly string[]): Promise<Set<string>> {
    if (runIds.length === 0) return new Set();
    const { rows } = await this.pool().query<{ run_id: string }>(
      `SELECT run_id FROM history_archive WHERE kind = 'closed' AND run_id = ANY($1::text[])`,
      [runIds],
    );
    return new Set(rows.map((r) => r.run_id));
  }

  /**
   * Every run of a case the archive holds: the closed history of each closed run, and the latest
   * snapshot of each run that has no closed history yet.
   */
  async historiesOfCase(rootWorkflowId: string): Promise<ArchivedHistoryRow[]> {
    const rows = await this.archived()
      .createQueryBuilder('h')
      .addSelect('h.history')
      .addSelect('h.historyPb')
      .distinctOn(['h.run_id'])
      .where('h.root_workflow_id = :rootWorkflowId', { rootWorkflowId })
      .orderBy('h.run_id')
      .addOrderBy(`h.kind = 'closed'`, 'DESC')
      .addOrderBy('h.event_count', 'DESC')
      .getMany();
    return rows.map(toRow).sort((a, b) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0));
  }

  /** What the archive holds of a case, without the histories' bytes: for dossiers and listings. */
  async indexOfCase(rootWorkflowId: string): Promise<Omit<ArchivedHistoryRow, 'history' | 'historyPb'>[]> {
    // The entity leaves the bytes out of ordinary selects.
    const rows = await this.archived().find({ where: { rootWorkflowId }, order: { archivedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => {
      const { history: _history, historyPb: _pb, ...rest } = toRow(r);
      return rest;
    });
  }

  /** One run's closed history, bytes compressed; null when the archive does not hold it. */
  async closedHistoryOf(runId: string): Promise<ArchivedHistoryRow | null> {
    const row = await this.archived()
      .createQueryBuilder('h')
      .addSelect('h.historyPb')
      .where(`h.run_id = :runId AND h.kind = 'closed'`, { runId })
      .getOne();
    return row && toRow(row);
  }

  async sweepStatus(namespace: string): Promise<SweepStatus | null> {
    const row = await this.sweeps().findOneBy({ namespace });
    return row && toStatus(row);
  }

  async sweepStarted(namespace: string, at: Date): Promise<void> {
    // Only the start time changes on a later sweep: the upsert overwrites the columns it is given.
    await this.sweeps().upsert({ namespace, lastStartedAt: at }, ['namespace']);
  }

  async sweepFinished(
    namespace: string,
    r: { at: Date; watermark: Date | null; archived: number; pending: number; oldestPendingClosedAt: Date | null; error: string | null },
  ): Promise<void> {
    await this.sweeps().update(
      { namespace },
      {
        lastFinishedAt: r.at,
        // A sweep that learnt nothing new keeps the watermark it had.
        ...(r.watermark === null ? {} : { watermark: r.watermark }),
        lastArchived: r.archived,
        pending: r.pending,
        oldestPendingClosedAt: r.oldestPendingClosedAt,
        lastError: r.error,
      },
    );
  }

  private archived(): Repository<HistoryArchiveEntity> {
    return this.ds.getRepository(HistoryArchiveEntity);
  }

  private sweeps(): Repository<HistoryArchiveSweepEntity> {
    return this.ds.getRepository(HistoryArchiveSweepEntity);
  }
}
