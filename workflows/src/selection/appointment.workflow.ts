import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { evaluateDecision, getSop, isIsoDate, SYSTEM_ACTOR, type FieldIssue } from '@meritflow/domain';
import {
  appointmentDecideUpdate,
  appointmentStateQuery,
  type AppointmentDecisionInput,
  type AppointmentResult,
  type AppointmentState,
  type AppointmentWorkflowInput,
} from '@meritflow/contracts';
import { ledger } from '../shared/ledger';
import { refuse, refuseUnless, SopCase } from '../shared/sop-case';

const DECREE_NUMBER = /^[A-Za-z0-9./ -]{3,100}$/;

/** Appointment of the picked candidate to one post: the decree (SK), then the inauguration. */
export async function appointmentWorkflow(input: AppointmentWorkflowInput): Promise<AppointmentResult> {
  const sop = getSop(input.sop);
  const result: AppointmentResult = {
    postCode: input.postCode,
    nip: input.nip,
    decreeNumber: null,
    effectiveDate: null,
    inauguratedOn: null,
  };
  const kase = new SopCase(
    sop,
    'appointment',
    () => ({ agencyCode: input.agencyCode, businessKey: input.postCode, title: input.postTitle, details: { ...result } }),
    ledger,
    {},
    input.duties,
  );

  const view = (): AppointmentState => ({
    workflowId: workflowInfo().workflowId,
    step: kase.step.id,
    status: kase.step.status,
    allowedDecisions: kase.allowed,
    result,
  });

  const issue = (field: string, id: string, en: string): FieldIssue => ({ field, rule: field, message: { id, en } });

  const validate = (d: AppointmentDecisionInput) => {
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    const fields: FieldIssue[] = [];
    if (d.decision === 'record_decree') {
      if (!d.decreeNumber || !DECREE_NUMBER.test(d.decreeNumber)) {
        fields.push(
          issue('decreeNumber', 'nomor SK wajib diisi (huruf, angka, . / -)', 'the decree number is required (letters, digits, . / -)'),
        );
      }
      if (!d.effectiveDate || !isIsoDate(d.effectiveDate)) {
        fields.push(issue('effectiveDate', 'TMT harus tanggal YYYY-MM-DD', 'the effective date must be YYYY-MM-DD'));
      }
    }
    if (d.decision === 'record_inauguration') {
      if (!d.inauguratedOn || !isIsoDate(d.inauguratedOn)) {
        fields.push(issue('inauguratedOn', 'tanggal pelantikan harus YYYY-MM-DD', 'the inauguration date must be YYYY-MM-DD'));
      } else if (result.effectiveDate && d.inauguratedOn < result.effectiveDate) {
        fields.push(
          issue('inauguratedOn', 'pelantikan tidak boleh sebelum TMT SK', 'the inauguration cannot precede the decree’s effective date'),
        );
      }
    }
    if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
    return verdict;
  };

  setHandler(appointmentStateQuery, view);
  setHandler(
    appointmentDecideUpdate,
    async (d) => {
      const verdict = validate(d);
      if (d.decision === 'record_decree') {
        result.decreeNumber = d.decreeNumber!;
        result.effectiveDate = d.effectiveDate!;
      } else {
        result.inauguratedOn = d.inauguratedOn!;
      }
      await kase.transition(d.decision, d.actor, verdict.to, {
        reason: d.reason ?? null,
        evidence: d.evidence ?? [],
        payload: { ...result },
      });
      return view();
    },
    { validator: (d) => void validate(d) },
  );

  await kase.start(SYSTEM_ACTOR, { payload: { nip: input.nip, postCode: input.postCode, pickedBy: input.pickedBy } });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  return result;
}
