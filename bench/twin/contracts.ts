import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

/**
 * The bare twin of an open selection (benchmark only, issue 7): the same workflows, children,
 * updates, timers and activity calls as workflows/src/selection, with no-op activities and none of
 * the domain rules, NestJS, TypeORM or ledger. Its own task queue, never the personnel one.
 */
export const TWIN_TASK_QUEUE = 'meritflow-twin';

export interface TwinDecision {
  decision: string;
  actorId: string;
  /** register_candidates */
  nips?: string[];
  /** screen_candidate, pick, score */
  nip?: string;
  /** declare_interests: every candidate */
  declarations?: { nip: string; conflicted: boolean }[];
  paper?: number;
  interview?: number;
  /** form_committee */
  members?: string[];
  /** recommend */
  recommended?: string[];
}

export interface TwinAck {
  workflowId: string;
  step: string;
  decisionCount: number;
}

export interface TwinState {
  step: string;
  decisionCount: number;
  recordedCount: number;
  shortlist: string[];
}

export interface TwinRecord {
  workflowId: string;
  sequence: number;
  decision: string;
  stepAfter: string;
  payload: unknown;
}

/** The twin's activities: the same two calls as the ledger activities, doing nothing. */
export interface TwinActivities {
  recordDecision(record: TwinRecord): Promise<{ inserted: boolean }>;
  computeDeadline(input: { startedAt: string; seconds: number }): Promise<string>;
  /** Stands for the reference read of a bulk move's rule check (loadMobilityFacts). */
  loadFacts(input: { nips: string[] }): Promise<{ nips: number }>;
}

export const twinDecideUpdate = defineUpdate<TwinAck, [TwinDecision]>('twin.decide');
/**
 * The floor of a decision (issue 19): the same update on the same workflow, validated and applied in
 * memory, with no activity at all. `probe: 'local'` writes through a local activity instead, the
 * option issue 19 names, measured beside it. `probe: 'async'` schedules the (regular) activity and
 * answers without waiting for it: the decision answered once it and its write are in the history,
 * before the write has run.
 */
export type TwinProbe = 'none' | 'local' | 'async';
export const twinFloorUpdate = defineUpdate<TwinAck, [TwinDecision & { probe?: TwinProbe }]>('twin.floor');
export const twinStateQuery = defineQuery<TwinState>('twin.state');
export const twinFilledSignal = defineSignal<[{ filledBy: string; nip: string }]>('twin.filled');

export const twinAssessmentId = (selectionId: string, nip: string) => `${selectionId}:assessment:${nip}`;
export const twinReviewId = (selectionId: string) => `${selectionId}:committee-review`;
export const twinAppointmentId = (selectionId: string, post: string) => `${selectionId}:appointment:${post}`;

export interface TwinSelectionInput {
  vacancyId: string;
  postCode: string;
  members: string[];
  /** Seconds of the registration window, as SOP 1.0.0-test.fast (4 s). */
  registrationSeconds: number;
  minApplicants: number;
}

// --- bulk move (issue 19 (m)) -----------------------------------------------------------------
/** Twin of a bulk move's state query: the step and how many people are in and checked. */
export interface TwinBulkState extends TwinState {
  people: number;
  checked: number;
  open: boolean;
}
export const twinBulkStateQuery = defineQuery<TwinBulkState>('twin.bulk-state');
/** Twin of bulkMoveAddMembersUpdate: one more page of people, `last` closes the list. */
export const twinBulkAddUpdate = defineUpdate<{ page: number; people: number; open: boolean }, [{ nips: string[]; last: boolean }]>(
  'twin.bulk-add',
);
export const twinMemberCheckedSignal = defineSignal<[{ nip: string; allowed: boolean }]>('twin.member-checked');
export const twinPartCheckedSignal = defineSignal<[{ page: number; checks: { nip: string; allowed: boolean }[] }]>('twin.part-checked');
export const twinMemberDecidedSignal = defineSignal<[{ included: boolean; decreeNumber: string | null }]>('twin.member-decided');
export const twinPartDecidedSignal =
  defineSignal<[{ decreeNumber: string | null; members: { nip: string; included: boolean }[] }]>('twin.part-decided');
export const twinPartId = (batchId: string, page: number) => `${batchId}:part:${page}`;
export const twinMemberId = (batchId: string, nip: string) => `${batchId}:member:${nip}`;
