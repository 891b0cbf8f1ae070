import { constants } from 'node:fs';
import { access, chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { describeExit, startProcess } from './child-process';
import { silentLogger, type LineLogger } from './log';

/** Newest CLI tag without a `replace` directive in its go.mod; later tags cannot be `go install`ed. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

const EXE = process.platform === 'win32' ? '.exe' : '';

export type TemporalBinarySource = 'explicit' | 'path' | 'cache' | 'built' | 'downloaded';

export interface ResolvedTemporalBinary {
  path: string;
  source: TemporalBinarySource;
}

export interface ResolveTemporalBinaryOptions {
  /** TEMPORAL_CLI_PATH: used as is, and an error if it is not an executable file. */
  explicitPath?: string;
  /** PATH-style directory list searched for `temporal` (and `go`); omit to skip the PATH lookup. */
  searchPath?: string;
  /** Per-user directory holding the built or downloaded binary; see defaultTemporalCacheDir(). */
  cacheDir: string;
  log?: LineLogger;
  /** Build from source with `go install` when Go is available; default true. */
  allowBuild?: boolean;
  /** Let the Temporal SDK download a release binary; default true. */
  allowDownload?: boolean;
  /** Aborts a running build or download. */
  signal?: AbortSignal;
}

export class TemporalBinaryNotFoundError extends Error {
  constructor(
    readonly attempts: string[],
    cacheDir: string,
  ) {
    super(
      [
        'No Temporal CLI (`temporal`) available. Tried:',
        ...attempts.map((a) => `  - ${a}`),
        'To fix, do one of:',
        `  - install Go (https://go.dev/dl/) and start again: the CLI is then built once into ${cacheDir}`,
        `    (equivalent to: GOBIN=${cacheDir} go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION})`,
        '  - install the Temporal CLI yourself and put it on PATH or set TEMPORAL_CLI_PATH=/path/to/temporal',
        '  - use a Temporal server that is already running: TEMPORAL_ADDRESS=host:7233',
      ].join('\n'),
    );
    this.name = 'TemporalBinaryNotFoundError';
  }
}

/** `<XDG_CACHE_HOME or ~/.cache>/meritflow/bin`: per user, so every clone reuses one (slow to build) binary. */
export function defaultTemporalCacheDir(opts: { xdgCacheHome?: string; homeDir?: string } = {}): string {
  const root = opts.xdgCacheHome && path.isAbsolute(opts.xdgCacheHome) ? opts.xdgCacheHome : path.join(opts.homeDir ?? homedir(), '.cache');
  return path.join(root, 'meritflow', 'bin');
}

/** Finds a `temporal` CLI: explicit path, then PATH, then the cache, then a Go build, then the SDK download; throws TemporalBinaryNotFoundError. */
export async function resolveTemporalBinary(opts: ResolveTemporalBinaryOptions): Promise<ResolvedTemporalBinary> {
  const log = opts.log ?? silentLogger;
  const attempts: string[] = [];

  if (opts.explicitPath) {
    const explicit = path.resolve(opts.explicitPath);
    // A path the user named is never silently replaced by another binary.
    if (!(await isExecutableFile(explicit))) {
      throw new Error(`TEMPORAL_CLI_PATH=${opts.explicitPath} is not an executable file`);
    }
    return { path: explicit, source: 'explicit' };
  }
  attempts.push('TEMPORAL_CLI_PATH: not set');

  if (opts.searchPath !== undefined) {
    const onPath = await findOnPath('temporal', opts.searchPath);
    if (onPath) return { path: onPath, source: 'path' };
    attempts.push('PATH: no executable `temporal`');
  } else {
    attempts.push('PATH: not searched');
  }

  const cached = path.join(opts.cacheDir, `temporal${EXE}`);
  if (await isExecutableFile(cached)) return { path: cached, source: 'cache' };
  attempts.push(`cache: ${cached} does not exist`);

  if (opts.allowBuild === false) {
    attempts.push('build with Go: disabled');
  } else {
    const go = await findGo(opts.searchPath);
    if (!go) {
      attempts.push('build with Go: `go` not found on PATH');
    } else {
      try {
        return { path: await buildWithGo(go, opts.cacheDir, log, opts.signal), source: 'built' };
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        attempts.push(`build with Go: failed: ${(err as Error).message}`);
        log(`building the Temporal CLI failed: ${(err as Error).message}`);
      }
    }
  }

  if (opts.allowDownload === false) {
    attempts.push('download through the Temporal SDK: disabled');
  } else {
    try {
      return { path: await downloadWithSdk(opts.cacheDir, log, opts.signal), source: 'downloaded' };
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      attempts.push(`download through the Temporal SDK: failed: ${firstLine((err as Error).message)}`);
    }
  }

  throw new TemporalBinaryNotFoundError(attempts, opts.cacheDir);
}

