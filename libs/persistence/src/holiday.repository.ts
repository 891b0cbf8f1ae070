import type { DataSource } from 'typeorm';
import type { Actor } from '../../domain/src';
import { HolidayEntity } from './entities/holiday.entity';

export interface HolidayChange {
  id: string;
  date: string;
  action: 'set' | 'remove';
  before: { nameId: string; nameEn: string | null } | null;
  after: { nameId: string; nameEn: string | null } | null;
  reason: string;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  changedAt: Date;
}

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
      const [row] = await em.query(
        `INSERT INTO holiday_changes (date, action, before, after, reason, actor_id, actor_role, actor_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, to_char(date, 'YYYY-MM-DD') AS date, action, before, after, reason, actor_id, actor_role, actor_name, changed_at`,
        [date, next ? 'set' : 'remove', before && JSON.stringify(before), next && JSON.stringify(next), reason, actor.id, actor.role, actor.name ?? null],
      );
      return toChange(row);
    });
  }

  async changes(year: number): Promise<HolidayChange[]> {
    const rows = await this.ds.query(
      `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, action, before, after, reason, actor_id, actor_role, actor_name, changed_at
         FROM holiday_changes WHERE date >= $1 AND date < $2 ORDER BY id`,
      [`${year}-01-01`, `${year + 1}-01-01`],
    );
    return rows.map(toChange);
  }
}

const toChange = (r: Record<string, unknown>): HolidayChange => ({
  id: String(r.id),
  date: r.date as string,
  action: r.action as 'set' | 'remove',
  before: r.before as HolidayChange['before'],
  after: r.after as HolidayChange['after'],
  reason: r.reason as string,
  actorId: r.actor_id as string,
  actorRole: r.actor_role as string,
  actorName: (r.actor_name as string | null) ?? null,
  changedAt: new Date(r.changed_at as string),
});
