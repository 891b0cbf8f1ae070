import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  AppealKind,
  AppealOutcome,
  DisciplineSubject,
  EvidenceRef,
  ExaminationRecord,
  PelaksanaPost,
  RegisterEventDraft,
  SanctionChoice,
  SanctionInForce,
  SanctionLevel,
  SopRef,
} from '@meritflow/domain';
import type { CaseStateBase } from './case-state';
import type { DecisionAck } from './selection.contract';

export const DISCIPLINE_CASE_TYPE = 'discipline';
export const DISCIPLINE_WORKFLOW_TYPE = 'disciplineWorkflow';

/** Keyed by the agency's own case code, not the official's NIP: who is under discipline is personal data. */
export const disciplineWorkflowId = (agencyCode: string, caseCode: string): string => `discipline:${agencyCode}:${caseCode}`;
export const DISCIPLINE_WORKFLOW_ID_PATTERN = /^discipline:[A-Z0-9][A-Z0-9._-]{0,63}:[A-Z0-9][A-Z0-9._-]{0,63}$/;

export interface DisciplineWorkflowInput {
  sop: SopRef;
  agencyCode: string;
  caseCode: string;
  /** The official, from the agency's register as of the report. */
  subject: DisciplineSubject;
  /** What the official is alleged to have done, and when it came to light. */
  allegation: string;
  reportedOn: string;
  reportedBy: Actor;
  reason: string | null;
  evidence: EvidenceRef[];
}

export interface DisciplineDecisionInput {
  decision: string;
  actor: Actor;
  reason?: string;
  evidence?: EvidenceRef[];
  /** record_examination */
  examinedOn?: string;
  team?: { id: string; name: string }[];
  /** decide_sanction, appeal_changed */
  level?: SanctionLevel;
  sanction?: string;
  pelaksanaPost?: PelaksanaPost;
  decidedOn?: string;
  /** record_decree */
  decreeNumber?: string;
  decreeDate?: string;
  effectiveDate?: string;
  /** file_appeal */
  appealKind?: AppealKind;
  filedOn?: string;
  /** record_restoration: the restoring decree (rank/post restored) */
  restorationDecreeNumber?: string;
}

export interface RegisterChangeView {
  kind: 'effect' | 'restoration';
  recordedAt: string;
  eventIds: number[];
  drafts: RegisterEventDraft[];
}

export interface DisciplineState extends CaseStateBase {
  caseType: typeof DISCIPLINE_CASE_TYPE;
  agencyCode: string;
  caseCode: string;
  subject: DisciplineSubject;
  allegation: string;
  reportedOn: string;
  examination: ExaminationRecord | null;
  decided: (SanctionChoice & { decidedOn: string; by: string }) | null;
  decree: { number: string; date: string; effectiveDate: string } | null;
  appealWindow: { kind: AppealKind; opensOn: string; endsOn: string; closesAt: string; closed: boolean } | null;
  appeal: { kind: AppealKind; filedOn: string; outcome: AppealOutcome | null; changedTo: SanctionChoice | null } | null;
  /** The sanction as it took effect; null until it does (or if annulled). */
  inForce: SanctionInForce | null;
  /** When the durable timer ends a time-bound sanction (workflow time). */
  termEndsAt: string | null;
  registerChanges: RegisterChangeView[];
}

export interface DisciplineDecisionAck extends DecisionAck {}

export const disciplineStateQuery = defineQuery<DisciplineState>('discipline.state');
export const disciplineDecideUpdate = defineUpdate<DisciplineDecisionAck, [DisciplineDecisionInput]>('discipline.decide');

/** Register reads and writes a discipline case drives; implemented in apps/worker. */
export interface DisciplineActivities {
  /** The official as the agency's register knows them on `asOf`; null when it does not hold the NIP. */
  loadDisciplineSubject(input: { agencyCode: string; nip: string; asOf: string }): Promise<DisciplineSubject | null>;
  /**
   * Appends the sanction's register events as the case's actor, citing the decree. Idempotent: drafts
   * the person's record already holds (same content) are not written again, so a retry is harmless.
   */
  recordDisciplineEffect(input: {
    agencyCode: string;
    nip: string;
    drafts: RegisterEventDraft[];
    actor: Actor;
    reason: string;
    evidence: EvidenceRef[];
  }): Promise<{ eventIds: number[]; skipped: number }>;
}

export const DISCIPLINE_ACTIVITY_NAMES = [
  'loadDisciplineSubject',
  'recordDisciplineEffect',
] as const satisfies readonly (keyof DisciplineActivities)[];
