/**
 * Every refusal meritflow gives carries one of these codes. apps/api maps each code to an HTTP
 * status in one place; workflows raise them as ApplicationFailure types so they survive the trip
 * through Temporal unchanged.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'ACCESS_DENIED',
  'SEPARATION_OF_DUTIES',
  'DELEGATION_INVALID',
  'RATE_LIMITED',
  'CASE_NOT_FOUND',
  'EVIDENCE_NOT_FOUND',
  'PERSON_NOT_FOUND',
  'PERSON_ALREADY_REGISTERED',
  'IMPORT_NOT_FOUND',
  'POST_NOT_FOUND',
  'CASE_ALREADY_EXISTS',
  'DECISION_NOT_ALLOWED',
  'ROLE_NOT_ALLOWED',
  'DECISION_INCOMPLETE',
  'SOP_VERSION_UNKNOWN',
  'IDEMPOTENCY_CONFLICT',
  'ACTOR_NOT_ASSIGNED',
  'CONFLICT_OF_INTEREST',
  'ALREADY_DECIDED',
  'VACANCY_NOT_READY',
  'RULE_BLOCKED',
  'APPEAL_WINDOW_CLOSED',
  'DECREE_NOT_READY',
  'DECREE_NOT_APPLICABLE',
  'DECREE_TEMPLATE_NOT_IN_FORCE',
  'DECREE_NOT_FOUND',
  'DECREE_DRAFT_NOT_CITED',
  'SOP_MIGRATION_UNKNOWN',
  'SOP_MIGRATION_STEP_UNMAPPED',
  'SOP_MIGRATION_CHILD_RUNNING',
  'SOP_MIGRATION_NOT_REQUESTED',
  'FOUR_EYES_REQUIRED',
  'CASE_NOT_RUNNING',
  'UPSTREAM_UNAVAILABLE',
  'PAYLOAD_TOO_LARGE',
  'PAYLOAD_KEY_UNKNOWN',
  'PAYLOAD_DECRYPT_FAILED',
  'ROUTE_NOT_FOUND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

export interface FieldIssue {
  field: string;
  /** Machine-readable rule name, e.g. "isIn", "required", "gradeRange". */
  rule: string;
  message: { id: string; en: string };
}

export type ErrorParams = Record<string, unknown> & { fields?: FieldIssue[] };

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}
