import { Injectable } from '@nestjs/common';
import { listSops, MIGRATED_STATUS, type Actor } from '@meritflow/domain';
import {
  CaseTaskSnapshotEntity,
  CaseTaskSnapshotRepository,
  LedgerRepository,
  type OpenCaseFilter,
  type OpenCaseRow,
} from '@meritflow/persistence';
import {
  CASE_TYPE_LIST,
  caseTypeEntry,
  ROOT_CASE_TYPES,
  type InboxCaseView,
  type InboxCounts,
  type InboxTaskView,
  type InboxView,
} from '@meritflow/contracts';
import { listScope } from '../auth/case-scope';
import { WorkflowGateway } from '../temporal/workflow-gateway';
import {
  caseTasksOf,
  countTasks,
  keepsAsSnapshot,
  pageOfTasks,
  tasksForReader,
  visibleTasks,
  type CaseTasks,
  type TaskPageQuery,
  type WithTasks,
} from './inbox-tasks';

/** Workflow queries run this many at a time. */
const QUERY_CONCURRENCY = 8;
export const INBOX_DEFAULT_LIMIT = 50;

/**
 * The (SOP, step) pairs at which a case is over, whatever the SOP version. Pairs, not step ids: a
 * talent review ends at `approved`, where a vacancy only starts waiting for the case that fills it.
 */
const TERMINAL = [
  ...new Set(listSops().flatMap((s) => s.steps.filter((st) => st.terminal).map((st) => JSON.stringify([s.id, st.id])))),
].map((pair) => JSON.parse(pair) as [string, string]);

// The inbox's answers are defined once, in the contracts the console also reads.
export type { InboxCounts, InboxPendingTask } from '@meritflow/contracts';
export { pendingTasksOf } from './inbox-tasks';
export type InboxTask = InboxTaskView;
export type InboxCase = InboxCaseView;
export type Inbox = InboxView;

/** One open case as read for this call: its tasks as the reader sees them, or unavailable. */
interface ReadCase {
  row: OpenCaseRow;
  tasks: CaseTasks | null;
}

/** Every open case in the reader's scope with what it waits for, and how many were read from Temporal. */
interface Reading {
  cases: (InboxCaseView & { mine: InboxTaskView[] })[];
  refreshed: number;
  unavailable: number;
}

