import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every change to the holiday calendar is recorded: deadlines depend on it, so auditors must see who moved them. */
export class HolidayChanges1764300000000 implements MigrationInterface {
  name = 'HolidayChanges1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_changes (
        id bigserial PRIMARY KEY,
        date date NOT NULL,
        action text NOT NULL CHECK (action IN ('set', 'remove')),
        before jsonb,
        after jsonb,
        reason text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_name text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX holiday_changes_date_idx ON holiday_changes (date, id)`);
    await q.query(`
      CREATE FUNCTION holiday_changes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'holiday_changes is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER holiday_changes_append_only BEFORE UPDATE OR DELETE ON holiday_changes
      FOR EACH ROW EXECUTE FUNCTION holiday_changes_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE holiday_changes`);
    await q.query(`DROP FUNCTION holiday_changes_refuse_change()`);
  }
}
