import type { Actor } from '../roles';

/** A step waiting for someone: the role that must act, the person when the case names one, and by when. */
export interface TaskRef {
  role: string;
  actorId?: string;
  dueAt?: string;
}

const COMMITTEE_ROLES: readonly string[] = ['committee_member', 'committee_chair'];

/**
 * Whether a pending task is the actor's: their role takes it (the chair scores as a member too), it
 * names them or the official they act for, and a committee task unnamed goes only to the case's
 * committee. `committeeIds` null: the case keeps no roster (a move's TPK chair is not named in it), so
 * the role decides.
 */
export function isTaskFor(actor: Actor, task: TaskRef, committeeIds: readonly string[] | null): boolean {
  const me = [actor.id, ...(actor.actingFor ? [actor.actingFor.id] : [])];
  const role = actor.actingFor?.role ?? actor.role;
  const takes = role === task.role || (task.role === 'committee_member' && role === 'committee_chair');
  if (!takes) return false;
  if (task.actorId) return me.includes(task.actorId);
  return !COMMITTEE_ROLES.includes(task.role) || committeeIds === null || committeeIds.some((id) => me.includes(id));
}

export const isOverdue = (task: TaskRef, now: Date): boolean => task.dueAt !== undefined && Date.parse(task.dueAt) < now.getTime();

/** Overdue first, then by due date, undated last. */
export const byUrgency = (a: TaskRef & { overdue: boolean }, b: TaskRef & { overdue: boolean }): number =>
  Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff');
