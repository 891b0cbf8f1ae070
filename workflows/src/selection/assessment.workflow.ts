import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { evaluateDecision, getSop, jobPersonMatch, SYSTEM_ACTOR, type FieldIssue } from '@meritflow/domain';
import {
  assessmentDecideUpdate,
  assessmentStateQuery,
  type AssessmentDecisionInput,
  type AssessmentResult,
  type AssessmentState,
  type AssessmentWorkflowInput,
} from '@meritflow/contracts';
import { ledger } from '../shared/ledger';
import { refuse, refuseIfNot, refuseUnless, SopCase } from '../shared/sop-case';
import { evaluateAssessorAssignment } from '@meritflow/domain';

/** One candidate's competency assessment; returns the job-person match once an assessor has reported. */
export async function assessmentWorkflow(input: AssessmentWorkflowInput): Promise<AssessmentResult> {
  const sop = getSop(input.sop);
  const required = Object.fromEntries(input.requiredCompetencies.map((c) => [c.name, c.level]));
  let result: AssessmentResult | null = null;
  const kase = new SopCase(
    sop,
    'assessment',
    () => ({ agencyCode: input.agencyCode, businessKey: input.nip, title: input.name, details: { postCode: input.postCode, result } }),
    ledger,
    {},
    input.duties,
  );

  const view = (): AssessmentState => ({
    workflowId: workflowInfo().workflowId,
    step: kase.step.id,
    status: kase.step.status,
    nip: input.nip,
    postCode: input.postCode,
    requiredCompetencies: input.requiredCompetencies,
    allowedDecisions: kase.allowed,
    deadline: kase.deadline ? { dueAt: kase.deadline.dueAt } : null,
    result,
  });

  const validate = (d: AssessmentDecisionInput) => {
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    refuseIfNot(evaluateAssessorAssignment(input.assessorIds, d.actor, input.nip));
    const achieved = d.achieved ?? {};
    const fields: FieldIssue[] = [];
    for (const name of Object.keys(required)) {
      const level = achieved[name];
      if (!Number.isInteger(level) || level < 1 || level > 5) {
        fields.push({
          field: `achieved.${name}`,
          rule: 'level',
          message: { id: 'level kompetensi harus bilangan bulat 1–5', en: 'the competency level must be a whole number 1–5' },
        });
      }
    }
    for (const name of Object.keys(achieved)) {
      if (!(name in required)) {
        fields.push({
          field: `achieved.${name}`,
          rule: 'requiredCompetency',
          message: { id: 'kompetensi ini tidak dipersyaratkan jabatan', en: 'this competency is not required by the post' },
        });
      }
    }
    if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
    return verdict;
  };

  setHandler(assessmentStateQuery, view);
  setHandler(
    assessmentDecideUpdate,
    async (d) => {
      const verdict = validate(d);
      const jpm = jobPersonMatch(d.achieved!, required, input.jpmScheme);
      result = { nip: input.nip, jpmPercent: jpm.percent, category: jpm.category, missing: jpm.missing, assessorId: d.actor.id };
      await kase.transition(d.decision, d.actor, verdict.to, {
        reason: d.reason ?? null,
        evidence: d.evidence ?? [],
        payload: { nip: input.nip, achieved: d.achieved, required, jpm },
        ruleVersion: input.jpmScheme.id,
      });
      return view();
    },
    { validator: (d) => void validate(d) },
  );

  await kase.start(SYSTEM_ACTOR, { payload: { nip: input.nip, postCode: input.postCode, required } });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  return result!;
}
