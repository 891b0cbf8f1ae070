// No imports: the console type-checks this file on its own (apps/console/tsconfig.json).

/**
 * One row of the decision ledger (the `decisions` table) as plain data, under the entity's property
 * names: times ISO 8601, hashes lower-case hex. The one declaration of a ledger row: the entity, the
 * audit's exported rows, the API's presentation, the dossier and the console derive theirs from it.
 */
export interface DecisionRow {
  id: string;
  /** workflowId:runId:sequence; a retried write with the same key is a no-op. */
  idempotencyKey: string;
  caseType: string;
  workflowId: string;
  runId: string;
  /** The top-level case this run belongs to (itself when it has no parent). */
  rootWorkflowId: string;
  parentWorkflowId: string | null;
  /** 1-based order of the decision within the run; 0 for the archive's rows in the chain. */
  sequence: number;
  decision: string;
  stepBefore: string | null;
  stepAfter: string;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  /** Whom the actor acted for under a delegation (Plt/Plh, see ActingFor); null when in their own right. */
  actingFor: { id: string; name?: string; role: string; delegationId: string } | null;
  reason: string | null;
  payload: Record<string, unknown>;
  evidence: unknown[];
  sopId: string;
  sopVersion: string;
  ruleVersion: string | null;
  decidedAt: string;
  recordedAt: string;
  /** 1-based position in the case's hash chain. */
  chainSeq: number;
  /** rowHash of the case's previous row; null for its first. */
  prevHash: string | null;
  rowHash: string;
}

/** The columns held in memory as something other than text: times as Date, hashes as bytes. */
export type DecisionRowStoredAs = 'decidedAt' | 'recordedAt' | 'prevHash' | 'rowHash';

/** A ledger row as the API presents it: the actor and the SOP nested, the chain left out. */
export type DecisionView = Pick<
  DecisionRow,
  | 'id'
  | 'workflowId'
  | 'runId'
  | 'rootWorkflowId'
  | 'parentWorkflowId'
  | 'sequence'
  | 'decision'
  | 'stepBefore'
  | 'stepAfter'
  | 'reason'
  | 'payload'
  | 'evidence'
  | 'ruleVersion'
  | 'decidedAt'
  | 'recordedAt'
  | 'idempotencyKey'
> & {
  actor: {
    id: DecisionRow['actorId'];
    role: DecisionRow['actorRole'];
    name: DecisionRow['actorName'];
    actingFor?: NonNullable<DecisionRow['actingFor']>;
  };
  sop: { id: DecisionRow['sopId']; version: DecisionRow['sopVersion'] };
};
