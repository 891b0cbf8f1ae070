import { HttpStatus } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode } from '@meritflow/domain';
import { ERROR_STATUS } from './error-status';

describe('ERROR_STATUS', () => {
  it.each([...ERROR_CODES])('maps %s to a 4xx or 5xx status', (code) => {
    const status = ERROR_STATUS[code];

    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });

  it('maps exactly the known codes, no more', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each([
    ['VALIDATION_FAILED', 400],
    ['DECISION_INCOMPLETE', 400],
    ['SOP_VERSION_UNKNOWN', 400],
    ['UNAUTHENTICATED', 401],
    ['ACCESS_DENIED', 403],
    ['SEPARATION_OF_DUTIES', 403],
    ['DELEGATION_INVALID', 403],
    ['RATE_LIMITED', 429],
    ['CASE_NOT_FOUND', 404],
    ['ROUTE_NOT_FOUND', 404],
    ['CASE_ALREADY_EXISTS', 409],
    ['DECISION_NOT_ALLOWED', 409],
    ['ROLE_NOT_ALLOWED', 409],
    ['IDEMPOTENCY_CONFLICT', 422],
    ['PAYLOAD_TOO_LARGE', 413],
    ['PAYLOAD_KEY_UNKNOWN', 422],
    ['PAYLOAD_DECRYPT_FAILED', 422],
    ['UPSTREAM_UNAVAILABLE', 503],
    ['INTERNAL', 500],
  ] as [ErrorCode, number][])('answers %s with HTTP %i', (code, status) => {
    expect(ERROR_STATUS[code]).toBe(status);
  });

  it('keeps server errors for failures that are not the caller’s fault', () => {
    const serverSide = ERROR_CODES.filter((code) => ERROR_STATUS[code] >= HttpStatus.INTERNAL_SERVER_ERROR);

    expect([...serverSide].sort()).toEqual(['INTERNAL', 'UPSTREAM_UNAVAILABLE']);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(ERROR_STATUS)).toBe(true);
  });
});
