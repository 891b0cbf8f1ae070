import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import { CASE_SEARCH_ATTRIBUTE_REGISTRATIONS } from '@meritflow/contracts';
import { defaultTemporalCacheDir, resolveTemporalBinary, startTemporalDevServer } from '@meritflow/devstack';
import { loadTestStackConfig } from '@meritflow/config';
import { sourceBundlerOptions } from './workflow-bundle';

/** The shipped workflows on a real Temporal dev server of their own, with activities a spec stubs. */
export interface StubbedWorker {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundle;
  taskQueue: string;
  /** Stops the worker, the environment and the server; the server even when an earlier step fails. */
  stop(): Promise<void>;
}

/**
 * Starts a dev server (the same CLI the test stack uses: TEMPORAL_CLI_PATH, PATH or the per-user
 * cache), bundles the workflows from their sources and runs a worker on `<name>-<random>` with
 * `activities`. Real Temporal; only the activities are the spec's.
 */
export async function startStubbedWorker(name: string, activities: object): Promise<StubbedWorker> {
  const config = loadTestStackConfig();
  const binary = await resolveTemporalBinary({
    explicitPath: config.TEMPORAL_CLI_PATH,
    searchPath: config.PATH,
    cacheDir: defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME }),
  });
  const server = await startTemporalDevServer({
    binary: binary.path,
    logLevel: 'error',
    searchAttributes: CASE_SEARCH_ATTRIBUTE_REGISTRATIONS,
  });
  try {
    const env = await TestWorkflowEnvironment.createFromExistingServer({ address: server.address });
    const bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('@meritflow/workflows'),
      logger: new DefaultLogger('WARN'),
      ...sourceBundlerOptions,
    });
    const taskQueue = `${name}-${randomBytes(3).toString('hex')}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
    const running = worker.run();
    return {
      env,
      bundle,
      taskQueue,
      async stop() {
        try {
          worker.shutdown();
          await running;
          await env.teardown();
        } finally {
          await server.stop();
        }
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
