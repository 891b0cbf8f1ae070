import type { Client } from '@temporalio/client';
import { median } from './stats';

type HistoryEvent = NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>[number];

const ms = (e: HistoryEvent | undefined): number | undefined => {
  const t = e?.eventTime;
  if (!t) return undefined;
  return Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6;
};

/** The segments of one decision, in history order (issue 19: where a decision's time goes). */
export const SEGMENTS = [
  'wft1: task scheduled -> started (dispatch to the worker)',
  'wft1: started -> completed (worker runs the validator and handler up to the activity)',
  'activity: scheduled -> started (dispatch)',
  'activity: started -> completed (the ledger write)',
  'wft2: activity completed -> task started (dispatch)',
  'wft2: started -> completed (worker resumes the handler, completes the update)',
] as const;

/**
 * Splits each update of a workflow's history into its server-side segments by the events' timestamps:
 * the workflow task that accepts the update and schedules its activity, the activity, and the workflow
 * task that completes the update. Updates without an activity (the floor) have only the first task.
 */
export async function decisionTimeline(
  client: Client,
  workflowId: string,
  opts: { skip?: number; update?: string } = {},
): Promise<Record<string, number>> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const segs: Record<string, number[]> = Object.fromEntries(SEGMENTS.map((s) => [s, []]));
  let seen = 0;
  for (let i = 0; i < events.length; i++) {
    const accepted = events[i].workflowExecutionUpdateAcceptedEventAttributes;
    if (!accepted) continue;
    if (seen++ < (opts.skip ?? 0)) continue;
    if (opts.update && accepted.acceptedRequest?.input?.name !== opts.update) continue;
    // The task that accepted it: the last WorkflowTaskCompleted before the acceptance.
    const before = (pred: (e: HistoryEvent) => boolean, from: number) => {
      for (let j = from; j >= 0; j--) if (pred(events[j])) return j;
      return -1;
    };
    const after = (pred: (e: HistoryEvent) => boolean, from: number) => {
      for (let j = from; j < events.length; j++) if (pred(events[j])) return j;
      return -1;
    };
    const c1 = before((e) => !!e.workflowTaskCompletedEventAttributes, i);
    const s1 = before((e) => !!e.workflowTaskStartedEventAttributes, c1);
    const sch1 = before((e) => !!e.workflowTaskScheduledEventAttributes, s1);
    const done = after((e) => !!e.workflowExecutionUpdateCompletedEventAttributes, i);
    const aSch = after((e) => !!e.activityTaskScheduledEventAttributes, i);
    const push = (k: (typeof SEGMENTS)[number], a?: number, b?: number) => {
      if (a !== undefined && b !== undefined) segs[k].push(b - a);
    };
    push(SEGMENTS[0], ms(events[sch1]), ms(events[s1]));
    push(SEGMENTS[1], ms(events[s1]), ms(events[c1]));
    if (aSch < 0 || aSch > done) continue;
    const aSt = after((e) => !!e.activityTaskStartedEventAttributes, aSch);
    const aDone = after((e) => !!e.activityTaskCompletedEventAttributes, aSch);
    const s2 = after((e) => !!e.workflowTaskStartedEventAttributes, aDone);
    const c2 = after((e) => !!e.workflowTaskCompletedEventAttributes, s2);
    push(SEGMENTS[2], ms(events[aSch]), ms(events[aSt]));
    push(SEGMENTS[3], ms(events[aSt]), ms(events[aDone]));
    push(SEGMENTS[4], ms(events[aDone]), ms(events[s2]));
    push(SEGMENTS[5], ms(events[s2]), ms(events[c2]));
  }
  return Object.fromEntries(Object.entries(segs).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
}
