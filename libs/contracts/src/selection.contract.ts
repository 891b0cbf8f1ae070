import type { CaseStateBase } from './case-state';
import type { SopContinuation, SopResume } from './sop-migration.contract';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  DutyRegistry,
  AllowedDecision,
  BlindScoringState,
  CandidateProfile,
  CommitteeMember,
  ConflictDeclaration,
  EligibilityVerdict,
  EvidenceRef,
  FactOverride,
  JpmCategory,
  ObjectionRecord,
  RankedCandidate,
  RegistrationWindow,
  RequiredCompetency,
  PresidentialApprovalVerdict,
  ScoringProgress,
  SelectionChain,
  SopRef,
} from '@meritflow/domain';

export const SELECTION_CASE_TYPE = 'open-selection';
export const SELECTION_WORKFLOW_TYPE = 'openSelectionWorkflow';
export const ASSESSMENT_WORKFLOW_TYPE = 'assessmentWorkflow';
export const COMMITTEE_REVIEW_WORKFLOW_TYPE = 'committeeReviewWorkflow';
export const APPOINTMENT_WORKFLOW_TYPE = 'appointmentWorkflow';

/** Ids derive from business keys: the agency and the selection's own code, then NIP or post code. */
export const selectionWorkflowId = (agencyCode: string, selectionCode: string): string =>
  `${SELECTION_CASE_TYPE}:${agencyCode}:${selectionCode}`;
export const assessmentWorkflowId = (selectionId: string, nip: string): string => `${selectionId}:assessment:${nip}`;
export const committeeReviewWorkflowId = (selectionId: string): string => `${selectionId}:committee-review`;
export const appointmentWorkflowId = (selectionId: string, postCode: string): string => `${selectionId}:appointment:${postCode}`;

export const SELECTION_WORKFLOW_ID_PATTERN = /^open-selection:[A-Z0-9][A-Z0-9._-]{0,63}:[A-Z0-9][A-Z0-9._-]{0,63}$/;

export interface SelectionPost {
  /** The approved vacancy this post comes from, and the run that approved it. */
  vacancyId: string;
  vacancyRunId: string;
  positionCode: string;
  title: string;
  organisationalUnit: string;
  positionClass: 'jpt_utama' | 'jpt_madya' | 'jpt_pratama';
  requiredCompetencies: RequiredCompetency[];
}

export interface SelectionWorkflowInput {
  sop: SopRef;
  agencyCode: string;
  selectionCode: string;
  title: string;
  posts: SelectionPost[];
  openedBy: Actor;
  reason: string | null;
  evidence: EvidenceRef[];
  /** Blind scoring (issue 16): members score candidate codes until the ranking is signed. Absent: not blind. */
  blindScoring?: boolean;
  /** Set on a run an approved SOP migration started: the version, step and duties it continues from. */
  resume?: SopResume;
  /**
   * The selection's state handed over by the run before (candidates, committee, scores, codes,
   * objections…), in the workflow's own shape (workflows/src/selection/selection-case.ts).
   */
  carried?: Readonly<Record<string, unknown>>;
  /** Set on a run that continues a long history on the same version (continue-as-new). */
  continued?: SopContinuation;
  /**
   * The run continues as new once its history reaches this many events (or Temporal suggests it),
   * at a quiet moment: no child workflow, deadline handler or update running. Absent: the default.
   */
  historyLimit?: { events: number };
}

/**
 * A candidate named by NIP: the facts come from the agency's register as of the registration date
 * (issue 14), overridden only with a reason and evidence. `profile` is the form used before the
 * register (facts typed into the request); the API no longer accepts it, and recorded cases keep it.
 */
export interface CandidateRegistration {
  postCode: string;
  nip?: string;
  overrides?: FactOverride[];
  /** @deprecated cases registered before the register only */
  profile?: CandidateProfile;
}

export const candidateNipOf = (c: CandidateRegistration): string => c.nip ?? c.profile?.nip ?? '';

/** Fields every decision on the selection carries. */
interface SelectionDecisionBase {
  actor: Actor;
  reason?: string;
  evidence?: EvidenceRef[];
}

/**
 * Every decision taken on the selection itself, one member per decision with the fields it needs.
 * The workflow holds one `{ validate, apply }` handler per member (workflows/src/selection/decisions).
 */
