import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { loadLauncherConfig, workerNodeArgs, type LauncherConfig } from '@meritflow/config';
import {
  defaultTemporalCacheDir,
  isPortFree,
  killAllProcessesNow,
  prefixedLogger,
  redactUrl,
  resolveTemporalBinary,
  startEmbeddedPostgres,
  startTemporalDevServer,
} from '@meritflow/devstack';
import { runMigrations } from '@meritflow/persistence';
import { CASE_SEARCH_ATTRIBUTE_REGISTRATIONS } from '@meritflow/contracts';
import { startCluster } from './cluster';
import {
  abortSignal,
  checkAborted,
  developmentPayloadKeys,
  formatHost,
  installSignalHandlers,
  localIssuerKey,
  runStartup,
  say,
  startNodeChild,
  track,
  useProcessLedger,
  waitForHealth,
} from './supervisor';

/*
 * `npm start`: the whole system in one terminal. Starts Temporal and PostgreSQL unless external ones
 * are configured, migrates, runs the worker and the API as child processes, and on Ctrl-C stops
 * everything it started in reverse order. `npm run start:cluster` (--cluster) runs the production
 * topology instead (cluster.ts).
 */

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
  await runStartup(() => (process.argv.includes('--cluster') ? startCluster(config) : start(config)));
}

async function start(config: LauncherConfig): Promise<void> {
  const dataDir = path.resolve(config.MERITFLOW_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const ledgerFile = path.join(dataDir, 'launcher-processes.json');
  await useProcessLedger(ledgerFile);
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
        signal: abortSignal,
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
    const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: config.EMBEDDED_PG_PORT, log: plog, signal: abortSignal });
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
      signal: abortSignal,
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
  // Configured keys reach the children through the environment; without them, a development key.
  const devKeys = config.PAYLOAD_KEYS ? null : await developmentPayloadKeys(dataDir);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    API_HOST: apiHost,
    API_PORT: String(config.API_PORT),
    ...(config.AUTH_LOCAL_ISSUER ? { AUTH_LOCAL_SIGNING_KEY: config.AUTH_LOCAL_SIGNING_KEY ?? (await localIssuerKey(dataDir)) } : {}),
    ...(devKeys ? { PAYLOAD_KEYS: devKeys.keys, PAYLOAD_ACTIVE_KEY_ID: devKeys.activeKeyId } : {}),
  };
  const worker = await startNodeChild('worker', workerMain, childEnv, 20_000, workerNodeArgs(config));
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
  rows.push([
    'Payload key',
    devKeys
      ? `${devKeys.activeKeyId} (development key in ${devKeys.file}; keep it with the data)`
      : `${config.PAYLOAD_ACTIVE_KEY_ID ?? config.PAYLOAD_KEYS![0].id} (PAYLOAD_KEYS)`,
  ]);
  const rule = '-'.repeat(72);
  say(rule);
  say('meritflow is running. Press Ctrl-C to stop everything.');
  for (const [label, value] of rows) say(`  ${label.padEnd(13)} ${value}`);
  say(rule);
}

main().catch((err) => {
  say(`fatal: ${(err as Error).stack ?? err}`);
  killAllProcessesNow();
  process.exit(1);
});
