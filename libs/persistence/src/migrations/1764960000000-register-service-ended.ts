import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen here: the event types as of this migration, with and without the new one.
const BEFORE = [
  'person_registered',
  'identity_changed',
  'rank_changed',
  'position_assigned',
  'position_ended',
  'education_recorded',
  'performance_rated',
  'sanction_recorded',
  'competency_assessed',
  'credential_recorded',
  'talent_placed',
  'events_retracted',
];
const AFTER = [...BEFORE, 'service_ended'];
const list = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');

/**
 * The register knows when an official leaves service (task G, issue 15 item 1): `service_ended`
 * joins the event types, and the read model keeps the date so search can tell serving officials from
 * those who left (`register_people.service_ended_on`, null while serving as of `as_of`).
 */
export class RegisterServiceEnded1764960000000 implements MigrationInterface {
  name = 'RegisterServiceEnded1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_events DROP CONSTRAINT register_events_event_type_check`);
    await q.query(`ALTER TABLE register_events ADD CONSTRAINT register_events_event_type_check CHECK (event_type IN (${list(AFTER)}))`);
    await q.query(`ALTER TABLE register_people ADD COLUMN service_ended_on date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_people DROP COLUMN service_ended_on`);
    await q.query(`ALTER TABLE register_events DROP CONSTRAINT register_events_event_type_check`);
    await q.query(`ALTER TABLE register_events ADD CONSTRAINT register_events_event_type_check CHECK (event_type IN (${list(BEFORE)}))`);
  }
}
