import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { workerNodeArgs, type LauncherConfig } from '@meritflow/config';
import {
  createMeritflowDatabases,
  databaseExists,
  defaultTemporalCacheDir,
  isPortFree,
  meritflowDatabases,
  prefixedLogger,
  redactUrl,
  resolveTemporalBinary,
  resolveTemporalServerBinaries,
  resolveTemporalUi,
  startEmbeddedPostgres,
  startTemporalCluster,
  startTemporalUi,
  type MeritflowDatabasePasswords,
  type TemporalClusterPorts,
} from '@meritflow/devstack';
import { runMigrations } from '@meritflow/persistence';
import {
  abortSignal,
  checkAborted,
  developmentPayloadKeys,
  localIssuerKey,
  say,
  startNodeChild,
  track,
  useProcessLedger,
  waitForHealth,
} from './supervisor';

/*
 * `npm run start:cluster`: the production topology on this machine, as processes. The real Temporal
 * server on PostgreSQL, one node per CLUSTER_NODE_IPS address (127.0.0.1 and 127.0.0.2 by default),
 * its Web UI, migrations as the owner, then CLUSTER_WORKERS workers and CLUSTER_APIS API instances
 * connected as `meritflow_api`, the LOGIN member of the least-privilege role. The roles, databases,
 * schema, server configuration and namespace setup come from the files docker/ uses.
 */

/** The ports of docker/temporal/config/meritflow.yaml's defaults, the same on every node's address. */
const TEMPORAL_PORTS: TemporalClusterPorts = {
  frontendGrpc: 7233,
  frontendHttp: 7243,
  frontendMembership: 6933,
  historyGrpc: 7234,
  historyMembership: 6934,
  matchingGrpc: 7235,
  matchingMembership: 6935,
  workerGrpc: 7239,
  workerMembership: 6939,
};
const WORKER_HTTP_BASE_PORT = 9464;

/** The names docker/ gives them (postgres/initdb.d): one layout, wherever it runs. */
const NAMES = {
  ownerRole: 'meritflow',
  appDb: 'meritflow',
  appLoginRole: 'meritflow_api',
  temporalRole: 'temporal',
  temporalDb: 'temporal',
  visibilityDb: 'temporal_visibility',
};

