import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { silentLogger, type LineLogger } from './log';
import { runToCompletion } from './child-process';
import { findGo, isExecutableFile, runGo } from './temporal-binary';

/**
 * The real Temporal server, the one the CLI v1.5.1 embeds in its dev server (so the dev server, cluster
 * mode and docker/ run one server version). Its go.mod has no `replace`, so it builds as a dependency.
 */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
const SERVER_PACKAGE = `${TEMPORAL_SERVER_MODULE}/cmd/server`;
const SQL_TOOL_PACKAGE = `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql`;

export interface TemporalServerBinaries {
  /** `temporal-server`: runs any of frontend, history, matching, worker (all by default). */
  server: string;
  /** `temporal-sql-tool`: creates and upgrades the PostgreSQL schemas (built into the tool). */
  sqlTool: string;
  source: 'explicit' | 'cache' | 'built';
}

export interface ResolveTemporalServerOptions {
  /** TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH: used as they are, an error if not executable. */
  explicitServer?: string;
  explicitSqlTool?: string;
  /** The per-user cache shared with the CLI (defaultTemporalCacheDir()). */
  cacheDir: string;
  /** PATH-style list searched for `go`. */
  searchPath?: string;
  log?: LineLogger;
  signal?: AbortSignal;
}

/** The cached file names carry the version: a version bump builds anew instead of running an old binary. */
export const cachedServerBinaries = (cacheDir: string): { server: string; sqlTool: string } => {
  const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
  return { server: path.join(cacheDir, `temporal-server-${version}`), sqlTool: path.join(cacheDir, `temporal-sql-tool-${version}`) };
};

/**
 * The Go module the server is built in: it only names the server as a dependency. Generated into a
 * scratch folder at build time; the project holds no Go code. The `tool` block keeps the two
 * packages in the module graph should anyone run `go mod tidy` there.
 */
export const serverBuildModule = (): string =>
  [
    'module meritflow.local/temporal-server-build',
    '',
    'go 1.24',
    '',
    `require ${TEMPORAL_SERVER_MODULE} ${TEMPORAL_SERVER_VERSION}`,
    '',
    'tool (',
    `\t${SERVER_PACKAGE}`,
    `\t${SQL_TOOL_PACKAGE}`,
    ')',
    '',
  ].join('\n');

/** Finds or builds `temporal-server` and `temporal-sql-tool`: explicit paths, then the cache, then a Go build into the cache. */
export async function resolveTemporalServerBinaries(opts: ResolveTemporalServerOptions): Promise<TemporalServerBinaries> {
  const log = opts.log ?? silentLogger;
  if (opts.explicitServer || opts.explicitSqlTool) {
    if (!opts.explicitServer || !opts.explicitSqlTool) {
      throw new Error('set both TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH, or neither (the server and its schema tool go together)');
    }
    for (const [name, file] of [
      ['TEMPORAL_SERVER_PATH', opts.explicitServer],
      ['TEMPORAL_SQL_TOOL_PATH', opts.explicitSqlTool],
    ] as const) {
      if (!(await isExecutableFile(path.resolve(file)))) throw new Error(`${name}=${file} is not an executable file`);
    }
    return { server: path.resolve(opts.explicitServer), sqlTool: path.resolve(opts.explicitSqlTool), source: 'explicit' };
  }

  const cached = cachedServerBinaries(opts.cacheDir);
  if ((await isExecutableFile(cached.server)) && (await isExecutableFile(cached.sqlTool))) return { ...cached, source: 'cache' };

  const go = await findGo(opts.searchPath);
  if (!go) {
    throw new Error(
      [
        `No Temporal server binaries in ${opts.cacheDir}, and no Go to build them with.`,
        'To fix, do one of:',
        `  - install Go (https://go.dev/dl/) and start again: ${TEMPORAL_SERVER_MODULE} ${TEMPORAL_SERVER_VERSION} is then built once into ${opts.cacheDir}`,
        '  - build them yourself and set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH',
      ].join('\n'),
    );
  }
  await buildServer(go, opts.cacheDir, log, opts.signal);
  return { ...cached, source: 'built' };
}

