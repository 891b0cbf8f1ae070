import { ROLES, SYSTEM_ROLE, type Actor, type ActorRole } from '../roles';
import { allowedDecisions, evaluateDecision, evaluateStart, stepOf, type DecisionRequest } from './sop-engine';
import { vacancyTestFast } from './vacancy/vacancy.test-fast';
import { vacancyV1 } from './vacancy/vacancy.v1';

const ALL_ROLES: readonly ActorRole[] = [...ROLES, SYSTEM_ROLE];
const actor = (role: ActorRole): Actor => ({ id: '198001012005011001', role, name: 'Budi Santoso' });
const request = (decision: string, role: ActorRole, extra: Partial<DecisionRequest> = {}): DecisionRequest => ({
  decision,
  actor: actor(role),
  ...extra,
});

const AT_PPK = 'awaiting_ppk_decision';
const TERMINAL_STEPS = ['rejected', 'withdrawn', 'closed'] as const;
const ALLOWED_AT_PPK = ['approve (ppk)', 'reject (ppk)', 'withdraw (hr_officer)'];
const ALLOWED_WHEN_APPROVED = ['close (hr_officer)'];

describe('evaluateDecision on vacancy 1.0.0', () => {
  describe('allowed transitions', () => {
    it.each([
      { step: AT_PPK, decision: 'approve', role: 'ppk', extra: { fillingMethod: 'open_selection' }, to: 'approved', status: 'approved' },
      { step: AT_PPK, decision: 'reject', role: 'ppk', extra: { reason: 'Formasi belum tersedia' }, to: 'rejected', status: 'rejected' },
      { step: AT_PPK, decision: 'withdraw', role: 'hr_officer', extra: { reason: 'Usulan ganda' }, to: 'withdrawn', status: 'withdrawn' },
      {
        step: 'approved',
        decision: 'close',
        role: 'hr_officer',
        extra: { reason: 'Jabatan telah terisi' },
        to: 'closed',
        status: 'closed',
      },
    ] as const)('lets $role $decision at $step and moves the case to $to', ({ step, decision, role, extra, to, status }) => {
      const verdict = evaluateDecision(vacancyV1, step, request(decision, role, extra));

      expect(verdict).toMatchObject({ ok: true, from: { id: step }, to: { id: to, status }, transition: { decision, to } });
    });

    it('accepts a reason surrounded by whitespace as long as it has text', () => {
      const verdict = evaluateDecision(vacancyV1, AT_PPK, request('reject', 'ppk', { reason: '  \n Tidak sesuai ABK \t' }));

      expect(verdict.ok).toBe(true);
    });

    it('lands on a terminal step for reject and withdraw but not for approve', () => {
      const terminalAfter = (decision: string, role: ActorRole, extra: Partial<DecisionRequest>) => {
        const verdict = evaluateDecision(vacancyV1, AT_PPK, request(decision, role, extra));
        if (!verdict.ok) throw new Error(`expected ${decision} to be allowed`);
        return verdict.to.terminal;
      };

      expect(terminalAfter('approve', 'ppk', { fillingMethod: 'talent_pool' })).toBe(false);
      expect(terminalAfter('reject', 'ppk', { reason: 'x' })).toBe(true);
      expect(terminalAfter('withdraw', 'hr_officer', { reason: 'x' })).toBe(true);
    });
  });

  describe('a decision the step does not offer', () => {
    it.each([
      { step: AT_PPK, decision: 'close', allowed: ALLOWED_AT_PPK },
      { step: AT_PPK, decision: 'propose', allowed: ALLOWED_AT_PPK },
      { step: AT_PPK, decision: 'APPROVE', allowed: ALLOWED_AT_PPK },
      { step: AT_PPK, decision: '', allowed: ALLOWED_AT_PPK },
      { step: 'approved', decision: 'approve', allowed: ALLOWED_WHEN_APPROVED },
      { step: 'approved', decision: 'reject', allowed: ALLOWED_WHEN_APPROVED },
      { step: 'approved', decision: 'withdraw', allowed: ALLOWED_WHEN_APPROVED },
    ])('refuses "$decision" at $step with DECISION_NOT_ALLOWED and lists what is allowed', ({ step, decision, allowed }) => {
      // Even the role that could take it elsewhere, with every field filled, is refused.
      const verdict = evaluateDecision(vacancyV1, step, request(decision, 'ppk', { reason: 'r', fillingMethod: 'talent_pool' }));

      expect(verdict).toEqual({
        ok: false,
        code: 'DECISION_NOT_ALLOWED',
        params: { step, stepLabel: stepOf(vacancyV1, step).label, decision, allowed },
      });
    });

    it('reports an unavailable decision before judging the role', () => {
      const verdict = evaluateDecision(vacancyV1, 'approved', request('approve', 'auditor'));

      expect(verdict).toMatchObject({ ok: false, code: 'DECISION_NOT_ALLOWED' });
    });
  });

  describe('the right decision taken by the wrong role', () => {
    const cases = [
      { step: AT_PPK, decision: 'approve', roles: ['ppk'], allowed: ALLOWED_AT_PPK },
      { step: AT_PPK, decision: 'reject', roles: ['ppk'], allowed: ALLOWED_AT_PPK },
      { step: AT_PPK, decision: 'withdraw', roles: ['hr_officer'], allowed: ALLOWED_AT_PPK },
      { step: 'approved', decision: 'close', roles: ['hr_officer'], allowed: ALLOWED_WHEN_APPROVED },
    ].flatMap((c) => ALL_ROLES.filter((r) => !c.roles.includes(r)).map((role) => ({ ...c, role })));

    it.each(cases)(
      'refuses $decision at $step by $role with ROLE_NOT_ALLOWED naming $roles',
      ({ step, decision, role, roles, allowed }) => {
        const verdict = evaluateDecision(vacancyV1, step, request(decision, role, { reason: 'r', fillingMethod: 'open_selection' }));

        expect(verdict).toEqual({
          ok: false,
          code: 'ROLE_NOT_ALLOWED',
          params: { step, stepLabel: stepOf(vacancyV1, step).label, decision, role, roles, allowed },
        });
      },
    );

    it('reports the wrong role before the missing fields', () => {
      const verdict = evaluateDecision(vacancyV1, AT_PPK, request('approve', 'hr_officer'));

      expect(verdict).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    });
  });

  describe('an incomplete decision', () => {
    const blanks = [undefined, '', ' ', '\t\n  '];
    const cases = [
      { step: AT_PPK, decision: 'approve', role: 'ppk', field: 'fillingMethod', other: 'reason' },
      { step: AT_PPK, decision: 'reject', role: 'ppk', field: 'reason', other: 'fillingMethod' },
      { step: AT_PPK, decision: 'withdraw', role: 'hr_officer', field: 'reason', other: 'fillingMethod' },
      { step: 'approved', decision: 'close', role: 'hr_officer', field: 'reason', other: 'fillingMethod' },
    ].flatMap((c) => blanks.map((blank) => ({ ...c, blank })));

    it.each(cases)(
      'refuses $decision at $step with DECISION_INCOMPLETE when $field is $blank, even if $other is given',
      ({ step, decision, role, field, other, blank }) => {
        const verdict = evaluateDecision(vacancyV1, step, request(decision, role as ActorRole, { [field]: blank, [other]: 'diisi' }));

        expect(verdict).toMatchObject({ ok: false, code: 'DECISION_INCOMPLETE', params: { step, decision, missing: [field] } });
      },
    );
  });

  describe('terminal steps', () => {
    const cases = TERMINAL_STEPS.flatMap((step) =>
      ['approve', 'reject', 'withdraw', 'close', 'propose'].map((decision) => ({ step, decision })),
    );

    it.each(TERMINAL_STEPS)('offers no decision at all at %s', (step) => {
      expect(allowedDecisions(vacancyV1, step)).toEqual([]);
    });

    it.each(cases)('refuses $decision at terminal step $step with an empty allowed list', ({ step, decision }) => {
      for (const role of ALL_ROLES) {
        const verdict = evaluateDecision(vacancyV1, step, request(decision, role, { reason: 'r', fillingMethod: 'talent_pool' }));
        expect(verdict).toMatchObject({ ok: false, code: 'DECISION_NOT_ALLOWED', params: { step, allowed: [] } });
      }
    });

    it('treats the expired step of the test-only version as terminal too', () => {
      expect(allowedDecisions(vacancyTestFast, 'expired')).toEqual([]);
    });
  });
});

