import { evaluateDecision } from '../sop/sop-engine';
import { getOpenSelectionSop, selectSop } from '../sop/sop-registry';
import { openSelectionMadyaV1, openSelectionRegencySekdaV1 } from '../sop/open-selection/open-selection.chains';
import {
  openSelectionMadyaV1_0_1,
  openSelectionMadyaV1_1,
  openSelectionRegencySekdaV1_1,
  openSelectionUtamaTestFast,
  openSelectionUtamaV1,
  openSelectionUtamaV1_1,
} from '../sop/open-selection/open-selection.senior-chains';
import type { SopDefinition } from '../sop/sop.types';

/** The steps a case walks from `from` by each step's first way on (its first auto, else its first transition). */
const path = (sop: Readonly<SopDefinition>, from: string, until: string): string[] => {
  const walked = [from];
  let step = sop.steps.find((s) => s.id === from)!;
  while (step.id !== until) {
    const next = step.auto?.[0]?.to ?? step.transitions.find((t) => t.to !== step.id && t.to !== 'cancelled')!.to;
    step = sop.steps.find((s) => s.id === next)!;
    walked.push(step.id);
  }
  return walked;
};
const stepOf = (sop: Readonly<SopDefinition>, id: string) => sop.steps.find((s) => s.id === id);

