import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  checkFourEyes,
  checkSopMigration,
  type ErrorCode,
  type ErrorParams,
  listSops,
  MIGRATION_DECISIONS,
  MIGRATION_OUTCOMES,
  type MigrationOutcome,
  type PendingMigration,
  type SopDefinition,
  type SopRef,
  type SopStep,
} from '@meritflow/domain';
import { CASE_SEARCH_ATTRIBUTES, type CaseStateBase, type SopContinuation, type SopMigrationInput } from '@meritflow/contracts';
import { refuse, refuseIfNot } from './refusals';

/** Where a keep-or-migrate request leads: the version, and the mapped step (null to keep the case). */
export interface MigrationPlan {
  to: SopRef;
  toStep: string | null;
}

/** What the validator reads of a case: its pinned SOP, its step, a pending request, a migration under way. */
export interface MigrationContext {
  sop: Readonly<SopDefinition>;
  step: SopStep;
  pending: PendingMigration | null;
  migrating: boolean;
  /** The workflow's own reason to refuse a move now (a child workflow runs), or null. */
  blocked?: { code: ErrorCode; params: ErrorParams } | null;
}

/**
 * Validates one step of the four-eyes migration procedure against the case and the mapping (data in
 * libs/domain), refusing with the rule's code. Runs as the update's validator: a refusal records nothing.
 */
export function validateMigration(c: MigrationContext, m: SopMigrationInput): MigrationPlan {
  const decision = `sop_migration_${m.action}`;
  if (m.actor.role !== 'admin') {
    refuse('ROLE_NOT_ALLOWED', { role: m.actor.role, decision, step: c.step.id, roles: ['admin'], allowed: [] });
  }
  if (c.step.terminal || c.migrating) {
    refuse('CASE_NOT_RUNNING', { caseId: workflowInfo().workflowId, step: c.step.id });
  }
  if (m.action === 'request') {
    if (c.pending) refuse('ALREADY_DECIDED', { what: `SOP migration request #${c.pending.sequence}` });
    const missing = [
      !m.outcome && 'outcome',
      !m.toVersion && 'toVersion',
      !m.reason?.trim() && 'reason',
      !m.evidence?.length && 'evidence',
    ].filter((x): x is string => !!x);
    if (missing.length > 0) refuse('DECISION_INCOMPLETE', { decision: MIGRATION_DECISIONS.requested, missing });
    if (m.outcome === 'migrate') refuseIfBlocked(c);
    return migrationPlan(c, m.outcome!, m.toVersion!, !!m.allowTestOnly);
  }
  const pending = c.pending;
  if (!pending) return refuse('SOP_MIGRATION_NOT_REQUESTED', { caseId: workflowInfo().workflowId });
  refuseIfNot(checkFourEyes(pending, m.actor));
  if (!m.reason?.trim()) refuse('DECISION_INCOMPLETE', { decision, missing: ['reason'] });
  if (m.action === 'reject') return { to: pending.to, toStep: null };
  if (pending.outcome === 'migrate') refuseIfBlocked(c);
  // The mapping is checked again at the step the case stands at now.
  return migrationPlan(c, pending.outcome, pending.to.version, !!m.allowTestOnly);
}

/** Keeping a case, or rejecting a request, changes nothing and is never blocked; a move is. */
function refuseIfBlocked(c: MigrationContext): void {
  if (c.blocked) refuse(c.blocked.code, c.blocked.params);
}

function migrationPlan(c: MigrationContext, outcome: MigrationOutcome, toVersion: string, allowTestOnly: boolean): MigrationPlan {
  const to = { id: c.sop.id, version: toVersion };
  if (!(MIGRATION_OUTCOMES as readonly string[]).includes(outcome)) {
    refuse('VALIDATION_FAILED', {
      fields: [{ field: 'outcome', rule: 'isIn', message: { id: 'harus keep atau migrate', en: 'must be keep or migrate' } }],
    });
  }
  if (outcome === 'keep') {
    const known = listSops().some((s) => s.id === to.id && s.version === toVersion && (allowTestOnly || !s.testOnly));
    if (!known || toVersion === c.sop.version) refuse('SOP_VERSION_UNKNOWN', { sopId: to.id, version: toVersion });
    return { to, toStep: null };
  }
  const verdict = checkSopMigration({ id: c.sop.id, version: c.sop.version }, c.step.id, toVersion, allowTestOnly);
  refuseIfNot(verdict);
  return { to, toStep: verdict.ok ? verdict.toStep : null };
}

/** Where a run pausing for a long history stands, for the next run: step, duties, the step's running deadline. */
export function continuationOf(
  sop: Readonly<SopDefinition>,
  step: string,
  duties: SopContinuation['duties'],
  deadline: CaseStateBase['deadline'],
  because?: string,
): SopContinuation {
  const { runId, historyLength, historySize } = workflowInfo();
  return {
    from: { id: sop.id, version: sop.version, step, runId },
    step,
    duties,
    deadline: deadline?.step === step ? deadline : null,
    history: { length: historyLength, sizeBytes: historySize },
    ...(because ? { because } : {}),
  };
}

/** The reason and payload of a continued run's first row (run_continued). */
export const continuationRecord = (c: SopContinuation) => ({
  reason: `history of run ${c.from.runId} reached ${c.history.length} events${c.because ? `; ${c.because}` : ''}`,
  payload: { from: c.from, history: c.history, ...(c.because ? { because: c.because } : {}) },
});

/** A root case's search attributes (type, agency, step, status) in Temporal's visibility. */
export function upsertCaseIndex(caseType: string, agency: string, step: SopStep): void {
  upsertSearchAttributes([
    { key: CASE_SEARCH_ATTRIBUTES.caseType, value: caseType },
    { key: CASE_SEARCH_ATTRIBUTES.agency, value: agency },
    { key: CASE_SEARCH_ATTRIBUTES.step, value: step.id },
    { key: CASE_SEARCH_ATTRIBUTES.status, value: step.status },
  ]);
}
