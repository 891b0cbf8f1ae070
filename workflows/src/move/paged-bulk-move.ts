import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import { getSop, type FieldIssue } from '@meritflow/domain';
import {
  BULK_MOVE_CASE_TYPE,
  BULK_MOVE_MAX_PEOPLE,
  BULK_PART_WORKFLOW_TYPE,
  bulkMemberWorkflowId,
  bulkMoveAddMembersUpdate,
  bulkMoveDecideUpdate,
  bulkMoveStateQuery,
  bulkPartCheckedSignal,
  bulkPartDecidedSignal,
  bulkPartWorkflowId,
  type AnnexLine,
  type BulkAddMembersInput,
  type BulkMemberInput,
  type BulkMemberView,
  type BulkMoveInput,
  type BulkMoveState,
  type MoveFactsInput,
} from '@meritflow/contracts';
import { ledger } from '../shared/ledger';
import { refuse, SopCase } from '../shared/sop-case';
import { issue } from './bulk-decision-fields';
import { batchDecisionHandler, validateBatchDecision, type BatchDecisionContext, type MemberWord } from './bulk-batch';
import type { bulkMovePartWorkflow } from './bulk-move-part.workflow';

const describePost = (p: { agencyCode: string; positionCode: string }) => `${p.agencyCode}/${p.positionCode}`;

/**
 * A bulk move whose people come in pages (issue 19): the proposal's own list is page 1, and an open
 * batch takes more pages (bulkMoveAddMembersUpdate, at most BULK_MOVE_PAGE_MAX each) until one is
 * marked last. Each page runs as a part (bulkMovePartWorkflow) that starts its people's workflows,
 * collects their checks and tells them the batch's word, so this history grows with the pages, not
 * the people: at 1,000 people it holds a few hundred events where one child per person held ~6,000.
 */
