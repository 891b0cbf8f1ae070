import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { checkFillingMethod, evaluateDecision, FILLING_METHOD_RULE_VERSION, getSop, type FillingMethod } from '@meritflow/domain';
import {
  VACANCY_CASE_TYPE,
  vacancyDecideUpdate,
  vacancyFilledSignal,
  vacancyStateQuery,
  type VacancyDecisionInput,
  type VacancyState,
  type VacancyWorkflowInput,
} from '@meritflow/contracts';
import { ledger } from '../shared/ledger';
import { refuse, refuseUnless, SopCase } from '../shared/sop-case';

/** A vacancy: HR proposes, the PPK approves with a filling method or rejects, HR may withdraw. */
export async function vacancyWorkflow(input: VacancyWorkflowInput): Promise<VacancyState> {
  const sop = getSop(input.sop);
  const { proposal } = input;
  let approvedFillingMethod: FillingMethod | null = input.carried?.approvedFillingMethod ?? null;

  const kase = new SopCase(
    sop,
    VACANCY_CASE_TYPE,
    () => ({
      agencyCode: proposal.agencyCode,
      businessKey: proposal.positionCode,
      title: proposal.title,
      details: { ...proposal, approvedFillingMethod },
    }),
    ledger,
  );
  kase.resumeFrom(input.resume);

  const view = (): VacancyState => ({ caseType: VACANCY_CASE_TYPE, ...kase.baseView(), proposal, approvedFillingMethod });

  const validate = (d: VacancyDecisionInput) => {
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    if (d.decision === 'approve') {
      const issue = checkFillingMethod(proposal.positionClass, d.fillingMethod!, 'fillingMethod');
      if (issue) refuse('VALIDATION_FAILED', { fields: [issue] });
    }
    return verdict;
  };

  setHandler(vacancyStateQuery, view);
  kase.acceptMigrations();
  setHandler(
    vacancyDecideUpdate,
    async (d) => {
      const verdict = validate(d);
      if (d.decision === 'approve') approvedFillingMethod = d.fillingMethod!;
      await kase.transition(d.decision, d.actor, verdict.to, {
        reason: d.reason ?? null,
        evidence: d.evidence ?? [],
        payload: d.decision === 'approve' ? { fillingMethod: d.fillingMethod } : {},
        ruleVersion: d.decision === 'approve' ? FILLING_METHOD_RULE_VERSION : null,
      });
      return view();
    },
    { validator: (d) => void validate(d) },
  );

  setHandler(vacancyFilledSignal, async (filled) => {
    const payload = { ...filled };
    const reason = `filled by ${filled.filledBy}`;
    // SOP 1.1.0 closes the vacancy as filled; a case pinned to 1.0.0 (no such step) records the fact only.
    if (kase.step.auto?.some((a) => a.decision === 'filled')) await kase.auto('filled', { reason, payload });
    else await kase.note('filled_noted', { reason, payload });
  });

  await kase.begin(input.proposedBy, {
    reason: input.reason,
    evidence: input.evidence,
    payload: { proposal },
    ruleVersion: FILLING_METHOD_RULE_VERSION,
  });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  const next = kase.migration;
  if (next) {
    return continueAsNew<typeof vacancyWorkflow>({
      ...input,
      sop: { id: next.id, version: next.version },
      resume: next.resume,
      carried: { approvedFillingMethod },
    });
  }
  return view();
}
