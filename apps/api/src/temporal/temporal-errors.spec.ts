import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { DomainError } from '@meritflow/domain';
import { fromTemporalError, isCancelledByServer, isDeadlineExceeded, isNoPoller } from './temporal-errors';

const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

describe('fromTemporalError', () => {
  it('turns a query that timed out, wrapped in ServiceError, into a coded 503 rather than an unknown error', () => {
    const err = new ServiceError('Failed to query Workflow', { cause: grpc(4, 'query timed out before a worker could process it') });
    expect(isDeadlineExceeded(err)).toBe(true);
    const out = fromTemporalError(err, 'case-1');
    expect(out).toBeInstanceOf(DomainError);
    expect((out as DomainError).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('turns an unreachable server (UNAVAILABLE) into UPSTREAM_UNAVAILABLE, but is not a deadline', () => {
    const err = new ServiceError('Failed to start Workflow', { cause: grpc(14, 'connection refused') });
    expect(isDeadlineExceeded(err)).toBe(false);
    expect((fromTemporalError(err, 'c') as DomainError).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('turns a query no worker could take (FAILED_PRECONDITION "no poller seen") into a retryable 503 naming the worker', () => {
    const err = new ServiceError('Failed to query Workflow', {
      cause: grpc(9, 'no poller seen for task queue recently, worker may be down'),
    });
    expect(isNoPoller(err)).toBe(true);
    expect(isDeadlineExceeded(err)).toBe(false);
    const out = fromTemporalError(err, 'c') as DomainError;
    expect(out.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(out.params).toMatchObject({ service: 'worker', retryable: true });
    // Any other failed precondition is not a passing outage and stays as it was.
    const other = new ServiceError('Failed to query Workflow', { cause: grpc(9, 'workflow is not running') });
    expect(isNoPoller(other)).toBe(false);
    expect(fromTemporalError(other, 'c')).toBe(other);
  });

  it('turns a query the server gave up (CANCELLED) into a coded 503 rather than a 500', () => {
    const err = new ServiceError('Failed to query Workflow', { cause: grpc(1, 'Call cancelled') });
    expect(isCancelledByServer(err)).toBe(true);
    expect(isDeadlineExceeded(err)).toBe(false);
    expect((fromTemporalError(err, 'c') as DomainError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(isCancelledByServer(new ServiceError('Failed to query Workflow', { cause: grpc(4, 'deadline') }))).toBe(false);
  });

  it('names a missing case, and leaves errors it does not know untouched', () => {
    expect((fromTemporalError(new WorkflowNotFoundError('gone', 'c', undefined), 'c') as DomainError).code).toBe('CASE_NOT_FOUND');
    const other = new Error('boom');
    expect(fromTemporalError(other, 'c')).toBe(other);
    expect(isDeadlineExceeded(other)).toBe(false);
  });
});
