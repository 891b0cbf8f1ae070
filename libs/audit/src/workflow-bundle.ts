import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';

let current: Promise<WorkflowBundle> | undefined;

/**
 * The workflow code of this build, bundled as the worker runs it. Bundling takes seconds, so it
 * happens once per process; a failed attempt is not kept, so the next call tries again.
 */
export function currentWorkflowBundle(): Promise<WorkflowBundle> {
  current ??= bundleWorkflowCode({
    // Same relative path from libs/audit/src and from dist/libs/audit/src.
    workflowsPath: require.resolve('../../../workflows/src'),
    logger: new DefaultLogger('WARN'),
  }).catch((err: unknown) => {
    current = undefined;
    throw err;
  });
  return current;
}
