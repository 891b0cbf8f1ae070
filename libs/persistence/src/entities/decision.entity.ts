import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionRow, DecisionRowStoredAs } from '@meritflow/domain';

/**
 * The append-only decision ledger. The database refuses UPDATE and DELETE on it, and chains each case's
 * rows by hash (see migrations); the chain fields are set by the database, never by the application.
 */
@Entity({ name: 'decisions' })
// Archive rows (sequence 0) are not decisions of the run; decisions keep a unique 1-based sequence.
@Index('decisions_run_sequence_uq', ['runId', 'sequence'], { unique: true, where: 'sequence > 0' })
@Index('decisions_chain_uq', ['rootWorkflowId', 'chainSeq'], { unique: true })
export class DecisionEntity implements Omit<DecisionRow, DecisionRowStoredAs> {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'idempotency_key', type: 'text', unique: true })
  idempotencyKey!: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'run_id', type: 'text' })
  runId!: string;

  @Column({ name: 'root_workflow_id', type: 'text' })
  rootWorkflowId!: string;

  @Column({ name: 'parent_workflow_id', type: 'text', nullable: true })
  parentWorkflowId!: string | null;

  @Column({ type: 'int' })
  sequence!: number;

  @Column({ type: 'text' })
  decision!: string;

  @Column({ name: 'step_before', type: 'text', nullable: true })
  stepBefore!: string | null;

  @Column({ name: 'step_after', type: 'text' })
  stepAfter!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName!: string | null;

  /** Whom the actor acted for under a delegation (Plt/Plh); null when acting in their own right. */
  @Column({ name: 'acting_for', type: 'jsonb', nullable: true })
  actingFor!: DecisionRow['actingFor'];

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  evidence!: unknown[];

  @Column({ name: 'sop_id', type: 'text' })
  sopId!: string;

  @Column({ name: 'sop_version', type: 'text' })
  sopVersion!: string;

  @Column({ name: 'rule_version', type: 'text', nullable: true })
  ruleVersion!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** 1-based position in the case's hash chain (one chain per root_workflow_id, in insertion order). */
  @Column({ name: 'chain_seq', type: 'int', insert: false, update: false })
  chainSeq!: number;

  /** row_hash of the case's previous row; null for its first. */
  @Column({ name: 'prev_hash', type: 'bytea', nullable: true, insert: false, update: false })
  prevHash!: Buffer | null;

  /** sha256(prev_hash || decision_canonical(row)). */
  @Column({ name: 'row_hash', type: 'bytea', insert: false, update: false })
  rowHash!: Buffer;
}
