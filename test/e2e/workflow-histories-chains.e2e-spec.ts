import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Stack } from '../support/api-client';
import { historyRecorder } from '../support/history-recorder';
import { runMadyaSelectionWithObjection, runUtamaSelectionWithPresidentApproval } from '../support/senior-chain-runs';

/**
 * The senior chains' later paths (issue 16), recorded like workflow-histories.e2e-spec.ts does: each run
 * is driven to its end, its history replayed against the current code and, with RECORD_HISTORIES=true,
 * saved decrypted under workflows/test/histories, where test/workflow-code.spec.ts replays it in CI.
 */
const stack = new Stack();
Runtime.install({ logger: new DefaultLogger('WARN') });
afterAll(() => stack.close());

const finish = historyRecorder(stack);

/** The run ended by completing (not failing, timing out or continuing as new). */
const completed = (history: Awaited<ReturnType<typeof finish>>) => !!history.events!.at(-1)!.workflowExecutionCompletedEventAttributes;

describe('recorded histories of the senior chains after 1.0.0', () => {
  it('JPT utama whose incumbent was appointed 180 days before: the President’s approval, then the Keppres', async () => {
    const sel = await runUtamaSelectionWithPresidentApproval(stack);
    expect(sel.closed.chain.posts[sel.postCode].presidentApproval).toMatchObject({ body: 'PRESIDEN' });
    const history = await finish('open-selection-utama-president-approval', sel.id);
    expect(completed(history)).toBe(true);
  });

  it('JPT madya on 1.1.0: an objection filed and answered, then the governor, the Minister, the TPA and the Keppres', async () => {
    const sel = await runMadyaSelectionWithObjection(stack);
    expect(sel.closed.objections).toEqual([expect.objectContaining({ nip: sel.objector })]);
    const history = await finish('open-selection-madya-objection', sel.id);
    expect(completed(history)).toBe(true);
    // The objection window closed on its timer.
    expect(history.events!.some((e) => e.timerFiredEventAttributes)).toBe(true);
  });
});
