import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's case list (issue 18) pages root cases newest first, or by last activity, across
 * every type and agency: without these the database sorts all root cases to show 25.
 */
export class CaseListSort1765020000000 implements MigrationInterface {
  name = 'CaseListSort1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_root_created_idx ON cases (created_at DESC, run_id) WHERE workflow_id = root_workflow_id`);
    await q.query(`CREATE INDEX cases_root_updated_idx ON cases (updated_at DESC, run_id) WHERE workflow_id = root_workflow_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_root_updated_idx`);
    await q.query(`DROP INDEX cases_root_created_idx`);
  }
}
