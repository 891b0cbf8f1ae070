import { appointmentV1 } from '../sop/open-selection/children.v1';
import { openSelectionTestFast, openSelectionV1 } from '../sop/open-selection/open-selection.v1';
import { mutationIntraV1 } from '../sop/move/move.v1';
import { vacancyV1 } from '../sop/vacancy/vacancy.v1';
import { MOVE_SOPS_V1_1 } from '../sop/move/move.v1-1';
import { bulkMoveV1_1 } from '../sop/move/bulk-move.v1-1';
import { checkConformance, type LedgerDecision } from './conformance';
import { VACANCY, SELECTION, NOW, rows, vacancySop, propose, approve, type Row } from './conformance.fixture';

const close: Row = { decision: 'close', stepBefore: 'approved', stepAfter: 'closed', actorRole: 'hr_officer' };

describe('checkConformance on the vacancy SOP 1.0.0', () => {
  it.each<{ name: string; path: Row[]; rules: string[]; conforms: boolean }>([
    { name: 'a conforming path: propose, approve, close', path: [propose, approve, close], rules: [], conforms: true },
    {
      name: 'an approval by HR (the PPK decides)',
      path: [propose, { ...approve, actorRole: 'hr_officer' }],
      rules: ['role_not_allowed'],
      conforms: false,
    },
    {
      name: 'an approval by the system',
      path: [propose, { ...approve, actorRole: 'system' }],
      rules: ['role_not_allowed'],
      conforms: false,
    },
    {
      name: 'closing before the PPK decided (a transition the SOP does not allow)',
      path: [propose, { ...close, stepBefore: 'awaiting_ppk_decision' }],
      rules: ['transition_not_allowed'],
      conforms: false,
    },
    {
      name: 'approve landing on a step the SOP does not lead to',
      path: [propose, { ...approve, stepAfter: 'closed' }],
      rules: ['transition_not_allowed'],
      conforms: false,
    },
    {
      name: 'a decision after the terminal step',
      path: [propose, approve, close, { ...close, stepBefore: 'closed' }],
      rules: ['transition_not_allowed'],
      conforms: false,
    },
    {
      name: 'the PPK deadline passing (a reminder is a breach)',
      path: [
        propose,
        { decision: 'deadline_reminder', stepBefore: 'awaiting_ppk_decision', stepAfter: 'awaiting_ppk_decision', actorRole: 'system' },
        approve,
      ],
      rules: ['deadline_breached'],
      conforms: false,
    },
    {
      // Seen on a real child workflow: an update delivered before its first task was recorded ahead of the opening.
      name: 'a decision recorded before the case was opened',
      path: [approve, propose],
      rules: ['start_not_allowed', 'out_of_sequence', 'transition_not_allowed'],
      conforms: false,
    },
    { name: 'a case opened by the PPK', path: [{ ...propose, actorRole: 'ppk' }, approve], rules: ['role_not_allowed'], conforms: false },
    { name: 'a case opened by another decision', path: [{ ...approve, stepBefore: null }], rules: ['start_not_allowed'], conforms: false },
    {
      // Judged from the step the case was really at, where closing is allowed; the stale step is the finding.
      name: 'a row recorded from another step than the case was at',
      path: [propose, approve, { ...close, stepBefore: 'awaiting_ppk_decision' }],
      rules: ['out_of_sequence'],
      conforms: false,
    },
  ])('$name', ({ path, rules, conforms }) => {
    const report = checkConformance(vacancyV1, rows(VACANCY, vacancySop, path), NOW);
    expect(report.violations.map((v) => v.rule)).toEqual(rules);
    expect(report.conforms).toBe(conforms);
    for (const v of report.violations) {
      expect(v.detail.id.length).toBeGreaterThan(10);
      expect(v.detail.en.length).toBeGreaterThan(10);
    }
  });

  it('lists the path taken: entered, left, by which decision, and whether each was allowed', () => {
    const report = checkConformance(vacancyV1, rows(VACANCY, vacancySop, [propose, approve, close]), NOW);
    expect(report.caseId).toBe(VACANCY);
    expect(report.sop).toMatchObject({ id: 'vacancy', version: '1.0.0', legalBasis: vacancyV1.legalBasis });
    expect(report.steps.map((s) => [s.step, s.enteredBy.decision, s.leftBy?.decision ?? null])).toEqual([
      ['awaiting_ppk_decision', 'propose', 'approve'],
      ['approved', 'approve', 'close'],
      ['closed', 'close', null],
    ]);
    const [first] = report.steps;
    expect(first).toMatchObject({
      enteredAt: '2026-02-02T00:00:00.000Z',
      leftAt: '2026-02-02T01:00:00.000Z',
      durationMs: 3_600_000,
      leftBy: { ref: `${VACANCY}#2`, kind: 'transition', allowed: true, roleAllowed: true, evidenceRequired: false },
      deadline: { defined: true, breached: false, by: [] },
    });
  });

  it('marks the step whose deadline passed, naming the reminder', () => {
    const reminder: Row = {
      decision: 'deadline_reminder',
      stepBefore: 'awaiting_ppk_decision',
      stepAfter: 'awaiting_ppk_decision',
      actorRole: 'system',
    };
    const report = checkConformance(vacancyV1, rows(VACANCY, vacancySop, [propose, reminder]), NOW);
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]).toMatchObject({ leftAt: null, deadline: { breached: true, by: [`${VACANCY}#2`] } });
    // Still open: its time runs up to the check.
    expect(report.steps[0].durationMs).toBe(NOW.getTime() - Date.parse('2026-02-02T00:00:00Z'));
    expect(report.violations[0]).toMatchObject({ rule: 'deadline_breached', decision: `${VACANCY}#2`, step: 'awaiting_ppk_decision' });
  });

  it('reports a gap in the decision sequence', () => {
    const list = rows(VACANCY, vacancySop, [propose, approve]);
    list[1] = { ...list[1], sequence: 3 };
    expect(checkConformance(vacancyV1, list, NOW).violations.map((v) => v.rule)).toEqual(['out_of_sequence']);
  });

  it('does not conform when nothing is recorded', () => {
    const report = checkConformance(vacancyV1, [], NOW);
    expect(report).toMatchObject({ conforms: false, violations: [{ rule: 'no_decisions' }] });
  });

  it('refuses rows recorded under another SOP version than the case', () => {
    const report = checkConformance(vacancyV1, rows(VACANCY, { id: 'vacancy', version: '1.0.0-test.fast' }, [propose, approve]), NOW);
    expect(report.violations.map((v) => v.rule)).toEqual(['sop_version_changed']);
  });
});

