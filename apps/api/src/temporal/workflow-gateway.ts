import { Inject, Injectable } from '@nestjs/common';
import { Client, type WorkflowStartOptions } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { DomainError, type Actor, type EvidenceRef } from '../../../../libs/domain/src';
import { EvidenceRepository } from '../../../../libs/persistence/src';
import { PERSONNEL_TASK_QUEUE } from '../../../../workflows/src/contracts';
import { assertEvidenceExists } from '../common/evidence-refs';
import { fromTemporalError, isDeadlineExceeded } from './temporal-errors';

/**
 * How often a read-only query that timed out is asked again. A query that reaches a case while its run
 * is closing or being evicted from the worker's cache can be dropped by the worker and time out; asked
 * again, it is answered from a replay of the history.
 */
const QUERY_ATTEMPTS = 3;
const QUERY_ATTEMPT_MS = 15_000;
import { TEMPORAL_CLIENT } from './temporal.tokens';

/** Starts, updates and queries workflows for the use cases, translating Temporal's errors once. */
@Injectable()
export class WorkflowGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly evidence: EvidenceRepository,
  ) {}

  /** Starts a case; a running case with the same id answers CASE_ALREADY_EXISTS, a closed one may start again. */
  async start(workflowType: string, workflowId: string, args: unknown[]): Promise<{ workflowId: string; runId: string }> {
    try {
      const handle = await this.temporal.workflow.start(workflowType, {
        workflowId,
        taskQueue: PERSONNEL_TASK_QUEUE,
        args,
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      } as WorkflowStartOptions);
      return { workflowId, runId: handle.firstExecutionRunId };
    } catch (err) {
      throw fromTemporalError(err, workflowId);
    }
  }

  async query<R, A extends unknown[]>(workflowId: string, def: QueryDefinition<R, A>, ...args: A): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.temporal.connection.withDeadline(Date.now() + QUERY_ATTEMPT_MS, () =>
          this.temporal.workflow.getHandle(workflowId).query(def, ...args),
        );
      } catch (err) {
        if (attempt < QUERY_ATTEMPTS && isDeadlineExceeded(err)) continue;
        throw fromTemporalError(err, workflowId);
      }
    }
  }

  /**
   * Sends a decision as a Temporal Update. Evidence must exist first; a client Idempotency-Key becomes
   * the update id, so a repeated request gets the first answer. A finished case refuses with its step.
   */
  async decide<R, A extends { decision: string; evidence?: EvidenceRef[] }>(
    workflowId: string,
    def: UpdateDefinition<R, [A]>,
    input: A,
    actor: Actor,
    idempotencyKey: string | undefined,
    stepOfClosedCase: () => Promise<string>,
  ): Promise<R> {
    await assertEvidenceExists(this.evidence, input.evidence ?? []);
    try {
      return await this.temporal.workflow.getHandle(workflowId).executeUpdate(def, {
        args: [input],
        ...(idempotencyKey ? { updateId: `${actor.id}:${idempotencyKey}` } : {}),
      });
    } catch (err) {
      const translated = fromTemporalError(err, workflowId);
      // An update to a finished run reports "not found"; so does one racing a child workflow's start.
      // Only the first is a refusal to explain; the second stays "not found" for the caller to retry.
      if (translated instanceof DomainError && translated.code === 'CASE_NOT_FOUND' && (await this.isClosed(workflowId))) {
        const step = await stepOfClosedCase().catch(() => null);
        if (step) throw new DomainError('DECISION_NOT_ALLOWED', { step, decision: input.decision, allowed: [] });
      }
      throw translated;
    }
  }

  private async isClosed(workflowId: string): Promise<boolean> {
    try {
      return (await this.temporal.workflow.getHandle(workflowId).describe()).status.name !== 'RUNNING';
    } catch {
      return false;
    }
  }
}
