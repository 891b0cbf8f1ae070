import { ServiceError, type Client, type QueryDefinition } from '@temporalio/client';
import { DomainError } from '@meritflow/domain';
import type { CaseLookupRepository, EvidenceRepository, IdempotencyKeyRepository } from '@meritflow/persistence';
import { WorkflowGateway } from './workflow-gateway';

// The gateway's retry of a read-only query, against a stand-in client that answers with gRPC errors the
// way @temporalio/client wraps them. The real server's CANCELLED was met in bench (n) on the cluster.
const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });
const cancelled = () => new ServiceError('Failed to query Workflow', { cause: grpc(1, 'Call cancelled') });
const probe = { type: 'query', name: 'probe' } as QueryDefinition<string, []>;

function gatewayAnswering(...answers: (() => Promise<string>)[]) {
  const query = jest.fn(() => (answers.shift() ?? (() => Promise.reject(new Error('no more answers'))))());
  const client = {
    connection: { withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn() },
    workflow: { getHandle: () => ({ query }) },
  } as unknown as Client;
  const unused = {} as never;
  const gateway = new WorkflowGateway(
    client,
    unused as EvidenceRepository,
    unused as IdempotencyKeyRepository,
    unused as CaseLookupRepository,
  );
  return { gateway, query };
}

describe('WorkflowGateway.query', () => {
  it('asks again when the server gave the query up (CANCELLED), and answers with the next reply', async () => {
    const { gateway, query } = gatewayAnswering(
      () => Promise.reject(cancelled()),
      () => Promise.resolve('state'),
    );
    await expect(gateway.query('case-1', probe)).resolves.toBe('state');
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('answers 503 UPSTREAM_UNAVAILABLE, not an unknown error, when every attempt is cancelled', async () => {
    const { gateway, query } = gatewayAnswering(
      () => Promise.reject(cancelled()),
      () => Promise.reject(cancelled()),
      () => Promise.reject(cancelled()),
    );
    const out = gateway.query('case-1', probe);
    await expect(out).rejects.toBeInstanceOf(DomainError);
    await expect(out).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(query).toHaveBeenCalledTimes(3);
  });

  it('does not ask again after an error that says nothing about the server giving up', async () => {
    const boom = new Error('boom');
    const { gateway, query } = gatewayAnswering(() => Promise.reject(boom));
    await expect(gateway.query('case-1', probe)).rejects.toBe(boom);
    expect(query).toHaveBeenCalledTimes(1);
  });
});
