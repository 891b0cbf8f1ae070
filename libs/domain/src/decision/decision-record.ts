import type { Actor } from '../roles';
import type { SopRef } from '../sop/sop.types';

export interface EvidenceRef {
  /** What the document is, e.g. "sk_pansel", "nota_dinas". */
  kind: string;
  title?: string;
  /** Where the document lives (document store URI or registry number). */
  uri?: string;
  /** Lower-case hex SHA-256 of the document's content. */
  sha256?: string;
}

/** One row of the decision ledger: who, in what role, what, why, when, under which SOP, with what evidence. */
export interface DecisionRecord {
  /** workflowId:runId:sequence; a retried write with the same key is a no-op. */
  idempotencyKey: string;
  caseType: string;
  workflowId: string;
  runId: string;
  /** The top-level case this run belongs to (itself when it has no parent), for the case's full history. */
  rootWorkflowId: string;
  parentWorkflowId: string | null;
  /** 1-based order of the decision within the run. */
  sequence: number;
  decision: string;
  stepBefore: string | null;
  stepAfter: string;
  statusAfter: string;
  actor: Actor;
  reason: string | null;
  payload: Record<string, unknown>;
  evidence: EvidenceRef[];
  sop: SopRef;
  /** Version of the rule set that produced a verdict recorded with this decision, if any. */
  ruleVersion: string | null;
  /** Workflow time at which the decision was accepted (ISO 8601). */
  decidedAt: string;
  /** The case this decision belongs to, for the listing read model. */
  case: CaseSummary;
}

export interface CaseSummary {
  agencyCode: string;
  businessKey: string;
  title: string;
  details: Record<string, unknown>;
}

export const decisionKey = (workflowId: string, runId: string, sequence: number): string => `${workflowId}:${runId}:${sequence}`;
