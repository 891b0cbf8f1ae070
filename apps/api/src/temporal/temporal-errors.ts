import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { DomainError, isErrorCode, type ErrorParams } from '@meritflow/domain';

/** The gRPC status code of an error or of what caused it (the client wraps them in ServiceError). */
const grpcCode = (err: unknown): number | undefined => {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'number') return e.code;
  }
  return undefined;
};

/**
 * gRPC DEADLINE_EXCEEDED (4): the call, or a query no worker answered in time, ran out of time.
 * A query reads only, so it may be asked again.
 */
export const isDeadlineExceeded = (err: unknown): boolean => grpcCode(err) === 4;

/**
 * gRPC CANCELLED (1) answered by the server: nothing in the API cancels a call, but a loaded Temporal
 * cluster gives up a query it had handed to a worker and answers CANCELLED (its log: "failed to set
 * query completion state to succeeded error=query does not exist"). Seen in bench (n) on the cluster,
 * where it reached the user as a 500. A query reads only, so it may be asked again.
 */
export const isCancelledByServer = (err: unknown): boolean => grpcCode(err) === 1;

/** The gRPC details of an error or of what caused it. */
const grpcDetails = (err: unknown): string => {
  for (
    let e = err as { code?: unknown; details?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'number' && typeof e.details === 'string') return e.details;
  }
  return '';
};

/**
 * gRPC FAILED_PRECONDITION (9) "no poller seen for task queue recently": the matching partition that
 * took the query has seen no worker poll lately. A worker crash, or a Temporal node's failover that
 * moved the partition to a node the surviving workers have not yet polled, both pass within a poll
 * interval; the query is refused without reaching the case, so it may be asked again.
 */
export const isNoPoller = (err: unknown): boolean => grpcCode(err) === 9 && /no poller seen/i.test(grpcDetails(err));

const isUnavailable = (err: unknown): boolean => {
  const code = grpcCode(err);
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4): the Temporal service could not be reached in time;
  // CANCELLED (1): it gave the call up.
  return code === 14 || code === 4 || code === 1 || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError;
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
  if (isNoPoller(err)) return new DomainError('UPSTREAM_UNAVAILABLE', { service: 'worker', retryable: true });
  return err;
}
