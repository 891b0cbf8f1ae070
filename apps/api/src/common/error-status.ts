import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@meritflow/domain';

/** The one place error codes become HTTP statuses; the Record type makes it exhaustive. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, HttpStatus>> = Object.freeze({
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  DECISION_INCOMPLETE: HttpStatus.BAD_REQUEST,
  SOP_VERSION_UNKNOWN: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  // The endpoint is closed to the caller's role, or a delegation does not cover the request.
  ACCESS_DENIED: HttpStatus.FORBIDDEN,
  DELEGATION_INVALID: HttpStatus.FORBIDDEN,
  // One person may not hold two of initiator, committee member and PPK in a case, nor act on their own case.
  SEPARATION_OF_DUTIES: HttpStatus.FORBIDDEN,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  CASE_NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  EVIDENCE_NOT_FOUND: HttpStatus.NOT_FOUND,
  PERSON_NOT_FOUND: HttpStatus.NOT_FOUND,
  PERSON_ALREADY_REGISTERED: HttpStatus.CONFLICT,
  IMPORT_NOT_FOUND: HttpStatus.NOT_FOUND,
  POST_NOT_FOUND: HttpStatus.NOT_FOUND,
  CASE_ALREADY_EXISTS: HttpStatus.CONFLICT,
  DECISION_NOT_ALLOWED: HttpStatus.CONFLICT,
  // The SOP names the role for each step; a decision by another role is out of turn for this case.
  ROLE_NOT_ALLOWED: HttpStatus.CONFLICT,
  ACTOR_NOT_ASSIGNED: HttpStatus.CONFLICT,
  CONFLICT_OF_INTEREST: HttpStatus.CONFLICT,
  ALREADY_DECIDED: HttpStatus.CONFLICT,
  VACANCY_NOT_READY: HttpStatus.CONFLICT,
  // The request is well-formed and in turn, but a rule in force forbids it.
  RULE_BLOCKED: HttpStatus.UNPROCESSABLE_ENTITY,
  // An administrative appeal filed after its window (PP 94/2021): well-formed, but too late.
  APPEAL_WINDOW_CLOSED: HttpStatus.UNPROCESSABLE_ENTITY,
  // A decree follows the decision it executes (the PPK's pick, the approval, the sanction): not before it.
  DECREE_NOT_READY: HttpStatus.CONFLICT,
  DECREE_NOT_APPLICABLE: HttpStatus.CONFLICT,
  DECREE_DRAFT_NOT_CITED: HttpStatus.CONFLICT,
  DECREE_TEMPLATE_NOT_IN_FORCE: HttpStatus.UNPROCESSABLE_ENTITY,
  DECREE_NOT_FOUND: HttpStatus.NOT_FOUND,
  // A migration needs a mapping (data beside the SOPs) for the pair of versions, and an entry for the case's step.
  SOP_MIGRATION_UNKNOWN: HttpStatus.BAD_REQUEST,
  SOP_MIGRATION_STEP_UNMAPPED: HttpStatus.CONFLICT,
  SOP_MIGRATION_CHILD_RUNNING: HttpStatus.CONFLICT,
  SOP_MIGRATION_NOT_REQUESTED: HttpStatus.CONFLICT,
  // The second person of a four-eyes approval must be someone else than the first.
  FOUR_EYES_REQUIRED: HttpStatus.FORBIDDEN,
  CASE_NOT_RUNNING: HttpStatus.CONFLICT,
  // An Idempotency-Key sent again with a different request (IETF Idempotency-Key draft: 422).
  IDEMPOTENCY_CONFLICT: HttpStatus.UNPROCESSABLE_ENTITY,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  // Encrypted workflow data this server cannot open: a key it does not hold, or bytes that fail authentication.
  PAYLOAD_KEY_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  PAYLOAD_DECRYPT_FAILED: HttpStatus.UNPROCESSABLE_ENTITY,
  UPSTREAM_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
});
