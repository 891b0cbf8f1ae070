import { createHash } from 'node:crypto';
import { canonicalJson } from '@meritflow/domain';
import type { LedgerRow } from './ledger-row';

/**
 * Offline verification of a case's hash chain as an export carries it: each row's hash recomputed
 * from the canonical text the database hashed (`decision_canonical`), each link to the row before,
 * the numbering from 1, and every column of the row against that canonical text, so an edit to the
 * file, to a column or to the canonical text itself, is found without the database.
 */

export type ChainRowProblem = 'sequence_gap' | 'link_broken' | 'content_altered' | 'field_altered' | 'canonical_missing';

export interface ChainCheck {
  rootWorkflowId: string;
  rowsChecked: number;
  ok: boolean;
  head: { chainSeq: number; rowHash: string } | null;
  /** The first problem found, in chain order. */
  problem: { chainSeq: number | null; idempotencyKey: string | null; kind: ChainRowProblem; field?: string; detail: string } | null;
}

/** Reads a PostgreSQL text[] literal as `array_out` writes it: quoted elements unescaped, bare NULL as null. */
export function parsePgTextArray(literal: string): (string | null)[] {
  if (!literal.startsWith('{') || !literal.endsWith('}')) throw new Error('not an array literal');
  const out: (string | null)[] = [];
  let i = 1;
  const end = literal.length - 1;
  if (i === end) return out;
  while (i <= end) {
    if (literal[i] === '"') {
      let value = '';
      i++;
      while (i < end && literal[i] !== '"') {
        if (literal[i] === '\\') i++;
        value += literal[i];
        i++;
      }
      if (literal[i] !== '"') throw new Error('unterminated quoted element');
      out.push(value);
      i++;
    } else {
      let j = i;
      while (j < end && literal[j] !== ',') j++;
      const raw = literal.slice(i, j);
      out.push(raw === 'NULL' ? null : raw);
      i = j;
    }
    if (i === end) break;
    if (literal[i] !== ',') throw new Error(`unexpected character at ${i}`);
    i++;
  }
  return out;
}

type FieldKind = 'text' | 'int' | 'json' | 'time';
type Field = [name: string, kind: FieldKind];

const BEFORE_ACTOR: Field[] = [
  ['chainSeq', 'int'],
  ['idempotencyKey', 'text'],
  ['caseType', 'text'],
  ['workflowId', 'text'],
  ['runId', 'text'],
  ['rootWorkflowId', 'text'],
  ['parentWorkflowId', 'text'],
  ['sequence', 'int'],
  ['decision', 'text'],
  ['stepBefore', 'text'],
  ['stepAfter', 'text'],
  ['actorId', 'text'],
  ['actorRole', 'text'],
  ['actorName', 'text'],
];
const AFTER_ACTOR: Field[] = [
  ['reason', 'text'],
  ['payload', 'json'],
  ['evidence', 'json'],
  ['sopId', 'text'],
  ['sopVersion', 'text'],
  ['ruleVersion', 'text'],
  ['decidedAt', 'time'],
  ['recordedAt', 'time'],
];

/** The element layout of each canonical form version, as the migrations define `decision_canonical`. */
const LAYOUTS: Record<string, Field[]> = {
  'meritflow.decision/v1': [...BEFORE_ACTOR, ...AFTER_ACTOR],
  'meritflow.decision/v2': [...BEFORE_ACTOR, ['actingFor', 'json'], ...AFTER_ACTOR],
};

const same = (kind: FieldKind, canonical: string | null, value: unknown): boolean => {
  if (canonical === null) return value === null || value === undefined;
  switch (kind) {
    case 'text':
      return value === canonical;
    case 'int':
      return value !== null && value !== undefined && String(value) === canonical;
    case 'json':
      return value !== null && value !== undefined && canonicalJson(JSON.parse(canonical)) === canonicalJson(value);
    case 'time': {
      // The canonical text has microseconds; an export's ISO time has milliseconds.
      const t = Date.parse(canonical);
      return typeof value === 'string' && Number.isFinite(t) && Math.floor(t) === Date.parse(value);
    }
  }
};

/** The first column of the row that its canonical text does not say, or null when all agree. */
export function fieldMismatch(row: LedgerRow, canonical: string): string | null {
  const elements = parsePgTextArray(canonical);
  const layout = LAYOUTS[elements[0] ?? ''];
  if (!layout) return '(version)';
  if (elements.length !== layout.length + 1) return '(length)';
  const index = layout.findIndex(([name, kind], i) => !same(kind, elements[i + 1], row[name]));
  return index < 0 ? null : layout[index][0];
}

const sha256 = (prev: Buffer, canonical: string): string =>
  createHash('sha256').update(prev).update(Buffer.from(canonical, 'utf8')).digest('hex');

const hex = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v.toLowerCase() : null);

/** Verifies one case's whole chain, as the export carries it; rows may come in any order. */
export function verifyChainRows(rootWorkflowId: string, rows: readonly LedgerRow[]): ChainCheck {
  const chain = rows.filter((r) => r.rootWorkflowId === rootWorkflowId).sort((a, b) => Number(a.chainSeq) - Number(b.chainSeq));
  const result = (problem: ChainCheck['problem']): ChainCheck => {
    const last = chain[chain.length - 1];
    return {
      rootWorkflowId,
      rowsChecked: chain.length,
      ok: problem === null,
      head: last ? { chainSeq: Number(last.chainSeq), rowHash: hex(last.rowHash) ?? '' } : null,
      problem,
    };
  };
  let prevHash: string | null = null;
  for (const [i, row] of chain.entries()) {
    const at = { chainSeq: Number(row.chainSeq), idempotencyKey: row.idempotencyKey };
    if (Number(row.chainSeq) !== i + 1) {
      return result({ ...at, kind: 'sequence_gap', detail: `expected chain_seq ${i + 1}, found ${String(row.chainSeq)}` });
    }
    const canonical = row.canonical;
    if (typeof canonical !== 'string') return result({ ...at, kind: 'canonical_missing', detail: 'the row carries no canonical text' });
    if (hex(row.prevHash) !== prevHash) {
      return result({ ...at, kind: 'link_broken', detail: `prev_hash ${hex(row.prevHash)} is not the previous row's hash ${prevHash}` });
    }
    const computed = sha256(Buffer.from(prevHash ?? '', 'hex'), canonical);
    if (computed !== hex(row.rowHash)) {
      return result({ ...at, kind: 'content_altered', detail: `row_hash ${hex(row.rowHash)}, recomputed ${computed}` });
    }
    let field: string | null;
    try {
      field = fieldMismatch(row, canonical);
    } catch (err) {
      field = `(unreadable: ${(err as Error).message})`;
    }
    if (field) return result({ ...at, kind: 'field_altered', field, detail: `the column ${field} differs from what the hash covers` });
    prevHash = computed;
  }
  return result(null);
}
