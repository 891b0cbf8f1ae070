import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ledger verification in one pass (issue 19 (d), target 300,000 rows/s): the expected SHA-256 of every
 * row is computed once, in the scan (decision_row_hash over decision_canonical, still the one
 * definition), and compared in SQL; lag() over the chain order checks the numbering and the link.
 *
 * What the earlier body spent besides the hashing, and this one does not:
 * - a MATERIALIZED step holding every row, then a sort of it;
 * - an array_agg of a jsonb object per broken row, to find a case's first break. Here a case's first
 *   break is min(chain_seq * 4 + problem code), and only that row (and the row before it) is read back
 *   by the unique index to say what is wrong.
 * The hash is computed below the sort (OFFSET 0 keeps the scan apart), so the sort carries only the
 * chain columns and not the whole row. The two branches keep one case's check on the index.
 * Same signature, same columns and the same answers (libs/persistence/src/ledger-chain.int-spec.ts).
 */
export class LedgerVerifyOnePass1765050000000 implements MigrationInterface {
  name = 'LedgerVerifyOnePass1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
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
                             decision_row_hash(d) IS NOT DISTINCT FROM d.row_hash AS content_ok
                        FROM decisions d
                       WHERE p_root IS NULL
                      UNION ALL
                      SELECT d.root_workflow_id, d.chain_seq, d.prev_hash, d.row_hash,
                             decision_row_hash(d) IS NOT DISTINCT FROM d.row_hash
                        FROM decisions d
                       WHERE d.root_workflow_id = p_root
                      OFFSET 0
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
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The body of 1764100000000-ledger-hash-chain, as it was.
    await q.query(`
      CREATE OR REPLACE FUNCTION verify_decision_chain(p_root text DEFAULT NULL)
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
  }
}
