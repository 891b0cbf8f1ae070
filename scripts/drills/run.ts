import { loadBenchConfig, TEMPORAL_CLIENT_CHANNEL_ARGS } from '@meritflow/config';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { dataConverterWith } from '@meritflow/codec';
import { Client as PgClient, Pool } from 'pg';
import {
  defaultTemporalCacheDir,
  prefixedLogger,
  resolveTemporalBinary,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@meritflow/devstack';
import { startLocalStack, stopOnSignals, type LocalStack } from '../../bench/support/stack';
import { Findings, until, type DrillContext } from './common';
import { idempotencyDrill } from './idempotency.drill';
import { pgOutageDrill } from './pg-outage.drill';
import { PgProxy } from './pg-proxy';
import { temporalRestartDrill, type TemporalControl } from './temporal-restart.drill';
import { workerKillDrill } from './worker-kill.drill';

/**
 * `npm run drills [-- name …]` (issue 7): fault drills on the local stack the tests use, each printing
 * PASS or FAIL; exits 1 when any fails. Names: idempotency, worker-kill, temporal-restart, pg-outage.
 *   DRILL_PG_OUTAGE_S (60)      how long PostgreSQL is away
 *   DRILL_TEMPORAL_DOWN_S (10)  how long the Temporal server is down (its timers fall due meanwhile)
 */
const ALL = ['idempotency', 'worker-kill', 'temporal-restart', 'pg-outage'] as const;
type DrillName = (typeof ALL)[number];

const log = prefixedLogger('drill', (t) => void process.stderr.write(t));
const config = loadBenchConfig();

async function canConnect(url: string): Promise<boolean> {
  const c = new PgClient({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Starts the stack through a `temporal` wrapper that keeps the server's state in a file and says its pid and arguments. */
async function temporalWrapper(dir: string): Promise<TemporalControl> {
  const real = await resolveTemporalBinary({
    explicitPath: config.TEMPORAL_CLI_PATH,
    searchPath: config.PATH,
    cacheDir: defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME }),
    log,
  });
  const control: TemporalControl = {
    pidFile: path.join(dir, 'temporal.pid'),
    argsFile: path.join(dir, 'temporal.args'),
    realBinary: real.path,
    dbFile: path.join(dir, 'temporal.db'),
  };
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const wrapper = path.join(dir, 'temporal');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      '# Drill wrapper: the dev server keeps its state in a file, so it can be restarted.',
      'if [ "$1" = "server" ]; then',
      `  printf '%s\\n' "$@" > ${q(control.argsFile)}`,
      `  echo $$ > ${q(control.pidFile)}`,
      `  exec ${q(real.path)} "$@" --db-filename ${q(control.dbFile)}`,
      'fi',
      `exec ${q(real.path)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  process.env.TEMPORAL_CLI_PATH = wrapper;
  return control;
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !(ALL as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown drill(s) ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  const drills: DrillName[] = asked.length ? (asked as DrillName[]) : [...ALL];
  const outageS = config.DRILL_PG_OUTAGE_S;
  const downS = config.DRILL_TEMPORAL_DOWN_S;
  const dir = mkdtempSync(path.join(tmpdir(), 'meritflow-drills-'));
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((e) => log(`cleanup: ${String(e)}`));
  };
  stopOnSignals(cleanup);
  const outcomes: { name: string; findings: Findings; error?: string; seconds: number }[] = [];
  try {
    const control = drills.includes('temporal-restart') ? await temporalWrapper(dir) : undefined;
    let proxy: PgProxy | undefined;
    let directAdminUrl: string | undefined;
    if (drills.includes('pg-outage')) {
      // Everything the stack does with PostgreSQL goes through the proxy; the drill's own checks do not.
      directAdminUrl = config.TEST_DATABASE_URL;
      if (!directAdminUrl && (await canConnect('postgres://postgres@127.0.0.1:5432/postgres')))
        directAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
      if (!directAdminUrl) {
        log('no PostgreSQL on 127.0.0.1:5432: starting an embedded one for the drills');
        const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 0 });
        cleanups.push(() => pg.stop());
        directAdminUrl = pg.url('postgres');
      }
      const target = new URL(directAdminUrl);
      proxy = new PgProxy({ host: target.hostname, port: Number(target.port || 5432) });
      await proxy.listen();
      cleanups.push(() => proxy!.close());
      const viaProxy = new URL(directAdminUrl);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      process.env.TEST_DATABASE_URL = viaProxy.toString();
      log(`PostgreSQL ${target.host} reached by the stack through a proxy on 127.0.0.1:${proxy.port}`);
    }
    if (control) cleanups.push(async () => void (await control.restarted?.stop()));

    const ls: LocalStack = await startLocalStack();
    cleanups.push(() => ls.stop());
    const stackDbUrl = new URL(ls.state().databaseUrl);
    if (directAdminUrl) {
      const d = new URL(directAdminUrl);
      stackDbUrl.hostname = d.hostname;
      stackDbUrl.port = d.port;
    }
    const db = new Pool({ connectionString: stackDbUrl.toString(), max: 4 });
    db.on('error', () => {});
    cleanups.push(() => db.end());
    const connection = await Connection.connect({ address: ls.state().temporalAddress, channelArgs: TEMPORAL_CLIENT_CHANNEL_ARGS });
    cleanups.push(() => connection.close());
    const ctx: DrillContext = {
      stack: ls.stack,
      db,
      temporal: new TemporalClient({
        connection,
        namespace: ls.state().namespace,
        dataConverter: dataConverterWith(ls.stack.payloadCodec()),
      }),
      workerPid: () => ls.state().workerPid,
      waitForNewWorker: (oldPid, timeoutMs = 60_000) =>
        until(
          async () => {
            const pid = ls.state().workerPid;
            return pid !== oldPid && pid > 0 ? pid : undefined;
          },
          timeoutMs,
          'the supervisor to restart the worker',
        ),
    };

    for (const name of drills) {
      log(`── ${name}`);
      const t0 = Date.now();
      let findings = new Findings(name);
      let error: string | undefined;
      try {
        if (name === 'idempotency') findings = await idempotencyDrill(ctx);
        if (name === 'worker-kill') findings = await workerKillDrill(ctx);
        if (name === 'temporal-restart') findings = await temporalRestartDrill(ctx, control!, downS);
        if (name === 'pg-outage') findings = await pgOutageDrill(ctx, proxy!, outageS);
      } catch (err) {
        error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        log(`${name}: ${error}`);
      }
      outcomes.push({ name, findings, error, seconds: (Date.now() - t0) / 1000 });
    }
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }

  let failed = 0;
  process.stdout.write('\nmeritflow fault drills\n');
  for (const o of outcomes) {
    const ok = !o.error && o.findings.failed === 0 && o.findings.lines.length > 0;
    if (!ok) failed++;
    process.stdout.write(`\n${ok ? 'PASS' : 'FAIL'} ${o.name} (${o.seconds.toFixed(0)} s)\n${o.findings.lines.join('\n')}\n`);
    if (o.error) process.stdout.write(`  FAIL ${o.error.split('\n')[0]}\n`);
  }
  process.stdout.write(`\n${outcomes.length - failed} of ${outcomes.length} drills passed\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