describe('checkConformance on an open selection with its child workflows', () => {
  const sop = { id: openSelectionTestFast.id, version: openSelectionTestFast.version };
  const assessmentSop = openSelectionTestFast.settings.children.assessment;
  const reviewSop = openSelectionTestFast.settings.children.committeeReview;
  const appointmentSop = openSelectionTestFast.settings.children.appointment;
  const nip = '197804122003031001';

  function selectionCase(
    overrides: { formCommitteeEvidence?: number; decreeEvidence?: number; assessorRole?: string } = {},
  ): LedgerDecision[] {
    const ev = 1;
    const root = rows(SELECTION, sop, [
      { decision: 'open_selection', stepBefore: null, stepAfter: 'committee_formation', actorRole: 'hr_officer' },
      {
        decision: 'form_committee',
        stepBefore: 'committee_formation',
        stepAfter: 'announcement',
        actorRole: 'ppk',
        evidenceCount: overrides.formCommitteeEvidence ?? ev,
      },
      { decision: 'announce', stepBefore: 'announcement', stepAfter: 'registration', actorRole: 'committee_chair', evidenceCount: ev },
      { decision: 'register_candidates', stepBefore: 'registration', stepAfter: 'registration', actorRole: 'hr_officer' },
      { decision: 'screened_out_ineligible', stepBefore: 'registration', stepAfter: 'registration', actorRole: 'system' },
      { decision: 'registration_extended', stepBefore: 'registration', stepAfter: 'registration', actorRole: 'system' },
      { decision: 'registration_closed', stepBefore: 'registration', stepAfter: 'screening', actorRole: 'system' },
      { decision: 'screen_candidate', stepBefore: 'screening', stepAfter: 'screening', actorRole: 'hr_officer' },
      { decision: 'close_screening', stepBefore: 'screening', stepAfter: 'assessment', actorRole: 'committee_chair', evidenceCount: ev },
      { decision: 'assessments_completed', stepBefore: 'assessment', stepAfter: 'committee_review', actorRole: 'system' },
      { decision: 'committee_review_completed', stepBefore: 'committee_review', stepAfter: 'ranking', actorRole: 'system' },
      { decision: 'ranking_computed', stepBefore: 'ranking', stepAfter: 'ranking', actorRole: 'system' },
      { decision: 'sign_ranking', stepBefore: 'ranking', stepAfter: 'external_review', actorRole: 'committee_chair', evidenceCount: ev },
      { decision: 'recommend', stepBefore: 'external_review', stepAfter: 'external_review', actorRole: 'overseer', evidenceCount: ev },
      { decision: 'recommendations_received', stepBefore: 'external_review', stepAfter: 'ppk_decision', actorRole: 'system' },
      { decision: 'pick', stepBefore: 'ppk_decision', stepAfter: 'ppk_decision', actorRole: 'ppk' },
      { decision: 'all_posts_picked', stepBefore: 'ppk_decision', stepAfter: 'appointment', actorRole: 'system' },
      { decision: 'appointments_completed', stepBefore: 'appointment', stepAfter: 'closed', actorRole: 'system' },
    ]);
    const assessment = rows(
      `${SELECTION}:assessment:${nip}`,
      assessmentSop,
      [
        { decision: 'assessment_opened', stepBefore: null, stepAfter: 'awaiting_assessment', actorRole: 'system' },
        {
          decision: 'record_assessment',
          stepBefore: 'awaiting_assessment',
          stepAfter: 'assessed',
          actorRole: overrides.assessorRole ?? 'assessor',
          evidenceCount: ev,
        },
      ],
      SELECTION,
      9,
    );
    const review = rows(
      `${SELECTION}:committee-review`,
      reviewSop,
      [
        { decision: 'review_opened', stepBefore: null, stepAfter: 'scoring', actorRole: 'system' },
        { decision: 'declare_interests', stepBefore: 'scoring', stepAfter: 'scoring', actorRole: 'committee_chair' },
        { decision: 'score', stepBefore: 'scoring', stepAfter: 'scoring', actorRole: 'committee_member' },
        { decision: 'scores_unsealed', stepBefore: 'scoring', stepAfter: 'scored', actorRole: 'system' },
      ],
      SELECTION,
      10,
    );
    const appointment = rows(
      `${SELECTION}:appointment:KADIS-PUPR`,
      appointmentSop,
      [
        { decision: 'appointment_opened', stepBefore: null, stepAfter: 'awaiting_decree', actorRole: 'system' },
        {
          decision: 'record_decree',
          stepBefore: 'awaiting_decree',
          stepAfter: 'awaiting_inauguration',
          actorRole: 'hr_officer',
          evidenceCount: overrides.decreeEvidence ?? ev,
        },
        {
          decision: 'record_inauguration',
          stepBefore: 'awaiting_inauguration',
          stepAfter: 'appointed',
          actorRole: 'hr_officer',
          evidenceCount: ev,
        },
      ],
      SELECTION,
      17,
    );
    return [...root, ...assessment, ...review, ...appointment];
  }

  it('conforms along the whole SOP, each child checked against its own pinned SOP', () => {
    const report = checkConformance(openSelectionTestFast, selectionCase(), NOW);
    expect(report.violations).toEqual([]);
    expect(report.conforms).toBe(true);
    expect(report.workflows.map((w) => `${w.sop.id}@${w.sop.version}`)).toEqual([
      'open-selection@1.0.0-test.fast',
      'assessment@1.0.0-test.fast',
      'committee-review@1.0.0-test.fast',
      `appointment@${appointmentV1.version}`,
    ]);
    const root = report.steps.filter((s) => s.workflowId === SELECTION).map((s) => s.step);
    expect(root).toEqual([
      'committee_formation',
      'announcement',
      'registration',
      'screening',
      'assessment',
      'committee_review',
      'ranking',
      'external_review',
      'ppk_decision',
      'appointment',
      'closed',
    ]);
    const registration = report.steps.find((s) => s.step === 'registration')!;
    expect(registration.within.map((c) => [c.decision, c.kind])).toEqual([
      ['register_candidates', 'transition'],
      ['screened_out_ineligible', 'note'],
      ['registration_extended', 'auto'],
    ]);
    expect(registration.leftBy).toMatchObject({ decision: 'registration_closed', kind: 'auto', allowed: true });
    expect(report.steps.find((s) => s.step === 'committee_formation')!.leftBy).toMatchObject({
      evidenceRequired: true,
      evidenceAttached: true,
    });
  });

  it.each([
    {
      name: 'the SK Pansel missing from form_committee',
      overrides: { formCommitteeEvidence: 0 },
      rule: 'evidence_missing',
      at: `${SELECTION}#2`,
    },
    {
      name: 'the decree recorded without the SK',
      overrides: { decreeEvidence: 0 },
      rule: 'evidence_missing',
      at: `${SELECTION}:appointment:KADIS-PUPR#2`,
    },
    {
      name: 'an assessment recorded by HR',
      overrides: { assessorRole: 'hr_officer' },
      rule: 'role_not_allowed',
      at: `${SELECTION}:assessment:${nip}#2`,
    },
  ])('finds $name', ({ overrides, rule, at }) => {
    const report = checkConformance(openSelectionTestFast, selectionCase(overrides), NOW);
    expect(report.violations.map((v) => [v.rule, v.decision])).toEqual([[rule, at]]);
    expect(report.conforms).toBe(false);
  });

  it('checks the case against the SOP version it pinned, not a newer one', () => {
    const report = checkConformance(openSelectionV1, selectionCase(), NOW);
    expect(report.violations[0]).toMatchObject({ rule: 'sop_version_changed', decision: `${SELECTION}#1` });
  });

  it('refuses a system decision the SOP does not list (an invented automatic step)', () => {
    const list = selectionCase();
    const i = list.findIndex((d) => d.decision === 'assessments_completed');
    list[i] = { ...list[i], decision: 'assessments_skipped' };
    const report = checkConformance(openSelectionTestFast, list, NOW);
    expect(report.violations.map((v) => [v.rule, v.step])).toEqual([['transition_not_allowed', 'assessment']]);
  });
});

