import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LocalIssuer } from '@meritflow/auth';
import { formatPayloadKeys, generatePayloadKey } from '@meritflow/codec';
import { loadTestStackConfig, workerNodeArgs } from '@meritflow/config';
import {
  createMeritflowDatabases,
  defaultTemporalCacheDir,
  dropMeritflowDatabases,
  getFreePort,
  prefixedLogger,
  resolveTemporalBinary,
  resolveTemporalServerBinaries,
  resolveTemporalUi,
  startProcess,
  startTemporalCluster,
  startTemporalUi,
  type ExitInfo,
  type ManagedProcess,
  type MeritflowDatabases,
  type TemporalCluster,
  type TemporalFrontendTls,
} from '@meritflow/devstack';
import { runMigrations } from '@meritflow/persistence';
import { adminDatabaseUrl, pauseArchiveSchedule, REPOSITORY_ROOT, waitForHealth } from './global-setup';
import type { TestStackState } from './test-stack';

/*
 * Cluster mode for the tests and the bench: the real Temporal server on PostgreSQL as two nodes
 * (127.0.0.1 and 127.0.0.2), its schema, namespace and search attributes set up by the same files
 * docker/ uses; meritflow's roles and databases created by docker/postgres/meritflow-roles.psql under
 * names unique to this run (dropped at the end); migrations as the owner; workers and API instances
 * connected as the least-privilege login. Everything on loopback, with small connection pools: the
 * machine's PostgreSQL allows 100 connections for everyone.
 */

const log = prefixedLogger('cluster', (t) => void process.stderr.write(t));

export interface ClusterStackOptions {
  workers?: number;
  apis?: number;
  nodeIps?: string[];
  /** Frontend TLS (the API and the workers then connect with TEMPORAL_TLS_* settings). */
  tls?: TemporalFrontendTls;
  /** Per process; default 3. */
  poolMax?: number;
  /** Temporal's connections per service and process (default 4/2, visibility 2/1). */
  temporalPool?: { maxConns: number; maxIdleConns: number; visibilityMaxConns: number; visibilityMaxIdleConns: number };
  /** Extra environment for the workers and APIs. */
  env?: NodeJS.ProcessEnv;
}

/** A worker process the test starts, kills and starts again itself (no supervisor: the test decides). */
export interface ClusterWorker {
  readonly index: number;
  readonly temporalAddress: string;
  readonly httpUrl: string;
  pid(): number;
  isRunning(): boolean;
  exited(): Promise<ExitInfo>;
  start(): Promise<void>;
  /** A signal to the worker process; SIGKILL is a crash, SIGTERM a graceful stop. */
  signal(signal: NodeJS.Signals): void;
  recentOutput(): string[];
}

export interface ClusterApi {
  readonly index: number;
  readonly url: string;
  readonly temporalAddress: string;
  pid(): number;
  exited(): Promise<ExitInfo>;
  signal(signal: NodeJS.Signals): void;
}

export interface ClusterStack {
  readonly temporal: TemporalCluster;
  /** The Temporal Web UI, reading from the first node. */
  readonly uiUrl: string;
  readonly databases: MeritflowDatabases;
  readonly workers: ClusterWorker[];
  readonly apis: ClusterApi[];
  /** For `new Stack(state)`: the stack as seen through API `i` (default 0). Reads go to the owner's URL. */
  state(api?: number): TestStackState;
  stop(): Promise<void>;
}

