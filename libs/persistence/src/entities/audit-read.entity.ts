import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One request an auditor made. Append-only: the database refuses UPDATE and DELETE (see migrations). */
@Entity({ name: 'audit_reads' })
export class AuditReadEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName!: string | null;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'jsonb' })
  query!: Record<string, unknown>;

  @Column({ name: 'status_code', type: 'int' })
  statusCode!: number;

  @Column({ type: 'boolean' })
  completed!: boolean;

  @Column({ name: 'case_id', type: 'text', nullable: true })
  caseId!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
