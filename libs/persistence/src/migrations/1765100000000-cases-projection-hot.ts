import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19 (c): the `cases` projection's update on every decision becomes a HOT update.
 *
 * Every ledger append also updates its run's `cases` row, and every such update changes `updated_at`
 * and `last_sequence`. Two indexes held those columns (`cases_root_updated_idx` for the list sorted by
 * last activity, and `cases_tree_idx`'s INCLUDE for the inbox's tree version), so no update could be
 * HOT: each one wrote a new entry into every index of the table, the trigram ones included, on the
 * decision's critical path. Without them, an update that keeps `status` and `step` (every screening,
 * score and assessment) touches no index at all, given room on the row's page: the fill factor leaves
 * 30 % of each new page for the row's next versions.
 *
 * What it costs the reads, measured in `bench/README.md`: the case list sorted by `updatedAt` sorts the
 * caller's root cases instead of reading an index (the default sort, `createdAt`, keeps its index), and
 * the inbox's tree version reads the tree's rows from the table instead of from the index only.
 *
 * The fill factor applies to pages written from now on; existing pages fill up as before until the
 * table is rewritten (VACUUM FULL or CLUSTER, at the operator's choosing), which this migration does
 * not do on a live ledger.
 */
export class CasesProjectionHot1765100000000 implements MigrationInterface {
  name = 'CasesProjectionHot1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_root_updated_idx`);
    await q.query(`DROP INDEX cases_tree_idx`);
    await q.query(`CREATE INDEX cases_tree_idx ON cases (root_workflow_id)`);
    await q.query(`ALTER TABLE cases SET (fillfactor = 70)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases RESET (fillfactor)`);
    await q.query(`DROP INDEX cases_tree_idx`);
    await q.query(`CREATE INDEX cases_tree_idx ON cases (root_workflow_id) INCLUDE (last_sequence, updated_at)`);
    await q.query(`CREATE INDEX cases_root_updated_idx ON cases (updated_at DESC, run_id) WHERE workflow_id = root_workflow_id`);
  }
}
