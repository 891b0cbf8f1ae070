import { patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import { decisionKey, type Actor, type CaseSummary, type EvidenceRef, type SopRef, type SopStep } from '@meritflow/domain';
import {
  LEDGER_LOCAL_ACTIVITY_PATCH,
  type DisciplineActivities,
  type LedgerActivities,
  type ReferenceActivities,
  type TalentActivities,
} from '@meritflow/contracts';

// No maximum attempts: a decision must reach the ledger even through a long database outage.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } as const;
const options = { startToCloseTimeout: '30 seconds', retry } as const;

/** The ledger activities as every workflow calls them. */
export const ledger = proxyActivities<LedgerActivities>(options);

/**
 * The ledger write as a local activity: it runs inside the decision's workflow task, so an update
 * completes in one task instead of two. Same timeout, same retry policy, no maximum attempts.
 * Retries whose backoff is under 10 s stay in the worker (a restart of PostgreSQL, a lock timeout);
 * longer ones (an outage) become durable timers in the history, so the workflow task is not held
 * open for minutes and a worker crash mid-outage resumes from the recorded attempt.
 */
const localLedger = proxyLocalActivities<Pick<LedgerActivities, 'recordDecisionLocal'>>({
  ...options,
  localRetryThreshold: '10 seconds',
});

export interface RecordOptions {
  reason?: string | null;
  payload?: Record<string, unknown>;
  evidence?: EvidenceRef[];
  ruleVersion?: string | null;
}

/** One decision of the running workflow, as SopCase hands it to the ledger. */
export interface DecisionWrite {
  decision: string;
  actor: Actor;
  stepBefore: string | null;
  stepAfter: SopStep;
  options: RecordOptions;
  sequence: number;
  caseType: string;
  sop: SopRef;
  summary: CaseSummary;
}

/**
 * Writes one decision to the ledger under its idempotency key (workflow, run, sequence). Since patch
 * LEDGER_LOCAL_ACTIVITY_PATCH it is a local activity inside the current workflow task, so the update
 * that caused it completes without a second task; histories from before replay the activity.
 */
export function writeDecision(remote: LedgerActivities, w: DecisionWrite): Promise<unknown> {
  const { workflowId, runId, root, parent } = workflowInfo();
  const row = {
    idempotencyKey: decisionKey(workflowId, runId, w.sequence),
    caseType: w.caseType,
    workflowId,
    runId,
    rootWorkflowId: root?.workflowId ?? workflowId,
    parentWorkflowId: parent?.workflowId ?? null,
    sequence: w.sequence,
    decision: w.decision,
    stepBefore: w.stepBefore,
    stepAfter: w.stepAfter.id,
    statusAfter: w.stepAfter.status,
    actor: w.actor,
    reason: w.options.reason ?? null,
    payload: w.options.payload ?? {},
    evidence: w.options.evidence ?? [],
    sop: w.sop,
    ruleVersion: w.options.ruleVersion ?? null,
    decidedAt: new Date().toISOString(),
    case: w.summary,
  };
  return patched(LEDGER_LOCAL_ACTIVITY_PATCH) ? localLedger.recordDecisionLocal(row) : remote.recordDecision(row);
}

/** Reference data the mobility rules read. */
export const reference = proxyActivities<ReferenceActivities>(options);

/** Register reads and writes of discipline cases. */
export const discipline = proxyActivities<DisciplineActivities>(options);
/** Talent reviews: computing placements and storing the approved pool. */
export const talent = proxyActivities<TalentActivities>(options);
