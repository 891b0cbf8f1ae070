/**
 * How an official took part in a case, as the ledger shows it: registered as a candidate, named to
 * the committee, assigned as an assessor, the official being moved, or the one who recorded a
 * decision. One list, read by the participants table's check constraint, the API and the console.
 */
export const CASE_PARTICIPANT_ROLES = ['candidate', 'committee_member', 'assessor', 'moved_official', 'decider'] as const;
export type CaseParticipantRole = (typeof CASE_PARTICIPANT_ROLES)[number];

/** One case an official took part in, with the case's latest state from the case read model. */
export interface CaseParticipation {
  caseId: string;
  caseType: string;
  agencyCode: string;
  title: string;
  status: string;
  step: string;
  roles: CaseParticipantRole[];
  /** The roles they decided in ('decider' only), e.g. hr_officer, ppk. */
  decidedAs: string[];
  /** When the ledger first named them in the case. */
  since: string;
  updatedAt: string;
}
