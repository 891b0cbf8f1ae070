import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { LocalIssuer } from '@meritflow/auth';
import * as path from 'node:path';
import { loadLauncherConfig, type LauncherConfig } from '@meritflow/config';
import {
  defaultTemporalCacheDir,
  describeExit,
  isPortFree,
  killAllProcessesNow,
  prefixedLogger,
  ProcessLedger,
  reclaimFromLedger,
  redactUrl,
  resolveTemporalBinary,
  startEmbeddedPostgres,
  startProcess,
  startTemporalDevServer,
  type ExitInfo,
  type ManagedProcess,
} from '@meritflow/devstack';
import { runMigrations } from '@meritflow/persistence';
import { CASE_SEARCH_ATTRIBUTE_REGISTRATIONS } from '@meritflow/contracts';

/*
 * `npm start`: the whole system in one terminal. Starts Temporal and PostgreSQL unless external ones
 * are configured, migrates, runs the worker and the API as child processes, and on Ctrl-C stops
 * everything it started in reverse order.
 */

const say = prefixedLogger('meritflow');
const HEALTH_TIMEOUT_MS = 90_000;

interface Running {
  name: string;
  stop(): Promise<void>;
  /** Settles when the component dies on its own; set for everything we run as a process. */
  exited?: Promise<ExitInfo>;
  pid?: number;
  stopSignal?: NodeJS.Signals;
}

class ShutdownRequested extends Error {}

const started: Running[] = [];
const abort = new AbortController();
let stopping = false;
let firstSignalAt = 0;
let startup: Promise<void> = Promise.resolve();
let ledger: ProcessLedger | undefined;

async function main(): Promise<void> {
  let config: LauncherConfig;
  try {
    // A .env file (see .env.example) is optional; real environment variables win over it.
    if (existsSync('.env')) process.loadEnvFile('.env');
    config = loadLauncherConfig();
  } catch (err) {
    say((err as Error).message);
    process.exit(1);
  }
  installSignalHandlers();
  startup = start(config);
  try {
    await startup;
  } catch (err) {
    if (stopping) return; // a shutdown is already under way and will exit
    say(`start-up failed: ${(err as Error).message}`);
    await shutdown(1);
  }
}

