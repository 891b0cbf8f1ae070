import { computeCompliance, type ApprovedVacancy, type ComplianceInput, type DecisionTally } from './compliance';

const FROM = '2026-01-01T00:00:00.000+07:00';
const TO = '2026-07-01T00:00:00.000+07:00';
const NOW = new Date('2026-08-01T00:00:00Z');
const SEL = { id: 'open-selection', version: '1.0.0' };
const VAC = { id: 'vacancy', version: '1.0.0' };
const APPT = { id: 'appointment', version: '1.0.0' };

const vacancy = (
  id: string,
  positionClass: string,
  fillingMethod: string | null,
  approvedAt = '2026-02-01T03:00:00Z',
  vacancyStep = 'approved',
): ApprovedVacancy => ({
  vacancyId: `vacancy:PEMKAB-X:${id}`,
  positionClass,
  fillingMethod,
  approvedAt,
  vacancyStep,
});

const tally = (
  decision: string,
  stepBefore: string | null,
  actorRole: string,
  sop: { id: string; version: string },
  withEvidence: boolean,
  count: number,
): DecisionTally => ({
  decision,
  stepBefore,
  actorRole,
  sop,
  withEvidence,
  count,
});

const empty: ComplianceInput = {
  agencyCode: 'PEMKAB-X',
  from: FROM,
  to: TO,
  approvedVacancies: [],
  closedSelections: [],
  caseRuns: [],
  decisions: [],
  interestDeclarations: [],
};

describe('computeCompliance (promosi dan mutasi / manajemen talenta)', () => {
  it('reports nothing counted as null shares, not as 0% or 100%', () => {
    const r = computeCompliance(empty, NOW);
    expect(r.indicators.jptOpenFilling).toMatchObject({ numerator: 0, denominator: 0, share: null });
    expect(r.indicators.evidenceComplete.share).toBeNull();
    expect(r.indicators.closedCases).toEqual({ count: 0, averageDurationDays: null, byType: {} });
    expect(r.indicators.overridesUsed.count).toBe(0);
    expect(r.generatedAt).toBe(NOW.toISOString());
    expect(Object.keys(r.definitions).sort()).toEqual(Object.keys(r.indicators).sort());
  });

  it('shares JPT vacancies by filling method, counting only JPT posts approved in the period', () => {
    const r = computeCompliance(
      {
        ...empty,
        approvedVacancies: [
          vacancy('A', 'jpt_pratama', 'open_selection'),
          vacancy('B', 'jpt_pratama', 'talent_pool', undefined, 'closed'),
          vacancy('C', 'jpt_madya', 'mutation_rotation'),
          vacancy('D', 'jpt_pratama', 'open_selection'),
          vacancy('E', 'administrator', 'mutation_rotation'),
          vacancy('F', 'jpt_pratama', 'open_selection', '2026-07-01T00:00:00+07:00'),
          vacancy('G', 'jpt_utama', 'open_selection', undefined, 'filled'),
        ],
        closedSelections: [
          {
            selectionId: 'open-selection:PEMKAB-X:S1',
            vacancyIds: ['vacancy:PEMKAB-X:A', 'vacancy:PEMKAB-X:F'],
            closedAt: '2026-05-01T00:00:00Z',
          },
        ],
      },
      NOW,
    );
    // A, B, D, G of 5 JPT posts (C by mutation; E is not JPT; F falls on `to`, which is excluded).
    expect(r.indicators.jptOpenFilling).toEqual({
      numerator: 4,
      denominator: 5,
      share: 0.8,
      byMethod: { open_selection: 3, talent_pool: 1, mutation_rotation: 1 },
    });
    // Filled: A (its selection closed), B (talent pool, vacancy closed), G (vacancy filled); D still open.
    expect(r.indicators.jptFilledOpen).toEqual({ numerator: 3, denominator: 5, share: 0.6 });
  });

  it('averages the duration of cases that reached a final step in the period, per type', () => {
    const run = (caseId: string, caseType: string, sop: { id: string; version: string }, step: string, first: string, last: string) => ({
      caseId,
      runId: `${caseId}-run`,
      caseType,
      sop,
      step,
      firstDecisionAt: first,
      lastDecisionAt: last,
    });
    const r = computeCompliance(
      {
        ...empty,
        caseRuns: [
          run('s1', 'open-selection', SEL, 'closed', '2026-01-10T00:00:00Z', '2026-03-11T00:00:00Z'),
          run('v1', 'vacancy', VAC, 'rejected', '2026-02-01T00:00:00Z', '2026-02-04T12:00:00Z'),
          run('v2', 'vacancy', VAC, 'closed', '2026-02-01T00:00:00Z', '2026-02-02T12:00:00Z'),
          // Still running, or finished outside the period: not counted.
          run('v3', 'vacancy', VAC, 'approved', '2026-02-01T00:00:00Z', '2026-02-03T00:00:00Z'),
          run('v4', 'vacancy', VAC, 'closed', '2025-12-01T00:00:00Z', '2025-12-20T00:00:00Z'),
        ],
      },
      NOW,
    );
    expect(r.indicators.closedCases).toEqual({
      count: 3,
      averageDurationDays: 21.67,
      byType: { 'open-selection': { count: 1, averageDurationDays: 60 }, vacancy: { count: 2, averageDurationDays: 2.5 } },
    });
  });

  it('counts evidence completeness over the human decisions whose SOP transition requires evidence', () => {
    const r = computeCompliance(
      {
        ...empty,
        decisions: [
          tally('form_committee', 'committee_formation', 'ppk', SEL, true, 2),
          tally('form_committee', 'committee_formation', 'ppk', SEL, false, 1),
          tally('record_decree', 'awaiting_decree', 'hr_officer', APPT, true, 1),
          // No evidence required: not counted either way.
          tally('screen_candidate', 'screening', 'hr_officer', SEL, false, 40),
          tally('open_selection', null, 'hr_officer', SEL, false, 3),
          // System decisions are not human decisions.
          tally('registration_closed', 'registration', 'system', SEL, false, 3),
          // An unknown SOP version cannot say what it requires.
          tally('form_committee', 'committee_formation', 'ppk', { id: 'open-selection', version: '9.9.9' }, false, 5),
        ],
      },
      NOW,
    );
    expect(r.indicators.evidenceComplete).toEqual({ numerator: 3, denominator: 4, share: 0.75 });
  });

  it('counts deadline breaches, declared conflicts of interest and overrides', () => {
    const r = computeCompliance(
      {
        ...empty,
        decisions: [
          tally('deadline_reminder', 'ppk_decision', 'system', SEL, false, 2),
          tally('deadline_escalated', 'external_review', 'system', SEL, false, 1),
          // Recorded by a person, a "deadline_*" name is not the deadline machinery.
          tally('deadline_reminder', 'ppk_decision', 'ppk', SEL, false, 1),
          tally('override', 'ppk_decision', 'ppk', SEL, false, 1),
        ],
        interestDeclarations: [[{ conflicted: true }, { conflicted: false }], [{ conflicted: false }, { conflicted: 'true' }], []],
      },
      NOW,
    );
    expect(r.indicators.deadlineBreaches).toEqual({ count: 3, byDecision: { deadline_reminder: 2, deadline_escalated: 1 } });
    expect(r.indicators.conflictsOfInterestDeclared).toEqual({ count: 1, declarations: 4 });
    expect(r.indicators.overridesUsed).toEqual({ count: 1 });
  });
});
