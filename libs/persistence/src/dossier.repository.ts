import type { DataSource } from 'typeorm';
import { CaseEntity } from './entities/case.entity';

/** A ledger row's place in the hash chain; all null where the ledger has no chain (yet). */
export interface LedgerChainLink {
  chainSeq: number | null;
  rowHash: string | null;
  prevHash: string | null;
}

export const NO_CHAIN_LINK: LedgerChainLink = Object.freeze({ chainSeq: null, rowHash: null, prevHash: null });

/** Reads what a case dossier needs beyond the ledger repository: the case's newest run and the chain links. */
export class DossierRepository {
  private chainColumns?: Promise<boolean>;

  constructor(private readonly ds: DataSource) {}

  /** The newest run of a top-level case (a vacancy or an open selection), or null. */
  latestCase(caseId: string): Promise<CaseEntity | null> {
    return this.ds
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.workflow_id = :caseId', { caseId })
      .andWhere('c.workflow_id = c.root_workflow_id')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.run_id', 'DESC')
      .getOne();
  }

  /** Hash-chain links of the given decision ids, hex-encoded; an empty map where the chain columns do not exist. */
  async chainOf(decisionIds: readonly string[]): Promise<Map<string, LedgerChainLink>> {
    if (decisionIds.length === 0 || !(await this.hasChainColumns())) return new Map();
    const rows: { id: string; chain_seq: number | null; row_hash: string | null; prev_hash: string | null }[] = await this.ds.query(
      `SELECT id::text AS id, chain_seq, encode(row_hash, 'hex') AS row_hash, encode(prev_hash, 'hex') AS prev_hash
       FROM decisions WHERE id = ANY($1::bigint[])`,
      [decisionIds],
    );
    return new Map(
      rows.map((r) => [r.id, { chainSeq: r.chain_seq === null ? null : Number(r.chain_seq), rowHash: r.row_hash, prevHash: r.prev_hash }]),
    );
  }

  /** The hash chain ships in its own migration; asked once per process, since a schema change means a restart. */
  hasChainColumns(): Promise<boolean> {
    this.chainColumns ??= this.ds
      .query(
        `SELECT count(*)::int AS n FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'decisions' AND column_name IN ('chain_seq', 'row_hash', 'prev_hash')`,
      )
      .then((rows: { n: number }[]) => rows[0]?.n === 3)
      .catch((err: unknown) => {
        this.chainColumns = undefined;
        throw err;
      });
    return this.chainColumns;
  }
}