async function start(config: LauncherConfig): Promise<void> {
  const dataDir = path.resolve(config.MERITFLOW_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const ledgerFile = path.join(dataDir, 'launcher-processes.json');
  await reclaimFromLedger(ledgerFile, say);
  ledger = new ProcessLedger(ledgerFile);
  const apiHost = config.API_HOST;
  // A wildcard bind address is not something to connect to or print as a link.
  const reachableHost = apiHost === '0.0.0.0' || apiHost === '::' ? '127.0.0.1' : apiHost;
  const apiBase = `http://${formatHost(reachableHost)}:${config.API_PORT}/api`;

  const workerMain = path.resolve(__dirname, '../../worker/src/main.js');
  const apiMain = path.resolve(__dirname, '../../api/src/main.js');
  for (const file of [workerMain, apiMain]) {
    if (!existsSync(file)) throw new Error(`${file} is missing; run \`npm run build\` (npm start does that for you)`);
  }
  // Checked before anything is started, so a taken port costs nothing to fix.
  if (!(await isPortFree(config.API_PORT, reachableHost))) {
    throw new Error(
      `API port ${reachableHost}:${config.API_PORT} is already in use (another meritflow still running?); set API_PORT to use another`,
    );
  }

  say(`data directory ${dataDir}`);

  // Resolved first: it is the step most likely to fail (no Go, offline) or to take minutes (Go build).
  const temporalBinary = config.TEMPORAL_ADDRESS
    ? undefined
    : await resolveTemporalBinary({
        explicitPath: config.TEMPORAL_CLI_PATH,
        searchPath: config.PATH,
        cacheDir: defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME }),
        log: prefixedLogger('temporal'),
        signal: abort.signal,
      });
  checkAborted();

  // PostgreSQL starts before Temporal so that the stop order (reverse) is API, worker, Temporal, PostgreSQL.
  // ── PostgreSQL ──────────────────────────────────────────────────────────────
  let databaseUrl: string;
  let postgresLine: string;
  if (config.DATABASE_URL) {
    databaseUrl = config.DATABASE_URL;
    postgresLine = `${redactUrl(databaseUrl)} (external, DATABASE_URL)`;
    say(`using the PostgreSQL database at ${redactUrl(databaseUrl)}`);
  } else {
    const plog = prefixedLogger('postgres');
    const pgDir = path.join(dataDir, 'postgres');
    plog(`starting the embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT} (data in ${pgDir})`);
    const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: config.EMBEDDED_PG_PORT, log: plog, signal: abort.signal });
    track({ name: 'embedded PostgreSQL', stop: pg.stop, exited: pg.exited, pid: pg.pid, stopSignal: 'SIGINT' });
    if (await pg.createDatabase('meritflow')) plog('created database "meritflow"');
    databaseUrl = pg.url('meritflow');
    // pg.dataDir: as root the cluster may live elsewhere when the postgres OS user cannot reach pgDir.
    postgresLine = `${redactUrl(databaseUrl)} (embedded, data in ${pg.dataDir})`;
  }
  checkAborted();

  // ── Temporal ────────────────────────────────────────────────────────────────
  let temporalAddress: string;
  let temporalLine: string;
  let temporalUiLine: string | undefined;
  if (!temporalBinary) {
    temporalAddress = config.TEMPORAL_ADDRESS as string;
    temporalLine = `${temporalAddress} (external, TEMPORAL_ADDRESS), namespace ${config.TEMPORAL_NAMESPACE}`;
    say(`using the Temporal server at ${temporalAddress}`);
  } else {
    const tlog = prefixedLogger('temporal');
    const dbFile = path.join(dataDir, 'temporal', 'temporal.db');
    tlog(`starting the dev server (${temporalBinary.path}, found via ${temporalBinary.source}); state in ${dbFile}`);
    const server = await startTemporalDevServer({
      binary: temporalBinary.path,
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFile,
      namespaces: [config.TEMPORAL_NAMESPACE],
      retentionDays: config.TEMPORAL_RETENTION_DAYS,
      searchAttributes: CASE_SEARCH_ATTRIBUTE_REGISTRATIONS,
      log: tlog,
      signal: abort.signal,
    });
    track({ name: 'Temporal dev server', stop: server.stop, exited: server.exited, pid: server.pid });
    temporalAddress = server.address;
    temporalLine = `${server.address} (local dev server, namespace ${config.TEMPORAL_NAMESPACE}, retention ${config.TEMPORAL_RETENTION_DAYS} days, state in ${dbFile})`;
    temporalUiLine = server.uiUrl;
    tlog(`ready at ${server.address}${server.uiUrl ? `, Web UI ${server.uiUrl}` : ''}`);
  }
  checkAborted();

  // ── Schema ──────────────────────────────────────────────────────────────────
  await runMigrations(databaseUrl, prefixedLogger('migrate'));
  checkAborted();

  // ── Worker and API ──────────────────────────────────────────────────────────
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    API_HOST: apiHost,
    API_PORT: String(config.API_PORT),
    ...(config.AUTH_LOCAL_ISSUER ? { AUTH_LOCAL_SIGNING_KEY: config.AUTH_LOCAL_SIGNING_KEY ?? (await localIssuerKey(dataDir)) } : {}),
  };
  const worker = await startNodeChild('worker', workerMain, childEnv, 20_000);
  const api = await startNodeChild('api', apiMain, childEnv, 10_000);

  say(`waiting for ${apiBase}/health (the worker bundles the workflow code first, ~10s)`);
  await waitForHealth(`${apiBase}/health`, [worker, api]);

  const rows: [string, string][] = [
    ['API', apiBase],
    ['Console', `${apiBase.replace(/\/api$/, '')}/console/`],
    ['OpenAPI docs', `${apiBase}/docs`],
    ['Temporal', temporalLine],
  ];
  if (config.AUTH_LOCAL_ISSUER) rows.push(['Sign in (dev)', `POST ${apiBase}/v1/auth/token {"sub","roles","agency"}`]);
  if (temporalUiLine) rows.push(['Temporal UI', temporalUiLine]);
  rows.push(['PostgreSQL', postgresLine], ['Data dir', dataDir]);
  const rule = '-'.repeat(72);
  say(rule);
  say('meritflow is running. Press Ctrl-C to stop everything.');
  for (const [label, value] of rows) say(`  ${label.padEnd(13)} ${value}`);
  say(rule);
}

