import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LedgerVerifyOnePass1765050000000 } from './1765050000000-ledger-verify-one-pass';

/** Every column a row's hash covers, in canonical order; the functions below take them one by one. */
const HASHED = [
  ['chain_seq', 'int'],
  ['idempotency_key', 'text'],
  ['case_type', 'text'],
  ['workflow_id', 'text'],
  ['run_id', 'text'],
  ['root_workflow_id', 'text'],
  ['parent_workflow_id', 'text'],
  ['sequence', 'int'],
  ['decision', 'text'],
  ['step_before', 'text'],
  ['step_after', 'text'],
  ['actor_id', 'text'],
  ['actor_role', 'text'],
  ['actor_name', 'text'],
  ['acting_for', 'jsonb'],
  ['reason', 'text'],
  ['payload', 'jsonb'],
  ['evidence', 'jsonb'],
  ['sop_id', 'text'],
  ['sop_version', 'text'],
  ['rule_version', 'text'],
  ['decided_at', 'timestamptz'],
  ['recorded_at', 'timestamptz'],
] as const;
const PARAMS = HASHED.map(([c, t]) => `${c} ${t}`).join(', ');
const ARGS = (row: string) => HASHED.map(([c]) => `${row}.${c}`).join(', ');
const BARE = HASHED.map(([c]) => c).join(', ');

/**
 * Ledger verification and the append's chain trigger hash a row from its columns (issue 19 (c) and (d)).
 *
 * The canonical text and the row hash are now defined once each as SQL functions over the hashed
 * columns (`decision_canonical_of`, `decision_row_hash_of`): the planner inlines them, so the
 * verification scan hashes each row from its columns where it reads them. Before, every row was first
 * built into a whole-row value and passed to the plpgsql `decision_canonical(d)`, which cost about a
 * quarter of the verification. `decision_canonical(d)` and `decision_row_hash(d)` stay, with the same
 * answers, and call the new definitions. The text is byte for byte the one 1764500000000 defined
 * (v1 without a delegation, v2 with one), so every stored hash still verifies.
 *
 * The verification keeps its signature, columns and answers; without the OFFSET 0 fence the planner
 * hashes in parallel workers that each sort their share (Gather Merge) instead of one sort of all rows.
 * The trigger hashes NEW from its fields instead of from a whole-row value.
 */
export class LedgerHashByColumns1765060000000 implements MigrationInterface {
  name = 'LedgerHashByColumns1765060000000';

  async up(q: QueryRunner): Promise<void> {
    // STABLE, not IMMUTABLE: to_char is STABLE, and an IMMUTABLE function over it is not inlined. The
    // result does not depend on any setting (UTC, fixed pattern).
    await q.query(`
      CREATE FUNCTION decision_canonical_of(${PARAMS}) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN acting_for IS NULL THEN ARRAY[
            'meritflow.decision/v1', chain_seq::text, idempotency_key, case_type, workflow_id, run_id,
            root_workflow_id, parent_workflow_id, sequence::text, decision, step_before, step_after,
            actor_id, actor_role, actor_name, reason, payload::text, evidence::text, sop_id,
            sop_version, rule_version,
            to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')]::text
          ELSE ARRAY[
            'meritflow.decision/v2', chain_seq::text, idempotency_key, case_type, workflow_id, run_id,
            root_workflow_id, parent_workflow_id, sequence::text, decision, step_before, step_after,
            actor_id, actor_role, actor_name, acting_for::text, reason, payload::text, evidence::text,
            sop_id, sop_version, rule_version,
            to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')]::text END
      $$`);
    await q.query(`
      CREATE FUNCTION decision_row_hash_of(prev_hash bytea, ${PARAMS}) RETURNS bytea
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT sha256(coalesce(prev_hash, '\\x'::bytea) || convert_to(decision_canonical_of(${BARE}), 'UTF8'))
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_canonical(d decisions) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        RETURN decision_canonical_of(${ARGS('d')});
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_row_hash(d decisions) RETURNS bytea
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT decision_row_hash_of(d.prev_hash, ${ARGS('d')})
      $$`);
    await q.query(chainLinkFunction(`decision_row_hash_of(NEW.prev_hash, ${ARGS('NEW')})`));
    await q.query(verifyFunction(`decision_row_hash_of(d.prev_hash, ${ARGS('d')})`));
  }