/**
 * The cross-case inbox over every open case in the caller's scope. What a case waits for is read from
 * its workflow only when its case tree changed since the last read (case_task_snapshots); the reader's
 * tasks, blind masking and overdue are worked out from the stored tasks on each call.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly snapshots: CaseTaskSnapshotRepository,
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
  ) {}

  async countsFor(actor: Actor, now: Date = new Date()): Promise<InboxCounts> {
    const r = await this.read(actor, now);
    return {
      ...countTasks(r.cases.flatMap((c) => c.mine)),
      truncated: r.unavailable > 0,
      unavailableCases: r.unavailable,
      refreshedCases: r.refreshed,
      generatedAt: now.toISOString(),
    };
  }

  async inboxFor(actor: Actor, now: Date = new Date(), query: Partial<TaskPageQuery> = {}): Promise<Inbox> {
    const q: TaskPageQuery = { ...query, limit: query.limit ?? INBOX_DEFAULT_LIMIT, offset: query.offset ?? 0 };
    const r = await this.read(actor, now);
    const { page, total } = pageOfTasks(
      r.cases.flatMap((c) => c.mine),
      q,
    );
    // The page's cases first (the console labels their steps by SOP), then the most recently active others.
    const onPage = new Set(page.map((t) => t.caseId));
    const cases = [...r.cases.filter((c) => onPage.has(c.caseId)), ...r.cases.filter((c) => !onPage.has(c.caseId))]
      .slice(0, Math.max(q.limit, onPage.size))
      .map(({ mine: _, ...c }) => c);
    return {
      actor: { id: actor.id, role: actor.role, agency: actor.agency, ...(actor.actingFor ? { actingFor: actor.actingFor.id } : {}) },
      generatedAt: now.toISOString(),
      tasks: page,
      total,
      limit: q.limit,
      offset: q.offset,
      cases,
      openCases: r.cases.length,
      truncated: r.unavailable > 0,
      unavailableCases: r.unavailable,
      refreshedCases: r.refreshed,
    };
  }

  private async read(actor: Actor, now: Date): Promise<Reading> {
    const rows = await this.snapshots.openCases(scopeOf(actor));
    const stale = rows.filter((row) => !row.snapshot);
    const fresh = await mapLimited(stale, QUERY_CONCURRENCY, (row) => this.query(row, now));
    await this.snapshots.save(fresh.flatMap((f) => (f.keep ? [f.keep] : [])));
    const byRun = new Map(fresh.map((f) => [f.read.row.runId, f.read]));
    const read: ReadCase[] = rows.map((row) => byRun.get(row.runId) ?? { row, tasks: row.snapshot && tasksOfSnapshot(row.snapshot) });
    // A vacancy's follow-up lasts until a case fills it; that case's decisions are in another tree, so ask now.
    const filled = await this.ledger.vacanciesBeingFilled(
      read.filter((c) => c.tasks && c.tasks.followUps.length > 0).map((c) => c.row.workflowId),
    );
    return {
      cases: read.map((c) => present(c, filled.has(c.row.workflowId), actor, now)),
      refreshed: stale.length,
      unavailable: read.filter((c) => !c.tasks).length,
    };
  }

  /** Asks the workflow what the case waits for; the answer is kept unless the workflow is about to change it. */
  private async query(row: OpenCaseRow, now: Date): Promise<{ read: ReadCase; keep: CaseTaskSnapshotEntity | null }> {
    const entry = caseTypeEntry(row.caseType);
    if (!entry) return { read: { row, tasks: emptyTasks(row) }, keep: null };
    try {
      const state = (await this.workflows.query(row.workflowId, entry.stateQuery)) as WithTasks;
      const tasks = caseTasksOf(entry, state, row.workflowId);
      const keep = keepsAsSnapshot(state, { id: row.sopId, version: row.sopVersion }, now)
        ? Object.assign(new CaseTaskSnapshotEntity(), {
            rootWorkflowId: row.workflowId,
            rootRunId: row.runId,
            treeVersion: row.treeVersion,
            ...tasks,
            capturedAt: now,
          })
        : null;
      return { read: { row, tasks }, keep };
    } catch {
      return { read: { row, tasks: null }, keep: null };
    }
  }
}

/** The open cases the actor's scope reaches: their agency's, and a move's origin agency too. */
function scopeOf(actor: Actor): OpenCaseFilter {
  const agency = listScope(actor);
  return {
    caseTypes: ROOT_CASE_TYPES,
    terminal: TERMINAL,
    excludeStatus: MIGRATED_STATUS,
    ...(agency
      ? {
          agency: {
            code: agency,
            reachedBy: CASE_TYPE_LIST.filter((e) => e.alsoReachedByDetails).map((e) => ({
              caseType: e.type,
              path: e.alsoReachedByDetails!,
            })),
          },
        }
      : {}),
  };
}

const tasksOfSnapshot = (s: CaseTaskSnapshotEntity): CaseTasks => ({
  step: s.step,
  status: s.status,
  pendingTasks: s.pendingTasks as unknown as CaseTasks['pendingTasks'],
  followUps: s.followUps as unknown as CaseTasks['followUps'],
  committeeIds: s.committeeIds,
  blindScoring: s.blindScoring as unknown as CaseTasks['blindScoring'],
});

const emptyTasks = (row: OpenCaseRow): CaseTasks => ({
  step: row.step,
  status: row.status,
  pendingTasks: [],
  followUps: [],
  committeeIds: [],
  blindScoring: null,
});

function present(c: ReadCase, filled: boolean, reader: Actor, now: Date): Reading['cases'][number] {
  const { row, tasks } = c;
  const base = {
    caseId: row.workflowId,
    caseType: row.caseType,
    agencyCode: row.agencyCode,
    title: row.title,
    sop: { id: row.sopId, version: row.sopVersion },
    updatedAt: row.updatedAt.toISOString(),
  };
  if (!tasks) return { ...base, step: row.step, status: row.status, pendingTasks: [], unavailable: true, mine: [] };
  const pendingTasks = visibleTasks(tasks, filled, reader, now);
  const mine = tasksForReader(pendingTasks, tasks.committeeIds, reader).map((t) => ({
    ...t,
    caseId: row.workflowId,
    caseType: row.caseType,
    agencyCode: row.agencyCode,
    title: row.title,
    step: tasks.step,
  }));
  return { ...base, step: tasks.step, status: tasks.status, pendingTasks, mine };
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
