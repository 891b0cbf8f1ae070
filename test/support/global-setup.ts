import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { Connection, Client as TemporalClient, ScheduleNotFoundError, type ConnectionOptions } from '@temporalio/client';
import { loadTestStackConfig, workerNodeArgs } from '@meritflow/config';
import { LocalIssuer } from '@meritflow/auth';
import { formatPayloadKeys, generatePayloadKey } from '@meritflow/codec';
import {
  defaultTemporalCacheDir,
  getFreePort,
  prefixedLogger,
  resolveTemporalBinary,
  startEmbeddedPostgres,
  startProcess,
  startTemporalDevServer,
  type ManagedProcess,
} from '@meritflow/devstack';
import { runMigrations } from '@meritflow/persistence';
import { CASE_SEARCH_ATTRIBUTE_REGISTRATIONS, HISTORY_ARCHIVE_SCHEDULE_ID } from '@meritflow/contracts';
import { writeStackState, type TestStackState } from './test-stack';

/** The repository root: the nearest folder above with a package.json (also from the bench's compiled copy in dist/). */
const ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();
const log = prefixedLogger('test-stack', (t) => void process.stderr.write(t));
export { ROOT as REPOSITORY_ROOT };

/**
 * Pauses the history-archive sweep's schedule, which the worker makes on its first boot. Temporal
 * aligns a schedule's interval to the clock, so the stack's 3600 s fires at the top of every hour: a
 * spec running across it saw its closed histories archived mid-test (CI of 746233d, the console's
 * auditor page read "from the archive: 5" where it expects none yet). Specs sweep on demand; a
 * trigger still runs a paused schedule, and the worker keeps the pause when it makes sure of the
 * schedule again after a restart. The cluster stack (cluster-stack.ts) pauses its own the same way.
 */
export async function pauseArchiveSchedule(connectionOptions: ConnectionOptions, namespace: string): Promise<void> {
  const connection = await Connection.connect(connectionOptions);
  try {
    const handle = new TemporalClient({ connection, namespace }).schedule.getHandle(HISTORY_ARCHIVE_SCHEDULE_ID);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await handle.pause('test stack: specs start the sweep themselves');
        return;
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await connection.close();
  }
}

export interface RunningStack {
  stop(): Promise<void>;
}

async function canConnect(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * A superuser connection to a PostgreSQL server the suite may create databases (and roles) on: the
 * configured one, the machine's own (127.0.0.1:5432), or an embedded one started here.
 */
export async function adminDatabaseUrl(configured: string | undefined, stops: (() => Promise<void>)[]): Promise<string> {
  if (configured) return configured;
  if (await canConnect('postgres://postgres@127.0.0.1:5432/postgres')) return 'postgres://postgres@127.0.0.1:5432/postgres';
  log('no PostgreSQL on 127.0.0.1:5432: starting an embedded one');
  const pg = await startEmbeddedPostgres({ dataDir: mkdtempSync(path.join(tmpdir(), 'meritflow-test-pg-')), port: 0 });
  stops.push(() => pg.stop());
  return pg.url('postgres');
}

/** A fresh database per run on the configured server, the machine's own (127.0.0.1:5432), or an embedded one. */
async function provisionDatabase(configured: string | undefined, stops: (() => Promise<void>)[]): Promise<string> {
  const adminUrl = await adminDatabaseUrl(configured, stops);
  const name = `meritflow_test_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  stops.push(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function waitForHealth(apiUrl: string, timeoutMs: number, api: ManagedProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (api.hasExited()) throw new Error(`the API exited while starting:\n${api.recentOutput().join('\n')}`);
    try {
      const res = await fetch(`${apiUrl}/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`API did not become healthy within ${timeoutMs} ms: ${last}`);
}

