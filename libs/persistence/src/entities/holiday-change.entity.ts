import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The facts of a holiday before or after a change. */
export interface HolidayFacts {
  nameId: string;
  nameEn: string | null;
}

/** One recorded change to the holiday calendar. Append-only (see migrations). */
@Entity({ name: 'holiday_changes' })
export class HolidayChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  action!: 'set' | 'remove';

  @Column({ type: 'jsonb', nullable: true })
  before!: HolidayFacts | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: HolidayFacts | null;

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
