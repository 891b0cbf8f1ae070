/** The periodic sweep that copies closed runs' histories into the PostgreSQL archive. */
export const HISTORY_ARCHIVE_SWEEP_WORKFLOW_TYPE = 'historyArchiveSweepWorkflow';
/** The Temporal Schedule that starts the sweep; created (or updated) by the worker at boot. */
export const HISTORY_ARCHIVE_SCHEDULE_ID = 'meritflow-history-archive-sweep';
/** The id of a sweep started on demand; one at a time, later callers wait for the same run. */
export const HISTORY_ARCHIVE_ON_DEMAND_WORKFLOW_ID = 'history-archive-sweep:on-demand';

export interface HistoryArchiveSweepInput {
  /** Runs archived per activity call; the workflow calls again while some are pending. */
  maxRunsPerPass?: number;
  /** Calls per sweep, so one sweep's history stays small. */
  maxPasses?: number;
}

export interface HistoryArchiveSweepReport {
  /** Closed case runs visibility listed since the watermark. */
  listed: number;
  /** Runs this sweep archived. */
  archived: number;
  /** Closed runs still not archived when it ended. */
  pending: number;
  /** Seconds since the oldest pending run closed; 0 when none is pending. */
  lagSeconds: number;
}

/** Activities of the archive sweep; implemented in apps/worker. */
export interface ArchiveActivities {
  sweepHistoryArchive(input: { maxRuns: number }): Promise<HistoryArchiveSweepReport>;
}
