import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A decree (SK) drafted from a case's appointing decision: the PDF is stored as evidence (its bytes
 * and SHA-256 there), this row says which case, decision and template version it came from and keeps
 * the content it was rendered from, so the PDF can be rendered again and its hash compared. Append-only.
 */
@Entity({ name: 'decrees' })
@Index('decrees_case_idx', ['caseId', 'subjectKey', 'createdAt'])
export class DecreeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  /** Which decision of the case the decree executes when a case has several (a selection's post code); '' otherwise. */
  @Column({ name: 'subject_key', type: 'text' })
  subjectKey!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'template_id', type: 'text' })
  templateId!: string;

  @Column({ name: 'template_version', type: 'text' })
  templateVersion!: string;

  @Column({ name: 'decree_number', type: 'text' })
  decreeNumber!: string;

  @Column({ name: 'decree_date', type: 'date' })
  decreeDate!: string;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate!: string;

  /** The ledger row of the appointing decision (`<workflowId>#<sequence>`). */
  @Column({ name: 'appointing_decision', type: 'text' })
  appointingDecision!: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ name: 'created_by_id', type: 'text' })
  createdById!: string;

  @Column({ name: 'created_by_role', type: 'text' })
  createdByRole!: string;

  @Column({ name: 'created_by_name', type: 'text', nullable: true })
  createdByName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
