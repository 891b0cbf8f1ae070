import type { InboxTaskView } from '@meritflow/contracts';
import { countTasks, keepsAsSnapshot, pageOfTasks, visibleTasks, type CaseTasks } from './inbox-tasks';

const NOW = new Date('2026-11-20T03:00:00Z');
const VACANCY = { id: 'vacancy', version: '1.0.0' };
const deadline = (step: string, dueAt: string, onExpiry = 'remind') => ({ step, dueAt, onExpiry, notifyRole: 'ppk' });

describe('keepsAsSnapshot', () => {
  it.each([
    ['a step without a deadline in the SOP', { step: 'approved', deadline: null }, true],
    [
      'a step whose deadline is set and still running',
      { step: 'awaiting_ppk_decision', deadline: deadline('awaiting_ppk_decision', '2026-12-01T00:00:00Z') },
      true,
    ],
    [
      'a step whose deadline passed and was already handled (reminded)',
      { step: 'awaiting_ppk_decision', deadline: deadline('awaiting_ppk_decision', '2026-11-01T00:00:00Z', 'remind:done') },
      true,
    ],
    ['a step entered a moment ago whose SOP deadline is not set yet', { step: 'awaiting_ppk_decision', deadline: null }, false],
    [
      "a step still showing the step before's deadline",
      { step: 'awaiting_ppk_decision', deadline: deadline('draft', '2026-12-01T00:00:00Z') },
      false,
    ],
    [
      'a deadline that passed and is being handled (an extension comes next)',
      { step: 'awaiting_ppk_decision', deadline: deadline('awaiting_ppk_decision', '2026-11-20T02:59:59Z') },
      false,
    ],
    ['a step the SOP does not know', { step: 'nowhere', deadline: null }, false],
  ])('%s', (_what, state, kept) => {
    expect(keepsAsSnapshot({ ...state, sop: VACANCY }, VACANCY, NOW)).toBe(kept);
  });

  it("falls back to the case row's SOP when the state names none, and keeps nothing of an unknown SOP", () => {
    expect(keepsAsSnapshot({ step: 'approved', deadline: null }, VACANCY, NOW)).toBe(true);
    expect(keepsAsSnapshot({ step: 'approved', deadline: null }, { id: 'vacancy', version: '9.9.9' }, NOW)).toBe(false);
  });
});

const task = (caseId: string, caseType: string, dueAt?: string, overdue = false): InboxTaskView => ({
  role: 'ppk',
  decision: 'approve',
  workflowId: caseId,
  caseId,
  caseType,
  agencyCode: 'PEMKAB-A',
  title: caseId,
  step: 's',
  overdue,
  ...(dueAt ? { dueAt } : {}),
});

describe('pageOfTasks', () => {
  const tasks = [
    task('vacancy:A:3', 'vacancy', '2026-12-03T00:00:00Z'),
    task('move:A:1', 'move'),
    task('vacancy:A:1', 'vacancy', '2026-11-01T00:00:00Z', true),
    task('vacancy:A:2', 'vacancy', '2026-12-03T00:00:00Z'),
    task('discipline:A:1', 'discipline', '2026-11-02T00:00:00Z', true),
  ];
  it.each([
    [
      'the first page, overdue first, then by due date (ties by case), undated last',
      { limit: 3, offset: 0 },
      ['vacancy:A:1', 'discipline:A:1', 'vacancy:A:2'],
      5,
    ],
    ['the next page', { limit: 3, offset: 3 }, ['vacancy:A:3', 'move:A:1'], 5],
    ['a page past the end', { limit: 3, offset: 9 }, [], 5],
    ['one case type', { limit: 50, offset: 0, caseType: 'vacancy' }, ['vacancy:A:1', 'vacancy:A:2', 'vacancy:A:3'], 3],
    ['overdue only', { limit: 50, offset: 0, overdue: true }, ['vacancy:A:1', 'discipline:A:1'], 2],
    ['not overdue, of one type', { limit: 1, offset: 1, overdue: false, caseType: 'vacancy' }, ['vacancy:A:3'], 2],
  ])('%s', (_what, q, ids, total) => {
    const { page, total: matching } = pageOfTasks(tasks, q);
    expect(page.map((t) => t.caseId)).toEqual(ids);
    expect(matching).toBe(total);
  });

  it('pages through every task exactly once', () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      task(`vacancy:A:${i}`, 'vacancy', i % 3 ? '2026-12-01T00:00:00Z' : undefined, i % 5 === 0),
    );
    const seen = [0, 10, 20].flatMap((offset) => pageOfTasks(many, { limit: 10, offset }).page.map((t) => t.caseId));
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
  });
});

describe('countTasks', () => {
  it('counts in all, overdue and per case type, every root type listed', () => {
    const counts = countTasks([task('a', 'vacancy', undefined, true), task('b', 'vacancy'), task('c', 'move', undefined, true)]);
    expect(counts).toEqual({
      total: 3,
      overdue: 2,
      byCaseType: {
        vacancy: { total: 2, overdue: 1 },
        move: { total: 1, overdue: 1 },
        'open-selection': { total: 0, overdue: 0 },
        'bulk-move': { total: 0, overdue: 0 },
        discipline: { total: 0, overdue: 0 },
        'talent-review': { total: 0, overdue: 0 },
      },
    });
  });
});

describe('visibleTasks', () => {
  const blind: CaseTasks = {
    step: 'screening',
    status: 'screening',
    pendingTasks: [
      { role: 'committee_member', decision: 'score', subject: '197804122003031001', workflowId: 'sel', dueAt: '2026-11-19T00:00:00Z' },
    ],
    followUps: [{ role: 'hr_officer', decision: 'open_selection', workflowId: 'sel' }],
    committeeIds: ['m-1'],
    blindScoring: { revealed: false, codes: [{ code: 'K-01', nip: '197804122003031001', name: 'Budi' }] },
  };
  it.each([
    ['a committee member reads codes', 'committee_member', 'K-01'],
    ['HR reads the NIP', 'hr_officer', '197804122003031001'],
  ] as const)('masks a blind selection at read time: %s', (_what, role, subject) => {
    const [t] = visibleTasks(blind, false, { id: 'm-1', role, agency: 'A' }, NOW);
    expect(t).toMatchObject({ subject, overdue: true });
  });

  it('drops the follow-up once a case fills the vacancy', () => {
    const hr = { id: 'hr-1', role: 'hr_officer' as const, agency: 'A' };
    expect(visibleTasks(blind, false, hr, NOW).map((t) => t.decision)).toEqual(['score', 'open_selection']);
    expect(visibleTasks(blind, true, hr, NOW).map((t) => t.decision)).toEqual(['score']);
  });
});
