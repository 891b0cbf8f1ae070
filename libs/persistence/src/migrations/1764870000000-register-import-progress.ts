import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Register imports report progress and keep a capped error report (issue 14, item 3):
 * - `updated_at` is touched whenever a chunk of persons commits; a batch still `running` long after
 *   its last chunk was abandoned (its process ended) and the same file may take it over;
 * - `errors_total` counts every row error, while `errors` keeps only the first ones (a province-sized
 *   file with a systematic mistake would otherwise grow one row to hundreds of megabytes).
 */
export class RegisterImportProgress1764870000000 implements MigrationInterface {
  name = 'RegisterImportProgress1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_import_batches ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE register_import_batches ADD COLUMN errors_total int NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX register_import_batches_agency_idx ON register_import_batches (agency_code, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX register_import_batches_agency_idx`);
    await q.query(`ALTER TABLE register_import_batches DROP COLUMN errors_total`);
    await q.query(`ALTER TABLE register_import_batches DROP COLUMN updated_at`);
  }
}