  async down(q: QueryRunner): Promise<void> {
    await new LedgerVerifyOnePass1765050000000().up(q);
    await q.query(chainLinkFunction('decision_row_hash(NEW)'));
    // The bodies of 1764100000000 (row hash) and 1764500000000 (canonical text), as they were.
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_row_hash(d decisions) RETURNS bytea
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT sha256(coalesce(d.prev_hash, '\\x'::bytea) || convert_to(decision_canonical(d), 'UTF8'))
      $$`);
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
    await q.query(`DROP FUNCTION decision_row_hash_of(bytea, ${HASHED.map(([, t]) => t).join(', ')})`);
    await q.query(`DROP FUNCTION decision_canonical_of(${HASHED.map(([, t]) => t).join(', ')})`);
  }
}

/** The chain trigger of 1764100000000 with `rowHash` as the new row's hash. */
const chainLinkFunction = (rowHash: string): string => `
  CREATE OR REPLACE FUNCTION decisions_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
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
    NEW.row_hash := ${rowHash};
    RETURN NEW;
  END $$`;

/** verify_decision_chain as 1765050000000 has it, hashing with `rowHash` and without the OFFSET 0 fence. */
const verifyFunction = (rowHash: string): string => `
  CREATE OR REPLACE FUNCTION verify_decision_chain(p_root text DEFAULT NULL)
  RETURNS TABLE (
    root_workflow_id text, rows_checked bigint, broken_rows bigint, head_chain_seq int, head_row_hash bytea,
    broken_chain_seq int, broken_decision_id bigint, problem text, expected text, actual text,
    broken_decision text, broken_actor_id text, broken_actor_role text)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH per_case AS (
      SELECT c.root_workflow_id,
             count(*) AS rows_checked,
             count(*) FILTER (WHERE c.code > 0) AS broken_rows,
             max(c.chain_seq) AS head_chain_seq,
             (array_agg(c.row_hash) FILTER (WHERE c.is_head))[1] AS head_row_hash,
             min(c.chain_seq::bigint * 4 + c.code) FILTER (WHERE c.code > 0) AS first_broken
        FROM (
          SELECT w.root_workflow_id, w.chain_seq, w.row_hash, w.is_head,
                 CASE WHEN w.chain_seq IS DISTINCT FROM coalesce(w.prev_seq, 0) + 1 THEN 1
                      WHEN w.prev_hash IS DISTINCT FROM w.prev_row_hash THEN 2
                      WHEN NOT w.content_ok THEN 3 ELSE 0 END AS code
            FROM (
              SELECT h.root_workflow_id, h.chain_seq, h.prev_hash, h.row_hash, h.content_ok,
                     lag(h.chain_seq) OVER w AS prev_seq,
                     lag(h.row_hash) OVER w AS prev_row_hash,
                     lead(h.chain_seq) OVER w IS NULL AS is_head
                FROM (
                  SELECT d.root_workflow_id, d.chain_seq, d.prev_hash, d.row_hash,
                         ${rowHash} IS NOT DISTINCT FROM d.row_hash AS content_ok
                    FROM decisions d
                   WHERE p_root IS NULL
                  UNION ALL
                  SELECT d.root_workflow_id, d.chain_seq, d.prev_hash, d.row_hash,
                         ${rowHash} IS NOT DISTINCT FROM d.row_hash
                    FROM decisions d
                   WHERE d.root_workflow_id = p_root
                ) h
              WINDOW w AS (PARTITION BY h.root_workflow_id ORDER BY h.chain_seq)
            ) w
        ) c
       GROUP BY c.root_workflow_id
    )
    SELECT p.root_workflow_id, p.rows_checked, p.broken_rows, p.head_chain_seq, p.head_row_hash,
           b.chain_seq, b.id,
           (ARRAY['sequence_gap', 'link_broken', 'content_altered'])[p.first_broken % 4],
           CASE p.first_broken % 4
             WHEN 1 THEN (coalesce(prev.chain_seq, 0) + 1)::text
             WHEN 2 THEN encode(prev.row_hash, 'hex')
             WHEN 3 THEN encode(decision_row_hash(b), 'hex') END,
           CASE p.first_broken % 4
             WHEN 1 THEN b.chain_seq::text
             WHEN 2 THEN encode(b.prev_hash, 'hex')
             WHEN 3 THEN encode(b.row_hash, 'hex') END,
           b.decision, b.actor_id, b.actor_role
      FROM per_case p
      LEFT JOIN decisions b ON p.first_broken IS NOT NULL AND b.root_workflow_id = p.root_workflow_id AND b.chain_seq = p.first_broken / 4
      LEFT JOIN LATERAL (
        SELECT x.chain_seq, x.row_hash FROM decisions x
         WHERE x.root_workflow_id = b.root_workflow_id AND x.chain_seq < b.chain_seq
         ORDER BY x.chain_seq DESC LIMIT 1) prev ON true
     ORDER BY p.root_workflow_id
  $$`;