export async function startCluster(config: LauncherConfig): Promise<void> {
  const dataDir = path.resolve(config.MERITFLOW_DATA_DIR, 'cluster');
  await mkdir(dataDir, { recursive: true });
  await useProcessLedger(path.join(dataDir, 'launcher-processes.json'));
  const ips = config.CLUSTER_NODE_IPS;
  const apiHost = config.API_HOST;
  const reachableHost = apiHost === '0.0.0.0' || apiHost === '::' ? '127.0.0.1' : apiHost;
  const apiPorts = Array.from({ length: config.CLUSTER_APIS }, (_, i) => config.API_PORT + i);
  const workerPorts = Array.from({ length: config.CLUSTER_WORKERS }, (_, i) => WORKER_HTTP_BASE_PORT + i);

  // Checked before anything is started, so a taken port costs nothing to fix.
  const wanted: [string, string, number][] = [
    ...apiPorts.map((p): [string, string, number] => ['API', reachableHost, p]),
    ...workerPorts.map((p): [string, string, number] => ['worker metrics', '127.0.0.1', p]),
    ['Temporal Web UI', '127.0.0.1', config.TEMPORAL_UI_PORT],
    ...ips.flatMap((ip) => Object.values(TEMPORAL_PORTS).map((p): [string, string, number] => [`Temporal node ${ip}`, ip, p])),
  ];
  for (const [what, host, port] of wanted) {
    if (!(await isPortFree(port, host))) {
      throw new Error(`${what} port ${host}:${port} is already in use (npm start or another meritflow still running?)`);
    }
  }
  say(`cluster mode, data directory ${dataDir}`);

  // The slow steps first (Go builds, once): the CLI for the namespace script, the server, the UI.
  const cacheDir = defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME });
  const tlog = prefixedLogger('temporal');
  const cli = await resolveTemporalBinary({
    explicitPath: config.TEMPORAL_CLI_PATH,
    searchPath: config.PATH,
    cacheDir,
    log: tlog,
    signal: abortSignal,
  });
  const server = await resolveTemporalServerBinaries({
    explicitServer: config.TEMPORAL_SERVER_PATH,
    explicitSqlTool: config.TEMPORAL_SQL_TOOL_PATH,
    searchPath: config.PATH,
    cacheDir,
    log: tlog,
    signal: abortSignal,
  });
  const uiBinary = await resolveTemporalUi({ searchPath: config.PATH, cacheDir, log: tlog, signal: abortSignal });
  checkAborted();

  // ── PostgreSQL: a superuser connection to create meritflow's roles and databases once ──────────
  let adminUrl: string;
  let postgresLine: string;
  if (config.CLUSTER_POSTGRES_ADMIN_URL) {
    adminUrl = config.CLUSTER_POSTGRES_ADMIN_URL;
    postgresLine = `${redactUrl(adminUrl)} (external, CLUSTER_POSTGRES_ADMIN_URL)`;
  } else {
    const plog = prefixedLogger('postgres');
    const pgDir = path.join(dataDir, 'postgres');
    plog(`starting the embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT} (data in ${pgDir})`);
    const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: config.EMBEDDED_PG_PORT, log: plog, signal: abortSignal });
    track({ name: 'embedded PostgreSQL', stop: pg.stop, exited: pg.exited, pid: pg.pid, stopSignal: 'SIGINT' });
    adminUrl = pg.url('postgres');
    postgresLine = `${redactUrl(adminUrl)} (embedded, data in ${pg.dataDir})`;
  }
  checkAborted();
  const passwords = await clusterPasswords(dataDir);
  let databases;
  if (await databaseExists(adminUrl, NAMES.appDb)) {
    say(`database ${NAMES.appDb} exists: using its roles (passwords in ${path.join(dataDir, 'secrets.json')})`);
    databases = meritflowDatabases(adminUrl, NAMES, passwords);
  } else {
    say('creating the roles and databases (docker/postgres/meritflow-roles.psql)');
    databases = await createMeritflowDatabases(adminUrl, NAMES, passwords);
  }
  checkAborted();

  // ── Temporal: the schema, the nodes, the namespace, the Web UI ──────────────────────────────────
  const temporal = await startTemporalCluster({
    server: server.server,
    sqlTool: server.sqlTool,
    cli: cli.path,
    persistence: databases.temporal,
    nodeIps: ips,
    ports: TEMPORAL_PORTS,
    namespace: config.TEMPORAL_NAMESPACE,
    retentionDays: config.TEMPORAL_RETENTION_DAYS,
    log: tlog,
    signal: abortSignal,
  });
  for (const node of temporal.nodes) {
    track({ name: `Temporal node ${node.ip}`, stop: () => node.stop(), exited: node.exited(), pid: node.pid() });
  }
  const ui = await startTemporalUi({
    ...uiBinary,
    address: temporal.address,
    port: config.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    log: tlog,
  });
  track({ name: 'Temporal Web UI', stop: async () => void (await ui.process.stop()), exited: ui.process.exited, pid: ui.process.pid });
  checkAborted();

  // ── Schema, as the owner ────────────────────────────────────────────────────────────────────────
  await runMigrations(databases.ownerUrl, prefixedLogger('migrate'));
  checkAborted();

  // ── Workers and API instances, as the least-privilege login, spread over the nodes ──────────────
  const workerMain = path.resolve(__dirname, '../../worker/src/main.js');
  const apiMain = path.resolve(__dirname, '../../api/src/main.js');
  const frontend = (i: number) => temporal.nodes[i % temporal.nodes.length].frontendAddress;
  // The API instances and workers share one key set (PAYLOAD_KEYS, else a development key kept with the cluster's data).
  const devKeys = config.PAYLOAD_KEYS ? null : await developmentPayloadKeys(dataDir);
  if (devKeys) say(`payload keys: development key ${devKeys.activeKeyId} in ${devKeys.file}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(devKeys ? { PAYLOAD_KEYS: devKeys.keys, PAYLOAD_ACTIVE_KEY_ID: devKeys.activeKeyId } : {}),
    DATABASE_URL: databases.appUrl,
    // Every process keeps its own pool, and all share the server with Temporal.
    DATABASE_POOL_MAX: '4',
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    API_HOST: apiHost,
    ...(config.AUTH_LOCAL_ISSUER ? { AUTH_LOCAL_SIGNING_KEY: config.AUTH_LOCAL_SIGNING_KEY ?? (await localIssuerKey(dataDir)) } : {}),
  };
  const children = [];
  for (const [i, port] of workerPorts.entries()) {
    children.push(
      await startNodeChild(
        `worker-${i}`,
        workerMain,
        { ...env, TEMPORAL_ADDRESS: frontend(i), WORKER_HTTP_PORT: String(port) },
        35_000,
        workerNodeArgs(config),
      ),
    );
  }
  for (const [i, port] of apiPorts.entries()) {
    children.push(await startNodeChild(`api-${i}`, apiMain, { ...env, TEMPORAL_ADDRESS: frontend(i), API_PORT: String(port) }, 15_000));
  }
  const apiBases = apiPorts.map((p) => `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${p}/api`);
  say('waiting for every API instance to be ready (the workers bundle the workflow code first, ~10s)');
  for (const base of apiBases) await waitForHealth(`${base}/health/ready`, children);

  const rows: [string, string][] = [
    ...apiBases.map((b, i): [string, string] => [`API ${i}`, `${b} (Temporal ${frontend(i)})`]),
    ['Console', `${apiBases[0].replace(/\/api$/, '')}/console/`],
    ...workerPorts.map((p, i): [string, string] => [`Worker ${i}`, `http://127.0.0.1:${p}/metrics (Temporal ${frontend(i)})`]),
    ['Metrics', `${apiBases[0].replace(/\/api$/, '')}/metrics, and each worker's above`],
    [
      'Temporal',
      `${temporal.nodes.map((n) => n.frontendAddress).join(', ')} (real server ${server.source}, namespace ${config.TEMPORAL_NAMESPACE})`,
    ],
    ['Temporal UI', ui.url],
    ['PostgreSQL', postgresLine],
    ['App login', `${redactUrl(databases.appUrl)} (member of meritflow_app; migrations ran as ${NAMES.ownerRole})`],
    ['Data dir', dataDir],
  ];
  if (config.AUTH_LOCAL_ISSUER) rows.push(['Sign in (dev)', `POST ${apiBases[0]}/v1/auth/token {"sub","roles","agency"}`]);
  const rule = '-'.repeat(72);
  say(rule);
  say('meritflow is running in cluster mode. Press Ctrl-C to stop everything.');
  for (const [label, value] of rows) say(`  ${label.padEnd(13)} ${value}`);
  say(rule);
}

/** The three roles' passwords: made once, kept in the data directory (mode 0600) for later starts. */
async function clusterPasswords(dataDir: string): Promise<MeritflowDatabasePasswords> {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as MeritflowDatabasePasswords;
  const secret = () => randomBytes(18).toString('hex');
  const passwords = { owner: secret(), appLogin: secret(), temporal: secret() };
  await writeFile(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  return passwords;
}
