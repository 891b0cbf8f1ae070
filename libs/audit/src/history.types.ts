import type { temporal } from '@temporalio/proto';

/** A workflow history as `handle.fetchHistory()` or `historyFromJSON` returns it. */
export type History = temporal.api.history.v1.IHistory;

/** One run of a case: the root workflow or one of its children. */
export interface CaseHistory {
  workflowId: string;
  runId: string;
  workflowType: string;
  history: History;
}