export async function startClusterStack(opts: ClusterStackOptions = {}): Promise<ClusterStack> {
  const config = loadTestStackConfig();
  const stops: (() => Promise<void>)[] = [];
  const started = Date.now();
  try {
    const cacheDir = defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME });
    const cli = await resolveTemporalBinary({ explicitPath: config.TEMPORAL_CLI_PATH, searchPath: config.PATH, cacheDir, log });
    const binaries = await resolveTemporalServerBinaries({
      explicitServer: config.TEMPORAL_SERVER_PATH,
      explicitSqlTool: config.TEMPORAL_SQL_TOOL_PATH,
      searchPath: config.PATH,
      cacheDir,
      log,
    });

    const adminUrl = await adminDatabaseUrl(config.TEST_DATABASE_URL, stops);
    // Unique per run, so parallel runs on one server never meet; dropped at the end.
    const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
    const names = {
      ownerRole: `mf_owner_${id}`,
      appDb: `meritflow_cluster_${id}`,
      appLoginRole: `mf_api_${id}`,
      temporalRole: `mf_temporal_${id}`,
      temporalDb: `temporal_${id}`,
      visibilityDb: `temporal_visibility_${id}`,
    };
    const secret = () => randomBytes(12).toString('hex');
    stops.push(() => dropMeritflowDatabases(adminUrl, names));
    const databases = await createMeritflowDatabases(adminUrl, names, { owner: secret(), appLogin: secret(), temporal: secret() });

    const temporal = await startTemporalCluster({
      server: binaries.server,
      sqlTool: binaries.sqlTool,
      cli: cli.path,
      persistence: databases.temporal,
      nodeIps: opts.nodeIps ?? ['127.0.0.1', '127.0.0.2'],
      namespace: 'default',
      retentionDays: 30,
      tls: opts.tls,
      pool: opts.temporalPool,
      logLevel: 'error',
      log,
    });
    stops.push(() => temporal.stop());
    const uiBinary = await resolveTemporalUi({ searchPath: config.PATH, cacheDir, log });
    const ui = await startTemporalUi({ ...uiBinary, address: temporal.address, namespace: 'default', tls: opts.tls, log });
    stops.push(async () => void (await ui.process.stop()));

    await runMigrations(databases.ownerUrl);

    const auth = { signingKeyPem: LocalIssuer.generatePem(), issuer: 'meritflow-test', audience: 'meritflow-api' };
    const tlsEnv: NodeJS.ProcessEnv = opts.tls
      ? {
          TEMPORAL_TLS_CA_FILE: opts.tls.caFile,
          ...(opts.tls.serverName ? { TEMPORAL_TLS_SERVER_NAME: opts.tls.serverName } : {}),
          ...(opts.tls.clientCertFile
            ? { TEMPORAL_TLS_CERT_FILE: opts.tls.clientCertFile, TEMPORAL_TLS_KEY_FILE: opts.tls.clientKeyFile }
            : {}),
        }
      : {};
    // One key per run, shared by every worker and API instance (as PAYLOAD_KEYS in production).
    const payloadKeys = formatPayloadKeys([generatePayloadKey(`cluster-${Date.now()}`)]);
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      PAYLOAD_KEYS: payloadKeys,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databases.appUrl,
      DATABASE_POOL_MAX: String(opts.poolMax ?? 3),
      TEMPORAL_NAMESPACE: 'default',
      MERITFLOW_ALLOW_TEST_SOPS: 'true',
      AUTH_LOCAL_ISSUER: 'true',
      AUTH_LOCAL_SIGNING_KEY: auth.signingKeyPem,
      AUTH_ISSUER: auth.issuer,
      AUTH_AUDIENCE: auth.audience,
      RATE_LIMIT_MAX: '100000',
      ARCHIVE_SWEEP_INTERVAL_SECONDS: '3600',
      // Below the default (4,000), so the 200-candidate selection of the scale test continues as new
      // through the API (issue 19 (n)); every other spec's selection stays far below it.
      SELECTION_HISTORY_LIMIT_EVENTS: '2000',
      WORKER_SHUTDOWN_GRACE_SECONDS: '60',
      API_SHUTDOWN_GRACE_SECONDS: '60',
      ...tlsEnv,
      ...opts.env,
    };
    // Each process talks to one node's frontend, as behind a load balancer that pins connections.
    const frontend = (i: number) => temporal.nodes[i % temporal.nodes.length].frontendAddress;

    const workers: ClusterWorker[] = [];
    for (let i = 0; i < (opts.workers ?? 2); i++) workers.push(await clusterWorker(i, frontend(i), baseEnv));
    stops.push(async () => {
      for (const w of workers) if (w.isRunning()) w.signal('SIGKILL');
    });
    const apis: ClusterApi[] = [];
    const apisStarted: Promise<void>[] = [];
    for (let i = 0; i < (opts.apis ?? 2); i++) {
      const port = await getFreePort();
      const proc = await startNode(`api-${i}`, 'dist/apps/api/src/main.js', {
        ...baseEnv,
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
        TEMPORAL_ADDRESS: frontend(i),
      });
      stops.push(async () => void (await proc.stop()));
      const url = `http://127.0.0.1:${port}/api`;
      apisStarted.push(waitForHealth(url, 120_000, proc));
      apis.push({
        index: i,
        url,
        temporalAddress: frontend(i),
        pid: () => proc.pid,
        exited: () => proc.exited,
        signal: (signal) => process.kill(proc.pid, signal),
      });
    }
    // All at once: each takes seconds to boot (the worker bundles the workflow code).
    await Promise.all([...workers.map((w) => w.start()), ...apisStarted]);
    // As on the test stack: the sweep's 3600 s aligns to the top of the hour, so it would archive a
    // spec's closed histories mid-test. Specs and the bench sweep on demand.
    await pauseArchiveSchedule(
      {
        address: temporal.address,
        tls: opts.tls && {
          serverRootCACertificate: readFileSync(opts.tls.caFile),
          serverNameOverride: opts.tls.serverName,
          clientCertPair:
            opts.tls.clientCertFile && opts.tls.clientKeyFile
              ? { crt: readFileSync(opts.tls.clientCertFile), key: readFileSync(opts.tls.clientKeyFile) }
              : undefined,
        },
      },
      'default',
    );
    log(`cluster stack ready in ${Date.now() - started} ms: Temporal ${temporal.nodes.map((n) => n.frontendAddress).join(', ')}`);

    return {
      temporal,
      uiUrl: ui.url,
      databases,
      workers,
      apis,
      state: (api = 0) => ({
        apiUrl: apis[api].url,
        databaseUrl: databases.ownerUrl,
        temporalAddress: apis[api].temporalAddress,
        namespace: 'default',
        workerPid: workers[0]?.pid() ?? 0,
        apiPid: apis[api].pid(),
        workerHttpUrl: workers[0]?.httpUrl,
        payloadKeys,
        ...(opts.tls
          ? {
              temporalTls: {
                caFile: opts.tls.caFile,
                certFile: opts.tls.clientCertFile,
                keyFile: opts.tls.clientKeyFile,
                serverName: opts.tls.serverName,
              },
            }
          : {}),
        auth,
      }),
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch((e) => log(`teardown: ${String(e)}`));
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw err;
  }
}