/** The development token issuer's key, kept in the data directory so tokens outlive a restart. */
async function localIssuerKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'auth', 'local-issuer.pem');
  if (existsSync(file)) return readFile(file, 'utf8');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const pem = LocalIssuer.generatePem();
  await writeFile(file, pem, { mode: 0o600 });
  say(`generated the local token issuer's key in ${file}`);
  return pem;
}

async function startNodeChild(name: string, script: string, env: NodeJS.ProcessEnv, stopTimeoutMs: number): Promise<ManagedProcess> {
  const proc = await startProcess({
    name,
    command: process.execPath,
    args: [script],
    env,
    log: prefixedLogger(name),
    stopSignal: 'SIGTERM',
    stopTimeoutMs,
  });
  track({ name, stop: async () => void (await proc.stop()), exited: proc.exited, pid: proc.pid });
  say(`${name} started (pid ${proc.pid})`);
  return proc;
}

async function waitForHealth(url: string, watched: ManagedProcess[]): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let nextNotice = Date.now() + 15_000;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    checkAborted();
    // An exited child is reported by its exit watcher; stop polling and let the shutdown run.
    if (watched.some((p) => p.hasExited())) throw new ShutdownRequested();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() >= nextNotice) {
      say(`still waiting for the API health check (${last})`);
      nextNotice += 15_000;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not report healthy at ${url} within ${HEALTH_TIMEOUT_MS / 1000}s (last: ${last})`);
}

function checkAborted(): void {
  if (abort.signal.aborted) throw new ShutdownRequested();
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Remembers a started component for the shutdown and takes the whole stack down if it dies on its own. */
function track(component: Running): void {
  started.push(component);
  if (component.pid) ledger?.add(component.name, component.pid, component.stopSignal);
  // A half-running system misleads more than a stopped one.
  void component.exited?.then((info) => {
    if (stopping) return;
    say(`ERROR: ${component.name} exited unexpectedly (${describeExit(info)}); stopping everything`);
    void shutdown(1);
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  abort.abort();
  // Let an in-flight start step finish or unwind, so what it started is known and gets stopped.
  await startup.catch(() => undefined);
  for (const r of [...started].reverse()) {
    say(`stopping ${r.name}`);
    try {
      await r.stop();
    } catch (err) {
      say(`could not stop ${r.name} cleanly: ${(err as Error).message}`);
      exitCode ||= 1;
    }
  }
  ledger?.clear();
  say(exitCode === 0 ? 'stopped cleanly' : `stopped (exit code ${exitCode})`);
  process.exit(exitCode);
}

function installSignalHandlers(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (!stopping) {
      firstSignalAt = now;
      say(`${signal} received; stopping (press Ctrl-C again to force)`);
      void shutdown(0);
      return;
    }
    // One Ctrl-C can reach us twice in quick succession (from the terminal, and relayed by a wrapper
    // such as npm or a script); only a later one is the user insisting.
    if (now - firstSignalAt < 1_000) return;
    say(`${signal} again: forcing exit, killing everything still running`);
    killAllProcessesNow();
    ledger?.clear();
    process.exit(130);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  // Last resort for crashes: detached children would otherwise outlive us.
  process.on('exit', () => {
    killAllProcessesNow();
    ledger?.clear();
  });
  // A closed terminal must not turn every log line into a crash.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
}

main().catch((err) => {
  say(`fatal: ${(err as Error).stack ?? err}`);
  killAllProcessesNow();
  process.exit(1);
});
