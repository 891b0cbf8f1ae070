import { Client as TemporalClient, Connection } from '@temporalio/client';
import { TEMPORAL_CLIENT_CHANNEL_ARGS } from '@meritflow/config';
import { PPK, Stack, vacancyPath, vacancyProposal } from '../test/support/api-client';
import { startClusterStack, type ClusterStack } from '../test/support/cluster-stack';
import { runWholeSelection } from '../test/support/selection-fixtures';
import { prefixedLogger } from '@meritflow/devstack';
import { RssSampler, type RssSummary } from './support/rss';
import { median, pool } from './support/stats';
import type { LocalStack } from './support/stack';
import { startTwinWorker } from './support/twin-driver';
import type { Row } from './support/row';

/** bench/run.ts's measures that run on any engine ((a), (b), (l), (m)), handed in to avoid an import cycle. */
export type EngineMeasures = (e: {
  stack: Stack;
  client: TemporalClient;
  label: string | null;
}) => Promise<{ rows: Row[]; results: Record<string, unknown> }>;

/*
 * `BENCH_CLUSTER=true npm run bench`: the same harness on cluster mode, in the same run as the dev
 * server measures. (i) whole selections per second on the dev server and on the cluster, interleaved;
 * (j) on the cluster with one worker and with two; (k) BENCH_CLUSTER_SCALE open cases held on the
 * cluster while both workers' RSS is sampled. The cluster is test/support/cluster-stack.ts's: two
 * Temporal nodes on PostgreSQL, two workers, two API instances as the least-privilege role, no TLS
 * (so the dev-server comparison measures the topology, not encryption). Then the dev server's own table,
 * (a), (b), (l) and (m), runs again on the cluster (issue 19 item 7): the twin's worker is started on
 * the cluster too, so each figure is against its baseline on the same engine.
 */

const log = prefixedLogger('bench', (t) => void process.stderr.write(t));

export interface ClusterBenchSettings {
  rounds: number;
  selections: number;
  concurrency: number;
  scale: number;
  scaleConcurrency: number;
}

/** A row of the bench table (bench/run.ts prints them). */
export interface ClusterRow {
  id: string;
  measure: string;
  unit: string;
  meritflow: number | null;
  baseline: number | null;
  baselineName: string;
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}

