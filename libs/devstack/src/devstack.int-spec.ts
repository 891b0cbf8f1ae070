import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { loadLauncherConfig } from '@meritflow/config';
import { relocatedClusterDir, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { getFreePort, isPortFree, waitForPortFree } from './free-port';
import { defaultTemporalCacheDir, resolveTemporalBinary } from './temporal-binary';
import { startTemporalDevServer } from './temporal-dev-server';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A port held by a listener of the test's own, handed out by `pickPort` first (then free ports): the race
 * seen in CI, a port probed free and bound by someone else before the server listened on it.
 */
async function heldFirstPort() {
  const taken = await getFreePort();
  const holder = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => holder.listen({ port: taken, host: '127.0.0.1', exclusive: true }, resolve));
  const picked: number[] = [];
  return {
    taken,
    picked,
    pickPort: async (host: string) => {
      const port = picked.length === 0 ? taken : await getFreePort(host);
      picked.push(port);
      return port;
    },
    release: () => new Promise<void>((resolve) => holder.close(() => resolve())),
  };
}

describe('Temporal dev server from the resolved CLI', () => {
  let binary: string;
  let workDir: string;

  beforeAll(async () => {
    const config = loadLauncherConfig();
    // No build or download here: a test must not spend minutes compiling. The launcher (npm start) builds it.
    binary = (
      await resolveTemporalBinary({
        explicitPath: config.TEMPORAL_CLI_PATH,
        searchPath: config.PATH,
        cacheDir: defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME }),
        allowBuild: false,
        allowDownload: false,
      })
    ).path;
    workDir = await mkdtemp(path.join(tmpdir(), 'meritflow-temporal-'));
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('serves the workflow service and the Web UI on free ports, and frees them when stopped', async () => {
    const server = await startTemporalDevServer({ binary, port: 0, uiPort: 0 });
    try {
      expect(server.address).toBe(`127.0.0.1:${server.port}`);
      const connection = await Connection.connect({ address: server.address });
      try {
        const info = await connection.workflowService.getSystemInfo({});
        expect(info.serverVersion).toMatch(/^\d+\.\d+\.\d+/);
      } finally {
        await connection.close();
      }
      expect((await fetch(server.uiUrl as string)).status).toBe(200);
    } finally {
      await server.stop();
    }

    expect(isAlive(server.pid)).toBe(false);
    expect(await waitForPortFree(server.port)).toBe(true);
    expect(await isPortFree(Number(new URL(server.uiUrl as string).port))).toBe(true);
  }, 90_000);

  it('keeps a running workflow across a restart when given a db file', async () => {
    const dbFile = path.join(workDir, 'state', 'temporal.db');
    const workflowId = `devstack-int-spec-${Date.now()}`;

    const first = await startTemporalDevServer({ binary, port: 0, dbFile });
    try {
      const connection = await Connection.connect({ address: first.address });
      try {
        // Nobody polls this task queue: the workflow simply stays open, like one waiting on a timer.
        await new TemporalClient({ connection }).workflow.start('nobodyRunsThis', { taskQueue: 'devstack-int-spec', workflowId });
      } finally {
        await connection.close();
      }
    } finally {
      await first.stop();
    }
    expect(existsSync(dbFile)).toBe(true);

    const second = await startTemporalDevServer({ binary, port: 0, dbFile });
    try {
      const connection = await Connection.connect({ address: second.address });
      try {
        const description = await new TemporalClient({ connection }).workflow.getHandle(workflowId).describe();
        expect(description.status.name).toBe('RUNNING');
      } finally {
        await connection.close();
      }
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('starts again on new ports when a port it chose is taken before the server binds it', async () => {
    const { taken, picked, pickPort, release } = await heldFirstPort();
    const lines: string[] = [];
    try {
      const server = await startTemporalDevServer({ binary, port: 0, log: (line) => lines.push(line), pickPort });
      try {
        expect(picked[0]).toBe(taken);
        expect(server.port).not.toBe(taken);
        expect(server.port).toBe(picked[picked.length - 1]);
        expect(lines.join('\n')).toMatch(/starting it on new ports/);
        const connection = await Connection.connect({ address: server.address });
        try {
          expect((await connection.workflowService.getSystemInfo({})).serverVersion).toMatch(/^\d+\.\d+\.\d+/);
        } finally {
          await connection.close();
        }
      } finally {
        await server.stop();
      }
    } finally {
      await release();
    }
  }, 90_000);

  it('reports a taken port plainly instead of starting', async () => {
    const server = await startTemporalDevServer({ binary, port: 0 });
    try {
      await expect(startTemporalDevServer({ binary, port: server.port })).rejects.toThrow(/port 127\.0\.0\.1:\d+ is already in use/);
    } finally {
      await server.stop();
    }
  }, 90_000);
});

describe('embedded PostgreSQL', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'meritflow-pg-'));
    // As root, PostgreSQL runs as the "postgres" OS user, which must be able to enter this directory.
    await chmod(root, 0o755);
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('initialises a cluster on a free port, answers select 1, and stops completely', async () => {
    const dataDir = path.join(root, 'basic');
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(pg.url()).toBe(`postgres://postgres:postgres@127.0.0.1:${pg.port}/postgres`);
      expect(await query<{ one: number }>(pg.url(), 'select 1 as one')).toEqual([{ one: 1 }]);
      expect(await pg.createDatabase('meritflow')).toBe(true);
      expect(await pg.createDatabase('meritflow')).toBe(false);
      expect(await query(pg.url('meritflow'), 'select current_database() as db')).toEqual([{ db: 'meritflow' }]);
    } finally {
      await pg.stop();
    }

    expect(isAlive(pg.pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(await isPortFree(pg.port)).toBe(true);
  }, 60_000);

  it('starts again on a new port when the port it chose is taken before PostgreSQL binds it', async () => {
    const { taken, picked, pickPort, release } = await heldFirstPort();
    const lines: string[] = [];
    try {
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(root, 'port-taken'),
        port: 0,
        log: (line) => lines.push(line),
        pickPort,
      });
      try {
        expect(picked).toHaveLength(2);
        expect(picked[0]).toBe(taken);
        expect(pg.port).toBe(picked[1]);
        expect(lines.join('\n')).toMatch(/Address already in use/);
        expect(await query<{ one: number }>(pg.url(), 'select 1 as one')).toEqual([{ one: 1 }]);
      } finally {
        await pg.stop();
      }
    } finally {
      await release();
    }
  }, 90_000);

  it('comes back after a crash with its data, although the stale pid file names a live unrelated process', async () => {
    const dataDir = path.join(root, 'crash');
    let pg: EmbeddedPostgres | undefined = await startEmbeddedPostgres({ dataDir, port: 0 });
    // Owned by the user PostgreSQL runs as: PostgreSQL treats other users' pids as stale by itself.
    const runAs = process.getuid?.() === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()) } : {};
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore', ...runAs });
    try {
      await query(pg.url(), "create table survivor (name text); insert into survivor values ('still here')");

      process.kill(pg.pid, 'SIGKILL');
      await pg.exited;
      const pidFile = path.join(dataDir, 'postmaster.pid');
      const lines = (await readFile(pidFile, 'utf8')).split('\n');
      // After a reboot the recorded pid often belongs to some other process; PostgreSQL alone refuses to start then.
      await writeFile(pidFile, [String(sleeper.pid), ...lines.slice(1)].join('\n'));

      pg = await startEmbeddedPostgres({ dataDir, port: 0 });
      expect(await query(pg.url(), 'select name from survivor')).toEqual([{ name: 'still here' }]);
      expect(isAlive(sleeper.pid as number)).toBe(true);
    } finally {
      sleeper.kill('SIGKILL');
      await pg?.stop();
    }
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 90_000);

  // As in CI, where the clone lives in a `mktemp -d` directory (0700, root), or a clone under /root.
  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)(
    'as root, keeps a cluster the postgres user cannot reach in the shared directory, the same one on every start',
    async () => {
      const clone = path.join(root, 'private-clone');
      await mkdir(clone);
      await chmod(clone, 0o700);
      const shared = path.join(root, 'shared');
      await mkdir(shared);
      await chmod(shared, 0o755);
      const dataDir = path.join(clone, '.data', 'postgres');
      const postgresUid = Number(execFileSync('id', ['-u', 'postgres']).toString());

      const lines: string[] = [];
      let pg: EmbeddedPostgres | undefined = await startEmbeddedPostgres({
        dataDir,
        port: 0,
        sharedDir: shared,
        log: (l) => lines.push(l),
      });
      const actual = pg.dataDir;
      try {
        expect(actual).toBe(relocatedClusterDir(dataDir, shared));
        expect(actual).toMatch(new RegExp(`^${shared}/clusters/[0-9a-f]{16}/postgres$`));
        expect(lines).toContainEqual(
          expect.stringContaining(
            `PostgreSQL data for ${dataDir} is kept in ${actual} instead (the OS user "postgres" has no x permission on ${clone} (mode 700`,
          ),
        );
        await query(pg.url(), "create table survivor (name text); insert into survivor values ('kept')");
      } finally {
        await pg.stop();
      }
      // The user's directory is left as it was; the cluster belongs to postgres.
      expect((await stat(clone)).mode & 0o777).toBe(0o700);
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(false);
      const clusterStat = await stat(actual);
      expect([clusterStat.uid, clusterStat.mode & 0o777]).toEqual([postgresUid, 0o700]);
      expect((await readFile(path.join(path.dirname(actual), 'requested-path'), 'utf8')).trim()).toBe(dataDir);

      lines.length = 0;
      pg = await startEmbeddedPostgres({ dataDir, port: 0, sharedDir: shared, log: (l) => lines.push(l) });
      try {
        expect(pg.dataDir).toBe(actual);
        expect(lines).toContainEqual(expect.stringContaining(`PostgreSQL data for ${dataDir} is kept in ${actual}`));
        expect(lines).not.toContainEqual(expect.stringContaining('initialising'));
        expect(await query(pg.url(), 'select name from survivor')).toEqual([{ name: 'kept' }]);
      } finally {
        await pg.stop();
      }
    },
    90_000,
  );
});
