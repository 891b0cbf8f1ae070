import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { getSop, moveWithRegisterFacts, SYSTEM_ACTOR, wibDate } from '@meritflow/domain';
import {
  BULK_MOVE_CASE_TYPE,
  bulkMemberCheckedSignal,
  bulkMemberDecidedSignal,
  bulkMemberWorkflowId,
  bulkMoveDecideUpdate,
  bulkMoveStateQuery,
  type AnnexLine,
  type BulkMemberInput,
  type BulkMemberView,
  type BulkMoveInput,
  type BulkMoveState,
} from '@meritflow/contracts';
import { ledger, reference } from '../shared/ledger';
import { SopCase } from '../shared/sop-case';
import { evaluateMoveNow } from './move-rules';
import { batchDecisionHandler, validateBatchDecision, type BatchDecisionContext } from './bulk-batch';
import { pagedBulkMove } from './paged-bulk-move';

/** Children are started this many per workflow task. */
const START_WINDOW = 25;
/**
 * Issue 19 item 6: the decree's (or the rejection's) word goes to every member at once, in windows of
 * this many signals per workflow task, instead of one signal per workflow task; a batch of 1,000 was
 * 1,000 round trips inside the PPK's update. Histories recorded before it replay the one-by-one order.
 */
export const BULK_TELL_AT_ONCE_PATCH = 'bulk-move-tell-at-once';
const TELL_WINDOW = 100;
/**
 * Issue 19 item 5: people come in pages and each page runs as a part (paged-bulk-move.ts), so a batch
 * of 1,000+ stays far below Temporal's history limits. Batches started before run the code below.
 */
export const BULK_MOVE_PAGED_PATCH = 'bulk-move-paged';
const describePost = (p: { agencyCode: string; positionCode: string }) => `${p.agencyCode}/${p.positionCode}`;

/**
 * Many officials moved under one collective decree. Each person is a child workflow that checks the
 * rules on their own; the PPK approves the batch whole or with named exclusions (every blocked person
 * must be named); the decree's annex lists each move.
 */
export async function bulkMoveWorkflow(input: BulkMoveInput): Promise<BulkMoveState> {
  if (patched(BULK_MOVE_PAGED_PATCH)) return pagedBulkMove(input);
  const sop = getSop(input.sop);
  const batchId = workflowInfo().workflowId;
  const members = new Map<string, BulkMemberView>(
    input.moves.map((m) => [
      m.person.nip,
      {
        nip: m.person.nip,
        name: m.person.name,
        from: describePost(m.from),
        to: describePost(m.to),
        workflowId: bulkMemberWorkflowId(batchId, m.person.nip),
        checked: false,
        allowed: null,
        blocking: [],
        excluded: null,
      },
    ]),
  );
  const movesByNip = new Map(input.moves.map((m) => [m.person.nip, m]));
  let checkedCount = 0;
  let decree: BulkMoveState['decree'] = null;
  let annex: AnnexLine[] = [];

  const kase = new SopCase(
    sop,
    BULK_MOVE_CASE_TYPE,
    () => ({ agencyCode: input.agencyCode, businessKey: input.batchCode, title: input.title, details: { people: members.size, decree } }),
    ledger,
  );

  const view = (): BulkMoveState => ({
    caseType: BULK_MOVE_CASE_TYPE,
    ...kase.baseView(),
    members: [...members.values()],
    decree,
    annex,
  });

  const tell = (m: BulkMemberView, decided: { included: boolean; reason: string; annexLine: AnnexLine | null }) =>
    getExternalWorkflowHandle(m.workflowId).signal(bulkMemberDecidedSignal, {
      ...decided,
      decreeNumber: decree?.number ?? null,
      effectiveDate: decree?.effectiveDate ?? null,
    });

  const tellAll = async (what: (m: BulkMemberView) => Parameters<typeof tell>[1]) => {
    const list = [...members.values()];
    if (!patched(BULK_TELL_AT_ONCE_PATCH)) {
      for (const m of list) await tell(m, what(m));
      return;
    }
    for (let i = 0; i < list.length; i += TELL_WINDOW) await Promise.all(list.slice(i, i + TELL_WINDOW).map((m) => tell(m, what(m))));
  };

  setHandler(bulkMoveStateQuery, view);
  setHandler(bulkMemberCheckedSignal, (s) => {
    const m = members.get(s.nip);
    if (!m) return;
    if (!m.checked) checkedCount++;
    m.checked = true;
    m.allowed = s.allowed;
    m.blocking = s.blocking;
  });
  const batch: BatchDecisionContext = {
    sop,
    kase,
    agencyCode: input.agencyCode,
    personFromRegister: input.personFromRegister,
    members,
    moves: () => input.moves,
    setDecree: (d, a) => {
      decree = d;
      annex = a;
    },
    tell: tellAll,
  };
  setHandler(bulkMoveDecideUpdate, batchDecisionHandler(batch), { validator: (d) => void validateBatchDecision(batch, d) });

  // The officials being moved never act on their own batch.
  for (const m of input.moves) kase.assign(m.person.nip, 'candidate');
  await kase.start(input.proposedBy, {
    reason: input.reason,
    evidence: input.evidence,
    payload: { moves: input.moves, ...(input.intendedEffectiveDates ? { intendedEffectiveDates: input.intendedEffectiveDates } : {}) },
  });
  const list = [...members.values()];
  const running: Promise<unknown>[] = [];
  for (let i = 0; i < list.length; i += START_WINDOW) {
    const started = await Promise.all(
      list.slice(i, i + START_WINDOW).map((m) =>
        startChild(bulkMemberWorkflow, {
          workflowId: m.workflowId,
          args: [
            {
              sop: input.memberSop,
              batchId,
              move: movesByNip.get(m.nip)!,
              ...(input.intendedEffectiveDates?.[m.nip] ? { intendedEffectiveDate: input.intendedEffectiveDates[m.nip] } : {}),
              ...(input.personFromRegister ? { personFromRegister: true } : {}),
            },
          ],
        }),
      ),
    );
    running.push(...started.map((c) => c.result()));
  }
  // A count, not a scan of every member on every signal (quadratic in the batch's size).
  await condition(() => checkedCount === members.size);
  const blocked = [...members.values()].filter((m) => !m.allowed);
  await kase.auto('members_checked', {
    reason:
      blocked.length > 0
        ? `${blocked.length} of ${members.size} blocked by a rule: ${blocked.map((m) => m.nip).join(', ')}`
        : `all ${members.size} pass`,
    payload: { checked: members.size, blocked: blocked.map((m) => ({ nip: m.nip, blocking: m.blocking })) },
  });
  await kase.runUntilTerminal();
  await Promise.all(running);
  await condition(allHandlersFinished);
  return view();
}

