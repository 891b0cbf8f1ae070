import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import {
  twinBulkAddUpdate,
  twinBulkStateQuery,
  twinDecideUpdate,
  twinMemberCheckedSignal,
  twinMemberDecidedSignal,
  twinMemberId,
  twinPartCheckedSignal,
  twinPartDecidedSignal,
  twinPartId,
  type TwinDecision,
} from './contracts';
import { act, refuse, TwinCase } from './twin.workflows';

const WINDOW = 50;

/**
 * Twin of the paged bulk move (benchmark only, issue 19 (m)): the same pages, parts, children,
 * signals, updates and activity calls as workflows/src/move (paged-bulk-move.ts and its part), with
 * no-op activities and none of the rules, ledger, register, NestJS or TypeORM.
 */
export async function twinBulkMoveWorkflow(input: { nips: string[]; open: boolean }): Promise<number> {
  const batchId = workflowInfo().workflowId;
  const kase = new TwinCase('checking', ['completed', 'rejected'], {});
  const pages: string[][] = [input.nips];
  const people = new Set(input.nips);
  const checked = new Map<string, boolean>();
  const excluded = new Set<string>();
  let open = input.open;
  let decreeNumber: string | null = null;

  const validateAdd = (a: { nips: string[]; last: boolean }) => {
    if (!open || kase.step !== 'checking') refuse('add_members: list closed');
    if (a.nips.some((n) => people.has(n))) refuse('already in the batch');
  };
  const validate = (d: TwinDecision) => {
    const ok =
      (kase.step === 'awaiting_approval' && d.decision === 'approve_batch') || (kase.step === 'decree' && d.decision === 'record_decree');
    if (!ok) refuse(`${d.decision} at ${kase.step}`);
  };
  const tellParts = () =>
    Promise.all(
      pages.map((nips, i) =>
        getExternalWorkflowHandle(twinPartId(batchId, i + 1)).signal(twinPartDecidedSignal, {
          decreeNumber,
          members: nips.map((nip) => ({ nip, included: !excluded.has(nip) })),
        }),
      ),
    );

  setHandler(twinBulkStateQuery, () => ({ ...kase.state(), people: people.size, checked: checked.size, open }));
  setHandler(twinPartCheckedSignal, (s) => {
    for (const c of s.checks) checked.set(c.nip, c.allowed);
  });
  setHandler(
    twinBulkAddUpdate,
    async (a) => {
      validateAdd(a);
      if (a.nips.length > 0) pages.push(a.nips);
      for (const n of a.nips) people.add(n);
      if (a.last) open = false;
      await kase.note('members_added', { nips: a.nips, last: a.last });
      return { page: pages.length, people: people.size, open };
    },
    { validator: validateAdd },
  );
  setHandler(
    twinDecideUpdate,
    async (d) => {
      validate(d);
      if (d.decision === 'approve_batch') {
        for (const [nip, allowed] of checked) if (!allowed) excluded.add(nip);
        await kase.transition(d.decision, 'decree', { excluded: [...excluded] });
      } else {
        await act.loadFacts({ nips: [...people] });
        decreeNumber = 'SK-TWIN';
        const annex = [...people].filter((n) => !excluded.has(n)).map((nip, i) => ({ no: i + 1, nip }));
        await kase.transition(d.decision, 'completed', { decreeNumber, annex });
        await tellParts();
      }
      return kase.ack();
    },
    { validator: validate },
  );

  await kase.start('propose_batch', { nips: input.nips, open });
  const parts: Promise<number>[] = [];
  let started = 0;
  for (;;) {
    await condition(() => started < pages.length || !open);
    while (started < pages.length) {
      const page = ++started;
      const part = await startChild(twinBulkPartWorkflow, {
        workflowId: twinPartId(batchId, page),
        args: [{ batchId, page, nips: pages[page - 1] }],
      });
      parts.push(part.result());
    }
    if (!open && started === pages.length) break;
  }
  await condition(() => checked.size === people.size);
  await kase.transition('members_checked', 'awaiting_approval', { checked: checked.size });
  await kase.runUntilTerminal();
  const moved = (await Promise.all(parts)).reduce((a, b) => a + b, 0);
  await condition(allHandlersFinished);
  return moved;
}

/** Twin of bulkMovePartWorkflow: starts the page's people, reports their checks at once, passes on the word. */
export async function twinBulkPartWorkflow(input: { batchId: string; page: number; nips: string[] }): Promise<number> {
  const checks = new Map<string, boolean>();
  let word: { decreeNumber: string | null; members: { nip: string; included: boolean }[] } | null = null;
  setHandler(twinMemberCheckedSignal, (s) => void checks.set(s.nip, s.allowed));
  setHandler(twinPartDecidedSignal, (w) => void (word = w));
  const partId = workflowInfo().workflowId;
  const children = [];
  for (let i = 0; i < input.nips.length; i += WINDOW) {
    children.push(
      ...(await Promise.all(
        input.nips
          .slice(i, i + WINDOW)
          .map((nip) =>
            startChild(twinBulkMemberWorkflow, { workflowId: twinMemberId(input.batchId, nip), args: [{ nip, reportTo: partId }] }),
          ),
      )),
    );
  }
  const results = children.map((c) => c.result());
  await condition(() => checks.size === input.nips.length);
  await getExternalWorkflowHandle(input.batchId).signal(twinPartCheckedSignal, {
    page: input.page,
    checks: [...checks].map(([nip, allowed]) => ({ nip, allowed })),
  });
  await condition(() => word !== null);
  const included = new Map(word!.members.map((m) => [m.nip, m.included]));
  const decreeNumber = word!.decreeNumber;
  for (let i = 0; i < children.length; i += WINDOW) {
    await Promise.all(
      children
        .slice(i, i + WINDOW)
        .map((c, j) => c.signal(twinMemberDecidedSignal, { included: included.get(input.nips[i + j]) ?? false, decreeNumber })),
    );
  }
  return (await Promise.all(results)).filter(Boolean).length;
}

/** Twin of bulkMemberWorkflow: recorded, checked (one reference read), reported, then moved or excluded. */
export async function twinBulkMemberWorkflow(input: { nip: string; reportTo: string }): Promise<boolean> {
  const kase = new TwinCase('checking', ['moved', 'excluded'], {});
  let decided: { included: boolean } | null = null;
  setHandler(twinMemberDecidedSignal, (d) => void (decided = d));
  await kase.start('member_added', { nip: input.nip });
  await act.loadFacts({ nips: [input.nip] });
  await kase.transition('member_checked', 'awaiting_batch', { allowed: true });
  await getExternalWorkflowHandle(input.reportTo).signal(twinMemberCheckedSignal, { nip: input.nip, allowed: true });
  await condition(() => decided !== null);
  const { included } = decided!;
  await kase.transition(included ? 'included_in_decree' : 'excluded_from_batch', included ? 'moved' : 'excluded', decided!);
  return included;
}
