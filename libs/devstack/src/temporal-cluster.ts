import * as path from 'node:path';
import { Connection, type TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { describeExit, runToCompletion, startProcess, type ExitInfo, type ManagedProcess } from './child-process';
import { getFreePort } from './free-port';
import { silentLogger, type LineLogger } from './log';
import { projectFile, type MeritflowDatabases } from './meritflow-databases';

/*
 * The real Temporal server on PostgreSQL, run as processes (no Docker): the schema set up by the same
 * script docker/ runs (docker/temporal/setup-schema.sh), each node configured by the same file
 * (docker/temporal/config/meritflow.yaml) and dynamic config, and the namespace and its search
 * attributes registered by the same script (docker/temporal/create-namespace.sh).
 */

const CONFIG_FILE = () => projectFile('docker/temporal/config/meritflow.yaml');

/** The ports every node uses on its own IP (nodes differ by IP, as hosts would). */
export interface TemporalClusterPorts {
  frontendGrpc: number;
  frontendHttp: number;
  frontendMembership: number;
  historyGrpc: number;
  historyMembership: number;
  matchingGrpc: number;
  matchingMembership: number;
  workerGrpc: number;
  workerMembership: number;
}

/** TLS on the frontend: what it presents, and (with a client CA) whom it admits. */
export interface TemporalFrontendTls {
  certFile: string;
  keyFile: string;
  /** The CA that signed certFile: the server's own clients (and the namespace script) trust it. */
  caFile: string;
  /** Require and check client certificates signed by this CA (mutual TLS). */
  clientCaFile?: string;
  /** The name certFile is issued for, when clients reach the frontend by IP. */
  serverName?: string;
  /** A client certificate for the namespace script when the frontend requires one. */
  clientCertFile?: string;
  clientKeyFile?: string;
}

export interface TemporalClusterOptions {
  server: string;
  sqlTool: string;
  /** The `temporal` CLI, for the namespace script. */
  cli: string;
  persistence: MeritflowDatabases['temporal'];
  /** One node per IP, each running all four services in one process. Loopback addresses (127.0.0.x) on one machine. */
  nodeIps: readonly string[];
  /** Omitted: free ports, the same on every IP. */
  ports?: TemporalClusterPorts;
  namespace: string;
  retentionDays: number;
  /** Fixed at the first start of a database. Default 4. */
  numHistoryShards?: number;
  /** Connections per service per process: default 4/2 for persistence, 2/1 for visibility. */
  pool?: { maxConns: number; maxIdleConns: number; visibilityMaxConns: number; visibilityMaxIdleConns: number };
  tls?: TemporalFrontendTls;
  /** Server log level; default warn. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  log?: LineLogger;
  signal?: AbortSignal;
}

export interface TemporalNode {
  readonly ip: string;
  /** host:port of this node's frontend. */
  readonly frontendAddress: string;
  pid(): number;
  /** Settles when the current process exits. */
  exited(): Promise<ExitInfo>;
  isRunning(): boolean;
  /** kill -9 of the node's process (group), as a crash would; resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts the node again (after kill or stop) and waits until its frontend serves. */
  restart(): Promise<void>;
  /** Graceful stop (SIGTERM, then SIGKILL after 20 s). */
  stop(): Promise<void>;
}

export interface TemporalCluster {
  readonly nodes: readonly TemporalNode[];
  /** The first node's frontend. */
  readonly address: string;
  readonly ports: TemporalClusterPorts;
  stop(): Promise<void>;
}

/**
 * Ports free on every one of `ips` (so every node binds the same numbers), below 32768 (getFreePort):
 * Temporal keeps each node's membership port in a PostgreSQL smallint, and a port above 32767 stops the
 * node at start-up.
 */
export async function freeClusterPorts(ips: readonly string[]): Promise<TemporalClusterPorts> {
  const names: (keyof TemporalClusterPorts)[] = [
    'frontendGrpc',
    'frontendHttp',
    'frontendMembership',
    'historyGrpc',
    'historyMembership',
    'matchingGrpc',
    'matchingMembership',
    'workerGrpc',
    'workerMembership',
  ];
  const ports = {} as TemporalClusterPorts;
  for (const name of names) ports[name] = await getFreePort(ips);
  return ports;
}

/** The environment config/meritflow.yaml reads, for one node. */
export function temporalNodeEnv(opts: TemporalClusterOptions, ports: TemporalClusterPorts, ip: string): NodeJS.ProcessEnv {
  const p = opts.persistence;
  const pool = opts.pool ?? { maxConns: 4, maxIdleConns: 2, visibilityMaxConns: 2, visibilityMaxIdleConns: 1 };
  const tls = opts.tls;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TEMPORAL_LOG_LEVEL: opts.logLevel ?? 'warn',
    NUM_HISTORY_SHARDS: String(opts.numHistoryShards ?? 4),
    POSTGRES_SEEDS: p.host,
    DB_PORT: String(p.port),
    POSTGRES_USER: p.user,
    POSTGRES_PWD: p.password,
    DBNAME: p.database,
    VISIBILITY_DBNAME: p.visibilityDatabase,
    SQL_MAX_CONNS: String(pool.maxConns),
    SQL_MAX_IDLE_CONNS: String(pool.maxIdleConns),
    SQL_VIS_MAX_CONNS: String(pool.visibilityMaxConns),
    SQL_VIS_MAX_IDLE_CONNS: String(pool.visibilityMaxIdleConns),
    BIND_ON_IP: ip,
    TEMPORAL_BROADCAST_ADDRESS: ip,
    PUBLIC_FRONTEND_ADDRESS: `${opts.nodeIps[0]}:${ports.frontendGrpc}`,
    FRONTEND_GRPC_PORT: String(ports.frontendGrpc),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.historyGrpc),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matchingGrpc),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.workerGrpc),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    DYNAMIC_CONFIG_FILE_PATH: projectFile('docker/temporal/dynamicconfig/meritflow.yaml'),
    ...(tls
      ? {
          TEMPORAL_TLS_FRONTEND_CERT: tls.certFile,
          TEMPORAL_TLS_FRONTEND_KEY: tls.keyFile,
          TEMPORAL_TLS_SERVER_CA_CERT: tls.caFile,
          TEMPORAL_TLS_FRONTEND_SERVER_NAME: tls.serverName ?? '',
          ...(tls.clientCaFile ? { TEMPORAL_TLS_CLIENT_CA_CERT: tls.clientCaFile } : {}),
        }
      : {}),
  };
}

