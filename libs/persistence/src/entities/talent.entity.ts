import { Column, Entity, PrimaryColumn } from 'typeorm';

// Talent reviews (migration 1764910000000): both tables are append-only and written by TalentRepository.

@Entity({ name: 'talent_review_placements' })
export class TalentReviewPlacementEntity {
  @PrimaryColumn({ name: 'review_id', type: 'text' })
  reviewId!: string;

  @PrimaryColumn({ type: 'text' })
  nip!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ type: 'boolean' })
  placed!: boolean;

  @Column({ type: 'text', nullable: true })
  performance!: string | null;

  @Column({ type: 'text', nullable: true })
  potential!: string | null;

  @Column({ type: 'smallint', nullable: true })
  box!: number | null;

  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;

  @Column({ name: 'settings_version', type: 'text' })
  settingsVersion!: string;

  @Column({ name: 'register_version', type: 'bigint', nullable: true })
  registerVersion!: string | null;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;
}

@Entity({ name: 'talent_pools' })
export class TalentPoolEntity {
  @PrimaryColumn({ name: 'review_id', type: 'text' })
  reviewId!: string;

  @PrimaryColumn({ type: 'text' })
  nip!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  performance!: string;

  @Column({ type: 'text' })
  potential!: string;

  @Column({ type: 'smallint' })
  box!: number;

  @Column({ type: 'boolean' })
  adjusted!: boolean;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date' })
  validTo!: string;

  @Column({ name: 'approved_by', type: 'text' })
  approvedBy!: string;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt!: Date;
}
