import type { DecisionView } from '@meritflow/domain';
import type { CaseEntity, DecisionEntity } from '@meritflow/persistence';

/** Ledger rows as the API shows them: nested actor and SOP, ISO timestamps. */
export const presentDecision = (d: DecisionEntity): DecisionView => ({
  id: d.id,
  // A case's history includes its child workflows' decisions: each row says which workflow took it.
  workflowId: d.workflowId,
  runId: d.runId,
  rootWorkflowId: d.rootWorkflowId,
  parentWorkflowId: d.parentWorkflowId,
  sequence: d.sequence,
  decision: d.decision,
  stepBefore: d.stepBefore,
  stepAfter: d.stepAfter,
  actor: { id: d.actorId, role: d.actorRole, name: d.actorName, ...(d.actingFor ? { actingFor: d.actingFor } : {}) },
  reason: d.reason,
  payload: d.payload,
  evidence: d.evidence,
  sop: { id: d.sopId, version: d.sopVersion },
  ruleVersion: d.ruleVersion,
  decidedAt: d.decidedAt.toISOString(),
  recordedAt: d.recordedAt.toISOString(),
  idempotencyKey: d.idempotencyKey,
});

export const presentCase = (c: CaseEntity) => ({
  workflowId: c.workflowId,
  runId: c.runId,
  caseType: c.caseType,
  agencyCode: c.agencyCode,
  positionCode: c.businessKey,
  title: c.title,
  status: c.status,
  step: c.step,
  sop: { id: c.sopId, version: c.sopVersion },
  details: c.details,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
