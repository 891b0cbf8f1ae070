import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import { evaluateDecision, evaluateMoveSide, getSop, isIsoDate, type FieldIssue } from '../../../libs/domain/src';
import {
  MOVE_CASE_TYPE,
  moveDecideUpdate,
  moveStateQuery,
  vacancyFilledSignal,
  type MoveDecisionAck,
  type MoveDecisionInput,
  type MoveEvaluationView,
  type MoveState,
  type MoveWorkflowInput,
} from '../contracts';
import { ledger, reference } from '../shared/ledger';
import { refuse, refuseIfNot, refuseUnless, SopCase } from '../shared/sop-case';
import { evaluateMoveNow, isOverridable } from './move-rules';

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * A mutation, rotation or talent-pool promotion of one person, under the SOP its kind and scope pin.
 * The deciding transition is guarded by the mobility rules in force at that moment; an attempt the
 * rules block is recorded (and answered 422), and only a Minister's approval or an authorised override
 * with a legal-basis document lifts a block.
 */
export async function moveWorkflow(input: MoveWorkflowInput): Promise<MoveState> {
  const sop = getSop(input.sop);
  const { move } = input;
  let evaluation: MoveEvaluationView | null = null;
  const overrides: MoveState['overrides'] = [];
  let competencyFit: MoveState['competencyFit'] = null;
  let decree: MoveState['decree'] = null;
  let blockedAttempts = 0;
  let evaluating = false;

  const kase = new SopCase(
    sop,
    MOVE_CASE_TYPE,
    () => ({
      agencyCode: move.to.agencyCode,
      businessKey: move.person.nip,
      title: `${move.person.name}: ${move.from.positionCode} → ${move.to.positionCode}`,
      details: { kind: move.kind, scope: move.scope, from: move.from, to: move.to, allowed: evaluation?.allowed ?? null },
    }),
    ledger,
  );

  const evaluate = async (): Promise<MoveEvaluationView> => {
    const regionCodes = [...new Set([move.from.regionCode, move.to.regionCode])];
    const facts = await reference.loadMobilityFacts({ regionCodes, agencyCode: move.to.agencyCode });
    evaluation = evaluateMoveNow(input, facts, overrides, new Date());
    return evaluation;
  };

  const view = (): MoveState => ({
    caseType: MOVE_CASE_TYPE,
    ...kase.baseView(),
    move,
    talent: input.talent,
    competencyFit,
    evaluation,
    overrides,
    decree,
    blockedAttempts,
  });

  const validate = (d: MoveDecisionInput) => {
    // A guarded decision is being checked against the rules right now: one decision at a time.
    if (evaluating) refuse('DECISION_NOT_ALLOWED', { step: kase.step.id, decision: d.decision, allowed: [] });
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    refuseIfNot(evaluateMoveSide(move, d.decision, d.actor));
    const fields: FieldIssue[] = [];
    if (d.decision === 'override') {
      const rules = d.overrideRules ?? [];
      if (rules.length === 0) fields.push(issue('overrideRules', 'required', 'sebutkan aturan yang dikesampingkan', 'name the rules the legal basis lifts'));
      for (const r of rules.filter((r) => !isOverridable(r))) {
        fields.push(issue('overrideRules', 'notOverridable', `aturan ${r} tidak dapat dikesampingkan`, `rule ${r} cannot be overridden`));
      }
    }
    if (d.decision === 'tpk_advise' && move.kind === 'rotation') {
      const fit = d.competencyFit;
      if (!fit || typeof fit.jpmPercent !== 'number' || fit.jpmPercent < 0 || fit.jpmPercent > 100) {
        fields.push(issue('competencyFit.jpmPercent', 'required', 'kesesuaian kompetensi (JPM 0–100) wajib dicatat untuk rotasi', 'the competency fit (JPM 0–100) must be recorded for a rotation'));
      }
    }
    if (d.decision === 'record_decree') {
      if (!d.decreeNumber || !/^[A-Za-z0-9./ -]{3,100}$/.test(d.decreeNumber)) fields.push(issue('decreeNumber', 'required', 'nomor SK wajib diisi', 'the decree number is required'));
      if (!d.effectiveDate || !isIsoDate(d.effectiveDate)) fields.push(issue('effectiveDate', 'required', 'TMT harus YYYY-MM-DD', 'the effective date must be YYYY-MM-DD'));
    }
    if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
    return verdict;
  };

  setHandler(moveStateQuery, view);
  setHandler(
    moveDecideUpdate,
    async (d): Promise<MoveDecisionAck> => {
      const verdict = validate(d);
      const common = { reason: d.reason ?? null, evidence: d.evidence ?? [] };
      if (verdict.transition.guard === 'mobility_rules') {
        evaluating = true;
        let ev: MoveEvaluationView;
        try {
          ev = await evaluate();
        } finally {
          evaluating = false;
        }
        const blocking = ev.verdicts.filter((v) => !v.passed && !v.overridden);
        if (!ev.allowed) {
          blockedAttempts++;
          await kase.note('decision_blocked', { ...common, payload: { attempted: d.decision, evaluation: ev }, ruleVersion: ev.ruleVersion }, d.actor);
          return { ...kase.ack(), blocked: blocking };
        }
        await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: { evaluation: ev }, ruleVersion: ev.ruleVersion });
        return { ...kase.ack(), blocked: null };
      }
      switch (d.decision) {
        case 'override':
          overrides.push({ rules: d.overrideRules!, legalBasis: d.evidence!, by: d.actor.id, reason: d.reason! });
          await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: { rules: d.overrideRules } });
          break;
        case 'tpk_advise':
          competencyFit = d.competencyFit ?? null;
          await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: { competencyFit } });
          break;
        case 'record_decree':
          decree = { number: d.decreeNumber!, effectiveDate: d.effectiveDate! };
          await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: { decree } });
          break;
        default:
          await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: {} });
      }
      return { ...kase.ack(), blocked: null };
    },
    { validator: (d) => void validate(d) },
  );

  // The proposal takes sequence 1 before anything awaits, so no decision can be recorded ahead of it.
  // The official being moved never acts on their own move.
  kase.assign(move.person.nip, 'candidate');
  await kase.start(input.proposedBy, { reason: input.reason, evidence: input.evidence, payload: { move, talent: input.talent } });
  // Checked at once so HR sees any rule in the way early; the rules bind only at the decision.
  const initial = await evaluate();
  await kase.note('rules_evaluated', {
    reason: initial.allowed ? 'every rule passes today' : initial.verdicts.filter((v) => !v.passed).map((v) => v.message.en).join('; '),
    payload: { evaluation: initial },
    ruleVersion: initial.ruleVersion,
  });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);

  // A talent promotion into an approved vacancy closes that vacancy as filled.
  if (kase.step.id === 'completed' && input.talent?.vacancyId) {
    // Assigned in the update handler: TypeScript cannot see that from here.
    const issued = decree as MoveState['decree'];
    try {
      await getExternalWorkflowHandle(input.talent.vacancyId).signal(vacancyFilledSignal, {
        filledBy: workflowInfo().workflowId,
        nip: move.person.nip,
        name: move.person.name,
        decreeNumber: issued?.number ?? null,
        effectiveDate: issued?.effectiveDate ?? null,
      });
    } catch (err) {
      await kase.note('vacancy_not_notified', { reason: `${input.talent.vacancyId}: ${(err as Error).message}`, payload: {} });
    }
  }
  return view();
}
