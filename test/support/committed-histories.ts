import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { DecisionRecord } from '../../libs/domain/src';
import type { CaseHistory, History, LedgerRow } from '../../libs/audit/src';

/** The histories committed in workflows/test/histories, for the audit library's unit tests. */
const HISTORIES = path.resolve(__dirname, '../../workflows/test/histories');

export const committedHistoryJson = (name: string): { events: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(path.join(HISTORIES, `${name}.json`), 'utf8'));

export const committedHistory = (name: string): History => historyFromJSON(committedHistoryJson(name));

export function committedCase(name: string): CaseHistory {
  const history = committedHistory(name);
  const started = history.events![0].workflowExecutionStartedEventAttributes!;
  return { workflowId: started.workflowId ?? name, runId: started.originalExecutionRunId!, workflowType: started.workflowType!.name!, history };
}

/** The row LedgerRepository.append writes for a record, as a plain object. */
export const rowOf = (r: DecisionRecord, id = r.sequence): LedgerRow => ({
  id: String(id),
  idempotencyKey: r.idempotencyKey,
  caseType: r.caseType,
  workflowId: r.workflowId,
  runId: r.runId,
  rootWorkflowId: r.rootWorkflowId ?? r.workflowId,
  parentWorkflowId: r.parentWorkflowId ?? null,
  sequence: r.sequence,
  decision: r.decision,
  stepBefore: r.stepBefore,
  stepAfter: r.stepAfter,
  actorId: r.actor.id,
  actorRole: r.actor.role,
  actorName: r.actor.name ?? null,
  reason: r.reason,
  payload: r.payload,
  evidence: r.evidence,
  sopId: r.sop.id,
  sopVersion: r.sop.version,
  ruleVersion: r.ruleVersion,
  decidedAt: r.decidedAt,
  recordedAt: r.decidedAt,
});