async function buildServer(go: string, cacheDir: string, log: LineLogger, signal?: AbortSignal): Promise<void> {
  const buildRoot = path.join(path.dirname(cacheDir), 'build');
  await mkdir(buildRoot, { recursive: true });
  await mkdir(cacheDir, { recursive: true });
  // A private module folder per build: two builds at once (two clones, CI) never share a go.sum.
  const dir = await mkdtemp(path.join(buildRoot, `temporal-server-${TEMPORAL_SERVER_VERSION}-`));
  const started = Date.now();
  log(`building the Temporal server ${TEMPORAL_SERVER_VERSION} and its schema tool with Go (${go}) into ${cacheDir}`);
  log('this takes about 3 minutes and 1.6 GB of memory the first time; later starts (from any clone) reuse the binaries');
  try {
    await writeFile(path.join(dir, 'go.mod'), serverBuildModule());
    const target = cachedServerBinaries(cacheDir);
    // -mod=mod lets go resolve the dependencies' go.sum entries itself (tidy would also fetch every test dependency).
    const env = { ...process.env, GOFLAGS: '-mod=mod' };
    for (const [pkg, file] of [
      [SERVER_PACKAGE, target.server],
      [SQL_TOOL_PACKAGE, target.sqlTool],
    ] as const) {
      const out = path.join(dir, path.basename(file));
      await runGo({ go, args: ['build', '-v', '-o', out, pkg], cwd: dir, env, what: `go build ${pkg}`, log, signal });
      // Renamed into place: a concurrent reader never sees a half-written binary.
      await rename(out, file);
    }
    log(`built ${target.server} and ${target.sqlTool} in ${Math.round((Date.now() - started) / 1000)}s`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The Temporal Web UI server, the version the CLI v1.5.1 embeds in the dev server (and the tag of the
 * temporalio/ui image docker/ runs). Its go.mod has no `replace` either.
 */
export const TEMPORAL_UI_VERSION = 'v2.42.1';
export const TEMPORAL_UI_MODULE = 'github.com/temporalio/ui-server/v2';

export interface TemporalUiBinary {
  binary: string;
  /** Run it with `--root <configRoot> --config config --env docker start`. */
  configRoot: string;
}

/**
 * Where the UI's configuration is kept: `docker.yaml` is the UI's own (copied from its module at build
 * time: the file the temporalio/ui image renders, from the same variables: TEMPORAL_ADDRESS,
 * TEMPORAL_UI_PORT, TEMPORAL_TLS_*), and `base.yaml`, loaded before it, binds to TEMPORAL_UI_HOST
 * (loopback by default; the image's file leaves the host empty, i.e. every interface).
 */
export const cachedUi = (cacheDir: string): TemporalUiBinary => {
  const version = TEMPORAL_UI_VERSION.replace(/^v/, '');
  return { binary: path.join(cacheDir, `temporal-ui-server-${version}`), configRoot: path.join(cacheDir, `temporal-ui-${version}`) };
};

const UI_BASE_CONFIG = ['# enable-template', 'host: {{ env "TEMPORAL_UI_HOST" | default "127.0.0.1" }}', ''].join('\n');

/** Finds or builds the Web UI server (and its configuration) in the cache. */
export async function resolveTemporalUi(
  opts: Omit<ResolveTemporalServerOptions, 'explicitServer' | 'explicitSqlTool'>,
): Promise<TemporalUiBinary> {
  const log = opts.log ?? silentLogger;
  const cached = cachedUi(opts.cacheDir);
  const docker = path.join(cached.configRoot, 'config', 'docker.yaml');
  if ((await isExecutableFile(cached.binary)) && existsSync(docker)) return cached;
  const go = await findGo(opts.searchPath);
  if (!go) throw new Error(`No Temporal Web UI server in ${opts.cacheDir}, and no Go to build it with (https://go.dev/dl/).`);
  const buildRoot = path.join(path.dirname(opts.cacheDir), 'build');
  await mkdir(buildRoot, { recursive: true });
  const dir = await mkdtemp(path.join(buildRoot, `temporal-ui-${TEMPORAL_UI_VERSION}-`));
  const started = Date.now();
  log(`building the Temporal Web UI server ${TEMPORAL_UI_VERSION} with Go into ${opts.cacheDir} (about a minute, once)`);
  try {
    await writeFile(
      path.join(dir, 'go.mod'),
      ['module meritflow.local/temporal-ui-build', '', 'go 1.24', '', `require ${TEMPORAL_UI_MODULE} ${TEMPORAL_UI_VERSION}`, ''].join(
        '\n',
      ),
    );
    const env = { ...process.env, GOFLAGS: '-mod=mod' };
    const out = path.join(dir, 'temporal-ui-server');
    await runGo({
      go,
      args: ['build', '-v', '-o', out, `${TEMPORAL_UI_MODULE}/cmd/server`],
      cwd: dir,
      env,
      what: 'go build ui-server',
      log,
      signal: opts.signal,
    });
    const [moduleDir] = await runToCompletion({
      name: 'go list',
      command: go,
      args: ['list', '-m', '-f', '{{.Dir}}', TEMPORAL_UI_MODULE],
      cwd: dir,
      env,
    });
    const configDir = path.join(cached.configRoot, 'config');
    await mkdir(configDir, { recursive: true });
    await copyFile(path.join(moduleDir.trim(), 'config', 'docker.yaml'), docker);
    await writeFile(path.join(configDir, 'base.yaml'), UI_BASE_CONFIG);
    await rename(out, cached.binary);
    log(`built ${cached.binary} in ${Math.round((Date.now() - started) / 1000)}s`);
    return cached;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
