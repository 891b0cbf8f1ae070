import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceRef, MeritCategory, MeritScheme, RegionKind } from '@meritflow/domain';

// The reference data the mobility rules read (migration 1764400000000). Dates are 'YYYY-MM-DD';
// `updated_at` and the defaults are the database's to set.

@Entity({ name: 'regions' })
export class RegionEntity {
  @PrimaryColumn({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: RegionKind;

  /** The province a regency or city belongs to; null for a province. */
  @Column({ name: 'province_code', type: 'text', nullable: true })
  provinceCode!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false, select: false })
  updatedAt!: Date;
}

@Entity({ name: 'election_windows' })
export class ElectionWindowEntity {
  @PrimaryColumn({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ name: 'candidate_pair_determination', type: 'date', nullable: true })
  candidatePairDetermination!: string | null;

  @Column({ name: 'term_end', type: 'date', nullable: true })
  termEnd!: string | null;

  @Column({ name: 'head_inaugurated_on', type: 'date', nullable: true })
  headInauguratedOn!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false, select: false })
  updatedAt!: Date;
}

/** A Minister of Home Affairs' written approval. Append-only (see migrations). */
@Entity({ name: 'minister_approvals' })
export class MinisterApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ name: 'document_ref', type: 'text' })
  documentRef!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'approved_on', type: 'date' })
  approvedOn!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ type: 'jsonb' })
  evidence!: EvidenceRef[];

  @Column({ name: 'recorded_by_id', type: 'text' })
  recordedById!: string;

  @Column({ name: 'recorded_by_role', type: 'text' })
  recordedByRole!: string;

  @Column({ name: 'recorded_by_name', type: 'text', nullable: true })
  recordedByName!: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

@Entity({ name: 'agency_merit' })
export class AgencyMeritEntity {
  @PrimaryColumn({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text' })
  scheme!: MeritScheme;

  /** numeric: pg returns it as text so no precision is lost on the way. */
  @Column({ type: 'numeric' })
  score!: string;

  @Column({ type: 'text' })
  category!: MeritCategory;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false, select: false })
  updatedAt!: Date;
}

/** The tables whose changes reference_data_changes records. */
export const REFERENCE_TABLES = ['regions', 'election_windows', 'minister_approvals', 'agency_merit'] as const;
export type ReferenceTable = (typeof REFERENCE_TABLES)[number];
/** An agency's own reference data beside its register (migration 1764860000000); its changes name the agency. */
export const REGISTER_REFERENCE_TABLES = ['register_units', 'register_posts'] as const;
export type RegisterReferenceTable = (typeof REGISTER_REFERENCE_TABLES)[number];

/** One recorded change to the reference data: who, role, before, after, why. Append-only. */
@Entity({ name: 'reference_data_changes' })
export class ReferenceDataChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'table_name', type: 'text' })
  tableName!: ReferenceTable | RegisterReferenceTable;

  /** The agency whose units or posts changed; null for the national mobility reference data. */
  @Column({ name: 'agency_code', type: 'text', nullable: true })
  agencyCode!: string | null;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName!: string | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
