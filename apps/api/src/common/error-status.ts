import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '../../../../libs/domain/src';

/** The one place error codes become HTTP statuses; the Record type makes it exhaustive. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, HttpStatus>> = Object.freeze({
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  DECISION_INCOMPLETE: HttpStatus.BAD_REQUEST,
  SOP_VERSION_UNKNOWN: HttpStatus.BAD_REQUEST,
  ACTOR_REQUIRED: HttpStatus.UNAUTHORIZED,
  CASE_NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  EVIDENCE_NOT_FOUND: HttpStatus.NOT_FOUND,
  CASE_ALREADY_EXISTS: HttpStatus.CONFLICT,
  DECISION_NOT_ALLOWED: HttpStatus.CONFLICT,
  // The SOP names the role for each step; a decision by another role is out of turn for this case.
  ROLE_NOT_ALLOWED: HttpStatus.CONFLICT,
  IDEMPOTENCY_CONFLICT: HttpStatus.CONFLICT,
  ACTOR_NOT_ASSIGNED: HttpStatus.CONFLICT,
  CONFLICT_OF_INTEREST: HttpStatus.CONFLICT,
  ALREADY_DECIDED: HttpStatus.CONFLICT,
  VACANCY_NOT_READY: HttpStatus.CONFLICT,
  // The request is well-formed and in turn, but a rule in force forbids it.
  RULE_BLOCKED: HttpStatus.UNPROCESSABLE_ENTITY,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UPSTREAM_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
});