export type SelectionDecision = SelectionDecisionBase &
  (
    | { decision: 'form_committee'; members: CommitteeMember[] }
    | {
        decision: 'announce';
        /** The registration period (YYYY-MM-DD, both inclusive, WIB); both or neither. Without it the SOP's duration runs. */
        registrationOpensOn?: string;
        registrationClosesOn?: string;
      }
    | { decision: 'register_candidates'; candidates: CandidateRegistration[] }
    | { decision: 'proceed' }
    | { decision: 'cancel_selection' }
    | {
        decision: 'screen_candidate';
        nip: string;
        passed: boolean;
        /** The administrative score 0–100, required when passed. */
        administrativeScore?: number;
        /** When passed: the assessors assigned to the candidate; only they may record the assessment. */
        assessorIds?: string[];
      }
    | { decision: 'close_screening' }
    | { decision: 'sign_ranking' }
    /** `recommended`: the NIPs the overseer recommends, best first. */
    | { decision: 'recommend'; postCode: string; recommended: string[] }
    | { decision: 'proceed_without_recommendation' }
    | { decision: 'pick'; postCode: string; nip: string }
    // Outside bodies of the senior posts' chains (issue 16 item 1), recorded for the body with its document.
    /** The governor's three names for a madya post, from the ranked candidates. */
    | { decision: 'governor_propose'; postCode: string; nominees: string[] }
    | { decision: 'minister_forward'; postCode: string }
    | { decision: 'tpa_assess'; postCode: string }
    /** The Keppres appointing one of the governor's nominees. */
    | { decision: 'record_keppres'; postCode: string; nip: string; decreeNumber: string }
    /** The governor approves the PPK's pick for a regency/city Sekda. */
    | { decision: 'governor_approve'; postCode: string }
    /** JPT utama: the proposing minister or agency head's three names, from the ranked candidates. */
    | { decision: 'propose_nominees'; postCode: string; nominees: string[] }
    /** Utama/madya: the President approves replacing an incumbent within their protected two years. */
    | { decision: 'president_approve'; postCode: string }
    // The objection stage (issue 16 item 2): a candidate objects to their own published result (the
    // actor id is their NIP); the committee chair answers each objection.
    | { decision: 'file_objection' }
    | { decision: 'answer_objection'; nip: string; upheld: boolean }
    /** After an upheld objection: the committee's paper and interview scores of that candidate, re-entered. */
    | { decision: 'rescore_candidate'; nip: string; paper: number; interview: number }
  );

export type SelectionDecisionKind = SelectionDecision['decision'];
export type SelectionDecisionOf<K extends SelectionDecisionKind> = Extract<SelectionDecision, { decision: K }>;

/** The decisions of the selection, once: the API's DTO accepts these, and a spec checks the SOPs offer no other. */
export const SELECTION_DECISION_KINDS = [
  'form_committee',
  'announce',
  'register_candidates',
  'proceed',
  'cancel_selection',
  'screen_candidate',
  'close_screening',
  'sign_ranking',
  'recommend',
  'proceed_without_recommendation',
  'pick',
  'governor_propose',
  'minister_forward',
  'tpa_assess',
  'record_keppres',
  'governor_approve',
  'propose_nominees',
  'president_approve',
  'file_objection',
  'answer_objection',
  'rescore_candidate',
] as const satisfies readonly SelectionDecisionKind[];

/**
 * A decision as it reaches the workflow: the kind is named, its fields are not yet checked (an update
 * may come from any client). The kind's validator turns it into a `SelectionDecision` or refuses it.
 */
export type SelectionDecisionRequestOf<K extends SelectionDecisionKind> = { decision: K; actor: Actor } & Partial<
  Omit<SelectionDecisionOf<K>, 'decision' | 'actor'>
>;
export type SelectionDecisionInput = { [K in SelectionDecisionKind]: SelectionDecisionRequestOf<K> }[SelectionDecisionKind];

export type CandidateStatus = 'ineligible' | 'registered' | 'screened_out' | 'screened_in' | 'assessed' | 'scored' | 'no_quorum' | 'ranked';

/** Why a candidate is ineligible, one failed rule: its stable name and the reason in Indonesian and English. */
export interface EligibilityReasonText {
  rule: string;
  id: string;
  en: string;
}

export interface CandidateView {
  nip: string;
  name: string;
  /** Blind selections only: the candidate's code (K-01, …), stable for the selection. */
  code?: string;
  postCode: string;
  registrationOrder: number;
  status: CandidateStatus;
  /**
   * The verdict without its passing checks (the full verdict is in the register_candidates ledger row).
   * `messages`: each failed rule said in both languages, added by the API (GET /selections/{id}).
   */
  eligibility: Pick<EligibilityVerdict, 'eligible' | 'ruleVersion' | 'reasons'> & { messages?: EligibilityReasonText[] };
  screening: { passed: boolean; reason: string; administrativeScore: number | null; assessorIds?: string[] } | null;
  assessment: AssessmentResult | null;
  review: CandidateReviewResult | null;
}

