import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

/**
 * Every request an auditor makes is recorded, so the oversight of the merit system is itself
 * overseeable. Like the ledger, the log is append-only: the database refuses UPDATE, DELETE and TRUNCATE.
 */
export class AuditReads1764200000000 implements MigrationInterface {
  name = 'AuditReads1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_reads (
        id bigserial PRIMARY KEY,
        requested_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_name text,
        method text NOT NULL,
        path text NOT NULL,
        query jsonb NOT NULL DEFAULT '{}'::jsonb,
        status_code int NOT NULL,
        -- false when the client went away before the answer was sent in full.
        completed boolean NOT NULL,
        case_id text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_reads_actor_idx ON audit_reads (actor_id, requested_at)`);
    await q.query(`CREATE INDEX audit_reads_time_idx ON audit_reads (requested_at)`);
    await q.query(`CREATE INDEX audit_reads_case_idx ON audit_reads (case_id, requested_at) WHERE case_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION audit_reads_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_reads is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_reads_append_only BEFORE UPDATE OR DELETE ON audit_reads
      FOR EACH ROW EXECUTE FUNCTION audit_reads_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_reads_no_truncate BEFORE TRUNCATE ON audit_reads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_reads_refuse_change()`);
    // The application role gets every later table by default privileges; it never needs to change this one.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_reads FROM PUBLIC`);
    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_reads FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_reads`);
    await q.query(`DROP FUNCTION audit_reads_refuse_change()`);
  }
}
