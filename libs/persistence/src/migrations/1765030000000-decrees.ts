import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

/**
 * Decrees (SK) drafted from appointing decisions (issue 18 item 3). The PDF itself is evidence; this
 * table links it to its case, decision and template version, append-only like the evidence it points to.
 */
export class Decrees1765030000000 implements MigrationInterface {
  name = 'Decrees1765030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decrees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id text NOT NULL,
        case_type text NOT NULL,
        agency_code text NOT NULL,
        subject_key text NOT NULL,
        kind text NOT NULL,
        template_id text NOT NULL,
        template_version text NOT NULL,
        decree_number text NOT NULL,
        decree_date date NOT NULL,
        effective_date date NOT NULL,
        appointing_decision text NOT NULL,
        evidence_id uuid NOT NULL REFERENCES evidence (id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content jsonb NOT NULL,
        created_by_id text NOT NULL,
        created_by_role text NOT NULL,
        created_by_name text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decrees_case_idx ON decrees (case_id, subject_key, created_at)`);
    await q.query(`CREATE INDEX decrees_agency_number_idx ON decrees (agency_code, decree_number)`);
    await q.query(`
      CREATE FUNCTION decrees_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decrees are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER decrees_append_only BEFORE UPDATE OR DELETE ON decrees FOR EACH ROW EXECUTE FUNCTION decrees_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER decrees_no_truncate BEFORE TRUNCATE ON decrees FOR EACH STATEMENT EXECUTE FUNCTION decrees_refuse_change()`,
    );
    // The application may add drafts, never change one: refused by privilege before the trigger.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON decrees FROM PUBLIC`);
    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON decrees FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decrees`);
    await q.query(`DROP FUNCTION decrees_refuse_change()`);
  }
}
