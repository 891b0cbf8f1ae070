import type { ErrorCode, ErrorParams } from '../errors';
import { isNational, type Actor } from '../roles';
import type { CommitteeMember } from '../selection/committee';
import { authorityOf } from './delegation';

type Verdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

const OK: Verdict = { ok: true };
const notAssigned = (actor: Actor, task: string): Verdict => ({
  ok: false,
  code: 'ACTOR_NOT_ASSIGNED',
  params: { actorId: actor.id, task },
});

/**
 * A committee member acts only on the selection they sit on (on their own seat, or the seat of the
 * member they act for), and the chair's steps only from the chair's seat. Before the committee is
 * formed there are no seats to check.
 */
export function evaluateCommitteeSeat(committee: readonly CommitteeMember[], actor: Actor, caseLabel: string): Verdict {
  if ((actor.role !== 'committee_chair' && actor.role !== 'committee_member') || committee.length === 0) return OK;
  const seat = committee.find((m) => m.id === authorityOf(actor));
  return seat && (actor.role !== 'committee_chair' || seat.isChair) ? OK : notAssigned(actor, `${actor.role} of ${caseLabel}`);
}

/** An assessor acts only on the candidates assigned to them, when the screening assigned any. */
export function evaluateAssessorAssignment(assessorIds: readonly string[] | undefined, actor: Actor, nip: string): Verdict {
  const assigned = assessorIds ?? [];
  return assigned.length === 0 || assigned.includes(actor.id) ? OK : notAssigned(actor, `assessment of ${nip}`);
}

/**
 * The people who can act in a candidate's assessment, so it need know only their duties: the assigned
 * assessors (evaluateAssessorAssignment admits nobody else) and the candidate. Null when the screening
 * assigned none: any assessor may then act, and the assessment must know every duty holder (every
 * candidate above all) to refuse one.
 */
export function assessmentActors(assessorIds: readonly string[] | undefined, nip: string): string[] | null {
  return assessorIds && assessorIds.length > 0 ? [...assessorIds, nip] : null;
}

/** Decisions of a move between agencies that belong to the agency the official leaves. */
export const ORIGIN_AGENCY_DECISIONS: readonly string[] = Object.freeze(['release', 'refuse_release']);

/**
 * Between agencies, the origin's PPK releases (or refuses to release) the official and the receiving
 * agency does the rest. Officers are told apart by the agency in their token; national bodies (BKN's
 * regional office) act for neither side. Decisions recorded before tokens carried an agency pass.
 */
export function evaluateMoveSide(
  move: { from: { agencyCode: string }; to: { agencyCode: string } },
  decision: string,
  actor: Actor,
): Verdict {
  if (move.from.agencyCode === move.to.agencyCode || actor.agency === undefined || isNational(actor)) return OK;
  const side = ORIGIN_AGENCY_DECISIONS.includes(decision) ? move.from.agencyCode : move.to.agencyCode;
  return actor.agency === side ? OK : notAssigned(actor, `${decision} on behalf of ${side} (you act for ${actor.agency})`);
}

/** Only the delegator, acting in their own right, or an administrator revokes a delegation. */
export function evaluateDelegationRevocation(actor: Actor, delegation: { id: string; delegatorId: string }): Verdict {
  if (actor.role === 'admin' || (!actor.actingFor && delegation.delegatorId === actor.id)) return OK;
  return {
    ok: false,
    code: 'ACCESS_DENIED',
    params: { role: actor.role, action: `revoke delegation ${delegation.id}`, roles: ['the delegator', 'admin'] },
  };
}
