import type { CaseStateBase } from './case-state';
import type { SopResume } from './sop-migration.contract';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, EvidenceRef, FillingMethod, SopRef, VacancyProposal } from '@meritflow/domain';

export const VACANCY_CASE_TYPE = 'vacancy';
export const VACANCY_WORKFLOW_TYPE = 'vacancyWorkflow';

/** A vacancy's workflow id is its business key, so the same post cannot be proposed twice at once. */
export const vacancyWorkflowId = (agencyCode: string, positionCode: string): string => `${VACANCY_CASE_TYPE}:${agencyCode}:${positionCode}`;

export const VACANCY_WORKFLOW_ID_PATTERN = /^vacancy:[A-Z0-9][A-Z0-9._-]{0,63}:[A-Z0-9][A-Z0-9._-]{0,63}$/;

export interface VacancyWorkflowInput {
  sop: SopRef;
  proposal: VacancyProposal;
  proposedBy: Actor;
  /** Free-text justification HR gives for the proposal. */
  reason: string | null;
  evidence: EvidenceRef[];
  /** Set when a governed SOP migration continued the case as new on another version. */
  resume?: SopResume;
  /** The state the run before carried over with `resume`. */
  carried?: { approvedFillingMethod: FillingMethod | null };
}

export interface VacancyDecisionInput {
  decision: string;
  actor: Actor;
  reason?: string;
  fillingMethod?: FillingMethod;
  evidence?: EvidenceRef[];
}

export interface VacancyState extends CaseStateBase {
  caseType: typeof VACANCY_CASE_TYPE;
  proposal: VacancyProposal;
  approvedFillingMethod: FillingMethod | null;
}

export const vacancyStateQuery = defineQuery<VacancyState>('vacancy.state');
export const vacancyDecideUpdate = defineUpdate<VacancyState, [VacancyDecisionInput]>('vacancy.decide');

/** Sent by the case that filled the post (an open selection's appointment) to close the vacancy. */
export interface VacancyFilledSignal {
  filledBy: string;
  nip: string;
  name: string;
  decreeNumber: string | null;
  effectiveDate: string | null;
}

export const vacancyFilledSignal = defineSignal<[VacancyFilledSignal]>('vacancy.filled');
