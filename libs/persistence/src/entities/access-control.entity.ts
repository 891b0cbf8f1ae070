import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceRef } from '@meritflow/domain';

// Who may do what (migration 1764500000000). All three tables are append-only.

/** One refused attempt. */
@Entity({ name: 'security_events' })
export class SecurityEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', insert: false, update: false })
  occurredAt!: Date;

  @Column({ type: 'text' })
  code!: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ name: 'actor_agency', type: 'text', nullable: true })
  actorAgency!: string | null;

  @Column({ name: 'acting_for', type: 'text', nullable: true })
  actingFor!: string | null;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ name: 'case_id', type: 'text', nullable: true })
  caseId!: string | null;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;
}

/** A PPK's or committee chair's Plt/Plh delegation; a revocation is a second row, never an edit. */
@Entity({ name: 'delegations' })
export class DelegationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ name: 'delegator_id', type: 'text' })
  delegatorId!: string;

  @Column({ name: 'delegator_name', type: 'text', nullable: true })
  delegatorName!: string | null;

  @Column({ type: 'text' })
  role!: 'ppk' | 'committee_chair';

  @Column({ name: 'delegate_id', type: 'text' })
  delegateId!: string;

  @Column({ name: 'delegate_name', type: 'text' })
  delegateName!: string;

  @Column({ type: 'text' })
  kind!: 'plt' | 'plh';

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil!: Date;

  @Column({ name: 'legal_basis', type: 'jsonb' })
  legalBasis!: EvidenceRef[];

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
}

@Entity({ name: 'delegation_revocations' })
export class DelegationRevocationEntity {
  @PrimaryColumn({ name: 'delegation_id', type: 'uuid' })
  delegationId!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', insert: false, update: false })
  revokedAt!: Date;

  @Column({ name: 'revoked_by', type: 'text' })
  revokedBy!: string;

  @Column({ name: 'revoked_by_role', type: 'text' })
  revokedByRole!: string;

  @Column({ type: 'text' })
  reason!: string;
}
