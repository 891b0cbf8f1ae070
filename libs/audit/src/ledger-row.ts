/** The columns of the `decisions` table the audit compares, under the entity's property names. */
export interface LedgerRowFields {
  idempotencyKey: string;
  caseType: string;
  workflowId: string;
  runId: string;
  rootWorkflowId: string;
  parentWorkflowId: string | null;
  sequence: number;
  decision: string;
  stepBefore: string | null;
  stepAfter: string;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  /** Whom the actor acted for under a delegation; absent in exports made before delegations existed. */
  actingFor?: { id: string; name?: string; role: string; delegationId: string } | null;
  reason: string | null;
  payload: Record<string, unknown>;
  evidence: unknown[];
  sopId: string;
  sopVersion: string;
  ruleVersion: string | null;
}

/**
 * One row of the `decisions` table as plain JSON, as a case export carries it. Kept structural so
 * this library needs neither TypeORM nor the entity class.
 */
export interface LedgerRow extends LedgerRowFields {
  id: string;
  /** ISO 8601. */
  decidedAt: string;
  /** ISO 8601. */
  recordedAt: string;
  /** Every other column (the hash chain, say) travels as it is: binary as hex, times as ISO 8601. */
  [column: string]: unknown;
}

/** A row as the repository returns it (timestamps as Date) or as an export carries it (as strings). */
export interface LedgerRowLike extends LedgerRowFields {
  id?: string;
  decidedAt: Date | string;
  recordedAt?: Date | string;
}

const plain = (v: unknown): unknown => {
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return v;
};

/** Every column of a row, as JSON-safe values. */
export function toLedgerRow(row: LedgerRowLike): LedgerRow {
  const columns = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])) as unknown as LedgerRowFields;
  return {
    ...columns,
    id: String(row.id ?? ''),
    decidedAt: String(plain(row.decidedAt)),
    recordedAt: row.recordedAt === undefined ? '' : String(plain(row.recordedAt)),
  };
}
