import { listSops } from '@meritflow/domain';
import { CASE_TYPE_LIST, caseTypeEntry, type CaseStateBase } from '@meritflow/contracts';
import { followUpTasksOf } from './follow-up-tasks';

/**
 * Every step a person must move on has an inbox task: a step whose only human decisions are ways out
 * (withdraw, close) waits for another case to be started, and the registry must say which (followUps).
 */
const waitingSteps = CASE_TYPE_LIST.flatMap((entry) =>
  listSops()
    .filter((sop) => entry.sopIds.includes(sop.id))
    .flatMap((sop) =>
      sop.steps
        .filter((step) => !step.terminal)
        .filter((step) => {
          // SOP transitions are people's decisions; the system's moves are `auto`.
          const human = step.transitions;
          return human.length > 0 && human.every((t) => entry.sideDecisions.includes(t.decision));
        })
        .map((step) => [entry.type, sop.version, step.id] as const),
    ),
);

describe('follow-up tasks', () => {
  it('finds the steps that wait for another case (the approved vacancy)', () => {
    expect(waitingSteps.map(([type, , step]) => `${type}:${step}`)).toContain('vacancy:approved');
  });

  it.each(waitingSteps)('%s %s: the registry names who starts the next case at step %s', (type, _version, step) => {
    const followUp = caseTypeEntry(type)!.followUps?.find((f) => f.step === step);
    expect(followUp).toBeDefined();
    expect(Object.keys(followUp!.tasks).length).toBeGreaterThan(0);
  });

  const state = (over: Partial<CaseStateBase> & Record<string, unknown>): CaseStateBase =>
    ({ step: 'approved', allowedDecisions: [{ decision: 'close', roles: ['hr_officer'], requires: ['reason'] }], ...over }) as never;

  it.each([
    ['open_selection', { decision: 'open_selection', startsCaseType: 'open-selection' }],
    ['talent_pool', { decision: 'propose_talent_move', startsCaseType: 'move' }],
    ['mutation_rotation', { decision: 'propose_move', startsCaseType: 'move' }],
  ])('an approved vacancy for %s asks HR to start the filling case', (method, task) => {
    expect(followUpTasksOf(caseTypeEntry('vacancy')!, state({ approvedFillingMethod: method }), 'vacancy:A:B')).toEqual([
      { role: 'hr_officer', ...task, options: [task.decision, 'close'], workflowId: 'vacancy:A:B' },
    ]);
  });

  it('asks nothing at another step, or for an unknown method', () => {
    const vacancy = caseTypeEntry('vacancy')!;
    expect(followUpTasksOf(vacancy, state({ step: 'awaiting_ppk_decision', approvedFillingMethod: 'open_selection' }), 'v')).toEqual([]);
    expect(followUpTasksOf(vacancy, state({ approvedFillingMethod: null }), 'v')).toEqual([]);
    expect(followUpTasksOf(vacancy, state({ approvedFillingMethod: 'toString' }), 'v')).toEqual([]);
  });
});