describe('checkConformance: the reporting duty of a decree in an election ban (move SOP 1.1.0)', () => {
  const sop = MOVE_SOPS_V1_1.find((s) => s.id === 'mutation-intra')!;
  const ref = { id: sop.id, version: sop.version };
  const MOVE = 'move:PEMKAB-SLEMAN:198203042008011001';
  const head: Row[] = [
    { decision: 'propose', stepBefore: null, stepAfter: 'tpk_review', actorRole: 'hr_officer' },
    { decision: 'tpk_advise', stepBefore: 'tpk_review', stepAfter: 'ppk_decision', actorRole: 'committee_chair', evidenceCount: 1 },
    { decision: 'approve', stepBefore: 'ppk_decision', stepAfter: 'decree', actorRole: 'ppk' },
    { decision: 'record_decree', stepBefore: 'decree', stepAfter: 'reporting', actorRole: 'hr_officer', evidenceCount: 1 },
  ];
  const report: Row = {
    decision: 'report_submitted',
    stepBefore: 'reporting',
    stepAfter: 'completed',
    actorRole: 'hr_officer',
    evidenceCount: 1,
  };
  const escalated: Row = { decision: 'deadline_escalated', stepBefore: 'reporting', stepAfter: 'reporting', actorRole: 'system' };

  it.each<{ name: string; tail: Row[]; status: string; rules: string[] }>([
    { name: 'the report submitted in time', tail: [report], status: 'met', rules: [] },
    { name: 'the report submitted after the escalation', tail: [escalated, report], status: 'met_late', rules: ['deadline_breached'] },
    { name: 'the report missed and escalated', tail: [escalated], status: 'breached', rules: ['deadline_breached'] },
    { name: 'the report not yet due', tail: [], status: 'open', rules: [] },
    {
      name: 'a report without the report itself as evidence',
      tail: [{ ...report, evidenceCount: 0 }],
      status: 'met',
      rules: ['evidence_missing'],
    },
  ])('$name → duty $status', ({ tail, status, rules }) => {
    const r = checkConformance(sop, rows(MOVE, ref, [...head, ...tail]), NOW);
    expect(r.violations.map((v) => v.rule)).toEqual(rules);
    expect(r.duties).toHaveLength(1);
    expect(r.duties[0]).toMatchObject({ step: 'reporting', kind: 'report', openedBy: `${MOVE}#4`, status });
    expect(r.duties[0].basis).toContain('SE Mendagri 100.2.1.3/1575/SJ');
    if (status === 'breached' || status === 'met_late') expect(r.duties[0].breachedBy).toEqual([`${MOVE}#5`]);
  });

  const blocked = (attempted: string, actorRole: string): Row => ({
    decision: 'decision_blocked',
    stepBefore: 'decree',
    stepAfter: 'decree',
    actorRole,
    payload: { attempted },
  });
  it.each<{ name: string; row: Row; rules: string[] }>([
    { name: 'a decree the rules refused, recorded under the HR officer who tried', row: blocked('record_decree', 'hr_officer'), rules: [] },
    {
      name: 'a refused decree recorded under a role that may not record it',
      row: blocked('record_decree', 'ppk'),
      rules: ['role_not_allowed'],
    },
    { name: 'a refused attempt of a decision no rule guards', row: blocked('override', 'ppk'), rules: ['transition_not_allowed'] },
  ])('$name → $rules', ({ row, rules }) => {
    const r = checkConformance(sop, rows(MOVE, ref, [...head.slice(0, 3), row, head[3], report]), NOW);
    expect(r.violations.map((v) => v.rule)).toEqual(rules);
  });

  it('lists no duty for a decree outside any ban (straight to completed)', () => {
    const r = checkConformance(sop, rows(MOVE, ref, [...head.slice(0, 3), { ...head[3], stepAfter: 'completed' }]), NOW);
    expect(r.conforms).toBe(true);
    expect(r.duties).toEqual([]);
  });
});

