import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import { DomainError, evaluateStart, selectSop, serviceEndedIssue, stepOf, wibDate, type Actor, type EvidenceRef } from '@meritflow/domain';
import { LedgerRepository, RegisterRepository } from '@meritflow/persistence';
import {
  appointmentDecideUpdate,
  appointmentStateQuery,
  appointmentWorkflowId,
  assessmentDecideUpdate,
  assessmentStateQuery,
  assessmentWorkflowId,
  committeeReviewDecideUpdate,
  committeeReviewStateQuery,
  committeeReviewWorkflowId,
  SELECTION_CASE_TYPE,
  SELECTION_WORKFLOW_TYPE,
  selectionDecideUpdate,
  selectionStateQuery,
  selectionWorkflowId,
  rootCaseOf,
  vacancyStateQuery,
  type AppointmentDecisionInput,
  type AssessmentDecisionInput,
  type ReviewDecisionInput,
  type SelectionDecisionInput,
  type SelectionDecisionOf,
  type SelectionPost,
  type SelectionWorkflowInput,
} from '@meritflow/contracts';
import { ScopeDenied } from '../auth/case-scope';
import { API_CONFIG } from '../config.provider';
import type { IdempotentRequest } from '../common/idempotency-key';
import { WorkflowGateway } from '../temporal/workflow-gateway';

export interface OpenSelectionCommand {
  agencyCode: string;
  selectionCode: string;
  title: string;
  vacancyIds: string[];
  reason: string | null;
  evidence: EvidenceRef[];
  sopVersion?: string;
}

type WithoutActor<T> = Omit<T, 'actor'>;

/**
 * How long a request waits for a child workflow to appear after its stage began. On a loaded machine
 * the start can take longer; then the answer is 503 with Retry-After (retry with the same
 * Idempotency-Key), never a refusal: the decision may be perfectly valid.
 */
const CHILD_START_GRACE_MS = 30_000;