async function selectionsPerSecond(
  stack: Stack,
  n: number,
  concurrency: number,
): Promise<{ perS: number; seconds: number; errors: string[] }> {
  const errors: string[] = [];
  const t0 = performance.now();
  await pool(Array.from({ length: n }), concurrency, async () => {
    try {
      await runWholeSelection(stack);
    } catch (err) {
      errors.push(String(err).slice(0, 300));
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  return { perS: (n - errors.length) / seconds, seconds, errors };
}

export async function clusterBench(
  dev: LocalStack,
  s: ClusterBenchSettings,
  measures: EngineMeasures,
): Promise<{ rows: ClusterRow[]; results: Record<string, unknown> }> {
  log('cluster: starting two Temporal nodes on PostgreSQL, two workers, two API instances');
  const cluster = await startClusterStack({ workers: 2, apis: 2, poolMax: 4 });
  const stacks = cluster.apis.map((_, i) => new Stack(cluster.state(i)));
  const rows: ClusterRow[] = [];
  const results: Record<string, unknown> = {};
  try {
    log('cluster warm-up: one whole selection');
    await runWholeSelection(stacks[0]);

    // (i) dev server vs cluster, interleaved, order alternating by round.
    const h = { dev: [] as number[], cluster: [] as number[], errors: [] as string[] };
    for (let r = 1; r <= s.rounds; r++) {
      log(`round ${r}/${s.rounds}: (i) ${s.selections} whole selections on the dev server and on the cluster, ${s.concurrency} at once`);
      const sides: ['dev' | 'cluster', Stack][] = [
        ['dev', dev.stack],
        ['cluster', stacks[0]],
      ];
      if (r % 2 === 0) sides.reverse();
      for (const [side, stack] of sides) {
        const x = await selectionsPerSecond(stack, s.selections, s.concurrency);
        h[side].push(x.perS);
        h.errors.push(...x.errors.map((e) => `${side}: ${e}`));
        log(`  ${side} ${x.perS.toFixed(3)}/s (${x.seconds.toFixed(1)} s)`);
      }
    }
    const hDev = median(h.dev);
    const hCluster = median(h.cluster);
    results.h = { ...h, median: { dev: hDev, cluster: hCluster, ratio: hCluster / hDev } };
    rows.push({
      id: '(i)',
      measure: `whole selections, cluster vs dev server (${s.concurrency} at once)`,
      unit: '/s',
      meritflow: hCluster,
      baseline: hDev,
      baselineName: 'dev server',
      ratio: hCluster / hDev,
      target: '-',
      pass: h.errors.length === 0 ? null : false,
      note: `cluster: 2 nodes, 2 workers, API on node 0; ${h.errors.length} errors`,
    });

    // (j) one worker vs two on the cluster; the second worker stops gracefully and comes back.
    const i = { one: [] as number[], two: [] as number[], errors: [] as string[] };
    const second = cluster.workers[1];
    for (let r = 1; r <= s.rounds; r++) {
      log(`round ${r}/${s.rounds}: (j) ${s.selections} whole selections on the cluster with one worker and with two`);
      const order: ('one' | 'two')[] = r % 2 === 0 ? ['two', 'one'] : ['one', 'two'];
      for (const side of order) {
        if (side === 'one' && second.isRunning()) {
          second.signal('SIGTERM');
          await second.exited();
        }
        if (side === 'two' && !second.isRunning()) await second.start();
        const x = await selectionsPerSecond(stacks[0], s.selections, s.concurrency);
        i[side].push(x.perS);
        i.errors.push(...x.errors.map((e) => `${side}: ${e}`));
        log(`  ${side} worker(s) ${x.perS.toFixed(3)}/s (${x.seconds.toFixed(1)} s)`);
      }
    }
    if (!second.isRunning()) await second.start();
    const iOne = median(i.one);
    const iTwo = median(i.two);
    results.i = { ...i, median: { one: iOne, two: iTwo, ratio: iTwo / iOne } };
    rows.push({
      id: '(j)',
      measure: `whole selections on the cluster, two workers vs one`,
      unit: '/s',
      meritflow: iTwo,
      baseline: iOne,
      baselineName: 'one worker',
      ratio: iTwo / iOne,
      target: '-',
      pass: i.errors.length === 0 ? null : false,
      note: `${i.errors.length} errors`,
    });

    // The dev server's table on the cluster, each measure beside the twin on the cluster.
    const address = cluster.apis[0].temporalAddress;
    const twin = await startTwinWorker(
      address,
      prefixedLogger('cluster twin', (t) => void process.stderr.write(t)),
    );
    const connection = await Connection.connect({ address, channelArgs: TEMPORAL_CLIENT_CHANNEL_ARGS });
    try {
      const x = await measures({ stack: stacks[0], client: new TemporalClient({ connection, namespace: 'default' }), label: 'cluster' });
      rows.push(...x.rows);
      results.engine = x.results;
    } finally {
      await connection.close().catch(() => {});
      await twin.stop().catch(() => {});
    }

    // (k) many open cases held on the cluster.
    if (s.scale > 0) {
      const j = await holdOpenCases(cluster, stacks, s);
      results.j = { ...j, rss: j.rss.map((r) => ({ ...r, series: undefined })), rssSeries: j.rss.map((r) => r.series) };
      const growth = Math.max(...j.rss.map((r) => (r.endMb - r.midMb) / r.midMb));
      rows.push({
        id: '(k)',
        measure: `worker RSS, ${s.scale.toLocaleString('en-US')} open cases held on the cluster (per worker, MB)`,
        unit: 'MB',
        meritflow: Math.max(...j.rss.map((r) => r.peakMb)),
        baseline: null,
        baselineName: '',
        ratio: null,
        target: 'flat',
        pass: growth <= 0.1,
        note: `${j.rss.map((r, k) => `worker ${k}: ${r.startMb.toFixed(0)} → ${r.peakMb.toFixed(0)} → ${r.endMb.toFixed(0)} MB`).join('; ')}; end vs mid ≤ ${(growth * 100).toFixed(1)} %`,
      });
      rows.push({
        id: '',
        measure: `cluster: ${s.scale.toLocaleString('en-US')} cases open at once (${j.openSeen} seen open), ${j.touched} then decided`,
        unit: 'errors',
        meritflow: j.errors,
        baseline: null,
        baselineName: '',
        ratio: null,
        target: '0 errors',
        pass: j.errors === 0 && j.openSeen >= s.scale,
        note: `opened ${j.openedPerS.toFixed(1)}/s over both APIs; decided ${j.decidedPerS.toFixed(1)}/s`,
      });
    }
  } finally {
    for (const st of stacks) await st.close().catch(() => {});
    await cluster.stop();
  }
  return { rows, results };
}

/**
 * Opens `scale` vacancy cases through both API instances and keeps them open; then decides a spread
 * sample (approvals), which the workers mostly no longer hold in their cache (WORKER_MAX_CACHED_WORKFLOWS)
 * and replay from history. Both workers' RSS is sampled throughout.
 */
async function holdOpenCases(cluster: ClusterStack, stacks: Stack[], s: ClusterBenchSettings) {
  const samplers = cluster.workers.map((w) => new RssSampler(() => w.pid(), 2000).start());
  const agencyCode = `HOLD-${Date.now().toString(36).toUpperCase()}`;
  const paths: string[] = [];
  let errors = 0;
  const errorSamples: string[] = [];
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what.slice(0, 200));
  };
  let lastLog = Date.now();
  log(`(k) opening ${s.scale} cases on the cluster, ${s.scaleConcurrency} at once over ${stacks.length} API instances`);
  const t0 = performance.now();
  await pool(Array.from({ length: s.scale }), s.scaleConcurrency, async (_, k) => {
    const p = vacancyProposal({ agencyCode });
    const r = await stacks[k % stacks.length].call('POST', '/v1/vacancies', { body: p }).catch((e) => ({ status: 0, body: String(e) }));
    if (r.status === 201) paths.push(vacancyPath(p));
    else fail(`open ${r.status} ${JSON.stringify(r.body)}`);
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      log(`  opened ${paths.length}/${s.scale}`);
    }
  });
  const openedPerS = paths.length / ((performance.now() - t0) / 1000);
  const db = await stacks[0].db();
  const countOpen = async () =>
    Number(
      (await db.query(`SELECT count(*)::int AS n FROM cases WHERE agency_code = $1 AND step = 'awaiting_ppk_decision'`, [agencyCode]))
        .rows[0].n,
    );
  let openSeen = await countOpen();
  for (const until = Date.now() + 300_000; openSeen < paths.length && Date.now() < until; openSeen = await countOpen()) {
    await new Promise((r) => setTimeout(r, 2000));
  }
  log(`  ${openSeen} cases recorded open; deciding a spread sample while they are held`);
  const sample = paths.filter((_, k) => k % Math.max(1, Math.floor(paths.length / 2000)) === 0);
  const t1 = performance.now();
  await pool(sample, s.scaleConcurrency, async (p, k) => {
    const r = await stacks[k % stacks.length]
      .call('POST', `${p}/decisions`, { actor: PPK, body: { decision: 'approve', fillingMethod: 'open_selection' } })
      .catch((e) => ({ status: 0, body: String(e) }));
    if (r.status !== 200) fail(`decide ${r.status} ${JSON.stringify(r.body)}`);
  });
  const decidedPerS = sample.length / ((performance.now() - t1) / 1000);
  const rss: RssSummary[] = samplers.map((x) => x.stop());
  return {
    cases: s.scale,
    opened: paths.length,
    openSeen,
    openedPerS,
    touched: sample.length,
    decidedPerS,
    errors,
    errorSamples,
    rss,
  };
}
