import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { describeExit, startProcess, type ExitInfo, type ManagedProcess } from './child-process';
import { getFreePort, isPortFree, startWhilePortTaken } from './free-port';
import { silentLogger, type LineLogger } from './log';

export interface TemporalDevServerOptions {
  /** Path to the `temporal` CLI (see resolveTemporalBinary). */
  binary: string;
  /** Frontend gRPC port; 0 or omitted picks a free port. */
  port?: number;
  /** Web UI port; 0 picks a free port; omitted or false runs without the UI. */
  uiPort?: number | false;
  /** SQLite file that keeps workflows and timers across restarts; omitted keeps everything in memory. */
  dbFile?: string;
  /** Interface to bind; default 127.0.0.1 so the dev server is never exposed to the network. */
  ip?: string;
  /** Namespaces to create besides "default". */
  namespaces?: string[];
  /**
   * How long every namespace keeps a closed workflow's history, in days. Set explicitly: the dev
   * server's own default (1 day) is not a decision anyone made. Omitted leaves the server's default.
   */
  retentionDays?: number;
  /**
   * Custom search attributes to register on every namespace (`--search-attribute Name=Type`); a
   * workflow that upserts one the server does not know fails its workflow task.
   */
  searchAttributes?: readonly { name: string; type: 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList' }[];
  /**
   * Dynamic config values (`--dynamic-config-value key=json`) on top of MERITFLOW_DEV_DYNAMIC_CONFIG,
   * which every dev server gets (tests, bench, `npm start`).
   */
  dynamicConfig?: Readonly<Record<string, unknown>>;
  /** Server log level; default warn, since info floods the terminal. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'never';
  log?: LineLogger;
  /** How long to wait for the server to answer; default 60 s. */
  startTimeoutMs?: number;
  /** How long a graceful stop may take before SIGKILL; default 15 s. */
  stopTimeoutMs?: number;
  /** Aborting while starting stops the server and rejects. */
  signal?: AbortSignal;
  /** How a free port is chosen when one is 0 or omitted; default getFreePort. */
  pickPort?: (ip: string) => Promise<number>;
}

export interface TemporalDevServer {
  /** host:port for Connection.connect / NativeConnection.connect. */
  readonly address: string;
  readonly port: number;
  /** Present when the Web UI runs. */
  readonly uiUrl?: string;
  readonly pid: number;
  /** Settles if the server process exits, expectedly or not. */
  readonly exited: Promise<ExitInfo>;
  /** Stops the server (SIGTERM, SIGKILL after the timeout); resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * What every dev server runs with (issue 19). Eager activity dispatch: a workflow task that schedules
 * an activity on its own task queue gets the activity task back in the completion's answer, instead of
 * through matching; a decision's ledger write then starts at once. The server ships it off; the
 * cluster's docker/temporal/dynamicconfig/meritflow.yaml turns it on the same way.
 */
export const MERITFLOW_DEV_DYNAMIC_CONFIG: Readonly<Record<string, unknown>> = {
  'system.enableActivityEagerExecution': true,
};

/**
 * SQLite settings for a file-backed dev server (issue 19): a write-ahead log with synchronous=NORMAL,
 * as Temporal's own stress CI runs it. A commit then needs no fsync of the database file; the log is
 * synced at checkpoints, so a power cut can lose the last moments but never corrupts the file.
 */
export const SQLITE_FILE_PRAGMAS: readonly string[] = ['journal_mode=WAL', 'synchronous=NORMAL'];

/**
 * Starts `temporal server start-dev` and resolves once its frontend answers for every namespace; port 0
 * picks free ports. A port is free when chosen but the server binds it a moment later; if another
 * process took it in between, the server is started again on new ports (only for ports it chose).
 */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  // The CLI's own message for a taken port is buried in a Go stack of log lines; say it plainly up front.
  for (const [what, p] of [
    ['gRPC', opts.port],
    ['Web UI', opts.uiPort],
  ] as const) {
    if (p && !(await isPortFree(p, ip))) {
      throw new Error(`Temporal dev server ${what} port ${ip}:${p} is already in use (another Temporal server still running?)`);
    }
  }
  const pick = opts.pickPort ?? getFreePort;
  return startWhilePortTaken(
    'the Temporal dev server',
    { choosesPorts: !opts.port || opts.uiPort === 0, log: opts.log ?? silentLogger, signal: opts.signal },
    async () => {
      const port = opts.port || (await pick(ip));
      const uiPort = opts.uiPort === false || opts.uiPort === undefined ? undefined : opts.uiPort || (await pick(ip));
      return startOnPorts(opts, ip, port, uiPort);
    },
  );
}

async function startOnPorts(
  opts: TemporalDevServerOptions,
  ip: string,
  port: number,
  uiPort: number | undefined,
): Promise<TemporalDevServer> {
  const log = opts.log ?? silentLogger;
  const namespaces = [...new Set(['default', ...(opts.namespaces ?? [])])];

  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--log-level', opts.logLevel ?? 'warn', '--color', 'never'];
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (opts.dbFile) {
    await mkdir(path.dirname(path.resolve(opts.dbFile)), { recursive: true });
    args.push('--db-filename', path.resolve(opts.dbFile));
    for (const pragma of SQLITE_FILE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  for (const [key, value] of Object.entries({ ...MERITFLOW_DEV_DYNAMIC_CONFIG, ...opts.dynamicConfig })) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  for (const ns of namespaces.filter((n) => n !== 'default')) args.push('--namespace', ns);
  for (const sa of opts.searchAttributes ?? []) args.push('--search-attribute', `${sa.name}=${sa.type}`);

  let stopping = false;
  const proc = await startProcess({
    name: 'temporal dev server',
    command: opts.binary,
    args,
    log: (line) => {
      // A client that hangs up (a worker shutting down cancels its long polls) is logged as a server
      // ERROR with "context canceled"; and while stopping, its internal workers warn about every poll
      // the shutdown cuts off. Both are expected and only bury real problems.
      if (line.includes('context canceled') || (stopping && line.includes(' level=WARN '))) return;
      log(line);
    },
    stopSignal: 'SIGTERM',
    stopTimeoutMs: opts.stopTimeoutMs ?? 15_000,
  });
  const address = `${ip}:${port}`;

  try {
    await waitUntilServing(proc, address, namespaces, opts.startTimeoutMs ?? 60_000, opts.signal);
    if (opts.retentionDays) await setRetention(address, namespaces, opts.retentionDays);
  } catch (err) {
    await proc.stop();
    throw err;
  }

  return {
    address,
    port,
    uiUrl: uiPort === undefined ? undefined : `http://${ip}:${uiPort}`,
    pid: proc.pid,
    exited: proc.exited,
    stop: async () => {
      stopping = true;
      await proc.stop();
    },
  };
}

/** Sets each namespace's retention; the dev server has no flag for it. */
export async function setRetention(address: string, namespaces: readonly string[], days: number): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    for (const namespace of namespaces) {
      await connection.workflowService.updateNamespace({
        namespace,
        config: { workflowExecutionRetentionTtl: msToTs(days * 24 * 60 * 60 * 1000) },
      });
    }
  } finally {
    await connection.close();
  }
}

async function waitUntilServing(
  proc: ManagedProcess,
  address: string,
  namespaces: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error('aborted while waiting for the Temporal dev server');
    if (proc.hasExited()) {
      const info = await proc.exited;
      const tail = proc.recentOutput().slice(-15).join('\n    ');
      throw new Error(`Temporal dev server exited during start-up (${describeExit(info)})${tail ? `:\n    ${tail}` : ''}`);
    }
    let connection: Connection | undefined;
    try {
      // lazy, then ensureConnected: a connect that fails must still be closed, or its channel lingers
      // (and keeps a socket open to whatever answered on the port).
      connection = Connection.lazy({ address, connectTimeout: 2_000 });
      await connection.ensureConnected();
      // The frontend accepts connections slightly before namespaces are registered; wait for those too.
      // Each call has a deadline: whatever holds the port may accept the connection and never answer
      // (another process that took a port chosen for this server), and the exit check above must run.
      const open = connection;
      for (const namespace of namespaces) {
        await open.withDeadline(Date.now() + 2_000, () => open.workflowService.describeNamespace({ namespace }));
      }
      return;
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await connection?.close().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Temporal dev server at ${address} did not answer within ${Math.round(timeoutMs / 1000)}s (last error: ${lastError})`);
}
