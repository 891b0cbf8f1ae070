import type { DataSource } from 'typeorm';
import type { ComplianceInput } from '@meritflow/domain';

type LedgerFacts = Omit<ComplianceInput, 'agencyCode' | 'from' | 'to'>;

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();

/**
 * The ledger facts one agency's compliance indicators are computed from (computeCompliance in
 * libs/domain). The agency of a decision is the agency of its case run in the `cases` read model.
 */
export class ComplianceRepository {
  constructor(private readonly ds: DataSource) {}

  async facts(agencyCode: string, from: Date, to: Date): Promise<LedgerFacts> {
    const [approved, selections, runs, tallies, declarations] = await Promise.all([
      this.ds.query(
        `SELECT d.workflow_id AS vacancy_id, d.decided_at AS approved_at, d.payload->>'fillingMethod' AS filling_method,
                c.details->>'positionClass' AS position_class, c.step AS vacancy_step
         FROM decisions d JOIN cases c ON c.run_id = d.run_id
         WHERE d.case_type = 'vacancy' AND d.decision = 'approve' AND c.agency_code = $1
           AND d.decided_at >= $2 AND d.decided_at < $3`,
        [agencyCode, from, to],
      ),
      // Which vacancies a selection fills is fixed when it opens (its first decision).
      this.ds.query(
        `SELECT c.workflow_id AS selection_id, c.updated_at AS closed_at,
                COALESCE((SELECT jsonb_agg(p->>'vacancyId') FROM jsonb_array_elements(d.payload->'posts') p), '[]'::jsonb) AS vacancy_ids
         FROM cases c JOIN decisions d ON d.run_id = c.run_id AND d.sequence = 1
         WHERE c.case_type = 'open-selection' AND c.workflow_id = c.root_workflow_id AND c.agency_code = $1 AND c.step = 'closed'`,
        [agencyCode],
      ),
      this.ds.query(
        `SELECT c.workflow_id AS case_id, c.run_id, c.case_type, c.sop_id, c.sop_version, c.step,
                min(d.decided_at) AS first_at, max(d.decided_at) AS last_at
         FROM cases c JOIN decisions d ON d.run_id = c.run_id AND d.sequence > 0  -- archive rows are not decisions
         WHERE c.workflow_id = c.root_workflow_id AND c.agency_code = $1
         GROUP BY c.run_id
         HAVING max(d.decided_at) >= $2 AND max(d.decided_at) < $3`,
        [agencyCode, from, to],
      ),
      this.ds.query(
        `SELECT d.decision, d.step_before, d.actor_role, d.sop_id, d.sop_version,
                jsonb_array_length(d.evidence) > 0 AS with_evidence, count(*)::int AS n
         FROM decisions d JOIN cases c ON c.run_id = d.run_id
         WHERE c.agency_code = $1 AND d.sequence > 0 AND d.decided_at >= $2 AND d.decided_at < $3
         GROUP BY 1, 2, 3, 4, 5, 6`,
        [agencyCode, from, to],
      ),
      this.ds.query(
        `SELECT COALESCE(d.payload->'declarations', '[]'::jsonb) AS declarations
         FROM decisions d JOIN cases c ON c.run_id = d.run_id
         WHERE c.agency_code = $1 AND d.decision = 'declare_interests' AND d.decided_at >= $2 AND d.decided_at < $3`,
        [agencyCode, from, to],
      ),
    ]);
    return {
      approvedVacancies: approved.map((r: Record<string, any>) => ({
        vacancyId: r.vacancy_id,
        positionClass: r.position_class ?? '',
        fillingMethod: r.filling_method ?? null,
        approvedAt: iso(r.approved_at),
        vacancyStep: r.vacancy_step,
      })),
      closedSelections: selections.map((r: Record<string, any>) => ({
        selectionId: r.selection_id,
        vacancyIds: (r.vacancy_ids as unknown[]).filter((v): v is string => typeof v === 'string'),
        closedAt: iso(r.closed_at),
      })),
      caseRuns: runs.map((r: Record<string, any>) => ({
        caseId: r.case_id,
        runId: r.run_id,
        caseType: r.case_type,
        sop: { id: r.sop_id, version: r.sop_version },
        step: r.step,
        firstDecisionAt: iso(r.first_at),
        lastDecisionAt: iso(r.last_at),
      })),
      decisions: tallies.map((r: Record<string, any>) => ({
        decision: r.decision,
        stepBefore: r.step_before,
        actorRole: r.actor_role,
        sop: { id: r.sop_id, version: r.sop_version },
        withEvidence: r.with_evidence === true,
        count: Number(r.n),
      })),
      interestDeclarations: declarations.map((r: { declarations: unknown }) => (Array.isArray(r.declarations) ? r.declarations : [])),
    };
  }
}
