import type { CaseStateBase } from './case-state';
import type { SopResume } from './sop-migration.contract';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, AsOfBasis, ElectionBanPeriod, EvidenceRef, MinisterApproval, ReportingDuty, SopRef } from '@meritflow/domain';
import type { MobilityFacts } from './reference.activities.contract';
import type { DecisionAck } from './selection.contract';

export const MOVE_CASE_TYPE = 'move';
export const BULK_MOVE_CASE_TYPE = 'bulk-move';
export const MOVE_WORKFLOW_TYPE = 'moveWorkflow';
export const BULK_MOVE_WORKFLOW_TYPE = 'bulkMoveWorkflow';
export const BULK_MEMBER_WORKFLOW_TYPE = 'bulkMemberWorkflow';

/** One open move per person and proposing agency; a batch is keyed by its collective decree's own code. */
export const moveWorkflowId = (agencyCode: string, nip: string): string => `move:${agencyCode}:${nip}`;
export const bulkMoveWorkflowId = (agencyCode: string, batchCode: string): string => `bulk-move:${agencyCode}:${batchCode}`;
export const bulkMemberWorkflowId = (batchId: string, nip: string): string => `${batchId}:member:${nip}`;
/** The workflow that runs one page of a batch's members (issue 19): plumbing, not a case of its own. */
export const BULK_PART_WORKFLOW_TYPE = 'bulkMovePartWorkflow';
export const bulkPartWorkflowId = (batchId: string, page: number): string => `${batchId}:part:${page}`;

/** People per request: the proposal's own list, and each page added to an open batch. */
export const BULK_MOVE_PAGE_MAX = 200;
/** People per batch, all pages together (a regency's yearly rotation round moves up to a few thousand). */
export const BULK_MOVE_MAX_PEOPLE = 2000;

export const MOVE_WORKFLOW_ID_PATTERN = /^move:[A-Z0-9][A-Z0-9._-]{0,63}:\d{18}$/;
export const BULK_MOVE_WORKFLOW_ID_PATTERN = /^bulk-move:[A-Z0-9][A-Z0-9._-]{0,63}:[A-Z0-9][A-Z0-9._-]{0,63}$/;

/** The move as the mobility rules see it (libs/domain/src/mobility MoveFacts). */
export type MoveFactsInput = import('@meritflow/domain').MoveFacts;

export interface TalentInput {
  /** The approved vacancy (filling method talent_pool) the promotion fills. */
  vacancyId: string | null;
  /** 9-box placement as its two axis levels, with the inputs it came from. */
  placement: { performance: 'below' | 'meets' | 'above'; potential: 'low' | 'medium' | 'high'; box: number };
  inputs: Record<string, number>;
  ruleVersion: string;
}

export interface MoveWorkflowInput {
  sop: SopRef;
  move: MoveFactsInput;
  proposedBy: Actor;
  reason: string | null;
  evidence: EvidenceRef[];
  talent: TalentInput | null;
  /**
   * 'YYYY-MM-DD': the date the move is meant to take effect; the approval is judged as of it. The API
   * sets it to the proposal date when the request names none; absent only in cases started before.
   */
  intendedEffectiveDate?: string;
  /**
   * The person is named by NIP (issue 14): every evaluation reads their facts from the register of
   * `move.from.agencyCode` as of its as-of date. Absent in cases proposed with typed facts.
   */
  personFromRegister?: boolean;
  /** Set when a governed SOP migration continued the case as new on another version. */
  resume?: SopResume;
  /** The state the run before carried over with `resume`. */
  carried?: Pick<
    MoveState,
    'move' | 'evaluation' | 'overrides' | 'competencyFit' | 'decree' | 'blockedAttempts' | 'reportingDuty' | 'report'
  >;
}

export interface MoveDecisionInput {
  decision: string;
  actor: Actor;
  reason?: string;
  evidence?: EvidenceRef[];
  /** override: the rules the legal basis lifts */
  overrideRules?: string[];
  /** tpk_advise on a rotation: the competency fit of the person to the new post */
  competencyFit?: { jpmPercent: number; note?: string };
  /** record_decree */
  decreeNumber?: string;
  /** record_decree: the TMT; the decree is judged by the rules as of this date */
  effectiveDate?: string;
}

export interface RuleVerdictView {
  rule: string;
  ruleVersion: string;
  passed: boolean;
  fact: string;
  message: { id: string; en: string };
  overridden?: boolean;
  /** electionMoratorium: the ban periods the as-of date falls in, and the approvals that lifted them */
  periods?: ElectionBanPeriod[];
  approvals?: MinisterApproval[];
  /** rotationTenureWindow: past the maximum tenure, the rotation is overdue */
  due?: boolean;
}

export interface MoveEvaluationView {
  allowed: boolean;
  ruleVersion: string;
  /** When the rules were run (workflow time). */
  evaluatedAt: string;
  /** The WIB date the rules were applied as of: the effective date of the decision (absent in older records). */
  asOf?: string;
  asOfBasis?: AsOfBasis;
  verdicts: RuleVerdictView[];
  facts: MobilityFacts;
}