/** What the SDK needs to reach a TLS frontend, from the same files. */
export function clusterClientTls(tls: TemporalFrontendTls | undefined): TLSConfig | undefined {
  if (!tls) return undefined;
  return {
    serverRootCACertificate: readFileSync(tls.caFile),
    ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
    ...(tls.clientCertFile && tls.clientKeyFile
      ? { clientCertPair: { crt: readFileSync(tls.clientCertFile), key: readFileSync(tls.clientKeyFile) } }
      : {}),
  };
}

/** Sets up the schema, starts every node, registers the namespace and its search attributes. */
export async function startTemporalCluster(opts: TemporalClusterOptions): Promise<TemporalCluster> {
  const log = opts.log ?? silentLogger;
  const ports = opts.ports ?? (await freeClusterPorts(opts.nodeIps));
  const p = opts.persistence;

  log(`schema: ${p.database} and ${p.visibilityDatabase} on ${p.host}:${p.port} (docker/temporal/setup-schema.sh)`);
  await runToCompletion({
    name: 'setup-schema.sh',
    command: 'sh',
    args: [projectFile('docker/temporal/setup-schema.sh')],
    env: {
      PATH: process.env.PATH,
      POSTGRES_SEEDS: p.host,
      DB_PORT: String(p.port),
      POSTGRES_USER: p.user,
      POSTGRES_PWD: p.password,
      DBNAME: p.database,
      VISIBILITY_DBNAME: p.visibilityDatabase,
      TEMPORAL_SQL_TOOL: opts.sqlTool,
    },
  });

  const nodes: ManagedNode[] = opts.nodeIps.map((ip) => new ManagedNode(opts, ports, ip, log));
  try {
    // One after the other: the first node creates the cluster metadata the others join.
    for (const node of nodes) await node.start(opts.signal);
    const address = nodes[0].frontendAddress;
    log(`namespace ${opts.namespace} (retention ${opts.retentionDays} days) and search attributes (docker/temporal/create-namespace.sh)`);
    const tls = opts.tls;
    const cliFlags = tls
      ? [
          `--tls-ca-path ${tls.caFile}`,
          tls.serverName ? `--tls-server-name ${tls.serverName}` : '',
          tls.clientCertFile ? `--tls-cert-path ${tls.clientCertFile} --tls-key-path ${tls.clientKeyFile}` : '',
        ]
          .filter(Boolean)
          .join(' ')
      : '';
    await runToCompletion({
      name: 'create-namespace.sh',
      command: 'sh',
      args: [projectFile('docker/temporal/create-namespace.sh')],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: opts.namespace,
        TEMPORAL_RETENTION_DAYS: String(opts.retentionDays),
        TEMPORAL_CLI: opts.cli,
        TEMPORAL_CLI_FLAGS: cliFlags,
      },
    });
    return {
      nodes,
      address,
      ports,
      stop: async () => {
        // Every node quiet first: the last ones up would otherwise log each peer's departure.
        for (const node of nodes) node.quiet();
        for (const node of [...nodes].reverse()) await node.stop();
      },
    };
  } catch (err) {
    for (const node of nodes) await node.stop().catch(() => {});
    throw err;
  }
}

