import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ActingFor, EvidenceRef, RequiredCompetency } from '@meritflow/domain';

// The ASN register (migration 1764800000000). Events are append-only and written by
// RegisterRepository; the people table is a read model derived from them.

@Entity({ name: 'register_events' })
export class RegisterEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ type: 'text' })
  nip!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'content_sha256', type: 'bytea' })
  contentSha256!: Buffer;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName!: string | null;

  @Column({ name: 'acting_for', type: 'jsonb', nullable: true })
  actingFor!: ActingFor | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb' })
  evidence!: EvidenceRef[];

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;

  @Column({ name: 'rules_version', type: 'text' })
  rulesVersion!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

@Entity({ name: 'register_people' })
export class RegisterPersonEntity {
  @PrimaryColumn({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @PrimaryColumn({ type: 'text' })
  nip!: string;

  @Column({ name: 'employment_type', type: 'text' })
  employmentType!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'text' })
  sex!: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', nullable: true })
  golongan!: string | null;

  @Column({ name: 'post_code', type: 'text', nullable: true })
  postCode!: string | null;

  @Column({ name: 'post_type', type: 'text', nullable: true })
  postType!: string | null;

  @Column({ name: 'post_title', type: 'text', nullable: true })
  postTitle!: string | null;

  @Column({ type: 'bigint' })
  version!: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ name: 'next_effective_date', type: 'date', nullable: true })
  nextEffectiveDate!: string | null;

  /** Set once the official's service has ended as of `as_of` (migration 1764960000000). */
  @Column({ name: 'service_ended_on', type: 'date', nullable: true })
  serviceEndedOn!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'register_import_batches' })
export class RegisterImportBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_sha256', type: 'bytea' })
  fileSha256!: Buffer;

  @Column({ type: 'text' })
  format!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'rules_version', type: 'text' })
  rulesVersion!: string;

  @Column({ name: 'rows_total', type: 'int' })
  rowsTotal!: number;

  @Column({ name: 'rows_done', type: 'int' })
  rowsDone!: number;

  @Column({ name: 'persons_total', type: 'int' })
  personsTotal!: number;

  @Column({ name: 'persons_applied', type: 'int' })
  personsApplied!: number;

  @Column({ name: 'persons_unchanged', type: 'int' })
  personsUnchanged!: number;

  @Column({ name: 'persons_rejected', type: 'int' })
  personsRejected!: number;

  @Column({ name: 'events_recorded', type: 'int' })
  eventsRecorded!: number;

  @Column({ type: 'jsonb' })
  errors!: unknown[];

  /** Every row error; `errors` keeps the first ones (migration 1764870000000). */
  @Column({ name: 'errors_total', type: 'int' })
  errorsTotal!: number;

  @Column({ name: 'created_by', type: 'jsonb' })
  createdBy!: Record<string, unknown>;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Touched as each chunk commits: a running batch's heartbeat. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'register_units' })
export class RegisterUnitEntity {
  @PrimaryColumn({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'register_posts' })
export class RegisterPostEntity {
  @PrimaryColumn({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'post_type', type: 'text' })
  postType!: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode!: string;

  @Column({ name: 'competency_standard', type: 'jsonb' })
  competencyStandard!: RequiredCompetency[];

  /** A critical post: the talent review keeps a succession list for it. */
  @Column({ type: 'boolean' })
  critical!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
