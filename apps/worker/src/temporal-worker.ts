import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { dataConverterWith } from '@meritflow/codec';
import { temporalTls, type WorkerConfig } from '@meritflow/config';
import {
  PERSONNEL_TASK_QUEUE,
  type ArchiveActivities,
  type DisciplineActivities,
  type LedgerActivities,
  type ReferenceActivities,
  type TalentActivities,
} from '@meritflow/contracts';

/** Where the worker finds workflow code: a prebuilt bundle when given, else the workflows entry point. */
export type WorkflowSource = { bundlePath: string } | { workflowsPath: string };

export const defaultWorkflowSource = (): WorkflowSource => ({
  workflowsPath: require.resolve('@meritflow/workflows'),
});

/**
 * The Worker of the personnel task queue. Every payload it sends to Temporal (activity inputs and
 * results, workflow results, update outcomes) goes through the payload codec, so Temporal stores
 * them encrypted; it decrypts what it receives with the same keys.
 */
export async function createPersonnelWorker(
  config: WorkerConfig,
  activities: LedgerActivities & ReferenceActivities & ArchiveActivities & DisciplineActivities & TalentActivities,
  codec: PayloadCodec,
  source: WorkflowSource = defaultWorkflowSource(),
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  const options: WorkerOptions = {
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: PERSONNEL_TASK_QUEUE,
    activities,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    dataConverter: dataConverterWith(codec),
    // After shutdown() (SIGTERM), activities already running get this long to finish before they are cancelled.
    shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
    ...('bundlePath' in source ? { workflowBundle: { codePath: source.bundlePath } } : { workflowsPath: source.workflowsPath }),
  };
  try {
    return { worker: await Worker.create(options), connection };
  } catch (err) {
    await connection.close();
    throw err;
  }
}
