import { byUrgency, isOverdue, isTaskFor } from './tasks';

describe('whose task is it', () => {
  it.each([
    ['the named PPK', { id: 'ppk', role: 'ppk' as const }, { role: 'ppk', actorId: 'ppk' }, [], true],
    ['another PPK for a named task', { id: 'ppk-2', role: 'ppk' as const }, { role: 'ppk', actorId: 'ppk' }, [], false],
    [
      'a Plt acting for the named PPK',
      { id: 'plt', role: 'ppk' as const, actingFor: { id: 'ppk', role: 'ppk' as const, delegationId: 'd' } },
      { role: 'ppk', actorId: 'ppk' },
      [],
      true,
    ],
    [
      'the chair for a member task of their committee',
      { id: 'k', role: 'committee_chair' as const },
      { role: 'committee_member' },
      ['k'],
      true,
    ],
    ['a member of another committee', { id: 'x', role: 'committee_member' as const }, { role: 'committee_member' }, ['k'], false],
    [
      "a chair on a case that keeps no committee roster (a move's TPK)",
      { id: 'tpk', role: 'committee_chair' as const },
      { role: 'committee_chair' },
      null,
      true,
    ],
    ['HR for an HR task', { id: 'h', role: 'hr_officer' as const }, { role: 'hr_officer' }, [], true],
    ['HR for a PPK task', { id: 'h', role: 'hr_officer' as const }, { role: 'ppk' }, [], false],
  ])('%s', (_, actor, task, committee, mine) => {
    expect(isTaskFor(actor, task, committee)).toBe(mine);
  });

  it('puts overdue tasks first, then the earliest due, undated last', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const tasks = [{ role: 'ppk' }, { role: 'ppk', dueAt: '2026-12-01T00:00:00Z' }, { role: 'ppk', dueAt: '2026-11-01T00:00:00Z' }].map(
      (t) => ({ ...t, overdue: isOverdue(t, now) }),
    );
    expect(tasks.sort(byUrgency).map((t) => t.dueAt)).toEqual(['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', undefined]);
  });
});
