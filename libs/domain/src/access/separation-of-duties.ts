import type { ErrorCode, ErrorParams } from '../errors';
import type { Actor, ActorRole } from '../roles';

/**
 * The duties a person holds in one case (and its children). The initiator, the committee members and
 * the PPK must be different people, and a candidate (or the official being moved) never acts on
 * their own case.
 */
export const DUTIES = ['initiator', 'committee', 'ppk', 'candidate'] as const;
export type Duty = (typeof DUTIES)[number];

/** Person id → duties held; a plain object so it survives workflow state and child inputs. */
export type DutyRegistry = Record<string, Duty[]>;

/** The duty a role takes on by acting; other roles (HR after the start, assessors, overseers) take none. */
export const dutyOfRole = (role: ActorRole): Duty | null =>
  role === 'ppk' ? 'ppk' : role === 'committee_member' || role === 'committee_chair' ? 'committee' : null;

type Verdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

const EXCLUSIVE: readonly Duty[] = ['initiator', 'committee', 'ppk'];

/** Whether `personId` may take on `duty` given what they already hold. */
export function checkDuty(registry: DutyRegistry, personId: string, duty: Duty | null): Verdict {
  const holds = registry[personId] ?? [];
  if (holds.includes('candidate') || (duty === 'candidate' && holds.length > 0 && !holds.every((h) => h === 'candidate'))) {
    return {
      ok: false,
      code: 'SEPARATION_OF_DUTIES',
      params: { actorId: personId, holds, duty: duty ?? 'actor', rule: 'candidate_never_acts' },
    };
  }
  if (duty && EXCLUSIVE.includes(duty)) {
    const other = holds.filter((h) => h !== duty && EXCLUSIVE.includes(h));
    if (other.length > 0)
      return { ok: false, code: 'SEPARATION_OF_DUTIES', params: { actorId: personId, holds: other, duty, rule: 'distinct_people' } };
  }
  return { ok: true };
}

/** Checks the actor, and the official they act for under a delegation, against the duty their role takes on. */
export function checkActorDuties(registry: DutyRegistry, actor: Actor): Verdict {
  // A candidate acts only as themselves, on their own result (the decision's rule checks the NIP).
  if (actor.role === 'candidate' && !actor.actingFor) return { ok: true };
  const duty = dutyOfRole(actor.role);
  for (const id of [actor.id, actor.actingFor?.id]) {
    if (!id) continue;
    const v = checkDuty(registry, id, duty);
    if (!v.ok) return v;
  }
  return { ok: true };
}

/** Records that `personId` holds `duty` (idempotent). */
export function assignDuty(registry: DutyRegistry, personId: string, duty: Duty): void {
  const held = (registry[personId] ??= []);
  if (!held.includes(duty)) held.push(duty);
}

/** Whoever names a committee (the PPK, or a delegate for them) cannot name themselves to it. */
export function checkNominatorNotNominated(actor: Actor, nomineeIds: readonly string[], duty: Duty): Verdict {
  const self = nomineeIds.find((id) => id === actor.id || id === actor.actingFor?.id);
  if (!self) return { ok: true };
  return {
    ok: false,
    code: 'SEPARATION_OF_DUTIES',
    params: { actorId: self, holds: [dutyOfRole(actor.role) ?? actor.role], duty, rule: 'distinct_people' },
  };
}

/**
 * An assessor holds no other duty in the selection: not its initiator, committee member, PPK or a
 * candidate (committee members and candidates are registered in `registry` as they are named).
 */
export function checkAssessor(registry: DutyRegistry, assessorId: string): Verdict {
  if ((registry[assessorId] ?? []).length === 0) return { ok: true };
  return {
    ok: false,
    code: 'SEPARATION_OF_DUTIES',
    params: { actorId: assessorId, holds: registry[assessorId], duty: 'assessor', rule: 'distinct_people' },
  };
}
