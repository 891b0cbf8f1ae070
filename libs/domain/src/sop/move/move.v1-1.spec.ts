import { allowedDecisions, conditionalTransition, evaluateDecision, stepOf } from '../sop-engine';
import { getSop, selectSop } from '../sop-registry';
import { validateSop } from '../sop.schema';
import { mutationIntraV1 } from './move.v1';
import { MOVE_SOPS_V1_1, MOVE_SOPS_V1_1_TEST_FAST, moveSopSettings } from './move.v1-1';

const HR = { id: 'hr-01', role: 'hr_officer' as const };

describe('move SOPs 1.1.0: decree as of its TMT, reporting duty', () => {
  it.each(MOVE_SOPS_V1_1.map((s) => [s.id, s] as const))('%s 1.1.0 is a valid SOP in force from 2026-12-01', (_id, sop) => {
    const { settings: _s, ...definition } = sop;
    expect(() => validateSop(definition)).not.toThrow();
    expect(sop.effectiveFrom).toBe('2026-12-01');
    expect(selectSop(sop.id, { asOf: new Date('2026-12-06T03:00:00Z'), allowTestOnly: false }).version).toBe('1.1.0');
    expect(selectSop(sop.id, { asOf: new Date('2026-11-30T03:00:00Z'), allowTestOnly: false }).version).toBe('1.0.0');
  });

  it.each([
    { sop: MOVE_SOPS_V1_1[0], after: { workingDays: 7 }, testOnly: false },
    { sop: MOVE_SOPS_V1_1_TEST_FAST[0], after: { seconds: 3 }, testOnly: true },
  ])('reports within $after, escalating to the PPK when missed (testOnly $testOnly)', ({ sop, after, testOnly }) => {
    const reporting = stepOf(sop, 'reporting');
    expect(sop.testOnly).toBe(testOnly);
    expect(reporting.deadline).toEqual({ after, onExpiry: 'escalate', notifyRole: 'ppk' });
    expect(reporting.duty).toMatchObject({ kind: 'report', metBy: 'report_submitted' });
    expect(evaluateDecision(sop, 'reporting', { decision: 'report_submitted', actor: HR })).toMatchObject({
      ok: false,
      code: 'DECISION_INCOMPLETE',
    });
  });

  it('guards the decree with the rules and leads it to the reporting step only when the duty attaches', () => {
    const sop = MOVE_SOPS_V1_1[0];
    const plain = evaluateDecision(sop, 'decree', { decision: 'record_decree', actor: HR, evidence: [{}] });
    expect(plain).toMatchObject({ ok: true, to: { id: 'completed' }, transition: { guard: 'mobility_rules' } });
    expect(conditionalTransition(sop, 'decree', 'record_decree', 'reporting_duty')?.id).toBe('reporting');
    expect(allowedDecisions(sop, 'decree').map((d) => d.decision)).toEqual(['record_decree', 'override']);
  });

  it('pins a 30-day backdating limit; 1.0.0 pinned none and is left as shipped', () => {
    expect(moveSopSettings(MOVE_SOPS_V1_1[0])).toEqual({ maxBackdatingDays: 30 });
    expect(moveSopSettings(getSop({ id: 'mutation-intra', version: '1.0.0' }))).toEqual({ maxBackdatingDays: null });
    expect(stepOf(mutationIntraV1, 'decree').transitions).toEqual([
      { decision: 'record_decree', roles: ['hr_officer'], to: 'completed', requires: ['evidence'] },
    ]);
    expect(conditionalTransition(mutationIntraV1, 'decree', 'record_decree', 'reporting_duty')).toBeNull();
  });
});