describe('the JPT utama chain and the President’s approval as SOP versions', () => {
  it('chooses the utama variant for a utama post, and 1.0.1-madya for madya from 1 December 2026', () => {
    const asOf = new Date('2026-12-06T03:00:00Z');
    expect(selectSop('open-selection', { asOf, allowTestOnly: false, variant: 'utama' })).toBe(openSelectionUtamaV1);
    expect(selectSop('open-selection', { asOf, allowTestOnly: false, variant: 'madya' })).toBe(openSelectionMadyaV1_0_1);
    // Before it, madya stays on 1.0.0 and utama has no chain version to pin.
    const before = new Date('2026-11-30T03:00:00Z');
    expect(selectSop('open-selection', { asOf: before, allowTestOnly: false, variant: 'madya' })).toBe(openSelectionMadyaV1);
    expect(() => selectSop('open-selection', { asOf: before, allowTestOnly: false, variant: 'utama' })).toThrow();
    // 1.1.0 of each chain takes over with open selection 1.1.0.
    const in2027 = new Date('2027-01-04T03:00:00Z');
    expect(selectSop('open-selection', { asOf: in2027, allowTestOnly: false, variant: 'utama' })).toBe(openSelectionUtamaV1_1);
    expect(selectSop('open-selection', { asOf: in2027, allowTestOnly: false, variant: 'madya' })).toBe(openSelectionMadyaV1_1);
    expect(selectSop('open-selection', { asOf: in2027, allowTestOnly: false, variant: 'regency_sekda' })).toBe(
      openSelectionRegencySekdaV1_1,
    );
  });

  it.each([
    ['1.0.0-utama', openSelectionUtamaV1, ['ranking', 'nomination', 'tpa_assessment', 'presidential_decree', 'appointment']],
    [
      '1.0.1-madya',
      openSelectionMadyaV1_0_1,
      ['ranking', 'governor_proposal', 'minister_review', 'tpa_assessment', 'presidential_decree', 'appointment'],
    ],
  ])('%s runs the ranking through its outside bodies to the appointment', (_v, sop, steps) => {
    expect(path(sop, 'ranking', 'appointment')).toEqual(steps);
    expect(sop.steps.map((s) => s.id)).not.toContain('ppk_decision');
    expect(sop.steps.map((s) => s.id)).not.toContain('external_review');
  });

  it.each([
    ['1.0.0-utama', openSelectionUtamaV1],
    ['1.0.1-madya', openSelectionMadyaV1_0_1],
    ['1.1.0-utama', openSelectionUtamaV1_1],
    ['1.1.0-madya', openSelectionMadyaV1_1],
  ])('%s can route the TPA’s assessment through the President’s approval before the Keppres', (_v, sop) => {
    expect(stepOf(sop, 'tpa_assessment')!.auto).toEqual([
      { decision: 'tpa_assessed', to: 'presidential_decree' },
      { decision: 'president_approval_required', to: 'president_approval' },
    ]);
    const approval = stepOf(sop, 'president_approval')!;
    expect(approval.auto).toEqual([{ decision: 'president_approved', to: 'presidential_decree' }]);
    expect(approval.deadline).toMatchObject({ after: { workingDays: 10 }, onExpiry: 'escalate' });
    const settings = getOpenSelectionSop(sop).settings;
    expect(settings.bodies?.president_approval?.code).toBe('PRESIDEN');
    expect(settings.presidentialApproval).toMatchObject({ windowYears: 2, appliesTo: ['jpt_utama', 'jpt_madya'] });
  });

  it('refuses the Keppres while the President’s approval is awaited, and the approval without its document', () => {
    const hr = { id: 'hr-1', role: 'hr_officer' as const };
    const doc = [{ id: 'e1' }];
    expect(
      evaluateDecision(openSelectionUtamaV1, 'president_approval', { decision: 'record_keppres', actor: hr, evidence: doc }),
    ).toMatchObject({ ok: false, code: 'DECISION_NOT_ALLOWED' });
    expect(evaluateDecision(openSelectionUtamaV1, 'president_approval', { decision: 'president_approve', actor: hr })).toMatchObject({
      ok: false,
      code: 'DECISION_INCOMPLETE',
      params: { missing: ['evidence'] },
    });
    expect(
      evaluateDecision(openSelectionUtamaV1, 'president_approval', { decision: 'president_approve', actor: hr, evidence: doc }).ok,
    ).toBe(true);
  });

  it('keeps the utama proposer and the outside bodies SOP data, with working-day SLAs that escalate', () => {
    const settings = getOpenSelectionSop(openSelectionUtamaV1).settings;
    expect(settings.chain).toBe('utama');
    expect(Object.fromEntries(Object.entries(settings.bodies ?? {}).map(([step, b]) => [step, b.code]))).toEqual({
      nomination: 'PENGUSUL',
      tpa_assessment: 'TPA',
      president_approval: 'PRESIDEN',
      presidential_decree: 'PRESIDEN',
    });
    for (const id of ['nomination', 'tpa_assessment', 'presidential_decree']) {
      expect(stepOf(openSelectionUtamaV1, id)!.deadline).toMatchObject({ after: { workingDays: 10 }, onExpiry: 'escalate' });
    }
    expect(openSelectionUtamaTestFast.testOnly).toBe(true);
  });

  it('leaves the shipped 1.0.0 chains without the President’s approval', () => {
    for (const sop of [openSelectionMadyaV1, openSelectionRegencySekdaV1]) {
      expect(sop.steps.map((s) => s.id)).not.toContain('president_approval');
      expect(getOpenSelectionSop(sop).settings.presidentialApproval).toBeUndefined();
    }
  });

  it.each([
    ['1.1.0-utama', openSelectionUtamaV1_1, 'nomination'],
    ['1.1.0-madya', openSelectionMadyaV1_1, 'governor_proposal'],
    ['1.1.0-sekda', openSelectionRegencySekdaV1_1, 'external_review'],
  ])('%s publishes the results and opens the objection window before the chain goes on to %s', (_v, sop, next) => {
    expect(path(sop, 'ranking', next)).toEqual(['ranking', 'objection_window', 'objection_review', next]);
    expect(stepOf(sop, 'rescoring')!.transitions.find((t) => t.decision === 'sign_ranking')!.to).toBe(next);
    expect(stepOf(sop, 'objection_review')!.auto).toEqual([
      { decision: 'objections_answered', to: next },
      { decision: 'scoring_reopened', to: 'rescoring' },
    ]);
    expect(getOpenSelectionSop(sop).settings.objectionWindow).toEqual({ workingDays: 3 });
    expect(sop.effectiveFrom).toBe('2027-01-01');
  });
});
