import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role production connects through (as a LOGIN member); created here when the migrating user may. */
export const APP_ROLE = 'meritflow_app';

/**
 * Makes the decision ledger tamper-evident: every row of a case carries the SHA-256 of its canonical
 * form chained to the row before it, so an edit, a swap or a removal inside a case breaks the chain, and
 * a signed digest of the chain heads exposes a removed tail (see libs/persistence/src/ledger-verifier.ts).
 */
export class LedgerHashChain1764100000000 implements MigrationInterface {
  name = 'LedgerHashChain1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions ADD COLUMN chain_seq int, ADD COLUMN prev_hash bytea, ADD COLUMN row_hash bytea`);

    // The one definition of what a row's hash covers. `id` is left out: it is a surrogate, and moving a
    // row is caught through chain_seq and the link instead. The form is a PostgreSQL text[] literal:
    // unambiguous (elements with separators, quotes or spaces are quoted and escaped; NULL is bare, the
    // string 'NULL' quoted), and about 1.5 times as fast to build as jsonb_build_array, which looks up
    // every argument's type per row. jsonb prints with its keys ordered and fixed spacing; times are UTC ISO
    // with microseconds, so no setting changes the result (hence IMMUTABLE, though to_char is declared
    // STABLE). plpgsql because a SQL function that cannot be inlined costs several microseconds a call.
    await q.query(`
      CREATE FUNCTION decision_canonical(d decisions) RETURNS text
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
    // STABLE only because convert_to is declared so; that keeps it inlinable into the verification scan.
    await q.query(`
      CREATE FUNCTION decision_row_hash(d decisions) RETURNS bytea
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT sha256(coalesce(d.prev_hash, '\\x'::bytea) || convert_to(decision_canonical(d), 'UTF8'))
      $$`);

    // Existing rows are chained in insertion order, case by case; the one UPDATE the ledger ever allows.
    await q.query(`ALTER TABLE decisions DISABLE TRIGGER decisions_append_only`);
    await q.query(`
      DO $$
      DECLARE
        r decisions;
        cur_root text;
        seq int := 0;
        prev bytea;
      BEGIN
        FOR r IN SELECT * FROM decisions ORDER BY root_workflow_id, id LOOP
          IF cur_root IS DISTINCT FROM r.root_workflow_id THEN
            cur_root := r.root_workflow_id;
            seq := 0;
            prev := NULL;
          END IF;
          seq := seq + 1;
          r.chain_seq := seq;
          r.prev_hash := prev;
          prev := decision_row_hash(r);
          UPDATE decisions SET chain_seq = seq, prev_hash = r.prev_hash, row_hash = prev WHERE id = r.id;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE decisions ENABLE TRIGGER decisions_append_only`);
    await q.query(`
      ALTER TABLE decisions
        ALTER COLUMN chain_seq SET NOT NULL,
        ALTER COLUMN row_hash SET NOT NULL,
        ADD CONSTRAINT decisions_chain_seq_positive CHECK (chain_seq > 0),
        ADD CONSTRAINT decisions_hash_lengths CHECK (octet_length(row_hash) = 32 AND (prev_hash IS NULL OR octet_length(prev_hash) = 32))`);
    await q.query(`CREATE UNIQUE INDEX decisions_chain_uq ON decisions (root_workflow_id, chain_seq)`);

    // Whatever a client sends, the chain fields come from the case's current head. Children of one
    // selection append concurrently, so writers of one case take turns (the lock ends with the transaction;
    // the head query then sees the previous writer's committed row under READ COMMITTED; under REPEATABLE
    // READ it would not, and the unique index refuses the duplicate chain_seq instead of forking the chain).
    await q.query(`
      CREATE FUNCTION decisions_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head_seq int;
        head_hash bytea;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(NEW.root_workflow_id, 0));
        SELECT d.chain_seq, d.row_hash INTO head_seq, head_hash
          FROM decisions d
         WHERE d.root_workflow_id = NEW.root_workflow_id
         ORDER BY d.chain_seq DESC
         LIMIT 1;
        NEW.chain_seq := coalesce(head_seq, 0) + 1;
        NEW.prev_hash := head_hash;
        NEW.row_hash := decision_row_hash(NEW);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER decisions_chain_link BEFORE INSERT ON decisions
      FOR EACH ROW EXECUTE FUNCTION decisions_chain_link()`);

    // One row per case: its size and head, and its first broken link (problem NULL when intact).
    // Checks in order: the numbering, the link to the previous row, then the row's own content.
    // Hashing is the cost, so it runs first in a materialized step that parallel workers can share; the
    // two branches keep one case's check on the index whatever plan is cached.
    await q.query(`
      CREATE FUNCTION verify_decision_chain(p_root text DEFAULT NULL)
      RETURNS TABLE (
        root_workflow_id text,
        rows_checked bigint,
        broken_rows bigint,
        head_chain_seq int,
        head_row_hash bytea,
        broken_chain_seq int,
        broken_decision_id bigint,
        problem text,
        expected text,
        actual text,
        broken_decision text,
        broken_actor_id text,
        broken_actor_role text
      )
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        WITH hashed AS MATERIALIZED (
          SELECT d.root_workflow_id, d.id, d.chain_seq, d.prev_hash, d.row_hash,
                 decision_row_hash(d) IS NOT DISTINCT FROM d.row_hash AS content_ok
            FROM decisions d
           WHERE p_root IS NULL
          UNION ALL
          SELECT d.root_workflow_id, d.id, d.chain_seq, d.prev_hash, d.row_hash,
                 decision_row_hash(d) IS NOT DISTINCT FROM d.row_hash
            FROM decisions d
           WHERE d.root_workflow_id = p_root
        ), checked AS (
          SELECT h.*,
                 lag(h.chain_seq) OVER w AS prev_seq,
                 lag(h.row_hash) OVER w AS prev_row_hash,
                 lead(h.chain_seq) OVER w IS NULL AS is_head
            FROM hashed h
          WINDOW w AS (PARTITION BY h.root_workflow_id ORDER BY h.chain_seq)
        ), judged AS (
          SELECT c.*,
                 CASE
                   WHEN c.chain_seq IS DISTINCT FROM coalesce(c.prev_seq, 0) + 1 THEN 'sequence_gap'
                   WHEN c.prev_hash IS DISTINCT FROM c.prev_row_hash THEN 'link_broken'
                   WHEN NOT c.content_ok THEN 'content_altered'
                 END AS problem
            FROM checked c
        ), per_case AS (
          SELECT j.root_workflow_id,
                 count(*) AS rows_checked,
                 count(*) FILTER (WHERE j.problem IS NOT NULL) AS broken_rows,
                 max(j.chain_seq) AS head_chain_seq,
                 (array_agg(j.row_hash) FILTER (WHERE j.is_head))[1] AS head_row_hash,
                 (array_agg(jsonb_build_object(
                    'id', j.id,
                    'problem', j.problem,
                    'expected', CASE j.problem
                                  WHEN 'sequence_gap' THEN (coalesce(j.prev_seq, 0) + 1)::text
                                  WHEN 'link_broken' THEN encode(j.prev_row_hash, 'hex') END,
                    'actual', CASE j.problem
                                WHEN 'sequence_gap' THEN j.chain_seq::text
                                WHEN 'link_broken' THEN encode(j.prev_hash, 'hex') END)
                  ORDER BY j.chain_seq) FILTER (WHERE j.problem IS NOT NULL))[1] AS first_broken
            FROM judged j
           GROUP BY j.root_workflow_id
        )
        SELECT p.root_workflow_id, p.rows_checked, p.broken_rows, p.head_chain_seq, p.head_row_hash,
               b.chain_seq, b.id, p.first_broken->>'problem',
               -- For altered content: the hash of the row as it is now, against the one stored.
               CASE WHEN p.first_broken->>'problem' = 'content_altered' THEN encode(decision_row_hash(b), 'hex')
                    ELSE p.first_broken->>'expected' END,
               CASE WHEN p.first_broken->>'problem' = 'content_altered' THEN encode(b.row_hash, 'hex')
                    ELSE p.first_broken->>'actual' END,
               b.decision, b.actor_id, b.actor_role
          FROM per_case p
          LEFT JOIN decisions b ON b.id = (p.first_broken->>'id')::bigint
         ORDER BY p.root_workflow_id
      $$`);

    await this.grantAppRole(q);
  }

  /**
   * The application needs no UPDATE or DELETE on the ledger, so the production role never gets them;
   * the trigger stays as the guard against the owner. Creating a role needs CREATEROLE: without it the
   * migration carries on and says so, and the role and grants are left to the DBA.
   */
  private async grantAppRole(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} NOLOGIN;
          EXCEPTION
            -- Another database on the same server created it meanwhile (roles are server-wide).
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE NOTICE 'role ${APP_ROLE} not created: % lacks CREATEROLE; create it and re-run these grants', current_user;
          END;
        END IF;
      END $$`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON decisions FROM PUBLIC`);
    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (!exists) return;
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON decisions, evidence TO ${APP_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON decisions, evidence FROM ${APP_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE decisions_id_seq TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON cases, holidays TO ${APP_ROLE}`);
    // Tables added by later migrations are usable by the application without a grant of their own.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) {
      // The role is server-wide and may serve other databases, so only this database's grants go.
      await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
      await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
      await q.query(`REVOKE ALL ON decisions, evidence, cases, holidays FROM ${APP_ROLE}`);
      await q.query(`REVOKE ALL ON SEQUENCE decisions_id_seq FROM ${APP_ROLE}`);
      await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    }
    await q.query(`DROP FUNCTION verify_decision_chain(text)`);
    await q.query(`DROP TRIGGER decisions_chain_link ON decisions`);
    await q.query(`DROP FUNCTION decisions_chain_link()`);
    await q.query(`DROP INDEX decisions_chain_uq`);
    await q.query(`DROP FUNCTION decision_row_hash(decisions)`);
    await q.query(`DROP FUNCTION decision_canonical(decisions)`);
    await q.query(`
      ALTER TABLE decisions
        DROP CONSTRAINT decisions_hash_lengths,
        DROP CONSTRAINT decisions_chain_seq_positive,
        DROP COLUMN row_hash,
        DROP COLUMN prev_hash,
        DROP COLUMN chain_seq`);
  }
}