export interface PendingTask {
  role: string;
  /** The person who must act, where one is named. */
  actorId?: string;
  decision: string;
  subject?: string;
  dueAt?: string;
  workflowId: string;
}

export interface SelectionState extends CaseStateBase {
  caseType: typeof SELECTION_CASE_TYPE;
  agencyCode: string;
  selectionCode: string;
  title: string;
  posts: SelectionPost[];
  committee: CommitteeMember[];
  extensions: number;
  candidates: CandidateView[];
  ranking: Record<string, RankedCandidate[]> | null;
  shortlist: Record<string, RankedCandidate[]> | null;
  recommendations: Record<string, { recommended: string[]; by: string }>;
  picks: Record<string, { nip: string; rank: number; justification: string | null }>;
  appointments: Record<string, AppointmentResult | null>;
  /** Who decides after the ranking, and what each outside body decided per post (senior posts). */
  chain: SelectionChainView;
  pendingTasks: PendingTask[];
  /** Blind selections only. The API strips the codebook for those who read blind. */
  blindScoring?: BlindScoringState;
  /** The registration period the chair set at the announcement, if any (the registration deadline then falls at its end). */
  registrationWindow?: RegistrationWindow | null;
  /** SOP 1.1.0 on: the objections filed after the results were published, and their answers. */
  objections?: ObjectionRecord[];
  /** SOP 1.1.0 on: the signed ranking was published to the candidates (each reads their own). */
  resultsPublished?: boolean;
}

/** One outside body's recorded decision on a post. */
export interface ChainStepRecord {
  body: string;
  by: string;
  decidedAt: string;
}

export interface SelectionChainView {
  name: SelectionChain;
  posts: Record<
    string,
    {
      governorProposal?: ChainStepRecord & { nominees: string[] };
      ministerForward?: ChainStepRecord;
      tpaAssessment?: ChainStepRecord;
      keppres?: ChainStepRecord & { nip: string; decreeNumber: string };
      governorApproval?: ChainStepRecord;
      /** JPT utama: the proposer's three names. */
      nomination?: ChainStepRecord & { nominees: string[] };
      /** Utama/madya: whether replacing the incumbent needs the President's approval, with the facts it was judged on. */
      presidentialApprovalCheck?: PresidentialApprovalVerdict;
      presidentApproval?: ChainStepRecord;
    }
  >;
}

/**
 * What an update on a large case answers. Temporal keeps every update result in the history, so a
 * case with hundreds of candidates answers with this and callers query the state (queries are not
 * stored).
 */
export interface DecisionAck {
  workflowId: string;
  step: string;
  status: string;
  terminal: boolean;
  /** Decisions accepted so far, this one included. */
  decisionCount: number;
}

/**
 * What the API answers to a decision on a selection (issue 19): the update's acknowledgement and the
 * decision taken. It is the same small size whatever the number of candidates, and it names no
 * candidate, so a blind reader's answer reveals nobody. The update returns only once its ledger write
 * is done, so the decision is recorded when this arrives. Whoever needs the state reads it with GET
 * (the console refetches).
 */
export interface DecisionAnswer extends DecisionAck {
  decision: string;
}

export const decisionAnswer = (ack: DecisionAck, decision: string): DecisionAnswer => ({
  workflowId: ack.workflowId,
  decision,
  step: ack.step,
  status: ack.status,
  terminal: ack.terminal,
  decisionCount: ack.decisionCount,
});

export const selectionStateQuery = defineQuery<SelectionState>('selection.state');
/**
 * The selection's Temporal memo, set when it opens and carried to every later run: whether it scores
 * blind, which never changes. Temporal answers it from the run's record (describe), without the
 * worker, so a decision on a selection that is not blind needs no state query to learn that.
 */
// A type, not an interface, so it is a memo (a Record) as it stands.
export type SelectionMemo = { blindScoring: boolean };
export const selectionDecideUpdate = defineUpdate<DecisionAck, [SelectionDecisionInput]>('selection.decide');

// --- assessment (one per candidate) -------------------------------------------------------------
export interface AssessmentWorkflowInput {
  sop: SopRef;
  /** Duties held in the parent selection (separation of duties); absent in cases started before it existed. */
  duties?: DutyRegistry;
  selectionId: string;
  agencyCode: string;
  postCode: string;
  nip: string;
  name: string;
  requiredCompetencies: RequiredCompetency[];
  jpmScheme: { id: string; optimal: number; cukupOptimal: number };
  /** Assessors assigned at screening; empty or absent: any assessor (cases screened before assignment existed). */
  assessorIds?: string[];
}

