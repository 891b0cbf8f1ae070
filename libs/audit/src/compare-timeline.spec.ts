import type { DecisionRecord } from '@meritflow/domain';
import { canonicalJson } from '@meritflow/domain';
import { compareTimeline, hasDifferences } from './compare-timeline';
import type { LedgerRow } from './ledger-row';
import { committedHistory, rowOf } from '../../../test/support/committed-histories';
import { timelineFromHistory } from './timeline-from-history';

const timeline: DecisionRecord[] = timelineFromHistory(committedHistory('vacancy-approved-closed'));
const ledger = (): LedgerRow[] => timeline.map((r) => rowOf(r));
const [propose, approve, close] = timeline;

type Edit = (rows: LedgerRow[]) => LedgerRow[];
const alter =
  (i: number, change: Partial<LedgerRow>): Edit =>
  (rows) =>
    rows.map((r, j) => (j === i ? { ...r, ...change } : r));

describe('compareTimeline', () => {
  it('finds every decision of the history in an untouched ledger', () => {
    const c = compareTimeline(timeline, ledger());
    expect(c).toEqual({ matches: 3, missing: [], extra: [], altered: [], pending: [], afterSnapshot: [] });
    expect(hasDifferences(c)).toBe(false);
  });

  it('does not care about ledger order, jsonb key order, Date timestamps or an absent actor name stored as null', () => {
    const rows = ledger()
      .reverse()
      .map((r) => ({
        ...r,
        payload: JSON.parse(canonicalJson(r.payload)) as Record<string, unknown>,
        decidedAt: new Date(r.decidedAt) as unknown as string,
      }));
    expect(compareTimeline(timeline, rows).matches).toBe(3);
    const unnamed = { ...approve, actor: { id: approve.actor.id, role: approve.actor.role } };
    expect(compareTimeline([unnamed], [{ ...rowOf(approve), actorName: null }]).matches).toBe(1);
  });

  it.each<[string, Edit, { field: string; history: unknown; ledger: unknown }]>([
    ['reason', alter(2, { reason: 'diubah' }), { field: 'reason', history: close.reason, ledger: 'diubah' }],
    ['decision', alter(1, { decision: 'reject' }), { field: 'decision', history: 'approve', ledger: 'reject' }],
    ['sequence', alter(1, { sequence: 7 }), { field: 'sequence', history: 2, ledger: 7 }],
    [
      'actor id',
      alter(1, { actorId: '199001012020011001' }),
      { field: 'actorId', history: approve.actor.id, ledger: '199001012020011001' },
    ],
    ['actor role', alter(1, { actorRole: 'hr_officer' }), { field: 'actorRole', history: 'ppk', ledger: 'hr_officer' }],
    ['actor name', alter(1, { actorName: 'Orang Lain' }), { field: 'actorName', history: 'Bupati Sleman', ledger: 'Orang Lain' }],
    [
      'acting for',
      alter(1, { actingFor: { id: 'x', role: 'ppk', delegationId: 'd' } }),
      { field: 'actingFor', history: null, ledger: { id: 'x', role: 'ppk', delegationId: 'd' } },
    ],
    ['step before', alter(1, { stepBefore: null }), { field: 'stepBefore', history: 'awaiting_ppk_decision', ledger: null }],
    ['step after', alter(1, { stepAfter: 'rejected' }), { field: 'stepAfter', history: 'approved', ledger: 'rejected' }],
    [
      'payload',
      alter(1, { payload: { fillingMethod: 'talent_pool' } }),
      { field: 'payload', history: { fillingMethod: 'open_selection' }, ledger: { fillingMethod: 'talent_pool' } },
    ],
    ['evidence', alter(1, { evidence: [{ kind: 'nota_dinas' }] }), { field: 'evidence', history: [], ledger: [{ kind: 'nota_dinas' }] }],
    ['SOP id', alter(0, { sopId: 'open-selection' }), { field: 'sopId', history: 'vacancy', ledger: 'open-selection' }],
    ['SOP version', alter(0, { sopVersion: '1.0.1' }), { field: 'sopVersion', history: '1.0.0', ledger: '1.0.1' }],
    ['rule version', alter(0, { ruleVersion: null }), { field: 'ruleVersion', history: 'filling-methods@2026-01-01', ledger: null }],
    ['workflow id', alter(0, { workflowId: 'vacancy:X:Y' }), { field: 'workflowId', history: propose.workflowId, ledger: 'vacancy:X:Y' }],
    ['run id', alter(0, { runId: 'other-run' }), { field: 'runId', history: propose.runId, ledger: 'other-run' }],
    [
      'root workflow id',
      alter(0, { rootWorkflowId: 'open-selection:X:Y' }),
      { field: 'rootWorkflowId', history: propose.workflowId, ledger: 'open-selection:X:Y' },
    ],
    [
      'decision time',
      alter(0, { decidedAt: '2026-01-01T00:00:00.000Z' }),
      { field: 'decidedAt', history: propose.decidedAt, ledger: '2026-01-01T00:00:00.000Z' },
    ],
  ])('reports an altered %s, naming the decision and both values', (_, edit, difference) => {
    const c = compareTimeline(timeline, edit(ledger()));
    expect(c.matches).toBe(2);
    expect(c.missing).toEqual([]);
    expect(c.extra).toEqual([]);
    expect(c.altered).toHaveLength(1);
    expect(c.altered[0].fields).toEqual([difference]);
    expect(timeline.map((r) => r.idempotencyKey)).toContain(c.altered[0].key);
    expect(hasDifferences(c)).toBe(true);
  });

  it.each<[string, Edit, { missing: string[]; extra: string[] }]>([
    ['a ledger row is missing', (rows) => rows.filter((r) => r.decision !== 'approve'), { missing: ['approve'], extra: [] }],
    ['the ledger is empty', () => [], { missing: ['propose', 'approve', 'close'], extra: [] }],
    [
      'the ledger holds a decision the workflow never took',
      (rows) => [...rows, { ...rows[2], id: '9', idempotencyKey: `${close.workflowId}:${close.runId}:4`, sequence: 4, decision: 'reopen' }],
      { missing: [], extra: ['reopen'] },
    ],
    ['a row is duplicated', (rows) => [...rows, { ...rows[0], id: '9' }], { missing: [], extra: ['propose'] }],
  ])('reports it when %s', (_, edit, expected) => {
    const c = compareTimeline(timeline, edit(ledger()));
    expect(c.missing.map((d) => d.decision)).toEqual(expected.missing);
    expect(c.extra.map((d) => d.decision)).toEqual(expected.extra);
    expect(c.altered).toEqual([]);
    expect(hasDifferences(c)).toBe(true);
  });

  it('names a missing decision by workflow, sequence, key and time', () => {
    const c = compareTimeline(timeline, ledger().slice(0, 2));
    expect(c.missing).toEqual([
      { key: close.idempotencyKey, workflowId: close.workflowId, sequence: 3, decision: 'close', decidedAt: close.decidedAt },
    ]);
  });

  it('counts a decision still being written, or taken after the history was read, as no difference', () => {
    const rows = ledger();
    const later = { ...rows[2], id: '9', idempotencyKey: `${close.workflowId}:${close.runId}:4`, sequence: 4, decision: 'later' };
    const c = compareTimeline(timeline, [rows[0], rows[1], later], {
      pending: new Set([close.idempotencyKey]),
      isAfterSnapshot: (r) => r.sequence > 3,
    });
    expect(c.pending.map((d) => d.decision)).toEqual(['close']);
    expect(c.afterSnapshot.map((d) => d.decision)).toEqual(['later']);
    expect(hasDifferences(c)).toBe(false);
  });
});
