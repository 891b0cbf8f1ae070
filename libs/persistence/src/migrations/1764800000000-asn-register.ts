import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REGISTER_EVENT_TYPES } from '@meritflow/domain';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

/**
 * The ASN register (issue 14): personnel facts as append-only events, per agency and NIP.
 *
 * - `register_events` is the truth and follows the ledger's rules: no UPDATE, DELETE or TRUNCATE; a
 *   mistake is withdrawn by a later `events_retracted` event. `content_sha256` (canonical type and
 *   payload) lets an import skip facts the register already holds.
 * - `register_people` is a read model derived from the events (search, lists); it can be rebuilt.
 *   `next_effective_date` marks a row whose profile changes on a later date (a future TMT).
 * - `register_import_batches` records every import with its file's hash and per-row report.
 * - `register_units` and `register_posts` are the reference data the profiles point to; a post
 *   carries its competency standard (PermenPANRB 38/2017).
 */
export class AsnRegister1764800000000 implements MigrationInterface {
  name = 'AsnRegister1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const types = REGISTER_EVENT_TYPES.map((t) => `'${t}'`).join(', ');
    await q.query(`
      CREATE TABLE register_import_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_code text NOT NULL,
        file_name text NOT NULL,
        file_sha256 bytea NOT NULL CHECK (octet_length(file_sha256) = 32),
        format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        rules_version text NOT NULL,
        rows_total int NOT NULL DEFAULT 0,
        rows_done int NOT NULL DEFAULT 0,
        persons_total int NOT NULL DEFAULT 0,
        persons_applied int NOT NULL DEFAULT 0,
        persons_unchanged int NOT NULL DEFAULT 0,
        persons_rejected int NOT NULL DEFAULT 0,
        events_recorded int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_by jsonb NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (agency_code, file_sha256)
      )`);

    await q.query(`
      CREATE TABLE register_events (
        id bigserial PRIMARY KEY,
        agency_code text NOT NULL,
        nip text NOT NULL CHECK (nip ~ '^[0-9]{18}$'),
        event_type text NOT NULL CHECK (event_type IN (${types})),
        effective_date date NOT NULL,
        payload jsonb NOT NULL,
        content_sha256 bytea NOT NULL CHECK (octet_length(content_sha256) = 32),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_name text,
        acting_for jsonb,
        reason text NOT NULL CHECK (length(reason) > 0),
        evidence jsonb NOT NULL DEFAULT '[]',
        import_batch_id uuid REFERENCES register_import_batches (id),
        rules_version text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX register_events_person_idx ON register_events (agency_code, nip, id)`);
    await q.query(`CREATE INDEX register_events_content_idx ON register_events (agency_code, nip, content_sha256)`);
    await q.query(`CREATE INDEX register_events_batch_idx ON register_events (import_batch_id) WHERE import_batch_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION register_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'register_events is append-only: % refused; record a correcting event', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER register_events_append_only BEFORE UPDATE OR DELETE ON register_events FOR EACH ROW EXECUTE FUNCTION register_events_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER register_events_no_truncate BEFORE TRUNCATE ON register_events FOR EACH STATEMENT EXECUTE FUNCTION register_events_refuse_change()`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON register_events FROM PUBLIC`);

    await q.query(`
      CREATE TABLE register_people (
        agency_code text NOT NULL,
        nip text NOT NULL,
        employment_type text NOT NULL CHECK (employment_type IN ('pns', 'pppk')),
        name text NOT NULL,
        birth_date date NOT NULL,
        sex text NOT NULL,
        unit_code text NOT NULL,
        source text NOT NULL CHECK (source IN ('register', 'external')),
        golongan text,
        post_code text,
        post_type text,
        post_title text,
        version bigint NOT NULL,
        as_of date NOT NULL,
        next_effective_date date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_code, nip)
      )`);
    await q.query(`CREATE INDEX register_people_name_idx ON register_people (agency_code, lower(name) text_pattern_ops)`);
    await q.query(`CREATE INDEX register_people_unit_idx ON register_people (agency_code, unit_code)`);
    await q.query(`CREATE INDEX register_people_post_idx ON register_people (agency_code, post_code)`);
    await q.query(`CREATE INDEX register_people_due_idx ON register_people (next_effective_date) WHERE next_effective_date IS NOT NULL`);

    await q.query(`
      CREATE TABLE register_units (
        agency_code text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        parent_code text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_code, code)
      )`);
    await q.query(`
      CREATE TABLE register_posts (
        agency_code text NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        post_type text NOT NULL,
        unit_code text NOT NULL,
        competency_standard jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_code, code)
      )`);

    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) {
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON register_events FROM ${APP_ROLE}`);
      await q.query(`GRANT SELECT, INSERT ON register_events TO ${APP_ROLE}`);
      await q.query(`GRANT USAGE ON SEQUENCE register_events_id_seq TO ${APP_ROLE}`);
      await q.query(
        `GRANT SELECT, INSERT, UPDATE ON register_people, register_import_batches, register_units, register_posts TO ${APP_ROLE}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE register_posts`);
    await q.query(`DROP TABLE register_units`);
    await q.query(`DROP TABLE register_people`);
    await q.query(`DROP TABLE register_events`);
    await q.query(`DROP FUNCTION register_events_refuse_change()`);
    await q.query(`DROP TABLE register_import_batches`);
  }
}
