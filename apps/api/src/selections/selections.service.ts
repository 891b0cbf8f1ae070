import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import {
  DomainError,
  evaluateStart,
  maskCandidates,
  nipOfRef,
  isBlindReader,
  readsBlind,
  selectionChainFor,
  selectSop,
  serviceEndedIssue,
  sopVariantOfChain,
  stepOf,
  wibDate,
  type Actor,
  type BlindScoringState,
  type EvidenceRef,
  type FieldIssue,
  type RegionalSecretaryKind,
  PUBLISHED_STATUSES,
} from '@meritflow/domain';
import { DecreeRepository, LedgerRepository, RegisterRepository } from '@meritflow/persistence';
import { assertDecreeDraftCited } from '../decrees/decree-citation';
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
  decisionAnswer,
  SELECTION_CASE_TYPE,
  SELECTION_WORKFLOW_TYPE,
  selectionDecideUpdate,
  selectionStateQuery,
  selectionWorkflowId,
  type SelectionMemo,
  rootCaseOf,
  vacancyStateQuery,
  type AppointmentDecisionInput,
  type AssessmentDecisionInput,
  type ReviewDecisionInput,
  type SelectionDecisionInput,
  type SelectionDecisionOf,
  type SelectionPost,
  type SelectionState,
  type SelectionWorkflowInput,
} from '@meritflow/contracts';
import { ScopeDenied } from '../auth/case-scope';
import { API_CONFIG } from '../config.provider';
import type { IdempotentRequest } from '../common/idempotency-key';
import { withEligibilityMessages } from './selection.presenter';
import { WorkflowGateway } from '../temporal/workflow-gateway';

