import type { DataSource } from 'typeorm';
import type { Actor } from '@meritflow/domain';
import { HolidayChangeEntity } from './entities/holiday-change.entity';
import { HolidayEntity } from './entities/holiday.entity';

/** One recorded change to the calendar, as plain data. */
export type HolidayChange = Pick<
  HolidayChangeEntity,
  'id' | 'date' | 'action' | 'before' | 'after' | 'reason' | 'actorId' | 'actorRole' | 'actorName' | 'changedAt'
>;

/** The holiday calendar working-day deadlines count on; each change is recorded with who and why. */
export class HolidayRepository {
  constructor(private readonly ds: DataSource) {}

  list(year: number): Promise<HolidayEntity[]> {
    return this.ds
      .getRepository(HolidayEntity)
      .createQueryBuilder('h')
      .where(`h.date >= :from AND h.date < :to`, { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('h.date', 'ASC')
      .getMany();
  }

  /** Sets or removes one date and records the change in the same transaction. Returns null when nothing changed. */
  async change(
    date: string,
    next: { nameId: string; nameEn: string | null } | null,
    reason: string,
    actor: Actor,
  ): Promise<HolidayChange | null> {
    return this.ds.transaction(async (em) => {
      // Lock the date so two officers editing it at once are recorded in order.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('holiday:' || $1, 0))`, [date]);
      const current = await em.findOneBy(HolidayEntity, { date });
      const before = current ? { nameId: current.nameId, nameEn: current.nameEn } : null;
      if (JSON.stringify(before) === JSON.stringify(next)) return null;
      if (next) await em.upsert(HolidayEntity, { date, nameId: next.nameId, nameEn: next.nameEn }, ['date']);
      else await em.delete(HolidayEntity, { date });
      const change = em.create(HolidayChangeEntity, {
        date,
        action: next ? 'set' : 'remove',
        before,
        after: next,
        reason,
        actorId: actor.id,
        actorRole: actor.role,
        actorName: actor.name ?? null,
      });
      // A new row, so save inserts it, and fills in the generated id and changed_at.
      return toChange(await em.save(HolidayChangeEntity, change));
    });
  }

  async changes(year: number): Promise<HolidayChange[]> {
    const rows = await this.ds
      .getRepository(HolidayChangeEntity)
      .createQueryBuilder('c')
      .where('c.date >= :from AND c.date < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('c.id', 'ASC')
      .getMany();
    return rows.map(toChange);
  }
}

const toChange = (r: HolidayChangeEntity): HolidayChange => ({
  id: r.id,
  date: r.date,
  action: r.action,
  before: r.before,
  after: r.after,
  reason: r.reason,
  actorId: r.actorId,
  actorRole: r.actorRole,
  actorName: r.actorName,
  changedAt: r.changedAt,
});