export async function pagedBulkMove(input: BulkMoveInput): Promise<BulkMoveState> {
  const sop = getSop(input.sop);
  const batchId = workflowInfo().workflowId;
  const members = new Map<string, BulkMemberView>();
  const moves = new Map<string, MoveFactsInput>();
  const intended = new Map<string, string>();
  const pages: string[][] = [];
  let open = input.open === true;
  let checkedCount = 0;
  let decree: BulkMoveState['decree'] = null;
  let annex: AnnexLine[] = [];

  const kase = new SopCase(
    sop,
    BULK_MOVE_CASE_TYPE,
    () => ({ agencyCode: input.agencyCode, businessKey: input.batchCode, title: input.title, details: { people: members.size, decree } }),
    ledger,
  );

  const addPage = (list: readonly MoveFactsInput[], dates: Record<string, string> | undefined): number => {
    for (const m of list) {
      const nip = m.person.nip;
      members.set(nip, {
        nip,
        name: m.person.name,
        from: describePost(m.from),
        to: describePost(m.to),
        workflowId: bulkMemberWorkflowId(batchId, nip),
        checked: false,
        allowed: null,
        blocking: [],
        excluded: null,
      });
      moves.set(nip, m);
      if (dates?.[nip]) intended.set(nip, dates[nip]);
      // The officials being moved never act on their own batch.
      kase.assign(nip, 'candidate');
    }
    pages.push(list.map((m) => m.person.nip));
    return pages.length;
  };

  const view = (): BulkMoveState => ({
    caseType: BULK_MOVE_CASE_TYPE,
    ...kase.baseView(),
    members: [...members.values()],
    decree,
    annex,
    open,
  });

  const validateAdd = (a: BulkAddMembersInput) => {
    kase.assertDuties(a.actor);
    if (!open || kase.step.id !== sop.initialStep) {
      refuse('DECISION_NOT_ALLOWED', { step: kase.step.id, decision: 'add_members', allowed: kase.allowed.map((x) => x.decision) });
    }
    const fields: FieldIssue[] = [];
    if (a.moves.length === 0 && !a.last)
      fields.push(issue('moves', 'arrayMinSize', 'halaman tanpa pegawai harus halaman terakhir', 'a page without people must be the last'));
    if (members.size + a.moves.length > BULK_MOVE_MAX_PEOPLE) {
      fields.push(
        issue(
          'moves',
          'maxPeople',
          `satu usulan kolektif memuat paling banyak ${BULK_MOVE_MAX_PEOPLE} pegawai (sudah ${members.size})`,
          `one batch holds at most ${BULK_MOVE_MAX_PEOPLE} people (${members.size} so far)`,
        ),
      );
    }
    a.moves.forEach((m, i) => {
      if (members.has(m.person.nip))
        fields.push(
          issue(
            `moves.${i}.person.nip`,
            'unique',
            `pegawai ${m.person.nip} sudah ada dalam usulan ini`,
            `${m.person.nip} is already in this batch`,
          ),
        );
      else kase.assertNominee(m.person.nip, 'candidate');
    });
    if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
  };

  /** One signal per page: the part passes each person their word. */
  const tellParts = (word: (m: BulkMemberView) => MemberWord) =>
    Promise.all(
      pages.map((nips, i) =>
        getExternalWorkflowHandle(bulkPartWorkflowId(batchId, i + 1)).signal(bulkPartDecidedSignal, {
          decreeNumber: decree?.number ?? null,
          effectiveDate: decree?.effectiveDate ?? null,
          members: nips.map((nip) => ({ nip, ...word(members.get(nip)!) })),
        }),
      ),
    );

  addPage(input.moves, input.intendedEffectiveDates);

  setHandler(bulkMoveStateQuery, view);
  setHandler(bulkPartCheckedSignal, (s) => {
    for (const c of s.checks) {
      const m = members.get(c.nip);
      if (!m) continue;
      if (!m.checked) checkedCount++;
      m.checked = true;
      m.allowed = c.allowed;
      m.blocking = c.blocking;
    }
  });
  setHandler(
    bulkMoveAddMembersUpdate,
    async (a) => {
      validateAdd(a);
      const page = a.moves.length > 0 ? addPage(a.moves, a.intendedEffectiveDates) : null;
      if (a.last) open = false;
      await kase.note(
        'members_added',
        { payload: { page, moves: a.moves, intendedEffectiveDates: a.intendedEffectiveDates, last: a.last } },
        a.actor,
      );
      return { workflowId: batchId, page: page ?? pages.length, people: members.size, open };
    },
    { validator: (a) => void validateAdd(a) },
  );
  const batch: BatchDecisionContext = {
    sop,
    kase,
    agencyCode: input.agencyCode,
    personFromRegister: input.personFromRegister,
    members,
    moves: () => moves.values(),
    setDecree: (d, a) => {
      decree = d;
      annex = a;
    },
    tell: tellParts,
  };
  setHandler(bulkMoveDecideUpdate, batchDecisionHandler(batch), { validator: (d) => void validateBatchDecision(batch, d) });

  await kase.start(input.proposedBy, {
    reason: input.reason,
    evidence: input.evidence,
    payload: {
      moves: input.moves,
      ...(input.intendedEffectiveDates ? { intendedEffectiveDates: input.intendedEffectiveDates } : {}),
      ...(open ? { open } : {}),
    },
  });

  const memberInput = (nip: string): BulkMemberInput => ({
    sop: input.memberSop,
    batchId,
    move: moves.get(nip)!,
    ...(intended.has(nip) ? { intendedEffectiveDate: intended.get(nip)! } : {}),
    ...(input.personFromRegister ? { personFromRegister: true } : {}),
  });
  // Each page becomes a part as it arrives; the list is complete once a page is marked last.
  const parts: Promise<unknown>[] = [];
  let started = 0;
  for (;;) {
    await condition(() => started < pages.length || !open);
    while (started < pages.length) {
      const page = ++started;
      const part = await startChild<typeof bulkMovePartWorkflow>(BULK_PART_WORKFLOW_TYPE, {
        workflowId: bulkPartWorkflowId(batchId, page),
        args: [{ batchId, page, members: pages[page - 1].map(memberInput) }],
      });
      parts.push(part.result());
    }
    if (!open && started === pages.length) break;
  }
  await condition(() => checkedCount === members.size);
  const blocked = [...members.values()].filter((m) => !m.allowed);
  await kase.auto('members_checked', {
    reason:
      blocked.length > 0
        ? `${blocked.length} of ${members.size} blocked by a rule: ${blocked.map((m) => m.nip).join(', ')}`
        : `all ${members.size} pass`,
    payload: { checked: members.size, pages: pages.length, blocked: blocked.map((m) => ({ nip: m.nip, blocking: m.blocking })) },
  });
  await kase.runUntilTerminal();
  await Promise.all(parts);
  await condition(allHandlersFinished);
  return view();
}
