import { evaluateDecision, moveWithRegisterFacts, type DecisionVerdict, type SopDefinition } from '@meritflow/domain';
import type { AnnexLine, BulkDecisionAck, BulkDecisionInput, BulkMemberView, BulkMoveState, MoveFactsInput } from '@meritflow/contracts';
import { reference } from '../shared/ledger';
import { refuse, refuseUnless, type SopCase } from '../shared/sop-case';
import { bulkDecisionFieldIssues } from './bulk-decision-fields';
import { evaluateMoveNow } from './move-rules';

/**
 * What both bulk-move bodies (one child per person in bulk-move.workflow.ts, and the paged one in
 * paged-bulk-move.ts) share: the batch decision's validation, the decree's check of every person as of
 * its TMT, and the PPK's decision itself. They differ only in how a person hears the batch's word
 * (`tell`): a signal to each person's workflow, or one signal per page to its part.
 */

/** What the batch tells one person once it is decided. */
export type MemberWord = { included: boolean; reason: string; annexLine: AnnexLine | null };

/** The state a batch decision reads and writes, owned by the workflow. */
export interface BatchDecisionContext {
  sop: SopDefinition;
  kase: SopCase;
  agencyCode: string;
  personFromRegister: boolean | undefined;
  members: ReadonlyMap<string, BulkMemberView>;
  /** The moves of the batch, in the order they were proposed. */
  moves: () => Iterable<MoveFactsInput>;
  /** Records the decree and its annex in the workflow's state. */
  setDecree: (decree: NonNullable<BulkMoveState['decree']>, annex: AnnexLine[]) => void;
  /** Tells every person the batch's word. */
  tell: (word: (m: BulkMemberView) => MemberWord) => Promise<unknown>;
}

/** For the update's validator and handler: the SOP allows the decision, the actor may take it, its fields hold. */
export function validateBatchDecision(ctx: Pick<BatchDecisionContext, 'sop' | 'kase' | 'members'>, d: BulkDecisionInput) {
  const verdict: DecisionVerdict = evaluateDecision(ctx.sop, ctx.kase.step.id, d);
  refuseUnless(verdict);
  ctx.kase.assertDuties(d.actor);
  const fields = bulkDecisionFieldIssues(d, ctx.members, verdict.transition.guard);
  if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
  return verdict;
}

/** The people the decree would move whom the rules block as of its TMT, with the verdicts. */
export async function blockedAsOf(ctx: BatchDecisionContext, tmt: string) {
  const included = [...ctx.moves()].filter((m) => !ctx.members.get(m.person.nip)!.excluded);
  const regionCodes = [...new Set(included.flatMap((m) => [m.from.regionCode, m.to.regionCode]))];
  const register = ctx.personFromRegister ? { agencyCode: ctx.agencyCode, nips: included.map((m) => m.person.nip), asOf: tmt } : undefined;
  const facts = await reference.loadMobilityFacts({ regionCodes, agencyCode: ctx.agencyCode, ...(register ? { register } : {}) });
  const registered = new Map((facts.register ?? []).map((r) => [r.nip, r]));
  const asOf = { date: tmt, basis: 'decree_effective_date' as const };
  return included.flatMap((m) => {
    const judged = register ? moveWithRegisterFacts(m, registered.get(m.person.nip)) : m;
    const ev = evaluateMoveNow({ move: judged, talent: null }, facts, [], new Date(), asOf);
    return ev.allowed
      ? []
      : [{ nip: m.person.nip, ruleVersion: ev.ruleVersion, blocking: ev.verdicts.filter((v) => !v.passed && !v.overridden) }];
  });
}

/** The handler of bulkMoveDecideUpdate: approve (with named exclusions), record the collective decree, or reject. */
export function batchDecisionHandler(ctx: BatchDecisionContext): (d: BulkDecisionInput) => Promise<BulkDecisionAck> {
  const { kase, members } = ctx;
  return async (d) => {
    const verdict = validateBatchDecision(ctx, d);
    const common = { reason: d.reason ?? null, evidence: d.evidence ?? [] };
    if (d.decision === 'approve_batch') {
      for (const e of d.exclusions ?? []) members.get(e.nip)!.excluded = { reason: e.reason };
      await kase.transition(d.decision, d.actor, verdict.to, {
        ...common,
        payload: { exclusions: d.exclusions ?? [], included: [...members.values()].filter((m) => !m.excluded).length },
      });
    } else if (d.decision === 'record_decree') {
      // SOP 1.1.0 guards the collective decree: every person it moves is judged as of its TMT.
      if (verdict.transition.guard === 'mobility_rules') {
        const blocked = await blockedAsOf(ctx, d.effectiveDate!);
        if (blocked.length > 0) {
          const payload = { attempted: d.decision, effectiveDate: d.effectiveDate, asOf: d.effectiveDate, blocked };
          await kase.note('decision_blocked', { ...common, payload, ruleVersion: blocked[0].ruleVersion }, d.actor);
          return { ...kase.ack(), blocked: blocked.map(({ nip, blocking }) => ({ nip, blocking })) };
        }
      }
      const decree = { number: d.decreeNumber!, effectiveDate: d.effectiveDate! };
      const annex = [...members.values()]
        .filter((m) => !m.excluded)
        .map((m, i) => ({ no: i + 1, nip: m.nip, name: m.name, from: m.from, to: m.to }));
      ctx.setDecree(decree, annex);
      await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: { decree, annex } });
      const lines = new Map(annex.map((a) => [a.nip, a]));
      await ctx.tell((m) => {
        const line = lines.get(m.nip) ?? null;
        return { included: line !== null, reason: m.excluded?.reason ?? 'included in the collective decree', annexLine: line };
      });
    } else {
      await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: {} });
      await ctx.tell(() => ({ included: false, reason: `batch rejected: ${d.reason}`, annexLine: null }));
    }
    return { ...kase.ack(), blocked: null };
  };
}
