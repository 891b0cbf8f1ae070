import type { ErrorCode, ErrorParams } from '../errors';
import type { Actor, Role } from '../roles';

/** Roles whose holder may hand them to a Plt/Plh for a period (domain.md §1: PPK, committee chair). */
export const DELEGABLE_ROLES: readonly Role[] = Object.freeze(['ppk', 'committee_chair']);

/**
 * Longest delegation accepted, in days. Plt/Plh assignments are usually up to 3 months and may be
 * extended; the ceiling is a setting, not a rule from the sources (unconfirmed), so it is generous.
 */
export const DELEGATION_MAX_DAYS = 180;

export interface DelegationRequest {
  delegateId: string;
  validFrom: string;
  validUntil: string;
}

type Verdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

const refuse = (reason: string): Verdict => ({ ok: false, code: 'DELEGATION_INVALID', params: { delegationId: '-', reason } });

/** Whether `delegator` may delegate their role as requested at `now`. Re-delegation is refused. */
export function evaluateDelegation(delegator: Actor, req: DelegationRequest, now: Date, maxDays = DELEGATION_MAX_DAYS): Verdict {
  if (delegator.actingFor) return refuse('a delegate cannot delegate further (re-delegation is refused)');
  if (!(DELEGABLE_ROLES as readonly string[]).includes(delegator.role)) return refuse(`only ${DELEGABLE_ROLES.join(', ')} may delegate`);
  if (req.delegateId === delegator.id) return refuse('one cannot delegate to oneself');
  const from = Date.parse(req.validFrom);
  const until = Date.parse(req.validUntil);
  if (!(until > from)) return refuse('validUntil must be after validFrom');
  if (until <= now.getTime()) return refuse('the period has already ended');
  if (until - from > maxDays * 86_400_000) return refuse(`at most ${maxDays} days`);
  return { ok: true };
}

/** On whose authority an actor acts: the delegator's id under a delegation, else their own. */
export const authorityOf = (actor: Actor): string => actor.actingFor?.id ?? actor.id;
