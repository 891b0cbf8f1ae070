import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { LocalIssuer } from '@meritflow/auth';
import { formatPayloadKeys, generatePayloadKey } from '@meritflow/codec';
import { parsePayloadKeys } from '@meritflow/config';
import {
  describeExit,
  killAllProcessesNow,
  prefixedLogger,
  ProcessLedger,
  reclaimFromLedger,
  startProcess,
  type ExitInfo,
  type ManagedProcess,
} from '@meritflow/devstack';

/*
 * What both launcher modes share: every component started is remembered, a component that dies on its
 * own takes the whole stack down, and Ctrl-C stops everything in reverse order (twice: at once).
 */

export const say = prefixedLogger('meritflow');
const HEALTH_TIMEOUT_MS = 90_000;

export interface Running {
  name: string;
  stop(): Promise<void>;
  /** Settles when the component dies on its own; set for everything we run as a process. */
  exited?: Promise<ExitInfo>;
  pid?: number;
  stopSignal?: NodeJS.Signals;
}

export class ShutdownRequested extends Error {}

const started: Running[] = [];
const abort = new AbortController();
let stopping = false;
let firstSignalAt = 0;
let startup: Promise<void> = Promise.resolve();
let ledger: ProcessLedger | undefined;

/** Aborted once a shutdown begins: long start steps (a Go build) watch it. */
export const abortSignal = abort.signal;

/** Runs a mode's start-up; a failure stops whatever it had started. */
export async function runStartup(start: () => Promise<void>): Promise<void> {
  startup = start();
  try {
    await startup;
  } catch (err) {
    if (stopping) return; // a shutdown is already under way and will exit
    say(`start-up failed: ${(err as Error).message}`);
    await shutdown(1);
  }
}

/** Stops what a killed launcher left running (recorded in `file`), then records this run's processes there. */
export async function useProcessLedger(file: string): Promise<void> {
  await reclaimFromLedger(file, say);
  ledger = new ProcessLedger(file);
}

/** The development token issuer's key, kept in the data directory so tokens outlive a restart. */
export async function localIssuerKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'auth', 'local-issuer.pem');
  if (existsSync(file)) return readFile(file, 'utf8');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const pem = LocalIssuer.generatePem();
  await writeFile(file, pem, { mode: 0o600 });
  say(`generated the local token issuer's key in ${file}`);
  return pem;
}

const PAYLOAD_KEYS_FILE_HEADER = [
  '# meritflow development payload keys (npm start), one keyId:base64key per line. Not for production.',
  '# Workflow data in .data/temporal and in the history archive is encrypted with these keys: keep',
  '# this file as long as that data. To rotate, add a new key on a line below: the last one encrypts,',
  '# every one decrypts.',
].join('\n');

/**
 * The development payload keys, kept in the data directory next to the data they encrypt, so a
 * restart still reads the histories Temporal and the archive hold. Never used in production: the
 * configuration refuses to start the launcher there without PAYLOAD_KEYS.
 */
export async function developmentPayloadKeys(dataDir: string): Promise<{ keys: string; activeKeyId: string; file: string }> {
  const file = path.join(dataDir, 'keys', 'payload-keys');
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const key = generatePayloadKey(`dev-${new Date().toISOString().slice(0, 10)}`);
    await writeFile(file, `${PAYLOAD_KEYS_FILE_HEADER}\n${formatPayloadKeys([key])}\n`, { mode: 0o600 });
    say(`generated a development payload key in ${file}`);
  }
  const keys = parsePayloadKeys(await readFile(file, 'utf8'));
  return { keys: formatPayloadKeys(keys), activeKeyId: keys[keys.length - 1].id, file };
}

export async function startNodeChild(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  stopTimeoutMs: number,
  nodeArgs: readonly string[] = [],
): Promise<ManagedProcess> {
  const proc = await startProcess({
    name,
    command: process.execPath,
    args: [...nodeArgs, script],
    env,
    log: prefixedLogger(name),
    stopSignal: 'SIGTERM',
    stopTimeoutMs,
  });
  track({ name, stop: async () => void (await proc.stop()), exited: proc.exited, pid: proc.pid });
  say(`${name} started (pid ${proc.pid})`);
  return proc;
}

export async function waitForHealth(url: string, watched: ManagedProcess[]): Promise<void> {
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

export function checkAborted(): void {
  if (abort.signal.aborted) throw new ShutdownRequested();
}

export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Remembers a started component for the shutdown and takes the whole stack down if it dies on its own. */
export function track(component: Running): void {
  started.push(component);
  if (component.pid) ledger?.add(component.name, component.pid, component.stopSignal);
  // A half-running system misleads more than a stopped one.
  void component.exited?.then((info) => {
    if (stopping) return;
    say(`ERROR: ${component.name} exited unexpectedly (${describeExit(info)}); stopping everything`);
    void shutdown(1);
  });
}

export async function shutdown(exitCode: number): Promise<void> {
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

export function installSignalHandlers(): void {
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
