import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

/**
 * Who may do what (issue "Who may do what"):
 * - `security_events`: every refused attempt (bad token, wrong role, another agency's case, separation
 *   of duties, rate limit), append-only like the ledger;
 * - `delegations`: a PPK's or committee chair's Plt/Plh delegation to a named official for a period,
 *   with its legal basis; rows are never deleted, a revocation is a second append-only row;
 * - `decisions.acting_for`: whom a decision was taken for under a delegation. Rows without it keep the
 *   v1 canonical form, so every hash already in a chain still verifies; rows with it hash as v2.
 */
export class AccessControl1764500000000 implements MigrationInterface {
  name = 'AccessControl1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE security_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        code text NOT NULL,
        actor_id text,
        actor_role text,
        actor_agency text,
        acting_for text,
        method text NOT NULL,
        path text NOT NULL,
        case_id text,
        client_ip text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX security_events_time_idx ON security_events (occurred_at)`);
    await q.query(`CREATE INDEX security_events_actor_idx ON security_events (actor_id, occurred_at) WHERE actor_id IS NOT NULL`);
    await q.query(`CREATE INDEX security_events_case_idx ON security_events (case_id, occurred_at) WHERE case_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE delegations (
        id uuid PRIMARY KEY,
        agency_code text NOT NULL,
        delegator_id text NOT NULL,
        delegator_name text,
        role text NOT NULL CHECK (role IN ('ppk', 'committee_chair')),
        delegate_id text NOT NULL,
        delegate_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('plt', 'plh')),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        legal_basis jsonb NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until > valid_from),
        CHECK (delegate_id <> delegator_id)
      )`);
    await q.query(`CREATE INDEX delegations_delegate_idx ON delegations (delegate_id, valid_until)`);
    await q.query(`CREATE INDEX delegations_agency_idx ON delegations (agency_code, valid_until)`);
    await q.query(`
      CREATE TABLE delegation_revocations (
        delegation_id uuid PRIMARY KEY REFERENCES delegations (id),
        revoked_at timestamptz NOT NULL DEFAULT now(),
        revoked_by text NOT NULL,
        revoked_by_role text NOT NULL,
        reason text NOT NULL
      )`);

    await q.query(`
      CREATE FUNCTION access_control_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['security_events', 'delegations', 'delegation_revocations']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION access_control_refuse_change()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION access_control_refuse_change()`,
      );
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) {
      for (const table of ['security_events', 'delegations', 'delegation_revocations']) {
        await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${APP_ROLE}`);
        await q.query(`GRANT SELECT, INSERT ON ${table} TO ${APP_ROLE}`);
      }
      await q.query(`GRANT USAGE ON SEQUENCE security_events_id_seq TO ${APP_ROLE}`);
    }

    // acting_for: {"id","name","role","delegationId"} of the official a delegate acted for.
    await q.query(`ALTER TABLE decisions ADD COLUMN acting_for jsonb`);
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_canonical(d decisions) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF d.acting_for IS NULL THEN
          RETURN ARRAY[
            'meritflow.decision/v1', d.chain_seq::text, d.idempotency_key, d.case_type, d.workflow_id, d.run_id,
            d.root_workflow_id, d.parent_workflow_id, d.sequence::text, d.decision, d.step_before, d.step_after,
            d.actor_id, d.actor_role, d.actor_name, d.reason, d.payload::text, d.evidence::text, d.sop_id,
            d.sop_version, d.rule_version,
            to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            to_char(d.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')]::text;
        END IF;
        RETURN ARRAY[
          'meritflow.decision/v2', d.chain_seq::text, d.idempotency_key, d.case_type, d.workflow_id, d.run_id,
          d.root_workflow_id, d.parent_workflow_id, d.sequence::text, d.decision, d.step_before, d.step_after,
          d.actor_id, d.actor_role, d.actor_name, d.acting_for::text, d.reason, d.payload::text, d.evidence::text,
          d.sop_id, d.sop_version, d.rule_version,
          to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          to_char(d.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')]::text;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to the v1-only canonical form; refused if a delegated decision exists (its hash needs v2).
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM decisions WHERE acting_for IS NOT NULL) THEN
          RAISE EXCEPTION 'decisions taken under a delegation exist: reverting would break their hashes';
        END IF;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_canonical(d decisions) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        RETURN ARRAY[
          'meritflow.decision/v1', d.chain_seq::text, d.idempotency_key, d.case_type, d.workflow_id, d.run_id,
          d.root_workflow_id, d.parent_workflow_id, d.sequence::text, d.decision, d.step_before, d.step_after,
          d.actor_id, d.actor_role, d.actor_name, d.reason, d.payload::text, d.evidence::text, d.sop_id,
          d.sop_version, d.rule_version,
          to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          to_char(d.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')]::text;
      END $$`);
    await q.query(`ALTER TABLE decisions DROP COLUMN acting_for`);
    await q.query(`DROP TABLE delegation_revocations`);
    await q.query(`DROP TABLE delegations`);
    await q.query(`DROP TABLE security_events`);
    await q.query(`DROP FUNCTION access_control_refuse_change()`);
  }
}
