import {
  CALENDAR_EDITORS,
  DELEGABLE_ROLES,
  EVIDENCE_UPLOAD_ROLES,
  LEDGER_AUDIT_ROLES,
  AUDIT_LOG_READERS,
  REFERENCE_DATA_EDITORS,
  ROLES,
  sopRoles,
  type Role,
} from '@meritflow/domain';
import {
  APPOINTMENT_WORKFLOW_TYPE,
  ASSESSMENT_WORKFLOW_TYPE,
  CASE_TYPE_LIST,
  CASE_TYPES,
  COMMITTEE_REVIEW_WORKFLOW_TYPE,
} from '@meritflow/contracts';

/**
 * Who may call which endpoint, derived from the domain's own policies and SOP data wherever they
 * exist, so an SOP that gives a step to a new role opens its endpoint to that role too. The workflow
 * still checks each decision's role against the current step.
 */
const only = (roles: readonly string[]): Role[] => ROLES.filter((r) => roles.includes(r));

/** The SOP ids a child workflow type may pin, from the case-type registry. */
const childSopIds = (workflowType: string): readonly string[] =>
  CASE_TYPE_LIST.flatMap((e) => e.childTypes).find((c) => c.workflowType === workflowType)?.sopIds ?? [];

/** Every staff role. A candidate (issue 16: actor id = their NIP) reads only their own result, on its own endpoint. */
export const EVERY_ROLE: readonly Role[] = ROLES.filter((r) => r !== 'candidate');
/** A candidate of an open selection reading their own published result. */
export const CANDIDATE_READERS = only(['candidate']);
export const VACANCY_STARTERS = sopRoles(CASE_TYPES.vacancy.sopIds, 'start');
export const VACANCY_DECIDERS = sopRoles(CASE_TYPES.vacancy.sopIds);
export const SELECTION_STARTERS = sopRoles(CASE_TYPES['open-selection'].sopIds, 'start');
export const SELECTION_DECIDERS = sopRoles(CASE_TYPES['open-selection'].sopIds);
export const ASSESSMENT_DECIDERS = sopRoles(childSopIds(ASSESSMENT_WORKFLOW_TYPE));
export const REVIEW_DECIDERS = sopRoles(childSopIds(COMMITTEE_REVIEW_WORKFLOW_TYPE));
export const APPOINTMENT_DECIDERS = sopRoles(childSopIds(APPOINTMENT_WORKFLOW_TYPE));
export const MOVE_STARTERS = sopRoles(CASE_TYPES.move.sopIds, 'start');
export const MOVE_DECIDERS = sopRoles(CASE_TYPES.move.sopIds);
export const BULK_STARTERS = sopRoles(CASE_TYPES['bulk-move'].sopIds, 'start');
export const BULK_DECIDERS = sopRoles(CASE_TYPES['bulk-move'].sopIds);
export const DISCIPLINE_STARTERS = sopRoles(CASE_TYPES.discipline.sopIds, 'start');
export const DISCIPLINE_DECIDERS = sopRoles(CASE_TYPES.discipline.sopIds);
/** A discipline case names the official and the sanction: HR, the PPK and oversight read it; committee roles do not. */
export const DISCIPLINE_READERS = only(['hr_officer', 'ppk', 'overseer', 'auditor', 'admin']);
export const TALENT_REVIEW_STARTERS = sopRoles(CASE_TYPES['talent-review'].sopIds, 'start');
export const TALENT_REVIEW_DECIDERS = sopRoles(CASE_TYPES['talent-review'].sopIds);
export const EVIDENCE_UPLOADERS = EVIDENCE_UPLOAD_ROLES;
export const LEDGER_AUDITORS = LEDGER_AUDIT_ROLES;
export const AUDIT_LOG_READER_ROLES = AUDIT_LOG_READERS;
export const CALENDAR_EDITOR_ROLES = only(CALENDAR_EDITORS);
export const REFERENCE_EDITOR_ROLES = only(REFERENCE_DATA_EDITORS);
/** Whole-case reports (dossier, conformance, compliance): the agency's HR and PPK, and oversight. */
export const CASE_REPORT_READERS = only(['hr_officer', 'ppk', 'overseer', 'auditor', 'admin']);
/** Decrees (SK): HR drafts them (the secretariat drafts SKs, domain.md §1) and the PPK who signs; readers as for case reports. */
export const DECREE_WRITERS = only(['hr_officer', 'ppk']);
export const DECREE_READERS = CASE_REPORT_READERS;
export const DELEGATORS = DELEGABLE_ROLES;
export const SECURITY_LOG_READERS = only(['auditor', 'admin']);
/** Keeping or migrating running cases to a new SOP version (four eyes: two different administrators). */
export const SOP_MIGRATION_ADMINS = only(['admin']);
/** The ASN register: HR keeps it; HR, the PPK and oversight read it. Committee members and assessors see only their case's candidates. */
export const REGISTER_EDITOR_ROLES = only(['hr_officer']);
export const REGISTER_READER_ROLES = only(['hr_officer', 'ppk', 'overseer', 'auditor', 'admin']);
/**
 * Decrypted workflow payloads (the codec endpoint) show personal data from any case of any agency:
 * oversight only. Encrypting is for an administrator sending data through Temporal's tools.
 */
export const PAYLOAD_DECODERS = only(['auditor', 'admin']);
export const PAYLOAD_ENCODERS = only(['admin']);
