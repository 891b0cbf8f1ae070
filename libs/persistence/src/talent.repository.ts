import type { DataSource } from 'typeorm';
import {
  projectProfile,
  type PersonProfile,
  type PoolEntry,
  type RegisterEvent,
  type TalentReviewExclusion,
  type TalentReviewPlacement,
} from '@meritflow/domain';
import { RegisterRepository } from './register.repository';

export interface StoredPoolMember {
  nip: string;
  performance: 'below' | 'meets' | 'above';
  potential: 'low' | 'medium' | 'high';
  box: number;
  adjusted: boolean;
}

export interface StoredPool {
  reviewId: string;
  agencyCode: string;
  period: string;
  validFrom: string;
  validTo: string;
  approvedBy: string;
  approvedAt: string;
  members: StoredPoolMember[];
}

/**
 * Talent reviews' placements and approved pools (migration 1764910000000). Both tables are
 * append-only; every write is keyed by review and NIP, so an activity's retry writes nothing more.
 */
export class TalentRepository {
  private readonly register: RegisterRepository;

  constructor(private readonly ds: DataSource) {
    this.register = new RegisterRepository(ds);
  }

  /** Every person the agency's register holds, each as of `asOf` (those not yet registered then are left out). */
  async profilesOfAgency(agencyCode: string, asOf: string): Promise<PersonProfile[]> {
    const rows: { nip: string }[] = await this.ds.query(`SELECT nip FROM register_people WHERE agency_code = $1 ORDER BY nip`, [
      agencyCode,
    ]);
    const events = await this.register.loadEvents(
      this.ds.manager,
      agencyCode,
      rows.map((r) => r.nip),
    );
    const byNip = new Map<string, RegisterEvent[]>();
    for (const e of events) byNip.set(e.nip, [...(byNip.get(e.nip) ?? []), e]);
    return rows.map((r) => projectProfile(byNip.get(r.nip) ?? [], asOf)).filter((p): p is PersonProfile => p !== null);
  }

  async savePlacements(
    review: { reviewId: string; agencyCode: string; period: string; asOf: string; settingsVersion: string },
    placements: readonly TalentReviewPlacement[],
    exclusions: readonly TalentReviewExclusion[],
  ): Promise<number> {
    const rows = [
      ...placements.map((p) => [p.nip, true, p.placement.performance, p.placement.potential, p.placement.box, p, p.registerVersion]),
      ...exclusions.map((e) => [e.nip, false, null, null, null, e, null]),
    ];
    if (rows.length === 0) return 0;
    const values: unknown[] = [review.reviewId, review.agencyCode, review.period, review.asOf, review.settingsVersion];
    const tuples = rows.map((r) => {
      const at = values.length;
      values.push(r[0], r[1], r[2], r[3], r[4], JSON.stringify(r[5]), r[6]);
      return `($1, $2, $3, $4, $5, ${[1, 2, 3, 4, 5, 6, 7].map((i) => `$${at + i}`).join(', ')})`;
    });
    const result: unknown[] = await this.ds.query(
      `INSERT INTO talent_review_placements (review_id, agency_code, period, as_of, settings_version, nip, placed, performance, potential, box, detail, register_version)
       VALUES ${tuples.join(', ')} ON CONFLICT (review_id, nip) DO NOTHING RETURNING nip`,
      values,
    );
    return result.length;
  }

  /** The placements a review stored, placed ones first. */
  async placements(reviewId: string): Promise<{ placements: TalentReviewPlacement[]; exclusions: TalentReviewExclusion[] }> {
    const rows: { placed: boolean; detail: unknown }[] = await this.ds.query(
      `SELECT placed, detail FROM talent_review_placements WHERE review_id = $1 ORDER BY nip`,
      [reviewId],
    );
    return {
      placements: rows.filter((r) => r.placed).map((r) => r.detail as TalentReviewPlacement),
      exclusions: rows.filter((r) => !r.placed).map((r) => r.detail as TalentReviewExclusion),
    };
  }

