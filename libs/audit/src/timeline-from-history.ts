import { defaultPayloadConverter, fromPayloadsAtIndex } from '@temporalio/common';
import { DomainError, type DecisionRecord } from '@meritflow/domain';
import type { LedgerActivities } from '@meritflow/contracts';
import type { History } from './history.types';

/** The activity every workflow records a decision with; its input is the ledger row to write. */
export const RECORD_DECISION_ACTIVITY: keyof LedgerActivities = 'recordDecision';

export interface DecisionActivity {
  record: DecisionRecord;
  scheduledEventId: string;
  /** The activity reported success, so the row was in the ledger by then. */
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

/** Every `recordDecision` call in the history, in history order, with whether it had completed. */
export function decisionActivitiesOf(history: History): DecisionActivity[] {
  const events = history.events ?? [];
  const completed = new Set(
    events.flatMap((e) =>
      e.activityTaskCompletedEventAttributes ? [String(e.activityTaskCompletedEventAttributes.scheduledEventId)] : [],
    ),
  );
  return events.flatMap((e) => {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== RECORD_DECISION_ACTIVITY) return [];
    const eventId = String(e.eventId);
    const record: unknown = fromPayloadsAtIndex(defaultPayloadConverter, 0, scheduled.input?.payloads);
    if (!isDecisionRecord(record)) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: `history.events[${eventId}]`,
            rule: 'decisionRecord',
            message: { id: 'masukan recordDecision bukan catatan keputusan', en: 'the recordDecision input is not a decision record' },
          },
        ],
      });
    }
    return [{ record, scheduledEventId: eventId, completed: completed.has(eventId) }];
  });
}

/** The decisions a run took, as the workflow itself handed them to the ledger, in history order. */
export const timelineFromHistory = (history: History): DecisionRecord[] => decisionActivitiesOf(history).map((a) => a.record);
