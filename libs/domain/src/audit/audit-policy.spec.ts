import { ROLES, SYSTEM_ROLE } from '../roles';
import { evaluateLedgerAudit, mayAudit } from './audit-policy';

describe('ledger audit policy', () => {
  it.each([
    ['auditor', true],
    ['admin', true],
    ['hr_officer', false],
    ['committee_member', false],
    ['committee_chair', false],
    ['assessor', false],
    ['ppk', false],
    ['overseer', false],
    [SYSTEM_ROLE, false],
    ['AUDITOR', false],
    [undefined, false],
  ])('mayAudit(%p) is %p', (role, expected) => {
    expect(mayAudit(role)).toBe(expected);
  });

  it('covers every role the API knows', () => {
    expect(ROLES.filter((r) => mayAudit(r))).toEqual(['auditor', 'admin']);
  });

  it('refuses others with ROLE_NOT_ALLOWED naming the action and the roles that may', () => {
    expect(evaluateLedgerAudit({ id: 'x', role: 'hr_officer' }, 'verify_ledger')).toEqual({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
      params: { step: 'ledger', decision: 'verify_ledger', role: 'hr_officer', roles: ['auditor', 'admin'], allowed: [] },
    });
    expect(evaluateLedgerAudit({ id: 'x', role: 'auditor' }, 'verify_ledger')).toEqual({ ok: true });
  });
});