/** One person of a bulk move: checked against the rules on their own, then moved or excluded. */
export async function bulkMemberWorkflow(input: BulkMemberInput): Promise<{ nip: string; moved: boolean }> {
  const sop = getSop(input.sop);
  const { move } = input;
  let decided: {
    included: boolean;
    reason: string;
    decreeNumber: string | null;
    effectiveDate: string | null;
    annexLine: AnnexLine | null;
  } | null = null;
  const kase = new SopCase(
    sop,
    'bulk-member',
    () => ({
      agencyCode: move.to.agencyCode,
      businessKey: move.person.nip,
      title: move.person.name,
      details: { from: move.from, to: move.to },
    }),
    ledger,
  );
  setHandler(bulkMemberDecidedSignal, (d) => void (decided = d));

  await kase.start(SYSTEM_ACTOR, { payload: { move } });
  // Judged as of the date the person's move is meant to take effect (members started before: as of now).
  const asOf = input.intendedEffectiveDate ? { date: input.intendedEffectiveDate, basis: 'intended_effective_date' as const } : undefined;
  const register = input.personFromRegister
    ? { agencyCode: move.from.agencyCode, nips: [move.person.nip], asOf: asOf?.date ?? wibDate(new Date()) }
    : undefined;
  const facts = await reference.loadMobilityFacts({
    regionCodes: [...new Set([move.from.regionCode, move.to.regionCode])],
    agencyCode: move.to.agencyCode,
    ...(register ? { register } : {}),
  });
  const judged = register ? moveWithRegisterFacts(move, facts.register?.[0]) : move;
  const evaluation = evaluateMoveNow({ move: judged, talent: null }, facts, [], new Date(), asOf);
  const blocking = evaluation.verdicts.filter((v) => !v.passed);
  await kase.auto('member_checked', {
    reason: evaluation.allowed ? 'every rule passes' : blocking.map((v) => v.message.en).join('; '),
    payload: { evaluation },
    ruleVersion: evaluation.ruleVersion,
  });
  await getExternalWorkflowHandle(input.reportTo ?? input.batchId).signal(bulkMemberCheckedSignal, {
    nip: move.person.nip,
    allowed: evaluation.allowed,
    blocking,
  });
  await condition(() => decided !== null);
  const d = decided!;
  await kase.auto(d.included ? 'included_in_decree' : 'excluded_from_batch', { reason: d.reason, payload: { ...d } });
  await condition(allHandlersFinished);
  return { nip: move.person.nip, moved: d.included };
}
