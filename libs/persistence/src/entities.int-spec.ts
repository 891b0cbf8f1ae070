import type { DataSource } from 'typeorm';
import { readStackState } from '../../../test/support/test-stack';
import { createDataSource } from './data-source';

const { databaseUrl } = readStackState();
let ds: DataSource;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'entities-int-spec');
  await ds.initialize();
});
afterAll(() => ds.destroy());

/** Every table of the migrated schema with its columns, sorted; the migrations' own table is TypeORM's. */
async function tablesInDatabase(): Promise<Map<string, string[]>> {
  const rows: { table_name: string; column_name: string }[] = await ds.query(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND t.table_name <> 'schema_migrations'
      ORDER BY c.table_name, c.column_name`,
  );
  const tables = new Map<string, string[]>();
  for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
  return tables;
}

describe('entities', () => {
  it('cover every table of the migrated schema, one entity each', async () => {
    const tables = [...(await tablesInDatabase()).keys()];
    const mapped = ds.entityMetadatas.map((m) => m.tableName).sort();
    expect(tables.length).toBeGreaterThan(0);
    expect(mapped).toEqual(tables);
  });

  it("name exactly their table's columns", async () => {
    const tables = await tablesInDatabase();
    const expected = Object.fromEntries(tables);
    const mapped = Object.fromEntries(ds.entityMetadatas.map((m) => [m.tableName, m.columns.map((c) => c.databaseName).sort()]));
    expect(mapped).toEqual(expected);
  });

  it('match the nullability of every column', async () => {
    const rows: { table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }[] = await ds.query(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
    );
    const nullable = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === 'YES']));
    const mismatched = ds.entityMetadatas.flatMap((m) =>
      m.columns
        .filter((c) => nullable.get(`${m.tableName}.${c.databaseName}`) !== c.isNullable)
        .map((c) => `${m.tableName}.${c.databaseName}`),
    );
    expect(mismatched).toEqual([]);
  });
});
