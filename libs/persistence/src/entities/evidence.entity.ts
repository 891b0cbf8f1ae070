import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An uploaded document and the SHA-256 of its bytes. Rows are immutable (the database refuses
 * UPDATE and DELETE, see migrations); the content is left out of ordinary selects.
 */
@Entity({ name: 'evidence' })
@Unique('evidence_agency_sha256_uq', ['agencyCode', 'sha256'])
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-case hex SHA-256 of `content`. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @Column({ name: 'uploaded_by_id', type: 'text' })
  uploadedById!: string;

  @Column({ name: 'uploaded_by_role', type: 'text' })
  uploadedByRole!: string;

  @Column({ name: 'uploaded_by_name', type: 'text', nullable: true })
  uploadedByName!: string | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
