import type { DecisionRow } from '@meritflow/domain';

/** The columns of the `decisions` table the audit compares, under the entity's property names. */
export interface LedgerRowFields extends Omit<
  DecisionRow,
  'id' | 'decidedAt' | 'recordedAt' | 'actingFor' | 'chainSeq' | 'prevHash' | 'rowHash'
> {
  /** Absent in exports made before delegations existed. */
  actingFor?: DecisionRow['actingFor'];
}

/**
 * One row of the `decisions` table as plain JSON, as a case export carries it. Kept structural so
 * this library needs neither TypeORM nor the entity class.
 */
export interface LedgerRow extends LedgerRowFields, Pick<DecisionRow, 'id' | 'decidedAt' | 'recordedAt'> {
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
