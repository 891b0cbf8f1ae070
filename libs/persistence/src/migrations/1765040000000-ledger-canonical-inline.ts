import type { MigrationInterface, QueryRunner } from 'typeorm';

const TS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
// The element lists of the canonical forms v1 and v2, exactly as migration 1764500000000 defines them.
const V1 = `ARRAY[
  'meritflow.decision/v1', d.chain_seq::text, d.idempotency_key, d.case_type, d.workflow_id, d.run_id,
  d.root_workflow_id, d.parent_workflow_id, d.sequence::text, d.decision, d.step_before, d.step_after,
  d.actor_id, d.actor_role, d.actor_name, d.reason, d.payload::text, d.evidence::text, d.sop_id,
  d.sop_version, d.rule_version,
  to_char(d.decided_at AT TIME ZONE 'UTC', ${TS}),
  to_char(d.recorded_at AT TIME ZONE 'UTC', ${TS})]::text`;
const V2 = `ARRAY[
  'meritflow.decision/v2', d.chain_seq::text, d.idempotency_key, d.case_type, d.workflow_id, d.run_id,
  d.root_workflow_id, d.parent_workflow_id, d.sequence::text, d.decision, d.step_before, d.step_after,
  d.actor_id, d.actor_role, d.actor_name, d.acting_for::text, d.reason, d.payload::text, d.evidence::text,
  d.sop_id, d.sop_version, d.rule_version,
  to_char(d.decided_at AT TIME ZONE 'UTC', ${TS}),
  to_char(d.recorded_at AT TIME ZONE 'UTC', ${TS})]::text`;

/**
 * Verification at 300k rows/s (issue 19 item 4). The canonical form is unchanged, text for text; only
 * its function changes from plpgsql to one SQL expression, which the planner inlines into
 * decision_row_hash and from there into verify_decision_chain's scan and the chain trigger. A plpgsql
 * call per row (its own executor state and expression) was most of the verification's cost besides
 * SHA-256 itself. STABLE, like to_char and convert_to, so that inlining is allowed; nothing indexes it.
 */
export class LedgerCanonicalInline1765040000000 implements MigrationInterface {
  name = 'LedgerCanonicalInline1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_canonical(d decisions) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN d.acting_for IS NULL THEN ${V1} ELSE ${V2} END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to 1764500000000's plpgsql form (same text).
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_canonical(d decisions) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF d.acting_for IS NULL THEN
          RETURN ${V1};
        END IF;
        RETURN ${V2};
      END $$`);
  }
}