async function clusterWorker(index: number, temporalAddress: string, baseEnv: NodeJS.ProcessEnv): Promise<ClusterWorker> {
  const port = await getFreePort();
  let proc: ManagedProcess | undefined;
  const httpUrl = `http://127.0.0.1:${port}`;
  return {
    index,
    temporalAddress,
    httpUrl,
    pid: () => proc?.pid ?? 0,
    isRunning: () => !!proc && !proc.hasExited(),
    exited: () => proc!.exited,
    recentOutput: () => proc?.recentOutput() ?? [],
    signal: (signal) => process.kill(proc!.pid, signal),
    async start() {
      proc = await startNode(
        `worker-${index}`,
        'dist/apps/worker/src/main.js',
        { ...baseEnv, TEMPORAL_ADDRESS: temporalAddress, WORKER_HTTP_PORT: String(port) },
        workerNodeArgs(loadTestStackConfig()),
      );
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (proc.hasExited()) throw new Error(`worker-${index} exited while starting:\n${proc.recentOutput().join('\n')}`);
        const ready = await fetch(`${httpUrl}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) return;
        if (Date.now() > deadline) throw new Error(`worker-${index} not ready within 120 s`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

function startNode(name: string, script: string, env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): Promise<ManagedProcess> {
  return startProcess({
    name,
    command: process.execPath,
    args: [...nodeArgs, path.join(REPOSITORY_ROOT, script)],
    cwd: REPOSITORY_ROOT,
    env,
    log: prefixedLogger(name, (t) => void process.stderr.write(t)),
    stopTimeoutMs: 70_000,
  });
}
