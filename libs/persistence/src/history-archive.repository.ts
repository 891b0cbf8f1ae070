import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import {
  ARCHIVE_DECISIONS,
  ARCHIVE_ENCODING,
  ARCHIVE_PROCEDURE,
  ARCHIVE_STEP,
  SYSTEM_ACTOR,
  archiveIdempotencyKey,
  type ArchiveKind,
  type ArchivedHistoryFacts,
} from '../../domain/src';

/** One run's history on its way into the archive. */
export interface ArchiveEntryInput {
  kind: ArchiveKind;
  caseType: string;
  agencyCode: string;
  rootWorkflowId: string;
  workflowId: string;
  runId: string;
  parentWorkflowId: string | null;
  workflowType: string;
  status: string;
  startedAt: string | null;
  closedAt: string | null;
  eventCount: number;
  sizeBytes: number;
  sha256: string;
  gzip: Buffer;
  pbSha256: string;
  pbGzip: Buffer;
}

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

const toRow = (r: Record<string, unknown>): ArchivedHistoryRow => ({
  id: String(r.id),
  kind: r.kind as ArchiveKind,
  rootWorkflowId: r.root_workflow_id as string,
  agencyCode: r.agency_code as string,
  workflowId: r.workflow_id as string,
  runId: r.run_id as string,
  parentWorkflowId: (r.parent_workflow_id as string | null) ?? null,
  workflowType: r.workflow_type as string,
  status: r.status as string,
  startedAt: (r.started_at as Date | null) ?? null,
  closedAt: (r.closed_at as Date | null) ?? null,
  eventCount: Number(r.event_count),
  sizeBytes: Number(r.size_bytes),
  sha256: Buffer.from(r.sha256 as Buffer).toString('hex'),
  history: r.history as Buffer,
  pbSha256: r.pb_sha256 ? Buffer.from(r.pb_sha256 as Buffer).toString('hex') : '',
  historyPb: r.history_pb as Buffer,
  archivedAt: r.archived_at as Date,
});

const toStatus = (r: Record<string, unknown>): SweepStatus => ({
  namespace: r.namespace as string,
  watermark: (r.watermark as Date | null) ?? null,
  lastStartedAt: r.last_started_at as Date,
  lastFinishedAt: (r.last_finished_at as Date | null) ?? null,
  lastArchived: Number(r.last_archived),
  pending: Number(r.pending),
  oldestPendingClosedAt: (r.oldest_pending_closed_at as Date | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
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
    const { rows } = await this.pool().query(`SELECT run_id FROM history_archive WHERE kind = 'closed' AND run_id = ANY($1::text[])`, [runIds]);
    return new Set(rows.map((r: { run_id: string }) => r.run_id));
  }

  /**
   * Every run of a case the archive holds: the closed history of each closed run, and the latest
   * snapshot of each run that has no closed history yet.
   */
  async historiesOfCase(rootWorkflowId: string): Promise<ArchivedHistoryRow[]> {
    const { rows } = await this.pool().query(
      `SELECT DISTINCT ON (run_id) *
         FROM history_archive
        WHERE root_workflow_id = $1
        ORDER BY run_id, (kind = 'closed') DESC, event_count DESC`,
      [rootWorkflowId],
    );
    return rows.map(toRow).sort((a, b) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0));
  }

  /** What the archive holds of a case, without the histories' bytes: for dossiers and listings. */
  async indexOfCase(rootWorkflowId: string): Promise<Omit<ArchivedHistoryRow, 'history' | 'historyPb'>[]> {
    const { rows } = await this.pool().query(
      `SELECT id, kind, root_workflow_id, agency_code, workflow_id, run_id, parent_workflow_id, workflow_type, status,
              started_at, closed_at, event_count, size_bytes, sha256, pb_sha256, archived_at
         FROM history_archive WHERE root_workflow_id = $1 ORDER BY archived_at, id`,
      [rootWorkflowId],
    );
    return rows.map((r: Record<string, unknown>) => {
      const { history: _history, historyPb: _pb, ...rest } = toRow({ ...r, history: null, history_pb: null });
      return rest;
    });
  }

  /** One run's closed history, bytes compressed; null when the archive does not hold it. */
  async closedHistoryOf(runId: string): Promise<ArchivedHistoryRow | null> {
    const { rows } = await this.pool().query(`SELECT * FROM history_archive WHERE run_id = $1 AND kind = 'closed'`, [runId]);
    return rows.length ? toRow(rows[0]) : null;
  }

  async sweepStatus(namespace: string): Promise<SweepStatus | null> {
    const { rows } = await this.pool().query(`SELECT * FROM history_archive_sweeps WHERE namespace = $1`, [namespace]);
    return rows.length ? toStatus(rows[0]) : null;
  }

  async sweepStarted(namespace: string, at: Date): Promise<void> {
    await this.pool().query(
      `INSERT INTO history_archive_sweeps (namespace, last_started_at) VALUES ($1, $2)
       ON CONFLICT (namespace) DO UPDATE SET last_started_at = EXCLUDED.last_started_at`,
      [namespace, at],
    );
  }

  async sweepFinished(
    namespace: string,
    r: { at: Date; watermark: Date | null; archived: number; pending: number; oldestPendingClosedAt: Date | null; error: string | null },
  ): Promise<void> {
    await this.pool().query(
      `UPDATE history_archive_sweeps
          SET last_finished_at = $2, watermark = coalesce($3, watermark), last_archived = $4, pending = $5,
              oldest_pending_closed_at = $6, last_error = $7
        WHERE namespace = $1`,
      [namespace, r.at, r.watermark, r.archived, r.pending, r.oldestPendingClosedAt, r.error],
    );
  }
}