describe('allowedDecisions', () => {
  it('lists the decisions, roles and required fields of the PPK step', () => {
    expect(allowedDecisions(vacancyV1, AT_PPK)).toEqual([
      { decision: 'approve', roles: ['ppk'], requires: ['fillingMethod'] },
      { decision: 'reject', roles: ['ppk'], requires: ['reason'] },
      { decision: 'withdraw', roles: ['hr_officer'], requires: ['reason'] },
    ]);
  });

  it('lists only close, for HR with a reason, once approved', () => {
    expect(allowedDecisions(vacancyV1, 'approved')).toEqual([{ decision: 'close', roles: ['hr_officer'], requires: ['reason'] }]);
  });

  it('throws for a step the SOP does not have', () => {
    expect(() => allowedDecisions(vacancyV1, 'expired')).toThrow(/vacancy@1\.0\.0 has no step expired/);
  });
});

describe('stepOf', () => {
  it.each(['awaiting_ppk_decision', 'approved', 'rejected', 'withdrawn', 'closed'])('finds step %s', (id) => {
    expect(stepOf(vacancyV1, id).id).toBe(id);
  });

  it.each(['', 'APPROVED', 'unknown'])('throws for unknown step "%s"', (id) => {
    expect(() => stepOf(vacancyV1, id)).toThrow(`has no step ${id}`);
  });
});

describe('evaluateStart', () => {
  it('lets an HR officer open a vacancy case', () => {
    expect(evaluateStart(vacancyV1, actor('hr_officer'))).toEqual({ ok: true });
  });

  it.each(ALL_ROLES.filter((r) => r !== 'hr_officer'))('refuses %s with ROLE_NOT_ALLOWED naming hr_officer', (role) => {
    expect(evaluateStart(vacancyV1, actor(role))).toEqual({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
      params: { step: 'start', decision: 'propose', role, roles: ['hr_officer'], allowed: ['propose (hr_officer)'] },
    });
  });
});