export interface MoveState extends CaseStateBase {
  caseType: typeof MOVE_CASE_TYPE;
  move: MoveFactsInput;
  talent: TalentInput | null;
  competencyFit: { jpmPercent: number; note?: string } | null;
  /** The latest rule evaluation (at proposal, and at each attempt to decide). */
  evaluation: MoveEvaluationView | null;
  overrides: { rules: string[]; legalBasis: EvidenceRef[]; by: string; reason: string }[];
  decree: { number: string; effectiveDate: string } | null;
  blockedAttempts: number;
  /** The date the approval was judged as of (null in cases started before it was recorded). */
  intendedEffectiveDate: string | null;
  /** A duty to report the decree, attached by the rule that allowed it; met by report_submitted. */
  reportingDuty: ReportingDuty | null;
  report: { submittedAt: string; by: string; evidence: EvidenceRef[] } | null;
}

/** A decision the rules blocked was recorded as a refused attempt; the API answers 422 with the verdicts. */
export interface MoveDecisionAck extends DecisionAck {
  blocked: RuleVerdictView[] | null;
}

export const moveStateQuery = defineQuery<MoveState>('move.state');
export const moveDecideUpdate = defineUpdate<MoveDecisionAck, [MoveDecisionInput]>('move.decide');

// --- bulk moves ------------------------------------------------------------------------------
export interface BulkMoveInput {
  sop: SopRef;
  memberSop: SopRef;
  agencyCode: string;
  batchCode: string;
  title: string;
  moves: MoveFactsInput[];
  proposedBy: Actor;
  reason: string | null;
  evidence: EvidenceRef[];
  /** Each member's intended effective date by NIP (the proposal date when the request names none). */
  intendedEffectiveDates?: Record<string, string>;
  /** Members are named by NIP: their facts come from the agency's register as of each evaluation date. */
  personFromRegister?: boolean;
  /** More people follow in pages (bulkMoveAddMembersUpdate) until one is marked last. */
  open?: boolean;
}

/** One more page of people for an open batch (issue 19); `last` closes the list. */
export interface BulkAddMembersInput {
  decision: 'add_members';
  actor: Actor;
  moves: MoveFactsInput[];
  intendedEffectiveDates: Record<string, string>;
  last: boolean;
}

export interface BulkAddMembersAck {
  workflowId: string;
  page: number;
  people: number;
  open: boolean;
}

export interface BulkDecisionInput {
  decision: string;
  actor: Actor;
  reason?: string;
  evidence?: EvidenceRef[];
  /** approve_batch: people left out of the decree, each with a reason */
  exclusions?: { nip: string; reason: string }[];
  /** record_decree */
  decreeNumber?: string;
  effectiveDate?: string;
}

export interface BulkMemberView {
  nip: string;
  name: string;
  from: string;
  to: string;
  workflowId: string;
  checked: boolean;
  allowed: boolean | null;
  blocking: RuleVerdictView[];
  excluded: { reason: string } | null;
}

export interface AnnexLine {
  no: number;
  nip: string;
  name: string;
  from: string;
  to: string;
}

export interface BulkMoveState extends CaseStateBase {
  caseType: typeof BULK_MOVE_CASE_TYPE;
  members: BulkMemberView[];
  decree: { number: string; effectiveDate: string } | null;
  annex: AnnexLine[];
  /** Whether more pages of people may still be added (issue 19); absent in batches started before. */
  open?: boolean;
}

export const bulkMoveStateQuery = defineQuery<BulkMoveState>('bulk-move.state');
/** A collective decree the rules blocked for some people (as of its TMT) names them; the API answers 422. */
export interface BulkDecisionAck extends DecisionAck {
  blocked: { nip: string; blocking: RuleVerdictView[] }[] | null;
}

export const bulkMoveDecideUpdate = defineUpdate<BulkDecisionAck, [BulkDecisionInput]>('bulk-move.decide');
export const bulkMoveAddMembersUpdate = defineUpdate<BulkAddMembersAck, [BulkAddMembersInput]>('bulk-move.add-members');

export interface BulkMemberInput {
  sop: SopRef;
  batchId: string;
  move: MoveFactsInput;
  /** The rules are checked as of this date; absent in members started before. */
  intendedEffectiveDate?: string;
  personFromRegister?: boolean;
  /** The workflow the check is reported to (the page's part); absent: the batch itself. */
  reportTo?: string;
}

/** Batch → part: one page of people to check, then the batch's word on each. */
export interface BulkPartInput {
  batchId: string;
  page: number;
  members: BulkMemberInput[];
}

/** Member → batch (or its part): the person's own rule check. */
export const bulkMemberCheckedSignal =
  defineSignal<[{ nip: string; allowed: boolean; blocking: RuleVerdictView[] }]>('bulk-move.member-checked');
/** Batch → member: included in the decree (with its annex line) or excluded (with the reason). */
export const bulkMemberDecidedSignal =
  defineSignal<
    [{ included: boolean; reason: string; decreeNumber: string | null; effectiveDate: string | null; annexLine: AnnexLine | null }]
  >('bulk-move.member-decided');
/** Part → batch: every person of the page checked. */
export const bulkPartCheckedSignal =
  defineSignal<[{ page: number; checks: { nip: string; allowed: boolean; blocking: RuleVerdictView[] }[] }]>('bulk-move.part-checked');
/** What the batch tells the people of one page (by NIP) once it is decided. */
export interface BulkPartWord {
  decreeNumber: string | null;
  effectiveDate: string | null;
  members: { nip: string; included: boolean; reason: string; annexLine: AnnexLine | null }[];
}
/** Batch → part: the batch's word on each person of the page. */
export const bulkPartDecidedSignal = defineSignal<[BulkPartWord]>('bulk-move.part-decided');
