import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialLedger1763800000000 implements MigrationInterface {
  name = 'InitialLedger1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decisions (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL,
        case_type text NOT NULL,
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        sequence int NOT NULL CHECK (sequence > 0),
        decision text NOT NULL,
        step_before text,
        step_after text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_name text,
        reason text,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
        sop_id text NOT NULL,
        sop_version text NOT NULL,
        rule_version text,
        decided_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT decisions_idempotency_key_uq UNIQUE (idempotency_key),
        CONSTRAINT decisions_run_sequence_uq UNIQUE (run_id, sequence)
      )`);
    await q.query(`CREATE INDEX decisions_workflow_idx ON decisions (workflow_id, run_id, sequence)`);
    // The ledger is append-only: corrections are new decisions, never edits.
    await q.query(`
      CREATE FUNCTION decisions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decisions is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
      FOR EACH ROW EXECUTE FUNCTION decisions_refuse_change()`);
    await q.query(`
      CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
      FOR EACH STATEMENT EXECUTE FUNCTION decisions_refuse_change()`);

    await q.query(`
      CREATE TABLE cases (
        run_id text PRIMARY KEY,
        workflow_id text NOT NULL,
        case_type text NOT NULL,
        agency_code text NOT NULL,
        business_key text NOT NULL,
        title text NOT NULL,
        status text NOT NULL,
        step text NOT NULL,
        sop_id text NOT NULL,
        sop_version text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        last_sequence int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX cases_workflow_idx ON cases (workflow_id)`);
    await q.query(`CREATE INDEX cases_listing_idx ON cases (case_type, agency_code, status, created_at)`);

    await q.query(`
      CREATE TABLE holidays (
        date date PRIMARY KEY,
        name_id text NOT NULL,
        name_en text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE holidays`);
    await q.query(`DROP TABLE cases`);
    await q.query(`DROP TABLE decisions`);
    await q.query(`DROP FUNCTION decisions_refuse_change()`);
  }
}