describe('checkConformance on a move', () => {
  const MOVE = 'move:PEMKAB-SLEMAN:198203042008011001';
  const sop = { id: mutationIntraV1.id, version: mutationIntraV1.version };
  const path = (blockedBy: string): Row[] => [
    { decision: 'propose', stepBefore: null, stepAfter: 'tpk_review', actorRole: 'hr_officer' },
    { decision: 'rules_evaluated', stepBefore: 'tpk_review', stepAfter: 'tpk_review', actorRole: 'system' },
    { decision: 'tpk_advise', stepBefore: 'tpk_review', stepAfter: 'ppk_decision', actorRole: 'committee_chair', evidenceCount: 1 },
    {
      decision: 'decision_blocked',
      stepBefore: 'ppk_decision',
      stepAfter: 'ppk_decision',
      actorRole: blockedBy,
      payload: { attempted: 'approve' },
    },
    { decision: 'override', stepBefore: 'ppk_decision', stepAfter: 'ppk_decision', actorRole: 'ppk', evidenceCount: 1 },
    { decision: 'approve', stepBefore: 'ppk_decision', stepAfter: 'decree', actorRole: 'ppk' },
    { decision: 'record_decree', stepBefore: 'decree', stepAfter: 'completed', actorRole: 'hr_officer', evidenceCount: 1 },
  ];

  it('accepts a refused attempt by the role that may take the guarded decision, and the override that followed', () => {
    const report = checkConformance(mutationIntraV1, rows(MOVE, sop, path('ppk')), NOW);
    expect(report.violations).toEqual([]);
    expect(report.steps.find((s) => s.step === 'ppk_decision')?.within.map((c) => [c.decision, c.kind])).toEqual([
      ['decision_blocked', 'note'],
      ['override', 'transition'],
    ]);
  });

  it('flags a refused attempt recorded for a role that may not take the decision', () => {
    const report = checkConformance(mutationIntraV1, rows(MOVE, sop, path('hr_officer')), NOW);
    expect(report.violations.map((v) => [v.rule, v.decision])).toEqual([['role_not_allowed', `${MOVE}#4`]]);
  });
});

