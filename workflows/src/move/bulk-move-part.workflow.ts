import { condition, getExternalWorkflowHandle, setHandler, startChild, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import {
  BULK_MEMBER_WORKFLOW_TYPE,
  bulkMemberCheckedSignal,
  bulkMemberDecidedSignal,
  bulkMemberWorkflowId,
  bulkPartCheckedSignal,
  bulkPartDecidedSignal,
  type BulkPartInput,
  type BulkPartWord,
  type RuleVerdictView,
} from '@meritflow/contracts';
import type { bulkMemberWorkflow } from './bulk-move.workflow';

/** Children started, and signals sent, this many per workflow task. */
const WINDOW = 50;

/**
 * One page of a bulk move (issue 19): starts each person's workflow, reports the page's checks to the
 * batch in one signal, and passes the batch's word to each person. It decides nothing and records
 * nothing in the ledger (the batch and the people do); it keeps each history to one page's size.
 */
export async function bulkMovePartWorkflow(input: BulkPartInput): Promise<{ nip: string; moved: boolean }[]> {
  const { workflowId } = workflowInfo();
  const checks = new Map<string, { nip: string; allowed: boolean; blocking: RuleVerdictView[] }>();
  let word: BulkPartWord | null = null;
  setHandler(bulkMemberCheckedSignal, (s) => void checks.set(s.nip, s));
  setHandler(bulkPartDecidedSignal, (d) => void (word = d));

  const children: ChildWorkflowHandle<typeof bulkMemberWorkflow>[] = [];
  for (let i = 0; i < input.members.length; i += WINDOW) {
    children.push(
      ...(await Promise.all(
        input.members.slice(i, i + WINDOW).map((m) =>
          startChild<typeof bulkMemberWorkflow>(BULK_MEMBER_WORKFLOW_TYPE, {
            workflowId: bulkMemberWorkflowId(input.batchId, m.move.person.nip),
            args: [{ ...m, reportTo: workflowId }],
          }),
        ),
      )),
    );
  }
  const results = children.map((c) => c.result());
  await condition(() => checks.size === input.members.length);
  await getExternalWorkflowHandle(input.batchId).signal(bulkPartCheckedSignal, { page: input.page, checks: [...checks.values()] });

  await condition(() => word !== null);
  const { decreeNumber, effectiveDate, members } = word!;
  const byNip = new Map(members.map(({ nip, ...w }) => [nip, w]));
  for (let i = 0; i < children.length; i += WINDOW) {
    await Promise.all(
      children.slice(i, i + WINDOW).map((c, j) => {
        const nip = input.members[i + j].move.person.nip;
        return c.signal(bulkMemberDecidedSignal, { ...byNip.get(nip)!, decreeNumber, effectiveDate });
      }),
    );
  }
  return Promise.all(results);
}
