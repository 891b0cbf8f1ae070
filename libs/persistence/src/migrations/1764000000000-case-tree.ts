import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case can run child workflows (an open selection's assessments, committee review, appointments).
 * Every ledger row and read-model row names its root case, so one query returns a case's whole history.
 */
export class CaseTree1764000000000 implements MigrationInterface {
  name = 'CaseTree1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions ADD COLUMN root_workflow_id text, ADD COLUMN parent_workflow_id text`);
    // Backfilling existing rows is the one write the append-only trigger must let through.
    await q.query(`ALTER TABLE decisions DISABLE TRIGGER decisions_append_only`);
    await q.query(`UPDATE decisions SET root_workflow_id = workflow_id WHERE root_workflow_id IS NULL`);
    await q.query(`ALTER TABLE decisions ENABLE TRIGGER decisions_append_only`);
    await q.query(`ALTER TABLE decisions ALTER COLUMN root_workflow_id SET NOT NULL`);
    await q.query(`CREATE INDEX decisions_root_idx ON decisions (root_workflow_id, decided_at, id)`);

    await q.query(`ALTER TABLE cases ADD COLUMN root_workflow_id text, ADD COLUMN parent_workflow_id text`);
    await q.query(`UPDATE cases SET root_workflow_id = workflow_id WHERE root_workflow_id IS NULL`);
    await q.query(`ALTER TABLE cases ALTER COLUMN root_workflow_id SET NOT NULL`);
    await q.query(
      `CREATE INDEX cases_root_listing_idx ON cases (case_type, agency_code, step, created_at) WHERE workflow_id = root_workflow_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_root_listing_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN root_workflow_id, DROP COLUMN parent_workflow_id`);
    await q.query(`DROP INDEX decisions_root_idx`);
    await q.query(`ALTER TABLE decisions DROP COLUMN root_workflow_id, DROP COLUMN parent_workflow_id`);
  }
}
