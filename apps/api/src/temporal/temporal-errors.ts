import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { DomainError, isErrorCode, type ErrorParams } from '../../../../libs/domain/src';

const isUnavailable = (err: unknown): boolean => {
  const code = (err as { code?: number })?.code;
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4): the Temporal service could not be reached.
  return code === 14 || code === 4 || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError;
};

/** Translates what the Temporal client throws into the domain's coded errors. */
export function fromTemporalError(err: unknown, caseId: string): unknown {
  if (err instanceof DomainError) return err;
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new DomainError('CASE_ALREADY_EXISTS', { caseId });
  if (err instanceof WorkflowNotFoundError) return new DomainError('CASE_NOT_FOUND', { caseId });
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    if (isErrorCode(failure.type)) {
      return new DomainError(failure.type, (failure.details?.[0] as ErrorParams | undefined) ?? {}, failure.message);
    }
  }
  if (isUnavailable(err)) return new DomainError('UPSTREAM_UNAVAILABLE', { service: 'Temporal' });
  return err;
}