export interface OpenSelectionCommand {
  agencyCode: string;
  selectionCode: string;
  title: string;
  vacancyIds: string[];
  reason: string | null;
  evidence: EvidenceRef[];
  sopVersion?: string;
  /** Set when the one post is a province's or a regency/city's Sekda. */
  regionalSecretary?: RegionalSecretaryKind;
  blindScoring?: boolean;
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
    private readonly decrees: DecreeRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async open(actor: Actor, cmd: OpenSelectionCommand) {
    // Who may open is the same in every chain; the chain (the SOP variant) follows from the posts.
    const start = evaluateStart(selectSop(SELECTION_CASE_TYPE, { asOf: new Date(), allowTestOnly: false }), actor);
    if (!start.ok) throw new DomainError(start.code, start.params);
    const posts = await Promise.all(cmd.vacancyIds.map((id) => this.postFromVacancy(id, cmd.agencyCode)));
    const chain = selectionChainFor(posts, cmd.regionalSecretary);
    if (!chain.ok) throw new DomainError(chain.code, chain.params);
    const sop = selectSop(SELECTION_CASE_TYPE, {
      version: cmd.sopVersion,
      variant: sopVariantOfChain(chain.chain),
      asOf: new Date(),
      allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS,
    });
    const input: SelectionWorkflowInput = {
      sop: { id: sop.id, version: sop.version },
      agencyCode: cmd.agencyCode,
      selectionCode: cmd.selectionCode,
      title: cmd.title,
      posts,
      openedBy: actor,
      reason: cmd.reason,
      evidence: cmd.evidence,
      ...(cmd.blindScoring ? { blindScoring: true } : {}),
      historyLimit: { events: this.config.SELECTION_HISTORY_LIMIT_EVENTS },
    };
    const memo: SelectionMemo = { blindScoring: !!cmd.blindScoring };
    const started = await this.workflows.start(
      SELECTION_WORKFLOW_TYPE,
      selectionWorkflowId(cmd.agencyCode, cmd.selectionCode),
      [input],
      memo,
    );
    const step = stepOf(sop, sop.initialStep);
    return { ...started, sop: input.sop, chain: chain.chain, step: step.id, status: step.status, posts, blindScoring: !!cmd.blindScoring };
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

  /** The state and decisions, as `viewer` may read them (blind: codes instead of names and NIPs). */
  async get(id: string, viewer?: Actor) {
    const state = await this.workflows.query(id, selectionStateQuery);
    return this.forViewer({ ...state, decisions: await this.ledger.decisionsOfCase(id, state.runId) }, viewer);
  }

  /**
   * A blind selection as a committee member or assessor reads it before the ranking is signed: every
   * candidate NIP and name replaced by the candidate's code, and no codebook. Others read it whole.
   */
  private forViewer<T extends Pick<SelectionState, 'blindScoring' | 'candidates'>>(given: T, viewer?: Actor): T {
    const state = withEligibilityMessages(given);
    const blind = state.blindScoring;
    if (!viewer || !readsBlind(viewer, blind)) return state;
    return { ...maskCandidates(state, blind!.codes), blindScoring: { revealed: false, codes: [] } };
  }

  /** The selection's blind codebook as `viewer` must use it, or null when they read names. */
  private async blindFor(id: string, viewer: Actor): Promise<BlindScoringState | null> {
    // Only a blind reader's role can read blind: anyone else needs no query (one fewer per decision, issue 19).
    if (!isBlindReader(viewer)) return null;
    // A selection opened without blind scoring never turns blind: its memo says so without a query (issue 19).
    // Selections opened before the memo existed, and blind ones (codes, revealed), are asked.
    const memo = (await this.workflows.memo(id)) as Partial<SelectionMemo> | null;
    if (memo?.blindScoring === false) return null;
    const { blindScoring } = await this.workflows.query(id, selectionStateQuery);
    return readsBlind(viewer, blindScoring) ? blindScoring! : null;
  }

  /**
   * The NIP a candidate reference names. Who reads blind names candidates by code only; a code of a
   * selection that is not blind (or read with names) names nobody. Unknown: like a missing case.
   */
  private candidateNip(id: string, ref: string, blind: BlindScoringState | null): string {
    const nip = blind ? (ref.startsWith('K-') ? nipOfRef(blind.codes, ref) : null) : /^\d{18}$/.test(ref) ? ref : null;
    if (!nip) throw new DomainError('CASE_NOT_FOUND', { caseId: assessmentWorkflowId(id, ref) });
    return nip;
  }

  /**
   * Answers with the update's small acknowledgement (DecisionAnswer), not the selection's state: a
   * query after every decision cost time that grew with the candidates (issue 19). GET reads the state.
   */
  async decide(id: string, actor: Actor, input: WithoutActor<SelectionDecisionInput>, key?: IdempotentRequest) {
    await this.assertInRegister(id, input);
    // record_keppres records a Keppres, never a drafted SK (decreeBasis refuses a Keppres chain), so with no draft it passes.
    await assertDecreeDraftCited(this.decrees, id, 'postCode' in input && typeof input.postCode === 'string' ? input.postCode : '', input);
    // The selection's own decisions name no candidate by code, so blind reading matters only to mask a
    // refusal: it is read then, not before every decision (one fewer round trip each, issue 19).
    const ack = await blindRefusals(
      () => this.blindFor(id, actor),
      () => this.workflows.decide(id, selectionDecideUpdate, { ...input, actor }, actor, key, async () => (await this.get(id)).step),
    );
    // A candidate's answer is their own result, never the whole selection.
    if (actor.role === 'candidate') return this.myResult(id, actor);
    return decisionAnswer(ack, input.decision);
  }

  /**
   * A candidate's own result once published (SOP 1.1.0 on), with the score breakdown, their objection
   * and the objection window. Before publication, or for anyone who is not a scored candidate of the
   * selection, it is like a missing case.
   */
  async myResult(id: string, actor: Actor) {
    const state = await this.workflows.query(id, selectionStateQuery);
    const me = state.candidates.find((c) => c.nip === actor.id);
    if (!me || !state.resultsPublished || !PUBLISHED_STATUSES.includes(me.status)) {
      throw new DomainError('CASE_NOT_FOUND', { caseId: id });
    }
    const ranked = (state.ranking?.[me.postCode] ?? []).find((r) => r.nip === me.nip) ?? null;
    return {
      selectionId: id,
      selectionCode: state.selectionCode,
      title: state.title,
      step: state.step,
      nip: me.nip,
      name: me.name,
      postCode: me.postCode,
      status: me.status,
      administrativeScore: me.screening?.administrativeScore ?? null,
      assessment: me.assessment ? { jpmPercent: me.assessment.jpmPercent, category: me.assessment.category } : null,
      review: me.review ? { paper: me.review.paper, interview: me.review.interview, quorumMet: me.review.quorumMet } : null,
      rank: ranked?.rank ?? null,
      total: ranked?.total ?? null,
      components: ranked?.components ?? null,
      shortlisted: (state.shortlist?.[me.postCode] ?? []).some((r) => r.nip === me.nip),
      objection: state.objections?.find((o) => o.nip === me.nip) ?? null,
      objectionWindow: {
        open: state.step === 'objection_window',
        dueAt: state.step === 'objection_window' ? (state.deadline?.dueAt ?? null) : null,
      },
    };
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

  async getAssessment(id: string, ref: string, viewer: Actor) {
    const blind = await this.blindFor(id, viewer);
    const nip = this.candidateNip(id, ref, blind);
    const state = await this.child(id, 'assessment', 'record_assessment', () =>
      this.workflows.query(assessmentWorkflowId(id, nip), assessmentStateQuery),
    );
    return blind ? maskCandidates(state, blind.codes) : state;
  }

  async decideAssessment(id: string, ref: string, actor: Actor, input: WithoutActor<AssessmentDecisionInput>, key?: IdempotentRequest) {
    const blind = await this.blindFor(id, actor);
    const childId = assessmentWorkflowId(id, this.candidateNip(id, ref, blind));
    const state = await this.child(id, 'assessment', input.decision, () =>
      blindRefusals(blind, () =>
        this.workflows.decide(
          childId,
          assessmentDecideUpdate,
          { ...input, actor },
          actor,
          key,
          async () => (await this.workflows.query(childId, assessmentStateQuery)).step,
        ),
      ),
    );
    return blind ? maskCandidates(state, blind.codes) : state;
  }

  async getReview(id: string, viewer: Actor) {
    const state = await this.child(id, 'committee_review', 'score', () =>
      this.workflows.query(committeeReviewWorkflowId(id), committeeReviewStateQuery, viewer.id),
    );
    return this.masked(id, state, viewer);
  }

  async decideReview(id: string, actor: Actor, input: WithoutActor<ReviewDecisionInput>, key?: IdempotentRequest) {
    const childId = committeeReviewWorkflowId(id);
    const blind = await this.blindFor(id, actor);
    const sent = blind ? unblindReview(input, blind) : input;
    // The small answer, as for the selection's own decisions: the review's state grows with the
    // candidates and the members, and GET …/committee-review reads it for whoever needs it.
    const ack = await this.child(id, 'committee_review', input.decision, () =>
      blindRefusals(blind, () =>
        this.workflows.decide(
          childId,
          committeeReviewDecideUpdate,
          { ...sent, actor },
          actor,
          key,
          async () => (await this.workflows.query(childId, committeeReviewStateQuery)).step,
        ),
      ),
    );
    return decisionAnswer(ack, input.decision);
  }

  /** A child's state as `viewer` may read it: with codes while they read the selection blind. */
  private async masked<T>(id: string, state: T, viewer: Actor): Promise<T> {
    const blind = await this.blindFor(id, viewer);
    return blind ? maskCandidates(state, blind.codes) : state;
  }

  getAppointment(id: string, postCode: string) {
    return this.child(id, 'appointment', 'record_decree', () =>
      this.workflows.query(appointmentWorkflowId(id, postCode), appointmentStateQuery),
    );
  }

  async decideAppointment(
    id: string,
    postCode: string,
    actor: Actor,
    input: WithoutActor<AppointmentDecisionInput>,
    key?: IdempotentRequest,
  ) {
    const childId = appointmentWorkflowId(id, postCode);
    // The selection's SK is drafted on the selection, per post (the decree's subject key).
    await assertDecreeDraftCited(this.decrees, id, postCode, input);
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

/**
 * A blind reader's review decision with its candidate codes turned into NIPs for the workflow. They
 * name candidates by code only: a NIP or an unknown code is refused naming the field.
 */
function unblindReview(input: WithoutActor<ReviewDecisionInput>, blind: BlindScoringState): WithoutActor<ReviewDecisionInput> {
  const fields: FieldIssue[] = [];
  const resolve = (ref: string | undefined, field: string): string => {
    const nip = ref && ref.startsWith('K-') ? nipOfRef(blind.codes, ref) : null;
    if (nip) return nip;
    fields.push({
      field,
      rule: 'blindScoring.code',
      message: {
        id: 'seleksi ini dinilai tanpa nama: sebut calon dengan kodenya (K-01, …)',
        en: 'this selection is scored blind: name the candidate by code (K-01, …)',
      },
    });
    return ref ?? '';
  };
  const out: WithoutActor<ReviewDecisionInput> = {
    ...input,
    ...(input.nip !== undefined ? { nip: resolve(input.nip, 'nip') } : {}),
    ...(input.scores ? { scores: input.scores.map((x, i) => ({ ...x, nip: resolve(x.nip, `scores.${i}.nip`) })) } : {}),
    ...(input.declarations
      ? { declarations: input.declarations.map((x, i) => ({ ...x, nip: resolve(x.nip, `declarations.${i}.nip`) })) }
      : {}),
  };
  if (fields.length > 0) throw new DomainError('VALIDATION_FAILED', { fields });
  return out;
}

/**
 * Runs a decision; a refusal given to someone who reads blind names candidates by code, as their views
 * do. `blind` is the codebook, or how to read it once a refusal needs masking. When that read fails,
 * its error is thrown rather than the refusal, which could name candidates.
 */
async function blindRefusals<T>(
  blind: BlindScoringState | null | (() => Promise<BlindScoringState | null>),
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    // Subclasses (scope refusals) carry no candidate and keep their own meaning.
    if (!(err instanceof DomainError && err.constructor === DomainError)) throw err;
    const codebook = typeof blind === 'function' ? await blind() : blind;
    if (codebook) throw new DomainError(err.code, maskCandidates(err.params, codebook.codes), err.message);
    throw err;
  }
}