/** Open selection use cases: open, decide at each stage (on the selection or its child workflows), read. */
@Injectable()
export class SelectionsService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
    private readonly register: RegisterRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async open(actor: Actor, cmd: OpenSelectionCommand) {
    const sop = selectSop(SELECTION_CASE_TYPE, {
      version: cmd.sopVersion,
      asOf: new Date(),
      allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS,
    });
    const start = evaluateStart(sop, actor);
    if (!start.ok) throw new DomainError(start.code, start.params);
    const posts = await Promise.all(cmd.vacancyIds.map((id) => this.postFromVacancy(id, cmd.agencyCode)));
    const input: SelectionWorkflowInput = {
      sop: { id: sop.id, version: sop.version },
      agencyCode: cmd.agencyCode,
      selectionCode: cmd.selectionCode,
      title: cmd.title,
      posts,
      openedBy: actor,
      reason: cmd.reason,
      evidence: cmd.evidence,
    };
    const started = await this.workflows.start(SELECTION_WORKFLOW_TYPE, selectionWorkflowId(cmd.agencyCode, cmd.selectionCode), [input]);
    const step = stepOf(sop, sop.initialStep);
    return { ...started, sop: input.sop, step: step.id, status: step.status, posts };
  }

  /** A selection fills posts whose vacancy the PPK approved for open selection, in the same agency. */
  private async postFromVacancy(vacancyId: string, agencyCode: string): Promise<SelectionPost> {
    // Another agency's vacancy is answered like a missing one, whoever asks (a national body too).
    if (rootCaseOf(vacancyId)?.agencyCode !== agencyCode) throw new ScopeDenied(vacancyId, { selectionAgency: agencyCode });
    const v = await this.workflows.query(vacancyId, vacancyStateQuery);
    const jpt = ['jpt_utama', 'jpt_madya', 'jpt_pratama'] as const;
    const positionClass = jpt.find((c) => c === v.proposal.positionClass);
    if (v.status !== 'approved' || v.approvedFillingMethod !== 'open_selection' || v.proposal.agencyCode !== agencyCode || !positionClass) {
      throw new DomainError('VACANCY_NOT_READY', { vacancyId, status: v.status, fillingMethod: v.approvedFillingMethod ?? '-' });
    }
    const heldBy = await this.ledger.casesFillingVacancy(vacancyId);
    if (heldBy.length > 0) throw new DomainError('VACANCY_NOT_READY', { vacancyId, heldBy });
    const p = v.proposal;
    return {
      vacancyId,
      vacancyRunId: v.runId,
      positionCode: p.positionCode,
      title: p.title,
      organisationalUnit: p.organisationalUnit,
      positionClass,
      requiredCompetencies: p.requiredCompetencies,
    };
  }

  async get(id: string) {
    const state = await this.workflows.query(id, selectionStateQuery);
    return { ...state, decisions: await this.ledger.decisionsOfCase(id, state.runId) };
  }

  /** Answers with the selection's state after the decision (read by query: see DecisionAck). */
  async decide(id: string, actor: Actor, input: WithoutActor<SelectionDecisionInput>, key?: IdempotentRequest) {
    await this.assertInRegister(id, input);
    await this.workflows.decide(id, selectionDecideUpdate, { ...input, actor }, actor, key, async () => (await this.get(id)).step);
    return this.workflows.query(id, selectionStateQuery);
  }

  /**
   * People named by NIP must be in the selection agency's register before anything is sent to the
   * workflow: candidates always; committee members and assessors when their id is a NIP (external
   * members and assessment-centre staff are named by their own id). The workflow reads the facts.
   */
  private async assertInRegister(id: string, input: WithoutActor<SelectionDecisionInput>): Promise<void> {
    const agencyCode = rootCaseOf(id)?.agencyCode;
    if (!agencyCode) return;
    // Every field that names people is checked, whatever the decision (the workflow refuses the rest).
    const people = input as Partial<
      Pick<SelectionDecisionOf<'register_candidates'>, 'candidates'> &
        Pick<SelectionDecisionOf<'form_committee'>, 'members'> &
        Pick<SelectionDecisionOf<'screen_candidate'>, 'assessorIds'>
    >;
    const named: { field: string; nip: string }[] = [
      ...(people.candidates ?? []).map((c, i) => ({ field: `candidates.${i}.nip`, nip: c.nip ?? '' })),
      ...(people.members ?? []).map((m, i) => ({ field: `members.${i}.id`, nip: m.id })),
      ...(people.assessorIds ?? []).map((a, i) => ({ field: `assessorIds.${i}`, nip: a })),
    ].filter((n) => /^\d{18}$/.test(n.nip));
    if (named.length === 0) return;
    const missing = await this.register.missing(
      agencyCode,
      named.map((n) => n.nip),
    );
    if (missing.length === 0) {
      await this.assertServing(agencyCode, named);
      return;
    }
    throw new DomainError('PERSON_NOT_FOUND', {
      nip: missing.join(', '),
      fields: named
        .filter((n) => missing.includes(n.nip))
        .map((n) => ({
          field: n.field,
          rule: 'register.unknownNip',
          message: { id: `NIP ${n.nip} tidak ada dalam register instansi`, en: `NIP ${n.nip} is not in the agency's register` },
        })),
    });
  }

  /** Candidates must be serving today (WIB): an official whose service has ended is refused by name. */
  private async assertServing(agencyCode: string, named: readonly { field: string; nip: string }[]): Promise<void> {
    const candidates = named.filter((n) => n.field.startsWith('candidates.'));
    if (candidates.length === 0) return;
    const { snapshots } = await this.register.snapshots(
      agencyCode,
      candidates.map((n) => n.nip),
      wibDate(new Date()),
    );
    const fields = candidates.flatMap((n) => {
      const facts = snapshots.find((s) => s.nip === n.nip)?.facts;
      const issue = facts && serviceEndedIssue(facts, n.field);
      return issue ? [issue] : [];
    });
    if (fields.length > 0) throw new DomainError('VALIDATION_FAILED', { fields });
  }

  getAssessment(id: string, nip: string) {
    return this.child(id, 'assessment', 'record_assessment', () =>
      this.workflows.query(assessmentWorkflowId(id, nip), assessmentStateQuery),
    );
  }

  decideAssessment(id: string, nip: string, actor: Actor, input: WithoutActor<AssessmentDecisionInput>, key?: IdempotentRequest) {
    const childId = assessmentWorkflowId(id, nip);
    return this.child(id, 'assessment', input.decision, () =>
      this.workflows.decide(
        childId,
        assessmentDecideUpdate,
        { ...input, actor },
        actor,
        key,
        async () => (await this.workflows.query(childId, assessmentStateQuery)).step,
      ),
    );
  }

  getReview(id: string, viewerId?: string) {
    return this.child(id, 'committee_review', 'score', () =>
      this.workflows.query(committeeReviewWorkflowId(id), committeeReviewStateQuery, viewerId),
    );
  }

  decideReview(id: string, actor: Actor, input: WithoutActor<ReviewDecisionInput>, key?: IdempotentRequest) {
    const childId = committeeReviewWorkflowId(id);
    return this.child(id, 'committee_review', input.decision, async () => {
      await this.workflows.decide(
        childId,
        committeeReviewDecideUpdate,
        { ...input, actor },
        actor,
        key,
        async () => (await this.workflows.query(childId, committeeReviewStateQuery)).step,
      );
      return this.workflows.query(childId, committeeReviewStateQuery, actor.id);
    });
  }

  getAppointment(id: string, postCode: string) {
    return this.child(id, 'appointment', 'record_decree', () =>
      this.workflows.query(appointmentWorkflowId(id, postCode), appointmentStateQuery),
    );
  }

  decideAppointment(id: string, postCode: string, actor: Actor, input: WithoutActor<AppointmentDecisionInput>, key?: IdempotentRequest) {
    const childId = appointmentWorkflowId(id, postCode);
    return this.child(id, 'appointment', input.decision, () =>
      this.workflows.decide(
        childId,
        appointmentDecideUpdate,
        { ...input, actor },
        actor,
        key,
        async () => (await this.workflows.query(childId, appointmentStateQuery)).step,
      ),
    );
  }

  /**
   * A stage's child workflow exists only once the selection reaches that stage. Acting on it earlier
   * is out of order: answer with the selection's current step, not "not found". In the moment between
   * the selection entering the stage and the child starting, wait instead of refusing, and if the child
   * is still not there, say so as a passing condition (503), not as a refusal (409).
   */
  private async child<T>(selectionId: string, stage: string, decision: string, call: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + CHILD_START_GRACE_MS;
    for (;;) {
      try {
        return await call();
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'CASE_NOT_FOUND')) throw err;
        const parent = await this.workflows.query(selectionId, selectionStateQuery);
        if (parent.step === stage) {
          if (Date.now() >= deadline)
            throw new DomainError('UPSTREAM_UNAVAILABLE', { service: 'Temporal', waitingFor: `${stage} workflow`, retryable: true });
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        throw new DomainError('DECISION_NOT_ALLOWED', {
          step: parent.step,
          stepLabel: parent.stepLabel,
          decision,
          allowed: parent.allowedDecisions.map((a) => `${a.decision} (${a.roles.join('/')})`),
        });
      }
    }
  }
}
