import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  checkBackdating,
  moveWithRegisterFacts,
  checkEffectiveDate,
  conditionalTransition,
  evaluateDecision,
  evaluateMoveSide,
  getSop,
  moveSopSettings,
  reportingDutyOf,
  wibDate,
  type FieldIssue,
  type SopStep,
} from '@meritflow/domain';
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
} from '@meritflow/contracts';
import { ledger, reference } from '../shared/ledger';
import { refuse, refuseIfNot, refuseUnless, SopCase } from '../shared/sop-case';
import { evaluateMoveNow, isOverridable, type EvaluationDate } from './move-rules';

/**
 * Cases pinned to a move SOP before 1.1.0 recorded the decree without a rule check; from this patch
 * on their decree is checked as of its TMT too (1.1.0 guards it in its own data). Histories recorded
 * before replay without it.
 */
export const DECREE_AS_OF_TMT_PATCH = 'move-decree-rules-as-of-tmt';

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * A mutation, rotation or talent-pool promotion of one person, under the SOP its kind and scope pin.
 * The deciding transition is guarded by the mobility rules as of the intended effective date, and the
 * decree by the rules as of its TMT; an attempt the rules block is recorded (and answered 422), and
 * only a Minister's approval or an authorised override with a legal-basis document lifts a block. A
 * decree the Minister's approval let through an election ban opens the reporting step (SOP 1.1.0).
 */
