import type { DataSource } from 'typeorm';

/** What is wrong at a case's first broken row, in the order the database checks it. */
export const CHAIN_PROBLEMS = ['sequence_gap', 'link_broken', 'content_altered'] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

export interface ChainHead {
  rootWorkflowId: string;
  chainSeq: number;
  /** Lower-case hex SHA-256. */
  rowHash: string;
}

export interface BrokenLink {
  rootWorkflowId: string;
  chainSeq: number;
  decisionId: string;
  problem: ChainProblem;
  /**
   * What the chain requires and what is stored: the next chain_seq for a gap, the previous row's
   * row_hash against this row's prev_hash for a broken link, and the hash of the row's present content
   * against its stored row_hash for altered content.
   */
  expected: string | null;
  actual: string | null;
  decision: string;
  actorId: string;
  actorRole: string;
  /** Rows of the case failing any check, this one included (rows after a break often pass again). */
  brokenRows: number;
  message: { id: string; en: string };
}

export interface LedgerVerification {
  valid: boolean;
  rowsChecked: number;
  cases: number;
  broken: BrokenLink[];
  heads: ChainHead[];
  durationMs: number;
}

interface VerifyRow {
  root_workflow_id: string;
  rows_checked: string;
  broken_rows: string;
  head_chain_seq: number;
  head_row_hash: Buffer | null;
  broken_chain_seq: number | null;
  broken_decision_id: string | null;
  problem: ChainProblem | null;
  expected: string | null;
  actual: string | null;
  broken_decision: string | null;
  broken_actor_id: string | null;
  broken_actor_role: string | null;
}

export function describeBrokenLink(b: Omit<BrokenLink, 'message'>): { id: string; en: string } {
  const who = {
    id: `keputusan "${b.decision}" oleh ${b.actorId} (${b.actorRole})`,
    en: `decision "${b.decision}" by ${b.actorId} (${b.actorRole})`,
  };
  switch (b.problem) {
    case 'content_altered':
      return {
        id: `${b.rootWorkflowId}: isi catatan diubah pada chain_seq ${b.chainSeq} (${who.id})`,
        en: `${b.rootWorkflowId}: content altered at chain_seq ${b.chainSeq} (${who.en})`,
      };
    case 'link_broken':
      return {
        id: `${b.rootWorkflowId}: rantai terputus pada chain_seq ${b.chainSeq} (${who.id}): prev_hash tidak sama dengan row_hash catatan sebelumnya; catatan ditukar, disisipkan atau dihapus`,
        en: `${b.rootWorkflowId}: link broken at chain_seq ${b.chainSeq} (${who.en}): prev_hash differs from the previous row's row_hash; rows swapped, inserted or removed`,
      };
    case 'sequence_gap':
      return {
        id: `${b.rootWorkflowId}: nomor rantai melompat: seharusnya chain_seq ${b.expected}, tercatat ${b.actual} (${who.id}); catatan hilang atau disisipkan`,
        en: `${b.rootWorkflowId}: chain_seq gap: expected ${b.expected}, found ${b.actual} (${who.en}); rows missing or inserted`,
      };
  }
}

/** Checks the ledger's hash chains inside PostgreSQL (verify_decision_chain), one case or all. */
export class LedgerVerifier {
  constructor(private readonly ds: DataSource) {}

  verifyCase(rootWorkflowId: string): Promise<LedgerVerification> {
    return this.run(rootWorkflowId);
  }

  verifyAll(): Promise<LedgerVerification> {
    return this.run(null);
  }

  private async run(rootWorkflowId: string | null): Promise<LedgerVerification> {
    const started = performance.now();
    const rows: VerifyRow[] = await this.ds.query('SELECT * FROM verify_decision_chain($1)', [rootWorkflowId]);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const broken: BrokenLink[] = [];
    let rowsChecked = 0;
    for (const r of rows) {
      rowsChecked += Number(r.rows_checked);
      if (r.problem === null) continue;
      const link: Omit<BrokenLink, 'message'> = {
        rootWorkflowId: r.root_workflow_id,
        chainSeq: r.broken_chain_seq as number,
        decisionId: String(r.broken_decision_id),
        problem: r.problem,
        expected: r.expected,
        actual: r.actual,
        decision: r.broken_decision ?? '-',
        actorId: r.broken_actor_id ?? '-',
        actorRole: r.broken_actor_role ?? '-',
        brokenRows: Number(r.broken_rows),
      };
      broken.push({ ...link, message: describeBrokenLink(link) });
    }
    return {
      valid: broken.length === 0,
      rowsChecked,
      cases: rows.length,
      broken,
      heads: rows.map((r) => ({
        rootWorkflowId: r.root_workflow_id,
        chainSeq: r.head_chain_seq,
        rowHash: r.head_row_hash?.toString('hex') ?? '',
      })),
      durationMs,
    };
  }
}
