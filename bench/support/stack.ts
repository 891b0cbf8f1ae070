import { existsSync } from 'node:fs';
import * as path from 'node:path';
import globalSetup, { type RunningStack } from '../../test/support/global-setup';
import { Stack } from '../../test/support/api-client';
import { readStackState, type TestStackState } from '../../test/support/test-stack';

/** The repository root (where package.json is), from the sources or from dist. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
export const ROOT = findRoot(__dirname);

export interface LocalStack {
  /** The HTTP client and fixtures' view of the stack (mints its own credentials). */
  stack: Stack;
  /** Re-read on every call: the supervisor restarts a killed worker under a new pid. */
  state(): TestStackState;
  /** PostgreSQL server URL of the stack's database, on its maintenance database `postgres`. */
  adminDatabaseUrl(): string;
  stop(): Promise<void>;
}

/**
 * Brings up exactly the stack `npm test` uses (test/support/global-setup.ts): a Temporal dev server,
 * a fresh database, migrations, the built worker (supervised: a killed worker comes back) and API.
 * Reusing it keeps the bench and the drills in step with however the tests start and authenticate.
 */
export async function startLocalStack(): Promise<LocalStack> {
  process.env.MERITFLOW_ALLOW_TEST_SOPS ??= 'true';
  try {
    await globalSetup();
  } catch (err) {
    throw err;
  }
  const running = (globalThis as { __meritflowStack?: RunningStack }).__meritflowStack!;
  const stack = new Stack();
  return {
    stack,
    state: readStackState,
    adminDatabaseUrl() {
      const u = new URL(readStackState().databaseUrl);
      u.pathname = '/postgres';
      return u.toString();
    },
    async stop() {
      await stack.close().catch(() => {});
      await running.stop();
    },
  };
}

/** Stops the stack on Ctrl-C too, so no Temporal server, worker or API outlives the bench. */
export function stopOnSignals(stop: () => Promise<void>): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      process.stderr.write(`\n${sig}: stopping the stack\n`);
      void stop().finally(() => process.exit(130));
    });
  }
}
