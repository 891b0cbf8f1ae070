import type { Client } from '@temporalio/client';
import type { ArchiveEntry, ArchiveKind } from '@meritflow/domain';
import { encodeHistory, runFactsOf } from './archived-history';
import type { History } from './history.types';

/** The case a run belongs to, as the workflow contracts' case-id rules name it. */
export interface RunCase {
  rootId: string;
  caseType: string;
  agencyCode: string;
}

/** Where archived histories go (libs/persistence HistoryArchiveRepository). */
export interface ArchiveStore {
  archive(entry: ArchiveEntry<Buffer>): Promise<{ inserted: boolean }>;
  closedRunsArchived(runIds: readonly string[]): Promise<Set<string>>;
}

export interface ArchivedRun {
  workflowId: string;
  runId: string;
  kind: ArchiveKind;
  sha256: string;
  eventCount: number;
  inserted: boolean;
}

/**
 * Copies one run's history from Temporal into the archive: as `closed` when the run has ended, else
 * as a `snapshot` of what it holds now. Idempotent: the archive and its ledger row are written once.
 */
export async function archiveRun(
  temporal: Client,
  store: ArchiveStore,
  run: { workflowId: string; runId: string },
  kase: RunCase,
  fetched?: History,
): Promise<ArchivedRun> {
  const history = fetched ?? (await temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory());
  const facts = runFactsOf(history);
  const encoded = encodeHistory(history);
  const kind: ArchiveKind = facts.closedAt ? 'closed' : 'snapshot';
  const { inserted } = await store.archive({
    kind,
    caseType: kase.caseType,
    agencyCode: kase.agencyCode,
    rootWorkflowId: kase.rootId,
    workflowId: run.workflowId,
    runId: run.runId,
    parentWorkflowId: facts.parentWorkflowId,
    workflowType: facts.workflowType,
    status: facts.status,
    startedAt: facts.startedAt,
    closedAt: facts.closedAt,
    eventCount: encoded.eventCount,
    sizeBytes: encoded.sizeBytes,
    sha256: encoded.sha256,
    gzip: encoded.gzip,
    pbSha256: encoded.pbSha256,
    pbGzip: encoded.pbGzip,
  });
  return { workflowId: run.workflowId, runId: run.runId, kind, sha256: encoded.sha256, eventCount: encoded.eventCount, inserted };
}

export interface SweepOptions {
  /** Closed runs are listed from here on (the previous sweep's watermark); null lists them all. */
  since: Date | null;
  /** Archive at most this many runs in one call; the rest stay pending for the next. */
  maxRuns: number;
  /** Which workflow ids are cases (roots or children); others (the sweep itself) are passed by. */
  caseOf: (workflowId: string) => RunCase | null;
  /** Called after each run, e.g. to heartbeat an activity. */
  onProgress?: (archived: number) => void;
}

export interface SweepResult {
  listed: number;
  archived: number;
  pending: number;
  /** The close time of the oldest closed run still not archived; null when none is pending. */
  oldestPendingClosedAt: Date | null;
  /** The newest close time seen; every run closed before the next watermark is archived. */
  newestClosedAt: Date | null;
}

const toVisibilityTime = (d: Date): string => d.toISOString();

/**
 * Finds closed case runs Temporal still holds that the archive lacks, and archives them. Listed
 * through visibility, so a run appears a little after it closed: callers move the watermark back by
 * a margin.
 */
export async function sweepClosedRuns(temporal: Client, store: ArchiveStore, opts: SweepOptions): Promise<SweepResult> {
  const query = [`ExecutionStatus != 'Running'`, ...(opts.since ? [`CloseTime >= '${toVisibilityTime(opts.since)}'`] : [])].join(' AND ');
  const closed: { workflowId: string; runId: string; closedAt: Date; kase: RunCase }[] = [];
  for await (const wf of temporal.workflow.list({ query })) {
    const kase = opts.caseOf(wf.workflowId);
    if (kase && wf.closeTime) closed.push({ workflowId: wf.workflowId, runId: wf.runId, closedAt: wf.closeTime, kase });
  }
  const newestClosedAt = closed.reduce<Date | null>((m, r) => (!m || r.closedAt > m ? r.closedAt : m), null);
  const archived = await store.closedRunsArchived(closed.map((r) => r.runId));
  // Oldest first, so the watermark can move past whatever this call finishes.
  const todo = closed.filter((r) => !archived.has(r.runId)).sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
  let done = 0;
  for (const run of todo.slice(0, opts.maxRuns)) {
    await archiveRun(temporal, store, run, run.kase);
    done++;
    opts.onProgress?.(done);
  }
  const left = todo.slice(done);
  return {
    listed: closed.length,
    archived: done,
    pending: left.length,
    oldestPendingClosedAt: left[0]?.closedAt ?? null,
    newestClosedAt,
  };
}
