import type { PresidentialApprovalVerdict } from '@meritflow/domain';
import { chainPendingTasks } from './chain-decisions';
import { emptySelectionData, type SelectionContext } from './selection-case';

const verdict = (postCode: string, required: boolean) => ({ postCode, required }) as PresidentialApprovalVerdict;
const record = { body: 'X', by: 'hr-1', decidedAt: '2026-12-06T03:00:00.000Z' };

/** A selection of three posts at `step`, with what its chain has recorded so far. */
function at(step: string, chain: SelectionContext['data']['chain']): SelectionContext {
  const data = { ...emptySelectionData(), chain };
  return { postCodes: ['P-1', 'P-2', 'P-3'], data, kase: { step: { id: step } } } as unknown as SelectionContext;
}

describe('chainPendingTasks', () => {
  const base = { workflowId: 'open-selection:A:S' };
  it.each<[string, string, SelectionContext['data']['chain'], [string, string][] | null]>([
    [
      'asks the proposer for every post not yet proposed',
      'nomination',
      { 'P-2': { nomination: { ...record, nominees: [] } } },
      [
        ['propose_nominees', 'P-1'],
        ['propose_nominees', 'P-3'],
      ],
    ],
    [
      'asks the President only for posts whose replacement needs it and is not yet approved',
      'president_approval',
      {
        'P-1': { presidentialApprovalCheck: verdict('P-1', true) },
        'P-2': { presidentialApprovalCheck: verdict('P-2', false) },
        'P-3': { presidentialApprovalCheck: verdict('P-3', true), presidentApproval: record },
      },
      [['president_approve', 'P-1']],
    ],
    [
      'asks the TPA for every post',
      'tpa_assessment',
      {},
      [
        ['tpa_assess', 'P-1'],
        ['tpa_assess', 'P-2'],
        ['tpa_assess', 'P-3'],
      ],
    ],
    ['leaves the steps that are not an outside body’s to the workflow', 'ranking', {}, null],
  ])('%s', (_name, step, chain, expected) => {
    const tasks = chainPendingTasks(at(step, chain), base);
    expect(tasks?.map((t) => [t.decision, t.subject]) ?? null).toEqual(expected);
    for (const t of tasks ?? []) expect(t).toMatchObject({ role: 'hr_officer', workflowId: base.workflowId });
  });
});