export interface AssessmentDecisionInput {
  decision: string;
  actor: Actor;
  /** Competency name → level achieved (1–5). */
  achieved?: Record<string, number>;
  reason?: string;
  evidence?: EvidenceRef[];
}

export interface AssessmentResult {
  nip: string;
  jpmPercent: number;
  category: JpmCategory;
  missing: string[];
  assessorId: string;
}

export interface AssessmentState {
  workflowId: string;
  step: string;
  status: string;
  nip: string;
  postCode: string;
  requiredCompetencies: RequiredCompetency[];
  allowedDecisions: AllowedDecision[];
  deadline: { dueAt: string } | null;
  result: AssessmentResult | null;
}

export const assessmentStateQuery = defineQuery<AssessmentState>('assessment.state');
export const assessmentDecideUpdate = defineUpdate<AssessmentState, [AssessmentDecisionInput]>('assessment.decide');

// --- committee review (one per selection) -------------------------------------------------------
export interface CommitteeReviewInput {
  sop: SopRef;
  /** Duties held in the parent selection (separation of duties); absent in cases started before it existed. */
  duties?: DutyRegistry;
  selectionId: string;
  agencyCode: string;
  members: CommitteeMember[];
  candidates: { nip: string; name: string; postCode: string }[];
  committeeSettings: {
    minSize: number;
    maxSize: number;
    requireOdd: boolean;
    maxInternalShare: number;
    quorumShare: number;
    version?: string;
  };
}

export interface ReviewDecisionInput {
  decision: 'declare_interests' | 'score';
  actor: Actor;
  /** declare_interests: one entry per candidate */
  declarations?: { nip: string; conflicted: boolean; note?: string }[];
  /** score: one candidate ... */
  nip?: string;
  paper?: number;
  interview?: number;
  /** ... or a whole score sheet at once */
  scores?: { nip: string; paper: number; interview: number }[];
  reason?: string;
  evidence?: EvidenceRef[];
}

export interface Vote {
  memberId: string;
  nip: string;
  paper: number;
  interview: number;
}

export interface CandidateReviewResult {
  nip: string;
  eligibleScorers: string[];
  quorum: number;
  votes: number;
  quorumMet: boolean;
  paper: number | null;
  interview: number | null;
}

export interface CommitteeReviewState {
  workflowId: string;
  step: string;
  sealed: boolean;
  members: CommitteeMember[];
  declarations: ConflictDeclaration[];
  /**
   * Per candidate: "scored of eligibleMembers scored, quorum q" and who is pending (members who have
   * not declared yet count as eligible and pending); `eligible` is the older name of eligibleMembers.
   * Votes only once unsealed.
   */
  progress: ({ nip: string; eligible: number } & ScoringProgress)[];
  /** Pending: members who still have to declare or score. */
  pending: { memberId: string; task: 'declare_interests' | 'score'; nips: string[] }[];
  deadline: { dueAt: string } | null;
  votes: Vote[] | null;
  results: CandidateReviewResult[] | null;
}

export const committeeReviewStateQuery = defineQuery<CommitteeReviewState, [viewerId?: string]>('committee-review.state');
export const committeeReviewDecideUpdate = defineUpdate<DecisionAck, [ReviewDecisionInput]>('committee-review.decide');

// --- appointment (one per post) -----------------------------------------------------------------
export interface AppointmentWorkflowInput {
  sop: SopRef;
  /** Duties held in the parent selection (separation of duties); absent in cases started before it existed. */
  duties?: DutyRegistry;
  selectionId: string;
  agencyCode: string;
  postCode: string;
  postTitle: string;
  nip: string;
  name: string;
  pickedBy: Actor;
}

export interface AppointmentDecisionInput {
  decision: 'record_decree' | 'record_inauguration';
  actor: Actor;
  decreeNumber?: string;
  effectiveDate?: string;
  inauguratedOn?: string;
  reason?: string;
  evidence?: EvidenceRef[];
}

export interface AppointmentResult {
  postCode: string;
  nip: string;
  decreeNumber: string | null;
  effectiveDate: string | null;
  inauguratedOn: string | null;
}

export interface AppointmentState {
  workflowId: string;
  step: string;
  status: string;
  allowedDecisions: AllowedDecision[];
  result: AppointmentResult;
}

export const appointmentStateQuery = defineQuery<AppointmentState>('appointment.state');
export const appointmentDecideUpdate = defineUpdate<AppointmentState, [AppointmentDecisionInput]>('appointment.decide');
