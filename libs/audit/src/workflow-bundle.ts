import { bundleWorkflowCode, DefaultLogger, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';

const current = new Map<string, Promise<WorkflowBundle>>();

/**
 * The workflow code at `workflowsPath`, bundled as the worker runs it. The caller passes the path
 * (the apps resolve '@meritflow/workflows'): libs/audit does not depend on the workflow code.
 * Bundling takes seconds, so it happens once per process and path; a failed attempt is not kept,
 * so the next call tries again.
 */
export function currentWorkflowBundle(
  workflowsPath: string,
  options: Pick<BundleOptions, 'webpackConfigHook'> = {},
): Promise<WorkflowBundle> {
  let bundle = current.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN'), ...options }).catch((err: unknown) => {
      current.delete(workflowsPath);
      throw err;
    });
    current.set(workflowsPath, bundle);
  }
  return bundle;
}
