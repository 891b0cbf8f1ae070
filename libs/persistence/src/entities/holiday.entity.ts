import { Column, Entity, PrimaryColumn } from 'typeorm';

/** National holidays and collective leave days (cuti bersama) that working-day deadlines skip. */
@Entity({ name: 'holidays' })
export class HolidayEntity {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ name: 'name_id', type: 'text' })
  nameId!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;
}
