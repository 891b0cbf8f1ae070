import { DESTRUCTIVE_DECISIONS, isDestructiveDecision, sopDecisionCodes } from './destructive-decisions';

describe('destructive decisions', () => {
  it('names only decisions some shipped SOP offers, so a typo or a removed decision fails here', () => {
    const codes = sopDecisionCodes();
    expect([...DESTRUCTIVE_DECISIONS].filter((d) => !codes.has(d))).toEqual([]);
  });

  it.each([
    ['reject', true],
    ['cancel_selection', true],
    ['withdraw', true],
    ['close_case', true],
    ['approve', false],
    ['pick', false],
    ['announce', false],
  ])('%s is destructive: %s', (decision, expected) => {
    expect(isDestructiveDecision(decision)).toBe(expected);
  });
});
