import { Inject, Injectable } from '@nestjs/common';
import { Client, QueryRejectedError, type WorkflowStartOptions } from '@temporalio/client';
import { WorkflowNotFoundError, type QueryDefinition, type UpdateDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DomainError, isNational, type Actor, type EvidenceRef } from '@meritflow/domain';
import { CaseLookupRepository, EvidenceRepository, IdempotencyKeyRepository } from '@meritflow/persistence';
import { isRootStateQuery, PERSONNEL_TASK_QUEUE, rootCaseOf } from '@meritflow/contracts';
import { assertEvidenceExists } from '../common/evidence-refs';
import type { IdempotentRequest } from '../common/idempotency-key';
import { fromTemporalError, isCancelledByServer, isDeadlineExceeded, isNoPoller } from './temporal-errors';
import { TEMPORAL_CLIENT, TEMPORAL_OPEN_RUN_CLIENT } from './temporal.tokens';

/**
 * How often a read-only query that timed out, or that the server gave up (CANCELLED), is asked again. A
 * query that reaches a case while its run is closing or being evicted from the worker's cache can be
 * dropped by the worker and time out; asked again, it is answered from a replay of the history.
 */
const QUERY_ATTEMPTS = 3;
const QUERY_ATTEMPT_MS = 15_000;
/**
 * A query refused because no worker polled the case's task queue lately (a worker crash, or a Temporal
 * node's failover) is asked again after this pause, times the attempt: the surviving workers' next
 * polls reach the partition within seconds. Past the attempts the caller gets 503 with Retry-After.
 */
const NO_POLLER_PAUSE_MS = 2_000;
/**
 * A decision still unanswered after this long asks Temporal whether its case has run at all (issue 19
 * item 7): a case still waiting in the server's backlog for its first workflow task answers 503 now,
 * instead of holding the request until a worker reaches it. Ten seconds, not less: a worker that is
 * merely busy reaches a new case within that, and a user is better served by the answer than by a 503.
 */
const NOT_STARTED_CHECK_MS = 10_000;
/** The longest a decision waits for its answer; past it, 503 (resend with the same Idempotency-Key). */
const DECISION_WAIT_MS = 60_000;
/**
 * How long the result of a case the server reported completed may take to read. Past it (the case id
 * was started again meanwhile, and its new run is still open), the state is asked of the case as before.
 */
const RESULT_WAIT_MS = 5_000;
const COMPLETED = temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;

