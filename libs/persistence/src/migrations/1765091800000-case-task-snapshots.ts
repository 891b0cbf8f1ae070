import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's read model: what each open root case waited for when its workflow was last queried, and
 * the version of its case tree then (case_task_snapshots). The version is derived from the `cases` rows
 * sharing a root, so an index on root_workflow_id (covering the two columns it reads) keeps that cheap.
 */
export class CaseTaskSnapshots1765091800000 implements MigrationInterface {
  name = 'CaseTaskSnapshots1765091800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE case_task_snapshots (
         root_workflow_id text NOT NULL,
         root_run_id text NOT NULL,
         tree_version text NOT NULL,
         step text NOT NULL,
         status text NOT NULL,
         pending_tasks jsonb NOT NULL,
         follow_ups jsonb NOT NULL,
         committee_ids jsonb,
         blind_scoring jsonb,
         captured_at timestamptz NOT NULL,
         PRIMARY KEY (root_workflow_id, root_run_id)
       )`,
    );
    await q.query(`CREATE INDEX cases_tree_idx ON cases (root_workflow_id) INCLUDE (last_sequence, updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_tree_idx`);
    await q.query(`DROP TABLE case_task_snapshots`);
  }
}
