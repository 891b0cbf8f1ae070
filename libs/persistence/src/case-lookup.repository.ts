import type { DataSource } from 'typeorm';

/** Reads of the case list that answer "did this case exist, and where did it stop". */
export class CaseLookupRepository {
  constructor(private readonly ds: DataSource) {}

  /** The step and status the latest run of a workflow was last recorded at; null when it never ran. */
  async lastRecordedStep(workflowId: string): Promise<{ step: string; status: string } | null> {
    const rows: { step: string; status: string }[] = await this.ds.query(
      `SELECT step, status FROM cases WHERE workflow_id = $1 ORDER BY created_at DESC, updated_at DESC LIMIT 1`,
      [workflowId],
    );
    return rows[0] ?? null;
  }
}
