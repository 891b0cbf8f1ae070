import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';

/**
 * Profiling aid for measure (e): replays histories saved by `BENCH_SAVE_HISTORIES=<dir> npm run bench`
 * a few times, so `node --cpu-prof dist/bench/profile-replay.js <dir> meritflow|twin [times]` shows
 * where replay spends its time. Needs no server.
 */
async function main(): Promise<void> {
  const [dir, side = 'meritflow', times = '5'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: profile-replay.js <dir> meritflow|twin [times]');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const saved = JSON.parse(readFileSync(path.join(dir, `${side}.json`), 'utf8')) as { workflowId: string; history: unknown }[];
  const histories = saved.map((h) => ({ workflowId: h.workflowId, history: historyFromJSON(h.history) }));
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve(side === 'twin' ? './twin' : '../workflows/src'),
    logger: new DefaultLogger('WARN'),
  });
  for (let i = 0; i < Number(times); i++) {
    const t0 = performance.now();
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'profile' }, histories)) {
      if (r.error) throw r.error;
    }
    const s = (performance.now() - t0) / 1000;
    console.log(`${side}: ${histories.length} histories in ${s.toFixed(2)} s = ${(histories.length / s).toFixed(1)}/s`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