export async function moveWorkflow(input: MoveWorkflowInput): Promise<MoveState> {
  const sop = getSop(input.sop);
  // With the person named by NIP, the facts judged are the register's as of each evaluation date.
  // A run a migration started carries on with the state of the run before it.
  const carried = input.carried;
  let move = carried?.move ?? input.move;
  let evaluation: MoveEvaluationView | null = carried?.evaluation ?? null;
  const overrides: MoveState['overrides'] = [...(carried?.overrides ?? [])];
  let competencyFit: MoveState['competencyFit'] = carried?.competencyFit ?? null;
  let decree: MoveState['decree'] = carried?.decree ?? null;
  let blockedAttempts = carried?.blockedAttempts ?? 0;
  let evaluating = false;
  let reportingDuty: MoveState['reportingDuty'] = carried?.reportingDuty ?? null;
  let report: MoveState['report'] = carried?.report ?? null;
  const intendedEffectiveDate = input.intendedEffectiveDate ?? null;
  const asOfIntended: EvaluationDate | undefined = intendedEffectiveDate
    ? { date: intendedEffectiveDate, basis: 'intended_effective_date' }
    : undefined;

  const kase = new SopCase(
    sop,
    MOVE_CASE_TYPE,
    () => ({
      agencyCode: move.to.agencyCode,
      businessKey: move.person.nip,
      title: `${move.person.name}: ${move.from.positionCode} → ${move.to.positionCode}`,
      details: {
        kind: move.kind,
        scope: move.scope,
        from: move.from,
        to: move.to,
        allowed: evaluation?.allowed ?? null,
        ...(intendedEffectiveDate ? { intendedEffectiveDate } : {}),
      },
    }),
    ledger,
  );
  kase.resumeFrom(input.resume);

  const evaluate = async (asOf: EvaluationDate | undefined): Promise<MoveEvaluationView> => {
    const regionCodes = [...new Set([move.from.regionCode, move.to.regionCode])];
    const register = input.personFromRegister
      ? { agencyCode: input.move.from.agencyCode, nips: [input.move.person.nip], asOf: asOf?.date ?? wibDate(new Date()) }
      : undefined;
    // A talent promotion asks for the person's pool entry as of the same date (read by the 2027 rules on).
    const talentPool = input.talent
      ? { agencyCode: move.to.agencyCode, nip: input.move.person.nip, asOf: asOf?.date ?? wibDate(new Date()) }
      : undefined;
    const facts = await reference.loadMobilityFacts({
      regionCodes,
      agencyCode: move.to.agencyCode,
      ...(register ? { register } : {}),
      ...(talentPool ? { talentPool } : {}),
    });
    if (register) move = moveWithRegisterFacts(input.move, facts.register?.[0]);
    evaluation = evaluateMoveNow({ move, talent: input.talent }, facts, overrides, new Date(), asOf);
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
    intendedEffectiveDate,
    reportingDuty,
    report,
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
      if (rules.length === 0)
        fields.push(issue('overrideRules', 'required', 'sebutkan aturan yang dikesampingkan', 'name the rules the legal basis lifts'));
      for (const r of rules.filter((r) => !isOverridable(r))) {
        fields.push(issue('overrideRules', 'notOverridable', `aturan ${r} tidak dapat dikesampingkan`, `rule ${r} cannot be overridden`));
      }
    }
    if (d.decision === 'tpk_advise' && move.kind === 'rotation') {
      const fit = d.competencyFit;
      if (!fit || typeof fit.jpmPercent !== 'number' || fit.jpmPercent < 0 || fit.jpmPercent > 100) {
        fields.push(
          issue(
            'competencyFit.jpmPercent',
            'required',
            'kesesuaian kompetensi (JPM 0–100) wajib dicatat untuk rotasi',
            'the competency fit (JPM 0–100) must be recorded for a rotation',
          ),
        );
      }
    }
    if (d.decision === 'record_decree') {
      if (!d.decreeNumber || !/^[A-Za-z0-9./ -]{3,100}$/.test(d.decreeNumber))
        fields.push(issue('decreeNumber', 'required', 'nomor SK wajib diisi', 'the decree number is required'));
      if (!d.effectiveDate)
        fields.push(issue('effectiveDate', 'required', 'TMT harus YYYY-MM-DD', 'the effective date must be YYYY-MM-DD'));
      else fields.push(...checkEffectiveDate('effectiveDate', d.effectiveDate));
    }
    if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
    // A decree dated far back needs a reason (the limit is the pinned SOP version's).
    if (d.decision === 'record_decree') refuseIfNot(checkBackdating(d.effectiveDate!, wibDate(new Date()), moveSopSettings(sop), d.reason));
    return verdict;
  };

  setHandler(moveStateQuery, view);
  kase.acceptMigrations();
  setHandler(
    moveDecideUpdate,
    async (d): Promise<MoveDecisionAck> => {
      const verdict = validate(d);
      const common = { reason: d.reason ?? null, evidence: d.evidence ?? [] };
      const isDecree = d.decision === 'record_decree';
      const guarded = verdict.transition.guard === 'mobility_rules' || (isDecree && patched(DECREE_AS_OF_TMT_PATCH));
      // The approval binds as of the intended effective date, the decree as of its TMT.
      const asOf: EvaluationDate | undefined = isDecree ? { date: d.effectiveDate!, basis: 'decree_effective_date' } : asOfIntended;
      let ev: MoveEvaluationView | null = null;
      if (guarded) {
        evaluating = true;
        try {
          ev = await evaluate(asOf);
        } finally {
          evaluating = false;
        }
        const blocking = ev.verdicts.filter((v) => !v.passed && !v.overridden);
        if (!ev.allowed) {
          blockedAttempts++;
          const attempt = { attempted: d.decision, evaluation: ev, asOf: ev.asOf, ...(isDecree ? { effectiveDate: d.effectiveDate } : {}) };
          await kase.note('decision_blocked', { ...common, payload: attempt, ruleVersion: ev.ruleVersion }, d.actor);
          return { ...kase.ack(), blocked: blocking };
        }
        if (!isDecree) {
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common,
            payload: { evaluation: ev, asOf: ev.asOf },
            ruleVersion: ev.ruleVersion,
          });
          return { ...kase.ack(), blocked: null };
        }
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
        case 'record_decree': {
          decree = { number: d.decreeNumber!, effectiveDate: d.effectiveDate! };
          if (!ev) {
            await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: { decree } });
            break;
          }
          // A duty the allowing rule attaches (the Minister's approval in an election ban) opens the reporting step, where the SOP has one.
          const duty = reportingDutyOf(ev.verdicts);
          const reporting: SopStep | null = duty ? conditionalTransition(sop, kase.step.id, d.decision, 'reporting_duty') : null;
          reportingDuty = reporting ? duty : null;
          await kase.transition(d.decision, d.actor, reporting ?? verdict.to, {
            ...common,
            payload: { decree, evaluation: ev, asOf: ev.asOf, ...(reportingDuty ? { reportingDuty } : {}) },
            ruleVersion: ev.ruleVersion,
          });
          break;
        }
        case 'report_submitted':
          report = { submittedAt: new Date().toISOString(), by: d.actor.id, evidence: d.evidence ?? [] };
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common,
            payload: { reportingDuty, lateAfter: kase.deadline?.dueAt ?? null },
          });
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
  if (input.resume) {
    // A run a migration started records the migration first; the rules are evaluated again at the next decision.
    await kase.begin(input.proposedBy, {});
  } else {
    await kase.start(input.proposedBy, {
      reason: input.reason,
      evidence: input.evidence,
      payload: { move, talent: input.talent, ...(intendedEffectiveDate ? { intendedEffectiveDate } : {}) },
    });
    // Checked at once so HR sees any rule in the way early; the rules bind only at the decision.
    const initial = await evaluate(asOfIntended);
    await kase.note('rules_evaluated', {
      reason: initial.allowed
        ? `every rule passes as of ${initial.asOf}`
        : initial.verdicts
            .filter((v) => !v.passed)
            .map((v) => v.message.en)
            .join('; '),
      payload: { evaluation: initial },
      ruleVersion: initial.ruleVersion,
    });
  }
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  const next = kase.migration;
  if (next) {
    return continueAsNew<typeof moveWorkflow>({
      ...input,
      sop: { id: next.id, version: next.version },
      resume: next.resume,
      carried: { move, evaluation, overrides, competencyFit, decree, blockedAttempts, reportingDuty, report },
    });
  }

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