/** Starts, updates and queries workflows for the use cases, translating Temporal's errors once. */
@Injectable()
export class WorkflowGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly evidence: EvidenceRepository,
    private readonly idempotency: IdempotencyKeyRepository,
    private readonly cases: CaseLookupRepository,
    @Inject(TEMPORAL_OPEN_RUN_CLIENT) private readonly openRuns: Client,
  ) {}

  /**
   * Evidence a case cites must be stored, carry its hash, and belong to the case's agency, or to the
   * agency of the officer acting on it (who reached the case, e.g. the origin agency of a move).
   */
  async assertEvidence(workflowId: string, actor: Actor | null, refs: readonly EvidenceRef[], field = 'evidence'): Promise<void> {
    if (refs.length === 0) return;
    const owner = rootCaseOf(workflowId)?.agencyCode;
    const agencies = [owner, actor && !isNational(actor) ? actor.agency : undefined].filter((a): a is string => !!a);
    await assertEvidenceExists(this.evidence, refs, field, agencies);
  }

  /**
   * Starts a case; a running case with the same id answers CASE_ALREADY_EXISTS, a closed one may start
   * again. `memo` holds facts of the case that never change; it goes through the payload codec like
   * every other payload, and later runs of the case (continue-as-new) keep it.
   */
  async start(
    workflowType: string,
    workflowId: string,
    args: unknown[],
    memo?: Record<string, unknown>,
  ): Promise<{ workflowId: string; runId: string }> {
    // A case opens on its own agency's documents only.
    await this.assertEvidence(workflowId, null, (args[0] as { evidence?: EvidenceRef[] } | undefined)?.evidence ?? []);
    try {
      const handle = await this.temporal.workflow.start(workflowType, {
        workflowId,
        taskQueue: PERSONNEL_TASK_QUEUE,
        args,
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        ...(memo ? { memo } : {}),
      } as WorkflowStartOptions);
      return { workflowId, runId: handle.firstExecutionRunId };
    } catch (err) {
      throw fromTemporalError(err, workflowId);
    }
  }

  /**
   * Asks a case. A root case's state query (CaseTypeEntry.stateQuery) goes to its run only while the
   * run is open: once the case has completed, the server refuses the query and the state is read from
   * the workflow's result, which is the same answer. Asked of a closed run, a query is answered by a
   * worker replaying the run's whole history: about 150 ms of CPU for a closed 4-candidate selection,
   * and more with every decision (issue 19). A run that ended any other way (failed, terminated) has no
   * result and is asked as before.
   */
  async query<R, A extends unknown[]>(workflowId: string, def: QueryDefinition<R, A>, ...args: A): Promise<R> {
    if (args.length > 0 || !isRootStateQuery(workflowId, def.name)) return this.ask(this.temporal, workflowId, def, ...args);
    try {
      return await this.ask(this.openRuns, workflowId, def, ...args);
    } catch (err) {
      if (!(err instanceof QueryRejectedError)) throw err;
      if (err.status === COMPLETED) {
        const result = await this.completedResult<R>(workflowId);
        if (result !== undefined) return result;
      }
      return this.ask(this.temporal, workflowId, def, ...args);
    }
  }

  /** The result of the case's latest run, which the server reported completed; undefined when it cannot be read at once. */
  private async completedResult<R>(workflowId: string): Promise<R | undefined> {
    try {
      return await this.temporal.connection.withDeadline(Date.now() + RESULT_WAIT_MS, () =>
        this.temporal.workflow.getHandle(workflowId).result(),
      );
    } catch {
      return undefined;
    }
  }

  /** One query, asked again when it timed out or the server gave it up; a refusal of a closed run is passed on as it is. */
  private async ask<R, A extends unknown[]>(client: Client, workflowId: string, def: QueryDefinition<R, A>, ...args: A): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.connection.withDeadline(Date.now() + QUERY_ATTEMPT_MS, () =>
          client.workflow.getHandle(workflowId).query(def, ...args),
        );
      } catch (err) {
        if (err instanceof QueryRejectedError) throw err;
        if (attempt < QUERY_ATTEMPTS && (isDeadlineExceeded(err) || isCancelledByServer(err))) continue;
        if (attempt < QUERY_ATTEMPTS && isNoPoller(err)) {
          await new Promise((resolve) => setTimeout(resolve, NO_POLLER_PAUSE_MS * attempt));
          continue;
        }
        throw fromTemporalError(err, workflowId);
      }
    }
  }

  /**
   * Sends a decision as a Temporal Update. Evidence must exist first; a client Idempotency-Key becomes
   * the update id, so a repeated request gets the first answer. A finished case refuses with its step.
   *
   * The key is first claimed in PostgreSQL with the request's fingerprint. Temporal alone cannot tell
   * a repeat from a different request under the same update id (it answers both with the first
   * outcome), and deriving the update id from key and fingerprint would run the different request as
   * a new decision. The table is shared by every API instance and survives restarts, and a claim is
   * settled by its primary key, so two instances racing on one key agree.
   */
  async decide<R, A extends { decision: string; evidence?: EvidenceRef[] }>(
    workflowId: string,
    def: UpdateDefinition<R, [A]>,
    input: A,
    actor: Actor,
    idempotent: IdempotentRequest | undefined,
    stepOfClosedCase: () => Promise<string>,
  ): Promise<R> {
    await this.assertEvidence(workflowId, actor, input.evidence ?? []);
    if (idempotent) {
      const same = await this.idempotency.claim({
        actorId: actor.id,
        key: idempotent.key,
        fingerprint: idempotent.fingerprint,
        method: idempotent.method,
        path: idempotent.path,
      });
      if (!same) throw new DomainError('IDEMPOTENCY_CONFLICT', { key: idempotent.key });
    }
    try {
      return await this.sendUpdate(workflowId, def, input, idempotent ? `${actor.id}:${idempotent.key}` : undefined);
    } catch (err) {
      const translated = fromTemporalError(err, workflowId);
      // An update to a finished run reports "not found"; so does one racing a child workflow's start.
      // Only the first is a refusal to explain; the second stays "not found" for the caller to retry.
      if (translated instanceof DomainError && translated.code === 'CASE_NOT_FOUND') {
        const step = await this.finalStep(workflowId, stepOfClosedCase);
        if (step) throw new DomainError('DECISION_NOT_ALLOWED', { step, decision: input.decision, allowed: [] });
      }
      throw translated;
    }
  }

  /**
   * The update, bounded: DECISION_WAIT_MS at most, and cut short with 503 once the case turns out not to
   * have started (its first workflow task not yet done). The update may still reach the case later, as
   * any request cut off in flight may; resent with the same Idempotency-Key it answers with that outcome.
   */
  private async sendUpdate<R, A>(workflowId: string, def: UpdateDefinition<R, [A]>, input: A, updateId: string | undefined): Promise<R> {
    const abort = new AbortController();
    let notStarted = false;
    const check = setTimeout(() => {
      void this.hasStarted(workflowId).then((started) => {
        if (started !== false) return;
        notStarted = true;
        abort.abort();
      });
    }, NOT_STARTED_CHECK_MS);
    try {
      return await this.temporal.connection.withAbortSignal(abort.signal, () =>
        this.temporal.connection.withDeadline(Date.now() + DECISION_WAIT_MS, () =>
          this.temporal.workflow.getHandle(workflowId).executeUpdate(def, { args: [input], ...(updateId ? { updateId } : {}) }),
        ),
      );
    } catch (err) {
      if (notStarted) {
        throw new DomainError('UPSTREAM_UNAVAILABLE', { service: 'Temporal', waitingFor: `case ${workflowId} to start`, retryable: true });
      }
      throw err;
    } finally {
      clearTimeout(check);
    }
  }

  /**
   * False while no worker has taken up the workflow's first workflow task: its history holds only the
   * start and the scheduled task, and that task is not STARTED. A first task a worker is running counts
   * as started: on a loaded worker it can take seconds, and the case is then being served, not waiting
   * in a backlog. Null when unknown.
   */
  private async hasStarted(workflowId: string): Promise<boolean | null> {
    try {
      const d = await this.temporal.workflow.getHandle(workflowId).describe();
      return (
        d.status.name !== 'RUNNING' ||
        Number(d.raw.workflowExecutionInfo?.historyLength ?? 0) > 3 ||
        d.raw.pendingWorkflowTask?.state === temporal.api.enums.v1.PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED
      );
    } catch {
      return null;
    }
  }

  /**
   * The step a finished case stopped at: asked of Temporal while it still holds the run, else read from
   * the case list, which outlives Temporal's retention. Null for a case that is running or never ran.
   */
  private async finalStep(workflowId: string, stepOfClosedCase: () => Promise<string>): Promise<string | null> {
    const status = await this.runStatus(workflowId);
    if (status === 'RUNNING' || status === 'UNKNOWN') return null;
    if (status !== null) {
      const step = await stepOfClosedCase().catch(() => null);
      if (step) return step;
    }
    return (await this.cases.lastRecordedStep(workflowId))?.step ?? null;
  }

  /**
   * The memo of the case's current run, as Temporal's own record holds it (no worker is asked); null
   * when Temporal cannot say (no such case, past retention, unreachable), so the caller asks the case.
   */
  async memo(workflowId: string): Promise<Record<string, unknown> | null> {
    try {
      return (await this.temporal.workflow.getHandle(workflowId).describe()).memo ?? null;
    } catch {
      return null;
    }
  }

  /** The run's status in Temporal; null when Temporal does not know the workflow (never ran, or past retention). */
  private async runStatus(workflowId: string): Promise<string | null> {
    try {
      return (await this.temporal.workflow.getHandle(workflowId).describe()).status.name;
    } catch (err) {
      return err instanceof WorkflowNotFoundError ? null : 'UNKNOWN';
    }
  }
}
