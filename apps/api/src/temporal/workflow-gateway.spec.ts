import { QueryRejectedError, ServiceError, type Client, type QueryDefinition } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DomainError } from '@meritflow/domain';
import { vacancyStateQuery, vacancyWorkflowId, type VacancyState } from '@meritflow/contracts';
import type { CaseLookupRepository, EvidenceRepository, IdempotencyKeyRepository } from '@meritflow/persistence';
import { WorkflowGateway } from './workflow-gateway';

// The gateway's retry of a read-only query, against a stand-in client that answers with gRPC errors the
// way @temporalio/client wraps them. The real server's CANCELLED was met in bench (n) on the cluster.
const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });
const cancelled = () => new ServiceError('Failed to query Workflow', { cause: grpc(1, 'Call cancelled') });
const probe = { type: 'query', name: 'probe' } as QueryDefinition<string, []>;

/** A stand-in client: `query` answers with the next of `answers`; `result` with the run's result. */
function standIn(answers: (() => Promise<unknown>)[], result: () => Promise<unknown> = () => Promise.reject(new Error('no result'))) {
  const query = jest.fn(() => (answers.shift() ?? (() => Promise.reject(new Error('no more answers'))))());
  const resultOf = jest.fn(result);
  const client = {
    connection: { withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn() },
    workflow: { getHandle: () => ({ query, result: resultOf }) },
  } as unknown as Client;
  return { client, query, result: resultOf };
}

function gatewayOn(temporalClient: Client, openRuns: Client) {
  const unused = {} as never;
  return new WorkflowGateway(
    temporalClient,
    unused as EvidenceRepository,
    unused as IdempotencyKeyRepository,
    unused as CaseLookupRepository,
    openRuns,
  );
}

function gatewayAnswering(...answers: (() => Promise<string>)[]) {
  const { client, query } = standIn(answers);
  return { gateway: gatewayOn(client, standIn([]).client), query };
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

describe("WorkflowGateway.query of a root case's state (issue 19: no replay of a closed run)", () => {
  const caseId = vacancyWorkflowId('PEMKAB-X', 'KADIS-1');
  const state = { step: 'closed' } as unknown as VacancyState;
  const Status = temporal.api.enums.v1.WorkflowExecutionStatus;
  const rejected = (status: temporal.api.enums.v1.WorkflowExecutionStatus) => () => Promise.reject(new QueryRejectedError(status));

  it('asks an open run once, through the client whose queries closed runs refuse', async () => {
    const replaying = standIn([]);
    const openOnly = standIn([() => Promise.resolve(state)]);
    await expect(gatewayOn(replaying.client, openOnly.client).query(caseId, vacancyStateQuery)).resolves.toBe(state);
    expect(openOnly.query).toHaveBeenCalledTimes(1);
    expect(replaying.query).not.toHaveBeenCalled();
    expect(replaying.result).not.toHaveBeenCalled();
  });

  it('reads a completed case from its result, and asks no worker to replay it', async () => {
    const replaying = standIn([() => Promise.resolve('replayed')], () => Promise.resolve(state));
    const openOnly = standIn([rejected(Status.WORKFLOW_EXECUTION_STATUS_COMPLETED)]);
    await expect(gatewayOn(replaying.client, openOnly.client).query(caseId, vacancyStateQuery)).resolves.toBe(state);
    expect(replaying.result).toHaveBeenCalledTimes(1);
    expect(replaying.query).not.toHaveBeenCalled();
  });

  it('asks a run that failed or was terminated, which has no result, as before', async () => {
    for (const status of [Status.WORKFLOW_EXECUTION_STATUS_FAILED, Status.WORKFLOW_EXECUTION_STATUS_TERMINATED]) {
      const replaying = standIn([() => Promise.resolve('replayed')], () => Promise.resolve(state));
      const openOnly = standIn([rejected(status)]);
      await expect(gatewayOn(replaying.client, openOnly.client).query(caseId, vacancyStateQuery)).resolves.toBe('replayed');
      expect(replaying.result).not.toHaveBeenCalled();
    }
  });

  it("asks the case as before when the completed run's result cannot be read at once", async () => {
    const replaying = standIn([() => Promise.resolve('replayed')], () => Promise.reject(new Error('deadline exceeded')));
    const openOnly = standIn([rejected(Status.WORKFLOW_EXECUTION_STATUS_COMPLETED)]);
    await expect(gatewayOn(replaying.client, openOnly.client).query(caseId, vacancyStateQuery)).resolves.toBe('replayed');
    expect(replaying.query).toHaveBeenCalledTimes(1);
  });

  it('leaves child workflows and other queries to the plain query (their results are not their state)', async () => {
    for (const [id, def] of [
      [`${caseId}:assessment:197804122003031001`, vacancyStateQuery],
      [caseId, probe],
    ] as const) {
      const replaying = standIn([() => Promise.resolve('asked')]);
      const openOnly = standIn([]);
      await expect(gatewayOn(replaying.client, openOnly.client).query(id, def as QueryDefinition<unknown, []>)).resolves.toBe('asked');
      expect(openOnly.query).not.toHaveBeenCalled();
    }
  });
});
