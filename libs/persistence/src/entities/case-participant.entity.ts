import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseParticipantRole } from '@meritflow/domain';

/**
 * Which cases an official took part in, and how (migration 1764860000000). A read model the ledger
 * fills by trigger as it appends each decision; written by nothing else.
 */
@Entity({ name: 'case_participants' })
export class CaseParticipantEntity {
  @PrimaryColumn({ type: 'text' })
  nip!: string;

  @Index('case_participants_case_idx')
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @PrimaryColumn({ type: 'text' })
  role!: CaseParticipantRole;

  @PrimaryColumn({ name: 'decided_as', type: 'text' })
  decidedAs!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ name: 'first_decision_id', type: 'bigint' })
  firstDecisionId!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;
}
