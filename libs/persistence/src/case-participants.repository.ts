import type { DataSource } from 'typeorm';
import type { CaseParticipantRole, CaseParticipation } from '@meritflow/domain';

/**
 * Another agency that reaches a case of a type, read from the case read model's `details` at `path`
 * (the agency a moved official leaves). The caller passes the case-type registry's entries.
 */
export interface CaseReach {
  caseType: string;
  path: readonly string[];
}

interface Row {
  case_id: string;
  case_type: string;
  agency_code: string;
  title: string;
  status: string;
  step: string;
  roles: CaseParticipantRole[];
  decided_as: string[] | null;
  since: Date;
  updated_at: Date;
  total: number;
}

/** The cases an official took part in, from `case_participants` (filled from the ledger) and the case read model. */
export class CaseParticipantsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The cases `nip` took part in that `agencyCode` reaches (its own, or another's that reaches it, such
   * as a move out of it), newest first, each with every role they had and the case's latest run.
   */
  async casesOf(
    nip: string,
    scope: { agencyCode: string; reach: readonly CaseReach[] },
    page: { limit: number; offset: number },
  ): Promise<{ items: CaseParticipation[]; total: number }> {
    const params: unknown[] = [nip, scope.agencyCode, page.limit, page.offset];
    const reached = scope.reach.map((r) => {
      params.push(r.caseType, `{${r.path.join(',')}}`);
      return `(c.case_type = $${params.length - 1} AND c.details #>> $${params.length}::text[] = $2)`;
    });
    const rows: Row[] = await this.ds.query(
      `WITH p AS (
         SELECT case_id, min(agency_code) AS agency_code, array_agg(DISTINCT role ORDER BY role) AS roles,
                array_agg(DISTINCT decided_as ORDER BY decided_as) FILTER (WHERE decided_as <> '') AS decided_as,
                min(first_seen_at) AS since
           FROM case_participants WHERE nip = $1 GROUP BY case_id
       ), latest AS (
         SELECT DISTINCT ON (c.workflow_id) c.* FROM cases c JOIN p ON p.case_id = c.workflow_id
          ORDER BY c.workflow_id, c.created_at DESC, c.run_id DESC
       )
       SELECT p.case_id, c.case_type, c.agency_code, c.title, c.status, c.step, p.roles, p.decided_as, p.since, c.updated_at,
              count(*) OVER ()::int AS total
         FROM p JOIN latest c ON c.workflow_id = p.case_id
        WHERE p.agency_code = $2${reached.map((r) => ` OR ${r}`).join('')}
        ORDER BY c.created_at DESC, p.case_id
        LIMIT $3 OFFSET $4`,
      params,
    );
    // A page past the end has no row to carry the count.
    const total = rows.length > 0 ? rows[0].total : page.offset > 0 ? (await this.casesOf(nip, scope, { limit: 1, offset: 0 })).total : 0;
    return {
      total,
      items: rows.map((r) => ({
        caseId: r.case_id,
        caseType: r.case_type,
        agencyCode: r.agency_code,
        title: r.title,
        status: r.status,
        step: r.step,
        roles: r.roles,
        decidedAs: r.decided_as ?? [],
        since: r.since.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      })),
    };
  }
}
