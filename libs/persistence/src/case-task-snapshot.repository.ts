import type { DataSource } from 'typeorm';
import { CaseTaskSnapshotEntity } from './entities/case-task-snapshot.entity';

/** Which open root cases the inbox reads: the registry's root types, not at a terminal step, in scope. */
export interface OpenCaseFilter {
  caseTypes: readonly string[];
  /** (SOP id, step) pairs at which a case is over. */
  terminal: readonly (readonly [string, string])[];
  /** A run in this status waits for nothing (an SOP migration closed it). */
  excludeStatus: string;
  /** Absent: every agency. Otherwise the agency's own cases and those of `reachedBy` whose details name it. */
  agency?: { code: string; reachedBy: readonly { caseType: string; path: readonly string[] }[] };
}

/** One open root case, its case tree's version now, and its snapshot when that was read at this version. */
export interface OpenCaseRow {
  runId: string;
  workflowId: string;
  caseType: string;
  agencyCode: string;
  title: string;
  step: string;
  status: string;
  sopId: string;
  sopVersion: string;
  updatedAt: Date;
  treeVersion: string;
  /** Null when there is none or the tree changed since (then the workflow is asked again). */
  snapshot: CaseTaskSnapshotEntity | null;
}

interface Raw {
  run_id: string;
  workflow_id: string;
  case_type: string;
  agency_code: string;
  title: string;
  step: string;
  status: string;
  sop_id: string;
  sop_version: string;
  updated_at: Date;
  tree_version: string;
  s_step: string | null;
  s_status: string | null;
  pending_tasks: Record<string, unknown>[] | null;
  follow_ups: Record<string, unknown>[] | null;
  committee_ids: string[] | null;
  blind_scoring: Record<string, unknown> | null;
  captured_at: Date | null;
}

const SAVE_BATCH = 1000;

/** The inbox's read model (case_task_snapshots) beside the `cases` rows it caches. */
export class CaseTaskSnapshotRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Every open root case in the filter's scope, newest activity first, in one pass: with the version
   * of its case tree (how many runs, their decisions, the last one's time: any decision in the root or
   * a child changes it) and the stored snapshot if it was read at that same version.
   */
  async openCases(filter: OpenCaseFilter): Promise<OpenCaseRow[]> {
    const params: unknown[] = [
      [...filter.caseTypes],
      filter.terminal.map(([sop]) => sop),
      filter.terminal.map(([, step]) => step),
      filter.excludeStatus,
    ];
    let scope = '';
    if (filter.agency) {
      params.push(filter.agency.code);
      const agency = `$${params.length}`;
      const reached = filter.agency.reachedBy.map((r) => {
        params.push(r.caseType, `{${r.path.join(',')}}`);
        return ` OR (c.case_type = $${params.length - 1} AND c.details #>> $${params.length}::text[] = ${agency})`;
      });
      scope = `AND (c.agency_code = ${agency}${reached.join('')})`;
    }
    const rows: Raw[] = await this.ds.query(
      `SELECT c.run_id, c.workflow_id, c.case_type, c.agency_code, c.title, c.step, c.status, c.sop_id, c.sop_version,
              c.updated_at, v.tree_version,
              s.step AS s_step, s.status AS s_status, s.pending_tasks, s.follow_ups, s.committee_ids, s.blind_scoring,
              s.captured_at
         FROM cases c
        CROSS JOIN LATERAL (
              SELECT count(*)::text || ':' || sum(t.last_sequence)::text || ':'
                     || floor(extract(epoch FROM max(t.updated_at)) * 1000000)::bigint::text AS tree_version
                FROM cases t
               WHERE t.root_workflow_id = c.workflow_id) v
         LEFT JOIN case_task_snapshots s
           ON s.root_workflow_id = c.workflow_id AND s.root_run_id = c.run_id AND s.tree_version = v.tree_version
        WHERE c.workflow_id = c.root_workflow_id
          AND c.case_type = ANY($1::text[])
          AND (c.sop_id, c.step) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))
          AND c.status <> $4
          ${scope}
        ORDER BY c.updated_at DESC, c.run_id`,
      params,
    );
    return rows.map((r) => ({
      runId: r.run_id,
      workflowId: r.workflow_id,
      caseType: r.case_type,
      agencyCode: r.agency_code,
      title: r.title,
      step: r.step,
      status: r.status,
      sopId: r.sop_id,
      sopVersion: r.sop_version,
      updatedAt: r.updated_at,
      treeVersion: r.tree_version,
      snapshot:
        r.captured_at === null
          ? null
          : Object.assign(new CaseTaskSnapshotEntity(), {
              rootWorkflowId: r.workflow_id,
              rootRunId: r.run_id,
              treeVersion: r.tree_version,
              step: r.s_step!,
              status: r.s_status!,
              pendingTasks: r.pending_tasks ?? [],
              followUps: r.follow_ups ?? [],
              committeeIds: r.committee_ids,
              blindScoring: r.blind_scoring,
              capturedAt: r.captured_at,
            }),
    }));
  }

  /** Stores what was read, replacing the case's older snapshot; one statement for the lot. */
  async save(snapshots: readonly CaseTaskSnapshotEntity[]): Promise<void> {
    // In key order, so two calls storing the same cases at once lock their rows in the same order (no
    // deadlock); ten parameters a row, well under PostgreSQL's 65,535 a statement.
    const sorted = [...snapshots].sort((a, b) =>
      a.rootWorkflowId === b.rootWorkflowId ? (a.rootRunId < b.rootRunId ? -1 : 1) : a.rootWorkflowId < b.rootWorkflowId ? -1 : 1,
    );
    for (let i = 0; i < sorted.length; i += SAVE_BATCH) await this.saveBatch(sorted.slice(i, i + SAVE_BATCH));
  }

  private async saveBatch(snapshots: readonly CaseTaskSnapshotEntity[]): Promise<void> {
    if (snapshots.length === 0) return;
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    const params = snapshots.flatMap((s) => [
      s.rootWorkflowId,
      s.rootRunId,
      s.treeVersion,
      s.step,
      s.status,
      json(s.pendingTasks),
      json(s.followUps),
      json(s.committeeIds),
      json(s.blindScoring),
      s.capturedAt,
    ]);
    const rows = snapshots.map((_, r) => {
      const p = (k: number) => `$${r * 10 + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::jsonb, ${p(7)}::jsonb, ${p(8)}::jsonb, ${p(9)}::jsonb, ${p(10)}::timestamptz)`;
    });
    await this.ds.query(
      `INSERT INTO case_task_snapshots (root_workflow_id, root_run_id, tree_version, step, status, pending_tasks, follow_ups,
         committee_ids, blind_scoring, captured_at)
       VALUES ${rows.join(', ')}
       ON CONFLICT (root_workflow_id, root_run_id) DO UPDATE SET
         tree_version = EXCLUDED.tree_version, step = EXCLUDED.step, status = EXCLUDED.status,
         pending_tasks = EXCLUDED.pending_tasks, follow_ups = EXCLUDED.follow_ups, committee_ids = EXCLUDED.committee_ids,
         blind_scoring = EXCLUDED.blind_scoring, captured_at = EXCLUDED.captured_at`,
      params,
    );
  }
}
