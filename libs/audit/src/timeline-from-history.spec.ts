import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { decisionKey } from '@meritflow/domain';
import { childWorkflowsOf, isClosed, workflowTypeOf } from './case-histories';
import { committedHistory, committedHistoryJson } from '../../../test/support/committed-histories';
import { decisionActivitiesOf, timelineFromHistory } from './timeline-from-history';

describe('timelineFromHistory', () => {
  it('rebuilds propose, approve, close from the recorded approved-then-closed vacancy, in history order', () => {
    const timeline = timelineFromHistory(committedHistory('vacancy-approved-closed'));
    expect(timeline.map((r) => [r.sequence, r.decision, r.actor.role])).toEqual([
      [1, 'propose', 'hr_officer'],
      [2, 'approve', 'ppk'],
      [3, 'close', 'hr_officer'],
    ]);
    for (const r of timeline) expect(r.idempotencyKey).toBe(decisionKey(r.workflowId, r.runId, r.sequence));
    expect(timeline[1]).toMatchObject({
      workflowId: expect.stringMatching(/^vacancy:HIST-PEMKAB:/),
      stepBefore: 'awaiting_ppk_decision',
      stepAfter: 'approved',
      payload: { fillingMethod: 'open_selection' },
      sop: { id: 'vacancy', version: '1.0.0' },
      ruleVersion: 'filling-methods@2026-01-01',
      decidedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('skips the other activities (computeDeadline) and keeps the system decision of an expiry', () => {
    const timeline = timelineFromHistory(committedHistory('vacancy-expired'));
    expect(timeline.map((r) => [r.decision, r.actor.id])).toEqual([
      ['propose', '198503152010012003'],
      ['deadline_expired', 'system'],
    ]);
  });

  it('marks a recordDecision whose activity has not completed as still being written', () => {
    const json = committedHistoryJson('vacancy-approved-closed');
    const scheduled = json.events.find(
      (e) => (e.activityTaskScheduledEventAttributes as { activityId?: string } | undefined)?.activityId === '3',
    )!;
    json.events = json.events.filter(
      (e) => (e.activityTaskCompletedEventAttributes as { scheduledEventId?: string } | undefined)?.scheduledEventId !== scheduled.eventId,
    );
    expect(decisionActivitiesOf(historyFromJSON(json)).map((a) => [a.record.decision, a.completed])).toEqual([
      ['propose', true],
      ['approve', true],
      ['close', false],
    ]);
  });

  it('refuses a recordDecision input that is not a decision record', () => {
    const json = committedHistoryJson('vacancy-approved-closed');
    const attrs = json.events.find((e) => e.activityTaskScheduledEventAttributes)!.activityTaskScheduledEventAttributes as {
      input: { payloads: { data: string }[] };
    };
    attrs.input.payloads[0].data = Buffer.from(JSON.stringify({ hello: 'world' })).toString('base64');
    expect(() => timelineFromHistory(historyFromJSON(json))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('reads the workflow type, the end of the run and (for a vacancy) no children', () => {
    const h = committedHistory('vacancy-approved-closed');
    expect(workflowTypeOf(h)).toBe('vacancyWorkflow');
    expect(isClosed(h)).toBe(true);
    expect(childWorkflowsOf(h)).toEqual([]);
    expect(isClosed({ events: h.events!.slice(0, 12) })).toBe(false);
  });
});
