import { evaluateDelegation } from './delegation';

const now = new Date('2026-11-22T00:00:00Z');
const ppk = { id: 'ppk-1', role: 'ppk' as const };
const req = { delegateId: 'sekda-1', validFrom: '2026-11-22T00:00:00Z', validUntil: '2026-12-22T00:00:00Z' };

describe('evaluateDelegation', () => {
  it('lets a PPK or a committee chair delegate for a period', () => {
    expect(evaluateDelegation(ppk, req, now)).toEqual({ ok: true });
    expect(evaluateDelegation({ id: 'c', role: 'committee_chair' }, req, now)).toEqual({ ok: true });
  });

  it.each([
    ['re-delegation', { ...ppk, actingFor: { id: 'x', role: 'ppk' as const, delegationId: 'd' } }, req, /re-delegation/],
    ['another role', { id: 'h', role: 'hr_officer' as const }, req, /only ppk, committee_chair/],
    ['to oneself', ppk, { ...req, delegateId: 'ppk-1' }, /oneself/],
    ['an inverted period', ppk, { ...req, validUntil: '2026-11-01T00:00:00Z' }, /after validFrom/],
    ['a period already over', ppk, { ...req, validFrom: '2026-10-01T00:00:00Z', validUntil: '2026-11-01T00:00:00Z' }, /ended/],
    ['a period over 180 days', ppk, { ...req, validUntil: '2027-12-01T00:00:00Z' }, /180 days/],
  ])('refuses %s', (_, actor, r, reason) => {
    const v = evaluateDelegation(actor, r, now);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.code).toBe('DELEGATION_INVALID');
    expect(!v.ok && String(v.params.reason)).toMatch(reason);
  });
});
