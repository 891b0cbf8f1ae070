import { DomainError, type ErrorCode, type ErrorParams } from '@meritflow/domain';

/**
 * A refusal that must look to the caller exactly like an ordinary one (no such case, no such
 * document) but is an attempt to reach another agency's data, so the filter records it as a
 * security event under `securityCode`, with `securityDetail` kept out of the answer.
 */
export class OutOfScope extends DomainError {
  constructor(
    code: ErrorCode,
    params: ErrorParams,
    readonly securityCode: string,
    readonly securityDetail: Record<string, unknown> = {},
  ) {
    super(code, params);
  }
}