  async savePool(pool: StoredPool): Promise<number> {
    if (pool.members.length === 0) return 0;
    const values: unknown[] = [pool.reviewId, pool.agencyCode, pool.period, pool.validFrom, pool.validTo, pool.approvedBy, pool.approvedAt];
    const tuples = pool.members.map((m) => {
      const at = values.length;
      values.push(m.nip, m.performance, m.potential, m.box, m.adjusted);
      return `($1, $2, $3, $4, $5, $6, $7, ${[1, 2, 3, 4, 5].map((i) => `$${at + i}`).join(', ')})`;
    });
    const result: unknown[] = await this.ds.query(
      `INSERT INTO talent_pools (review_id, agency_code, period, valid_from, valid_to, approved_by, approved_at, nip, performance, potential, box, adjusted)
       VALUES ${tuples.join(', ')} ON CONFLICT (review_id, nip) DO NOTHING RETURNING nip`,
      values,
    );
    return result.length;
  }

  /** The approved pool entry of `nip` in `agencyCode` valid on `asOf`: the latest approved when pools overlap. */
  async poolEntry(agencyCode: string, nip: string, asOf: string): Promise<PoolEntry | null> {
    const rows: Record<string, string | number | Date>[] = await this.ds.query(
      `SELECT review_id, agency_code, period, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
              approved_at, performance, potential, box
         FROM talent_pools WHERE agency_code = $1 AND nip = $2 AND valid_from <= $3::date AND valid_to >= $3::date
        ORDER BY approved_at DESC LIMIT 1`,
      [agencyCode, nip, asOf],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      reviewId: r.review_id as string,
      agencyCode: r.agency_code as string,
      period: r.period as string,
      validFrom: r.valid_from as string,
      validTo: r.valid_to as string,
      approvedAt: (r.approved_at as Date).toISOString(),
      placement: { performance: r.performance, potential: r.potential, box: Number(r.box) } as PoolEntry['placement'],
    };
  }

  /** The pools of an agency approved for a period (one per review). */
  async pools(agencyCode: string, period?: string): Promise<StoredPool[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT review_id, agency_code, period, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
              approved_by, approved_at, nip, performance, potential, box, adjusted
         FROM talent_pools WHERE agency_code = $1 AND ($2::text IS NULL OR period = $2) ORDER BY review_id, nip`,
      [agencyCode, period ?? null],
    );
    const pools = new Map<string, StoredPool>();
    for (const r of rows) {
      const id = r.review_id as string;
      if (!pools.has(id)) {
        pools.set(id, {
          reviewId: id,
          agencyCode: r.agency_code as string,
          period: r.period as string,
          validFrom: r.valid_from as string,
          validTo: r.valid_to as string,
          approvedBy: r.approved_by as string,
          approvedAt: (r.approved_at as Date).toISOString(),
          members: [],
        });
      }
      pools.get(id)!.members.push({
        nip: r.nip as string,
        performance: r.performance as StoredPoolMember['performance'],
        potential: r.potential as StoredPoolMember['potential'],
        box: Number(r.box),
        adjusted: r.adjusted as boolean,
      });
    }
    return [...pools.values()];
  }

  /**
   * Posts filled in [from, to) from the ledger: open-selection inaugurations, talent-promotion decrees
   * and mutation or rotation decrees of single moves (a bulk move's collective decree is not counted).
   */
  async fillsInPeriod(
    agencyCode: string,
    from: Date,
    to: Date,
  ): Promise<{ openSelection: number; talentPool: number; mutationOrRotation: number }> {
    const [r] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE d.case_type = 'open-selection' AND d.decision = 'record_inauguration')::int AS open_selection,
              count(*) FILTER (WHERE d.case_type = 'move' AND d.decision = 'record_decree' AND c.details->>'kind' = 'talent_promotion')::int AS talent_pool,
              count(*) FILTER (WHERE d.case_type = 'move' AND d.decision = 'record_decree' AND c.details->>'kind' IN ('mutation', 'rotation'))::int AS moves
         FROM decisions d JOIN cases c ON c.run_id = d.run_id
        WHERE c.agency_code = $1 AND d.decided_at >= $2 AND d.decided_at < $3
          AND d.decision IN ('record_inauguration', 'record_decree')`,
      [agencyCode, from, to],
    );
    return { openSelection: r.open_selection, talentPool: r.talent_pool, mutationOrRotation: r.moves };
  }
}
