import type { History } from './history.types';

const events = (history: History) => history.events ?? [];

/** The workflow type the run executes, from its first event. */
export function workflowTypeOf(history: History): string {
  const started = events(history).find((e) => e.workflowExecutionStartedEventAttributes);
  return started?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
}

/** Whether the run had ended when the history was read; a running case is audited as a snapshot. */
export function isClosed(history: History): boolean {
  return events(history).some(
    (e) =>
      e.workflowExecutionCompletedEventAttributes ||
      e.workflowExecutionFailedEventAttributes ||
      e.workflowExecutionTimedOutEventAttributes ||
      e.workflowExecutionTerminatedEventAttributes ||
      e.workflowExecutionCanceledEventAttributes ||
      e.workflowExecutionContinuedAsNewEventAttributes,
  );
}

/** The child runs this run started (assessments, committee review, appointments), in start order. */
export function childWorkflowsOf(history: History): { workflowId: string; runId: string; workflowType: string }[] {
  return events(history).flatMap((e) => {
    const started = e.childWorkflowExecutionStartedEventAttributes;
    const execution = started?.workflowExecution;
    if (!execution?.workflowId || !execution.runId) return [];
    return [{ workflowId: execution.workflowId, runId: execution.runId, workflowType: started?.workflowType?.name ?? '' }];
  });
}
