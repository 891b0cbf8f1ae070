import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  byUrgency,
  isOverdue,
  isTaskFor,
  listSops,
  maskCandidates,
  MIGRATED_STATUS,
  readsBlind,
  SYSTEM_ROLE,
  type Actor,
  type BlindScoringState,
} from '@meritflow/domain';
import { CaseEntity, LedgerRepository } from '@meritflow/persistence';
import {
  CASE_TYPE_LIST,
  caseTypeEntry,
  ROOT_CASE_TYPES,
  type CaseStateBase,
  type CaseTypeEntry,
  type InboxCaseView,
  type InboxCounts,
  type InboxPendingTask,
  type InboxTaskView,
  type InboxView,
  type PendingTask,
} from '@meritflow/contracts';
import { listScope } from '../auth/case-scope';
import { WorkflowGateway } from '../temporal/workflow-gateway';
import { followUpTasksOf } from './follow-up-tasks';

/** At most this many open cases are looked at per call (newest activity first), so one call stays bounded. */
export const INBOX_MAX_CASES = 100;
/** Workflow queries run this many at a time. */
const QUERY_CONCURRENCY = 8;

/**
 * The (SOP, step) pairs at which a case is over, whatever the SOP version. Pairs, not step ids: a
 * talent review ends at `approved`, where a vacancy only starts waiting for the case that fills it.
 */
const TERMINAL = [
  ...new Set(listSops().flatMap((s) => s.steps.filter((st) => st.terminal).map((st) => JSON.stringify([s.id, st.id])))),
].map((pair) => JSON.parse(pair) as [string, string]);

// The inbox's answers are defined once, in the contracts the console also reads.
export type { InboxCounts, InboxPendingTask } from '@meritflow/contracts';
export type InboxTask = InboxTaskView;
export type InboxCase = InboxCaseView;
export type Inbox = InboxView;

/** A case state that lists its own pending tasks (a selection, which waits on many people at once). */
type WithTasks = CaseStateBase & { pendingTasks?: PendingTask[]; committee?: { id: string }[]; blindScoring?: BlindScoringState };

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

/** The cross-case inbox: open cases in the caller's scope, and what each waits for (by workflow query). */
@Injectable()
export class InboxService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
  ) {}

  async countsFor(actor: Actor, now: Date = new Date()): Promise<InboxCounts> {
    const inbox = await this.inboxFor(actor, now);
    const byCaseType = Object.fromEntries(ROOT_CASE_TYPES.map((t) => [t, { total: 0, overdue: 0 }]));
    for (const t of inbox.tasks) {
      const c = (byCaseType[t.caseType] ??= { total: 0, overdue: 0 });
      c.total++;
      if (t.overdue) c.overdue++;
    }
    return {
      total: inbox.tasks.length,
      overdue: inbox.tasks.filter((t) => t.overdue).length,
      byCaseType,
      truncated: inbox.truncated,
      generatedAt: inbox.generatedAt,
    };
  }

  async inboxFor(actor: Actor, now: Date = new Date()): Promise<Inbox> {
    const qb = this.ds
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.workflow_id = c.root_workflow_id')
      .andWhere('c.case_type IN (:...types)', { types: [...ROOT_CASE_TYPES] })
      .andWhere('(c.sop_id, c.step) NOT IN (SELECT * FROM unnest(CAST(:terminalSops AS text[]), CAST(:terminalSteps AS text[])))', {
        terminalSops: TERMINAL.map(([sop]) => sop),
        terminalSteps: TERMINAL.map(([, step]) => step),
      })
      // A run an SOP migration closed waits for nothing: its successor carries the case.
      .andWhere('c.status <> :migrated', { migrated: MIGRATED_STATUS });
    const agency = listScope(actor);
    if (agency) {
      // Another agency that reaches a case (the agency a person leaves, in a move) waits on it too.
      const reached = CASE_TYPE_LIST.filter((e) => e.alsoReachedByDetails).map(
        (e, i) => `(c.case_type = :reachType${i} AND c.details #>> :reachPath${i} = :agency)`,
      );
      const params = Object.fromEntries(
        CASE_TYPE_LIST.filter((e) => e.alsoReachedByDetails).flatMap((e, i) => [
          [`reachType${i}`, e.type],
          [`reachPath${i}`, `{${e.alsoReachedByDetails!.join(',')}}`],
        ]),
      );
      qb.andWhere(`(c.agency_code = :agency${reached.map((r) => ` OR ${r}`).join('')})`, { agency, ...params });
    }
    const [rows, total] = await qb.orderBy('c.updated_at', 'DESC').addOrderBy('c.run_id', 'ASC').take(INBOX_MAX_CASES).getManyAndCount();

    const cases = await mapLimited(rows, QUERY_CONCURRENCY, (c) => this.caseView(c, now, actor));
    const tasks: InboxTask[] = cases.flatMap((c) =>
      c.pendingTasks
        .filter((t) => isTaskFor(actor, t, c.committeeIds))
        .map((t) => ({ ...t, caseId: c.caseId, caseType: c.caseType, agencyCode: c.agencyCode, title: c.title, step: c.step })),
    );
    tasks.sort(byUrgency);
    return {
      actor: { id: actor.id, role: actor.role, agency: actor.agency, ...(actor.actingFor ? { actingFor: actor.actingFor.id } : {}) },
      generatedAt: now.toISOString(),
      tasks,
      cases: cases.map(({ committeeIds: _, ...c }) => c),
      openCases: total,
      truncated: total > rows.length,
    };
  }

  private async caseView(c: CaseEntity, now: Date, actor: Actor): Promise<InboxCase & { committeeIds: string[] | null }> {
    const base = {
      caseId: c.workflowId,
      caseType: c.caseType,
      agencyCode: c.agencyCode,
      title: c.title,
      step: c.step,
      status: c.status,
      sop: { id: c.sopId, version: c.sopVersion },
      updatedAt: c.updatedAt.toISOString(),
    };
    const mark = (t: InboxPendingTask) => ({ ...t, overdue: isOverdue(t, now) });
    const entry = caseTypeEntry(c.caseType);
    if (!entry) return { ...base, pendingTasks: [], committeeIds: [] };
    try {
      const state = (await this.workflows.query(c.workflowId, entry.stateQuery)) as WithTasks;
      // A blind selection's committee and assessors see candidate codes in their tasks, not NIPs.
      const tasks = [...pendingTasksOf(entry, state, c.workflowId), ...(await this.openFollowUps(entry, state, c.workflowId))];
      return {
        ...base,
        step: state.step,
        status: state.status,
        pendingTasks: (readsBlind(actor, state.blindScoring) ? maskCandidates(tasks, state.blindScoring!.codes) : tasks).map(mark),
        // A case without a roster (a move's TPK) leaves committee tasks to the role.
        committeeIds: state.committee ? state.committee.map((m) => m.id) : null,
      };
    } catch {
      return { ...base, pendingTasks: [], committeeIds: [], unavailable: true };
    }
  }

  /** Follow-up tasks, unless a case that fills this one already runs (the ledger links it back). */
  private async openFollowUps(entry: CaseTypeEntry, state: WithTasks, workflowId: string): Promise<InboxPendingTask[]> {
    const tasks = followUpTasksOf(entry, state, workflowId);
    if (tasks.length === 0) return [];
    return (await this.ledger.casesFillingVacancy(workflowId)).length > 0 ? [] : tasks;
  }
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
