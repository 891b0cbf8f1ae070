import type { CaseStateBase, CaseTypeEntry, PendingTask } from '@meritflow/contracts';

/** A task to start another case; `options` names the decisions of this case that settle it too. */
export type FollowUpPendingTask = PendingTask & { startsCaseType: string; options?: string[] };

const at = (state: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), state);

/**
 * The tasks to start the next case that the registry declares for the case's current step (an
 * approved vacancy waits for HR to open the selection or propose the move that fills it).
 */
export function followUpTasksOf(entry: CaseTypeEntry, state: CaseStateBase, workflowId: string): FollowUpPendingTask[] {
  return (entry.followUps ?? [])
    .filter((f) => f.step === state.step)
    .flatMap((f) => {
      const value = at(state, f.by);
      const task = typeof value === 'string' && Object.prototype.hasOwnProperty.call(f.tasks, value) ? f.tasks[value] : undefined;
      if (!task) return [];
      const alternatives = (task.alternatives ?? []).filter((d) => state.allowedDecisions.some((a) => a.decision === d));
      return [
        {
          role: f.role,
          decision: task.decision,
          startsCaseType: task.startsCaseType,
          ...(alternatives.length > 0 ? { options: [task.decision, ...alternatives] } : {}),
          workflowId,
        },
      ];
    });
}
