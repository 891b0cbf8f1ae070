import { selectSop } from '../sop-registry';
import { bulkMoveV1 } from './bulk-move.v1';
import { bulkMoveV1_1 } from './bulk-move.v1-1';

describe('bulk-move SOP 1.1.0', () => {
  it('guards the collective decree with the mobility rules, and nothing else changes', () => {
    const decree = bulkMoveV1_1.steps.find((s) => s.id === 'decree')!;
    expect(decree.transitions).toEqual([
      expect.objectContaining({ decision: 'record_decree', guard: 'mobility_rules', roles: ['hr_officer'] }),
    ]);
    expect(bulkMoveV1.steps.find((s) => s.id === 'decree')!.transitions[0].guard).toBeUndefined();
    expect(bulkMoveV1_1.steps.map((s) => s.id)).toEqual(bulkMoveV1.steps.map((s) => s.id));
  });

  it.each([
    ['2026-11-30', '1.0.0'],
    ['2026-12-01', '1.1.0'],
  ])('is the version new batches pin from its effective date: %s → %s', (date, version) => {
    expect(selectSop('bulk-move', { asOf: new Date(`${date}T12:00:00+07:00`), allowTestOnly: false }).version).toBe(version);
  });
});
