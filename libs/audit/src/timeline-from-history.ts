import { defaultPayloadConverter, fromPayloadsAtIndex } from '@temporalio/common';
import { DomainError, type DecisionRecord } from '@meritflow/domain';
import type { LedgerActivities } from '@meritflow/contracts';
import type { History } from './history.types';

/** The activity every workflow recorded a decision with before the local write; its input is the ledger row. */
export const RECORD_DECISION_ACTIVITY: keyof LedgerActivities = 'recordDecision';
/** The local activity that writes it since patch `ledger-write-local-activity`; its result echoes the row. */
export const RECORD_DECISION_LOCAL_ACTIVITY: keyof LedgerActivities = 'recordDecisionLocal';
/** The marker a local activity leaves in the history (Temporal's core SDK). */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

export interface DecisionActivity {
  record: DecisionRecord;
  /** The event that holds the record: the activity's scheduled event, or the local activity's marker. */
  scheduledEventId: string;
  /** The activity reported success, so the row was in the ledger by then (always so for a marker). */
  completed: boolean;
}

const isDecisionRecord = (v: unknown): v is DecisionRecord => {
  const r = v as Partial<DecisionRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.idempotencyKey === 'string' &&
    typeof r.workflowId === 'string' &&
    typeof r.sequence === 'number' &&
    typeof r.decision === 'string' &&
    typeof r.actor === 'object' &&
    r.actor !== null
  );
};

const notARecord = (eventId: string) =>
  new DomainError('VALIDATION_FAILED', {
    fields: [
      {
        field: `history.events[${eventId}]`,
        rule: 'decisionRecord',
        message: { id: 'masukan recordDecision bukan catatan keputusan', en: 'the recordDecision input is not a decision record' },
      },
    ],
  });

type Event = NonNullable<History['events']>[number];

/** The activity type a local-activity marker names (its `data` detail is JSON written by the core SDK). */
function localActivityTypeOf(e: Event): string | null {
  const marker = e.markerRecordedEventAttributes;
  if (marker?.markerName !== LOCAL_ACTIVITY_MARKER) return null;
  const data = marker.details?.data?.payloads?.[0]?.data;
  if (!data) return null;
  const meta = JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string; activityType?: string };
  return meta.activity_type ?? meta.activityType ?? null;
}

/**
 * Every recorded decision in the history, in history order, with whether it had completed: each
 * `recordDecision` activity (its input), and each `recordDecisionLocal` marker (its result; a marker
 * of a failed attempt has none and is followed by the retry's). A local write still running leaves
 * nothing in the history yet, so it does not appear here.
 */
export function decisionActivitiesOf(history: History): DecisionActivity[] {
  const events = history.events ?? [];
  const completed = new Set(
    events.flatMap((e) =>
      e.activityTaskCompletedEventAttributes ? [String(e.activityTaskCompletedEventAttributes.scheduledEventId)] : [],
    ),
  );
  return events.flatMap((e) => {
    const eventId = String(e.eventId);
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === RECORD_DECISION_ACTIVITY) {
      const record: unknown = fromPayloadsAtIndex(defaultPayloadConverter, 0, scheduled.input?.payloads);
      if (!isDecisionRecord(record)) throw notARecord(eventId);
      return [{ record, scheduledEventId: eventId, completed: completed.has(eventId) }];
    }
    if (localActivityTypeOf(e) !== RECORD_DECISION_LOCAL_ACTIVITY) return [];
    const result = e.markerRecordedEventAttributes!.details?.result?.payloads;
    if (!result?.length) return [];
    const { record } = (fromPayloadsAtIndex(defaultPayloadConverter, 0, result) ?? {}) as { record?: unknown };
    if (!isDecisionRecord(record)) throw notARecord(eventId);
    return [{ record, scheduledEventId: eventId, completed: true }];
  });
}

/** The decisions a run took, as the workflow itself handed them to the ledger, in history order. */
export const timelineFromHistory = (history: History): DecisionRecord[] => decisionActivitiesOf(history).map((a) => a.record);
