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
} from '../../../../libs/domain/src';

/**
 * Who may call which endpoint, derived from the domain's own policies and SOP data wherever they
 * exist, so an SOP that gives a step to a new role opens its endpoint to that role too. The workflow
 * still checks each decision's role against the current step.
 */
const only = (roles: readonly string[]): Role[] => ROLES.filter((r) => roles.includes(r));

export const EVERY_ROLE: readonly Role[] = ROLES;
export const VACANCY_STARTERS = sopRoles(['vacancy'], 'start');
export const VACANCY_DECIDERS = sopRoles(['vacancy']);
export const SELECTION_STARTERS = sopRoles(['open-selection'], 'start');
export const SELECTION_DECIDERS = sopRoles(['open-selection']);
export const ASSESSMENT_DECIDERS = sopRoles(['assessment']);
export const REVIEW_DECIDERS = sopRoles(['committee-review']);
export const APPOINTMENT_DECIDERS = sopRoles(['appointment']);
const MOVE_SOP_IDS = ['mutation-intra', 'mutation-inter-agency', 'mutation-inter-province', 'rotation', 'talent-promotion'];
export const MOVE_STARTERS = sopRoles(MOVE_SOP_IDS, 'start');
export const MOVE_DECIDERS = sopRoles(MOVE_SOP_IDS);
export const BULK_STARTERS = sopRoles(['bulk-move'], 'start');
export const BULK_DECIDERS = sopRoles(['bulk-move']);
export const EVIDENCE_UPLOADERS = EVIDENCE_UPLOAD_ROLES;
export const LEDGER_AUDITORS = LEDGER_AUDIT_ROLES;
export const AUDIT_LOG_READER_ROLES = AUDIT_LOG_READERS;
export const CALENDAR_EDITOR_ROLES = only(CALENDAR_EDITORS);
export const REFERENCE_EDITOR_ROLES = only(REFERENCE_DATA_EDITORS);
/** Whole-case reports (dossier, conformance, compliance): the agency's HR and PPK, and oversight. */
export const CASE_REPORT_READERS = only(['hr_officer', 'ppk', 'overseer', 'auditor', 'admin']);
export const DELEGATORS = DELEGABLE_ROLES;
export const SECURITY_LOG_READERS = only(['auditor', 'admin']);
