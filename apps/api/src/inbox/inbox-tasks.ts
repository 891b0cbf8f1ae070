import {
  byUrgency,
  getSop,
  isOverdue,
  isTaskFor,
  maskCandidates,
  readsBlind,
  SYSTEM_ROLE,
  type Actor,
  type BlindScoringState,
  type SopRef,
} from '@meritflow/domain';
import {
  ROOT_CASE_TYPES,
  type CaseStateBase,
  type CaseTypeEntry,
  type InboxCounts,
  type InboxPendingTask,
  type InboxTaskView,
  type PendingTask,
} from '@meritflow/contracts';
import { followUpTasksOf } from './follow-up-tasks';

/** A case state that lists its own pending tasks (a selection, which waits on many people at once). */
export type WithTasks = CaseStateBase & { pendingTasks?: PendingTask[]; committee?: { id: string }[]; blindScoring?: BlindScoringState };

/** What the inbox keeps of a case's state: everything it needs to answer any reader without asking the workflow. */
export interface CaseTasks {
  step: string;
  status: string;
  pendingTasks: InboxPendingTask[];
  /** Tasks to start the case that follows; left out once a case fills the vacancy (another case tree). */
  followUps: InboxPendingTask[];
  /** Null: the case keeps no roster (a move's TPK), so committee tasks go by role. */
  committeeIds: string[] | null;
  blindScoring: BlindScoringState | null;
}

/**
 * What a case waits for, read from its state: its own task list where it keeps one, otherwise one task
 * per role that may take a decision now (the first decision, with the others as options). Decisions
 * the registry calls side decisions (withdraw, close, override) make no task on their own.
 */
export function pendingTasksOf(entry: CaseTypeEntry, state: WithTasks, workflowId: string): InboxPendingTask[] {
  if (Array.isArray(state.pendingTasks)) return state.pendingTasks;
  const byRole = new Map<string, string[]>();
  for (const d of state.allowedDecisions) {
    if (entry.sideDecisions.includes(d.decision)) continue;
    for (const role of d.roles) if (role !== SYSTEM_ROLE) byRole.set(role, [...(byRole.get(role) ?? []), d.decision]);
  }
  const dueAt = state.deadline ? { dueAt: state.deadline.dueAt } : {};
  return [...byRole.entries()].map(([role, options]) => ({
    role,
    decision: options[0],
    ...(options.length > 1 ? { options } : {}),
    workflowId,
    ...dueAt,
  }));
}

export function caseTasksOf(entry: CaseTypeEntry, state: WithTasks, workflowId: string): CaseTasks {
  return {
    step: state.step,
    status: state.status,
    pendingTasks: pendingTasksOf(entry, state, workflowId),
    followUps: followUpTasksOf(entry, state, workflowId),
    committeeIds: state.committee ? state.committee.map((m) => m.id) : null,
    blindScoring: state.blindScoring ?? null,
  };
}

/**
 * Whether a state read now may be kept until the case tree changes. Not while the workflow is about to
 * change it without a ledger row: a step whose SOP sets a deadline, entered a moment ago, has none yet
 * (the deadline loop computes it after the decision that entered the step); and a deadline that has
 * passed but is not yet handled is about to be replaced (an extension records its decision first and
 * sets the new deadline after). Such a state is used for this answer and read again next time.
 */
export function keepsAsSnapshot(
  state: Pick<CaseStateBase, 'step' | 'deadline'> & { sop?: SopRef },
  fallbackSop: SopRef,
  now: Date,
): boolean {
  let step;
  try {
    step = getSop(state.sop ?? fallbackSop).steps.find((s) => s.id === state.step);
  } catch {
    return false;
  }
  if (!step) return false;
  if (step.deadline && (!state.deadline || state.deadline.step !== state.step)) return false;
  const handled = String(state.deadline?.onExpiry ?? '').endsWith(':done');
  if (state.deadline && !handled && !(Date.parse(state.deadline.dueAt) > now.getTime())) return false;
  return true;
}

/** Every task of a case as this reader may see it (blind selections masked), overdue marked now. */
export function visibleTasks(c: CaseTasks, filled: boolean, reader: Actor, now: Date): (InboxPendingTask & { overdue: boolean })[] {
  const tasks = [...c.pendingTasks, ...(filled ? [] : c.followUps)];
  const seen = c.blindScoring && readsBlind(reader, c.blindScoring) ? maskCandidates(tasks, c.blindScoring.codes) : tasks;
  return seen.map((t) => ({ ...t, overdue: isOverdue(t, now) }));
}

/** The tasks of a case that are the reader's. */
export const tasksForReader = (
  tasks: (InboxPendingTask & { overdue: boolean })[],
  committeeIds: string[] | null,
  reader: Actor,
): (InboxPendingTask & { overdue: boolean })[] => tasks.filter((t) => isTaskFor(reader, t, committeeIds));

/** In all, overdue, and per root case type (every type listed, zeros included). */
export function countTasks(
  tasks: readonly Pick<InboxTaskView, 'caseType' | 'overdue'>[],
): Pick<InboxCounts, 'total' | 'overdue' | 'byCaseType'> {
  const byCaseType: InboxCounts['byCaseType'] = Object.fromEntries(ROOT_CASE_TYPES.map((t) => [t, { total: 0, overdue: 0 }]));
  let overdue = 0;
  for (const t of tasks) {
    const c = (byCaseType[t.caseType] ??= { total: 0, overdue: 0 });
    c.total++;
    if (t.overdue) {
      c.overdue++;
      overdue++;
    }
  }
  return { total: tasks.length, overdue, byCaseType };
}

export interface TaskPageQuery {
  limit: number;
  offset: number;
  caseType?: string;
  overdue?: boolean;
}

/** The tasks matching the filters, most urgent first (ties by case id and position, so pages are stable), and the page asked for. */
export function pageOfTasks(tasks: readonly InboxTaskView[], q: TaskPageQuery): { page: InboxTaskView[]; total: number } {
  const matching = tasks
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => (q.caseType === undefined || t.caseType === q.caseType) && (q.overdue === undefined || t.overdue === q.overdue))
    .sort((a, b) => byUrgency(a.t, b.t) || a.t.caseId.localeCompare(b.t.caseId) || a.i - b.i)
    .map(({ t }) => t);
  return { page: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
}
