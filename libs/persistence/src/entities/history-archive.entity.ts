import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ArchiveKind } from '@meritflow/domain';

/**
 * One archived workflow history, gzip of its canonical JSON. Append-only (see migrations); rows are
 * written by HistoryArchiveRepository.archive in one statement with their chain row, never through
 * this entity. The bytes are left out of ordinary selects.
 */
@Entity({ name: 'history_archive' })
export class HistoryArchiveEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  kind!: ArchiveKind;

  @Column({ name: 'root_workflow_id', type: 'text' })
  rootWorkflowId!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'run_id', type: 'text' })
  runId!: string;

  @Column({ name: 'parent_workflow_id', type: 'text', nullable: true })
  parentWorkflowId!: string | null;

  @Column({ name: 'workflow_type', type: 'text' })
  workflowType!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'event_count', type: 'int' })
  eventCount!: number;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  encoding!: string;

  @Column({ type: 'bytea', select: false })
  history!: Buffer;

  /** The 32 bytes of the SHA-256 of the canonical JSON. */
  @Column({ type: 'bytea' })
  sha256!: Buffer;

  /** gzip of Temporal's protobuf encoding, the copy replay decodes. */
  @Column({ name: 'history_pb', type: 'bytea', select: false })
  historyPb!: Buffer;

  /** The 32 bytes of the SHA-256 of the protobuf encoding. */
  @Column({ name: 'pb_sha256', type: 'bytea' })
  pbSha256!: Buffer;

  @Column({ name: 'archived_at', type: 'timestamptz', insert: false, update: false })
  archivedAt!: Date;
}

/** Where the periodic archive sweep got to, per namespace: working state, not audit data. */
@Entity({ name: 'history_archive_sweeps' })
export class HistoryArchiveSweepEntity {
  @PrimaryColumn({ type: 'text' })
  namespace!: string;

  @Column({ type: 'timestamptz', nullable: true })
  watermark!: Date | null;

  @Column({ name: 'last_started_at', type: 'timestamptz' })
  lastStartedAt!: Date;

  @Column({ name: 'last_finished_at', type: 'timestamptz', nullable: true })
  lastFinishedAt!: Date | null;

  @Column({ name: 'last_archived', type: 'int' })
  lastArchived!: number;

  @Column({ type: 'int' })
  pending!: number;

  @Column({ name: 'oldest_pending_closed_at', type: 'timestamptz', nullable: true })
  oldestPendingClosedAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
