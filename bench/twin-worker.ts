import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { twinActivities } from './twin/activities';
import { TWIN_TASK_QUEUE } from './twin/contracts';
import { loadBenchConfig } from '@meritflow/config';

/**
 * The bare twin's worker (benchmark only): its own process, so it is measured like meritflow's
 * worker, with the same concurrency limits (WORKER_MAX_CONCURRENT_* defaults) and no NestJS.
 */
async function main(): Promise<void> {
  const config = loadBenchConfig();
  const address = config.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is required');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TWIN_TASK_QUEUE,
    workflowsPath: require.resolve('./twin'),
    activities: twinActivities,
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
  });
  console.log(`twin worker ready on ${TWIN_TASK_QUEUE}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