export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable `name` in a PATH-style list, like `which`. */
export async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, name + EXE);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export async function findGo(searchPath: string | undefined): Promise<string | undefined> {
  if (searchPath !== undefined) {
    const onPath = await findOnPath('go', searchPath);
    if (onPath) return onPath;
  }
  // Go's official tarball installs here, and non-login shells often lack it on PATH.
  const standard = `/usr/local/go/bin/go${EXE}`;
  return (await isExecutableFile(standard)) ? standard : undefined;
}

async function buildWithGo(go: string, cacheDir: string, log: LineLogger, signal?: AbortSignal): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  // Build into a private GOBIN and rename: a concurrent reader never sees a half-written binary.
  const gobin = await mkdtemp(path.join(cacheDir, '.build-'));
  const started = Date.now();
  log(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} from source with Go (${go}) into ${cacheDir}`);
  log('this takes several minutes the first time; later starts (from any clone) reuse the binary');
  try {
    await runGo({
      go,
      args: ['install', '-v', `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`],
      env: { ...process.env, GOBIN: gobin },
      what: 'go install',
      log,
      signal,
    });
    const target = path.join(cacheDir, `temporal${EXE}`);
    await rename(path.join(gobin, `temporal${EXE}`), target);
    log(`built ${target} in ${Math.round((Date.now() - started) / 1000)}s`);
    return target;
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

export interface RunGoOptions {
  go: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Names the step in messages, e.g. "go install". */
  what: string;
  log: LineLogger;
  signal?: AbortSignal;
}

/** Runs a (slow) go command with a progress line every 20 s; rejects with the tail of its output when it fails. */
export async function runGo(opts: RunGoOptions): Promise<void> {
  const started = Date.now();
  let downloaded = 0;
  let compiled = 0;
  let last = '';
  const proc = await startProcess({
    name: opts.what,
    command: opts.go,
    args: opts.args,
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    keepLines: 30,
    log: (line) => {
      if (line.startsWith('go: downloading')) downloaded++;
      else if (!line.startsWith('go:') && !line.includes(' ')) {
        compiled++;
        last = line;
      }
    },
  });
  const onAbort = () => void proc.stop();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const progress = setInterval(() => {
    const secs = Math.round((Date.now() - started) / 1000);
    opts.log(
      `still building (${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s: ${downloaded} modules downloaded, ${compiled} packages compiled${last ? `, last ${last}` : ''})`,
    );
  }, 20_000);
  const result = await proc.exited.finally(() => {
    clearInterval(progress);
    opts.signal?.removeEventListener('abort', onAbort);
  });
  await proc.outputClosed;
  if (opts.signal?.aborted) throw new Error('build aborted');
  if (result.code !== 0) {
    const tail = proc.recentOutput().slice(-15).join('\n    ');
    throw new Error(`${opts.what} ended with ${describeExit(result)}:\n    ${tail}`);
  }
}

async function downloadWithSdk(cacheDir: string, log: LineLogger, signal?: AbortSignal): Promise<string> {
  const downloadDir = path.join(cacheDir, 'sdk-download');
  await mkdir(downloadDir, { recursive: true });
  log('asking the Temporal SDK to download the CLI (needs internet access)');

  // A devDependency: absent from production installs, where this step simply reports it cannot run.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const { Runtime } = await import('@temporalio/worker');
  try {
    // The SDK runtime would otherwise take over SIGINT/SIGTERM, which belong to the caller.
    Runtime.install({ shutdownSignals: [] });
  } catch {
    // Already installed by the caller, who then owns the signal policy.
  }
  if (signal?.aborted) throw new Error('download aborted');

  // createLocal downloads and then starts a server; only the downloaded file is wanted here.
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir }, ip: '127.0.0.1' },
  });
  await env.teardown();

  const files = await readdir(downloadDir);
  let newest: { file: string; mtime: number } | undefined;
  for (const name of files.filter((f) => f.startsWith('temporal'))) {
    const file = path.join(downloadDir, name);
    const s = await stat(file);
    if (s.isFile() && (!newest || s.mtimeMs > newest.mtime)) newest = { file, mtime: s.mtimeMs };
  }
  if (!newest) throw new Error(`the SDK reported success but left no binary in ${downloadDir}`);

  const target = path.join(cacheDir, `temporal${EXE}`);
  const tmp = `${target}.${process.pid}.tmp`;
  await copyFile(newest.file, tmp);
  await chmod(tmp, 0o755);
  await rename(tmp, target);
  log(`downloaded the Temporal CLI to ${target}`);
  return target;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
