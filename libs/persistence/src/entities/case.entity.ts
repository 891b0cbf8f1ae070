import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Read model of every case run, for listing and filtering. It is derived from the ledger in the same
 * transaction as each decision, so it is never ahead of the ledger.
 */
@Entity({ name: 'cases' })
@Index('cases_listing_idx', ['caseType', 'agencyCode', 'status', 'createdAt'])
export class CaseEntity {
  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId!: string;

  @Index('cases_workflow_idx')
  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'root_workflow_id', type: 'text' })
  rootWorkflowId!: string;

  @Column({ name: 'parent_workflow_id', type: 'text', nullable: true })
  parentWorkflowId!: string | null;

  @Column({ name: 'case_type', type: 'text' })
  caseType!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ name: 'business_key', type: 'text' })
  businessKey!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  step!: string;

  @Column({ name: 'sop_id', type: 'text' })
  sopId!: string;

  @Column({ name: 'sop_version', type: 'text' })
  sopVersion!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
