import { loadDatabaseConfig } from '@meritflow/config';
import { createDataSource } from './data-source';

/** Applies pending migrations (never synchronize). Returns the names of those applied. */
export async function runMigrations(databaseUrl: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`migration applied: ${m.name}`);
    if (applied.length === 0) log('migrations: schema is up to date');
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Reverts the most recent migration. */
export async function revertLastMigration(databaseUrl: string): Promise<void> {
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    await ds.undoLastMigration({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  const { DATABASE_URL } = loadDatabaseConfig();
  const revert = process.argv.includes('--revert');
  (revert ? revertLastMigration(DATABASE_URL).then(() => ['reverted']) : runMigrations(DATABASE_URL, console.log)).then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