/** A server log line (JSON) as one short line: level, message, error; the Go stack trace is left out. */
export function compactServerLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const extra = ['error', 'service', 'shard-id', 'address'].filter((k) => entry[k] !== undefined).map((k) => `${k}=${String(entry[k])}`);
    return [String(entry.level ?? '').toUpperCase(), String(entry.msg ?? ''), ...extra].join(' ');
  } catch {
    return line;
  }
}

/** Startup and handover noise the server logs at WARN/ERROR while shards move; harmless (stack-notes). */
const HARMLESS = [
  /shard status unknown/i,
  /Couldn't acquire shard/i,
  /context canceled/i,
  /shard ownership lost/i,
  /shard closed/i,
  // While a node is down (or restarting), the others cannot reach it until the ring drops it, and
  // calls routed to it fail and are retried.
  /network dial error/i,
  /error fetching user data from parent/i,
  /service failures/i,
  /Shard is owned by/i,
  /Failed to poll for task/i,
  /Nexus endpoints table ownership lost/i,
  /Frontend is not healthy yet/i,
];

class ManagedNode implements TemporalNode {
  readonly frontendAddress: string;
  private proc?: ManagedProcess;
  private stopping = false;

  constructor(
    private readonly opts: TemporalClusterOptions,
    private readonly ports: TemporalClusterPorts,
    readonly ip: string,
    private readonly log: LineLogger,
  ) {
    this.frontendAddress = `${ip}:${ports.frontendGrpc}`;
  }

  pid(): number {
    return this.proc?.pid ?? 0;
  }

  exited(): Promise<ExitInfo> {
    if (!this.proc) throw new Error(`node ${this.ip} never started`);
    return this.proc.exited;
  }

  isRunning(): boolean {
    return !!this.proc && !this.proc.hasExited();
  }

  async start(signal?: AbortSignal): Promise<void> {
    this.stopping = false;
    const tag = `temporal ${this.ip}`;
    this.proc = await startProcess({
      name: tag,
      command: this.opts.server,
      // --config is read relative to --root (an absolute --config would be made relative too).
      args: ['--root', path.dirname(path.dirname(CONFIG_FILE())), '--config', 'config', '--env', 'meritflow', '--allow-no-auth', 'start'],
      env: temporalNodeEnv(this.opts, this.ports, this.ip),
      log: (line) => {
        if (HARMLESS.some((re) => re.test(line)) || (this.stopping && /"level":"(warn|error)"/.test(line))) return;
        this.log(`[${this.ip}] ${compactServerLine(line)}`);
      },
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 20_000,
      keepLines: 60,
    });
    await this.waitUntilServing(signal);
  }

  async restart(): Promise<void> {
    if (this.isRunning()) throw new Error(`node ${this.ip} is still running`);
    await this.start(this.opts.signal);
  }

  async kill(): Promise<void> {
    if (!this.proc) return;
    this.proc.killNow();
    await this.proc.exited;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.proc?.stop();
  }

  /** From now on only fatal problems are logged (the cluster is being stopped). */
  quiet(): void {
    this.stopping = true;
  }

  private async waitUntilServing(signal?: AbortSignal): Promise<void> {
    const proc = this.proc!;
    const deadline = Date.now() + 90_000;
    let last = '';
    while (Date.now() < deadline) {
      if (signal?.aborted) throw new Error('aborted while waiting for the Temporal server');
      if (proc.hasExited()) {
        const tail = proc.recentOutput().slice(-20).join('\n    ');
        throw new Error(`Temporal node ${this.ip} exited during start-up (${describeExit(await proc.exited)}):\n    ${tail}`);
      }
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({
          address: this.frontendAddress,
          connectTimeout: 2_000,
          tls: clusterClientTls(this.opts.tls),
        });
        const res = await connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
        if (res.status === 1) return;
        last = `health status ${res.status}`;
      } catch (err) {
        last = (err as Error).message;
      } finally {
        await connection?.close().catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`Temporal node ${this.ip} did not serve within 90 s (last: ${last})`);
  }
}
