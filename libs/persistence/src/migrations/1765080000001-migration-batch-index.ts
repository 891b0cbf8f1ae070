import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pending SOP-migration list (GET /v1/sop-migrations?status=pending) and a batch's approval find
 * the keep-or-migrate rows by batch id; a partial index holds only those few rows of the ledger.
 */
export class MigrationBatchIndex1765080000001 implements MigrationInterface {
  name = 'MigrationBatchIndex1765080000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX decisions_migration_batch_idx ON decisions ((payload->>'batchId'), workflow_id, run_id)
        WHERE decision IN ('sop_migration_requested', 'sop_migration_approved', 'sop_migration_rejected')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_migration_batch_idx`);
  }
}