describe('checkConformance on a bulk move whose people came in pages (issue 19)', () => {
  const BATCH = 'bulk-move:PEMKAB-SLEMAN:SK-ROTASI-2027';
  const sop = { id: bulkMoveV1_1.id, version: bulkMoveV1_1.version };
  const page = (actorRole: string, step = 'checking'): Row => ({ decision: 'members_added', stepBefore: step, stepAfter: step, actorRole });
  const path = (extra: Row): Row[] => [
    { decision: 'propose_batch', stepBefore: null, stepAfter: 'checking', actorRole: 'hr_officer' },
    page('hr_officer'),
    extra,
    { decision: 'members_checked', stepBefore: 'checking', stepAfter: 'awaiting_approval', actorRole: 'system' },
    { decision: 'approve_batch', stepBefore: 'awaiting_approval', stepAfter: 'decree', actorRole: 'ppk' },
  ];

  it.each<{ name: string; extra: Row; rules: string[] }>([
    { name: 'pages added by HR while the people are checked', extra: page('hr_officer'), rules: [] },
    { name: 'a page added by the PPK, who may not open the batch', extra: page('ppk'), rules: ['role_not_allowed'] },
  ])('$name → $rules', ({ extra, rules }) => {
    const r = checkConformance(bulkMoveV1_1, rows(BATCH, sop, path(extra)), NOW);
    expect(r.violations.map((v) => v.rule)).toEqual(rules);
  });

  it('flags a page added after the list was checked', () => {
    const list = path(page('hr_officer'));
    const r = checkConformance(bulkMoveV1_1, rows(BATCH, sop, [...list, page('hr_officer', 'decree')]), NOW);
    expect(r.violations.map((v) => v.rule)).toEqual(['transition_not_allowed']);
  });
});
