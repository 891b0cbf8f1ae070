import type { CaseStateBase } from './case-state';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  EvidenceRef,
  NineBox,
  PerformanceLevel,
  PlacementAdjustment,
  PoolOutcome,
  PotentialLevel,
  SopRef,
  ExclusionSummary,
  PlacementSummary,
} from '@meritflow/domain';
import type { DecisionAck } from './selection.contract';

export const TALENT_REVIEW_CASE_TYPE = 'talent-review';
export const TALENT_REVIEW_WORKFLOW_TYPE = 'talentReviewWorkflow';

/** One review per agency and period: the period is the business key (YYYY or YYYY-S1/S2). */
export const talentReviewWorkflowId = (agencyCode: string, period: string): string => `${TALENT_REVIEW_CASE_TYPE}:${agencyCode}:${period}`;
export const TALENT_REVIEW_WORKFLOW_ID_PATTERN = /^talent-review:[A-Z0-9][A-Z0-9._-]{0,63}:\d{4}(-S[12])?$/;

export interface TalentReviewInput {
  sop: SopRef;
  agencyCode: string;
  period: string;
  /** 'YYYY-MM-DD': the register is read as of this date. */
  asOf: string;
  /** The approved pool's validity period. */
  validFrom: string;
  validTo: string;
  proposedBy: Actor;
  reason: string | null;
  evidence: EvidenceRef[];
}

export interface TalentReviewDecisionInput {
  decision: string;
  actor: Actor;
  reason?: string;
  evidence?: EvidenceRef[];
  /** adjust_placement: whose placement, and the committee's axis levels */
  nip?: string;
  performance?: PerformanceLevel;
  potential?: PotentialLevel;
}

/** What the computation activity stores in full and returns in summary (the API adds the stored details back). */
export interface TalentReviewComputation {
  settingsVersion: string;
  asOf: string;
  placements: PlacementSummary[];
  exclusions: ExclusionSummary[];
}

export interface TalentReviewState extends CaseStateBase {
  caseType: typeof TALENT_REVIEW_CASE_TYPE;
  agencyCode: string;
  period: string;
  asOf: string;
  validFrom: string;
  validTo: string;
  settingsVersion: string | null;
  /** Null until the placements are computed. The API answers the stored details (inputs, sources, explanations). */
  placements: PlacementSummary[] | null;
  exclusions: ExclusionSummary[];
  adjustments: PlacementAdjustment[];
  /** The pool as it stands (after adjustments); final once approved. */
  pool: PoolOutcome[];
  grid: { box: NineBox; performance: string; potential: string; count: number; people: { nip: string; name: string; inPool: boolean }[] }[];
  approved: { by: string; at: string; members: number } | null;
}

export const talentReviewStateQuery = defineQuery<TalentReviewState>('talent-review.state');
export const talentReviewDecideUpdate = defineUpdate<DecisionAck, [TalentReviewDecisionInput]>('talent-review.decide');

/** Activities the talent review drives; implemented in apps/worker. Both are idempotent per review. */
export interface TalentActivities {
  /** Computes every official's placement from the agency's register as of `asOf` and stores it once. */
  computeTalentReview(input: { reviewId: string; agencyCode: string; period: string; asOf: string }): Promise<TalentReviewComputation>;
  /** Stores the approved pool's members with its validity; a retry writes nothing more. */
  recordTalentPool(input: {
    reviewId: string;
    agencyCode: string;
    period: string;
    validFrom: string;
    validTo: string;
    approvedBy: string;
    approvedAt: string;
    members: { nip: string; performance: PerformanceLevel; potential: PotentialLevel; box: number; adjusted: boolean }[];
  }): Promise<{ inserted: number }>;
}
