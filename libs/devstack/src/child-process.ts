import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { silentLogger, type LineLogger } from './log';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartProcessOptions {
  /** Used in messages, e.g. "worker". */
  name: string;
  command: string;
  args?: readonly string[];
  cwd?: string;
  /** Full environment of the child; defaults to the parent's. */
  env?: NodeJS.ProcessEnv;
  /** Run as another OS user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /** Receives every stdout and stderr line. */
  log?: LineLogger;
  /** Signal for a graceful stop; default SIGTERM. */
  stopSignal?: NodeJS.Signals;
  /** How long a graceful stop may take before SIGKILL; default 10 s. */
  stopTimeoutMs?: number;
  /** How many recent output lines to keep for error messages; default 40. */
  keepLines?: number;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Settles once the process has exited, however that happened. */
  readonly exited: Promise<ExitInfo>;
  /** Settles once its stdout and stderr are closed, i.e. every line has been delivered. */
  readonly outputClosed: Promise<void>;
  hasExited(): boolean;
  /** The last lines it printed, for error messages. */
  recentOutput(): string[];
  /** Graceful stop signal, then SIGKILL after the timeout; resolves when it is gone. */
  stop(): Promise<ExitInfo>;
  /** Immediate SIGKILL, synchronous: for process 'exit' handlers and forced exits. */
  killNow(): void;
}

const running = new Set<ManagedProcess>();

/** SIGKILLs every process started by startProcess that is still alive; last resort when the parent must exit now. */
export function killAllProcessesNow(): void {
  for (const p of running) p.killNow();
}

/** Describes an exit for humans: "exit code 1" or "signal SIGKILL". */
export function describeExit({ code, signal }: ExitInfo): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/** Spawns a long-running child in its own process group with line-by-line output forwarding; resolves once it has started. */
export async function startProcess(opts: StartProcessOptions): Promise<ManagedProcess> {
  const log = opts.log ?? silentLogger;
  const keep = opts.keepLines ?? 40;
  const stopSignal = opts.stopSignal ?? 'SIGTERM';
  const stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
  // Own process group (and session): a Ctrl-C in the terminal then reaches only the parent, which
  // can stop the children in a deliberate order instead of all of them dying at the same moment.
  const detached = process.platform !== 'win32';

  const child: ChildProcess = spawn(opts.command, opts.args ?? [], {
    cwd: opts.cwd,
    env: opts.env,
    uid: opts.uid,
    gid: opts.gid,
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new Error(`could not start ${opts.name} (${opts.command}): ${err.message}`)));
  });

  const recent: string[] = [];
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > keep) recent.shift();
    log(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }

  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      running.delete(handle);
      resolve(exitInfo);
    });
  });
  const outputClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const pid = child.pid as number;

  const signalTree = (signal: NodeJS.Signals) => {
    if (exitInfo) return;
    try {
      // The negative pid addresses the whole group, so grandchildren do not outlive a stop.
      process.kill(detached ? -pid : pid, signal);
    } catch {
      // Already gone.
    }
  };

  let stopping: Promise<ExitInfo> | undefined;
  const handle: ManagedProcess = {
    name: opts.name,
    pid,
    exited,
    outputClosed,
    hasExited: () => exitInfo !== undefined,
    recentOutput: () => [...recent],
    stop() {
      stopping ??= (async () => {
        if (exitInfo) return exitInfo;
        signalTree(stopSignal);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), stopTimeoutMs)));
        const first = await Promise.race([exited, timedOut]);
        clearTimeout(timer);
        if (first !== 'timeout') return first;
        log(`${opts.name} did not stop within ${Math.round(stopTimeoutMs / 1000)}s; sending SIGKILL`);
        signalTree('SIGKILL');
        return exited;
      })();
      return stopping;
    },
    killNow: () => signalTree('SIGKILL'),
  };
  running.add(handle);
  return handle;
}

/** Runs a command to completion, capturing its output; rejects with the tail of that output when it fails. */
export async function runToCompletion(opts: Omit<StartProcessOptions, 'stopSignal' | 'stopTimeoutMs'>): Promise<string[]> {
  const lines: string[] = [];
  const proc = await startProcess({
    ...opts,
    keepLines: opts.keepLines ?? 200,
    log: (line) => {
      lines.push(line);
      opts.log?.(line);
    },
  });
  const result = await proc.exited;
  await proc.outputClosed;
  if (result.code !== 0) {
    const tail = proc.recentOutput().slice(-20).join('\n    ');
    throw new Error(`${opts.name} failed (${describeExit(result)})${tail ? `:\n    ${tail}` : ''}`);
  }
  return lines;
}