export default async function globalSetup(): Promise<void> {
  const config = loadTestStackConfig();
  const stops: (() => Promise<void>)[] = [];
  const started = Date.now();
  try {
    const binary = await resolveTemporalBinary({
      explicitPath: config.TEMPORAL_CLI_PATH,
      searchPath: config.PATH,
      cacheDir: defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME }),
      log,
    });
    const temporal = await startTemporalDevServer({
      binary: binary.path,
      port: 0,
      logLevel: 'error',
      retentionDays: 30,
      searchAttributes: CASE_SEARCH_ATTRIBUTE_REGISTRATIONS,
    });
    stops.push(() => temporal.stop());
    const databaseUrl = await provisionDatabase(config.TEST_DATABASE_URL, stops);
    await runMigrations(databaseUrl);

    const apiPort = await getFreePort();
    const workerHttpPort = await getFreePort();
    const auth = { signingKeyPem: LocalIssuer.generatePem(), issuer: 'meritflow-test', audience: 'meritflow-api' };
    // A fresh payload key per run: everything the suite writes to Temporal is encrypted, as in production.
    const payloadKeys = formatPayloadKeys([generatePayloadKey(`test-${Date.now()}`)]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      WORKER_HTTP_PORT: String(workerHttpPort),
      MERITFLOW_ALLOW_TEST_SOPS: 'true',
      AUTH_LOCAL_ISSUER: 'true',
      AUTH_LOCAL_SIGNING_KEY: auth.signingKeyPem,
      AUTH_ISSUER: auth.issuer,
      AUTH_AUDIENCE: auth.audience,
      PAYLOAD_KEYS: payloadKeys,
      // The suite drives whole selections quickly as few users; bursts are tested on their own API.
      RATE_LIMIT_MAX: '100000',
      // Specs that count a case's ledger rows must not see the sweep add archive rows mid-test; the
      // archive specs start sweeps themselves (on demand, and by triggering the schedule). The
      // schedule is also paused once the worker has made it (pauseArchiveSchedule, above).
      ARCHIVE_SWEEP_INTERVAL_SECONDS: '3600',
      // Below the default (4,000), so the 200-candidate selection of the scale test continues as new
      // through the API (issue 19 (n)); every other spec's selection stays far below it.
      SELECTION_HISTORY_LIMIT_EVENTS: '2000',
    };
    const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'meritflow-test-')), 'stack.json');
    const state: TestStackState = {
      apiUrl: `http://127.0.0.1:${apiPort}/api`,
      databaseUrl,
      temporalAddress: temporal.address,
      namespace: 'default',
      workerPid: 0,
      apiPid: 0,
      workerHttpUrl: `http://127.0.0.1:${workerHttpPort}`,
      auth,
      payloadKeys,
    };

    // The worker runs under a supervisor, as in production: a test may kill -9 it and it comes back.
    let stopping = false;
    let worker: ManagedProcess;
    const startWorker = async (): Promise<void> => {
      worker = await startProcess({
        name: 'worker',
        command: process.execPath,
        args: [...workerNodeArgs(config), path.join(ROOT, 'dist/apps/worker/src/main.js')],
        cwd: ROOT,
        env,
        log: prefixedLogger('worker', (t) => void process.stderr.write(t)),
      });
      state.workerPid = worker.pid;
      writeStackState(stateFile, state);
      void worker.exited.then(() => {
        if (!stopping) setTimeout(() => void startWorker(), 200);
      });
    };
    await startWorker();
    const api = await startProcess({
      name: 'api',
      command: process.execPath,
      args: [path.join(ROOT, 'dist/apps/api/src/main.js')],
      cwd: ROOT,
      env,
      log: prefixedLogger('api', (t) => void process.stderr.write(t)),
    });
    state.apiPid = api.pid;
    writeStackState(stateFile, state);
    stops.push(async () => {
      stopping = true;
      await api.stop();
      await worker.stop();
    });
    process.env.MERITFLOW_TEST_STATE = stateFile;
    await waitForHealth(state.apiUrl, 90_000, api);
    await pauseArchiveSchedule({ address: temporal.address }, state.namespace);
    log(`stack ready in ${Date.now() - started} ms: API ${state.apiUrl}, Temporal ${temporal.address}`);
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw err;
  }
  (globalThis as { __meritflowStack?: RunningStack }).__meritflowStack = {
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch((e) => log(`teardown: ${String(e)}`));
    },
  };
}
