import type { ErrorCode, ErrorParams } from '../errors';
import type { Actor } from '../roles';
import type { SopDefinition, SopStep, SopTransition, TransitionCondition } from './sop.types';

export interface DecisionRequest {
  decision: string;
  actor: Actor;
  reason?: string;
  fillingMethod?: string;
  evidence?: readonly unknown[];
}

export type DecisionVerdict =
  { ok: true; from: SopStep; to: SopStep; transition: SopTransition } | { ok: false; code: ErrorCode; params: ErrorParams };

export interface AllowedDecision {
  decision: string;
  roles: readonly string[];
  requires: readonly string[];
}

export function stepOf(sop: SopDefinition, stepId: string): SopStep {
  const step = sop.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`SOP ${sop.id}@${sop.version} has no step ${stepId}`);
  return step;
}

/** The plain transition of each decision at a step (a conditional variant is the workflow's choice, not another decision). */
const plainTransitions = (step: SopStep): SopTransition[] => step.transitions.filter((t) => !t.when);

export const allowedDecisions = (sop: SopDefinition, stepId: string): AllowedDecision[] =>
  plainTransitions(stepOf(sop, stepId)).map((t) => ({ decision: t.decision, roles: t.roles, requires: t.requires }));

/** The step a decision leads to when `condition` holds and the SOP lists a variant for it; null otherwise. */
export function conditionalTransition(
  sop: SopDefinition,
  stepId: string,
  decision: string,
  condition: TransitionCondition,
): SopStep | null {
  const t = stepOf(sop, stepId).transitions.find((x) => x.decision === decision && x.when === condition);
  return t ? stepOf(sop, t.to) : null;
}

const describeAllowed = (allowed: AllowedDecision[]): string[] => allowed.map((a) => `${a.decision} (${a.roles.join('/')})`);

/**
 * Decides whether a decision may be taken now, in the order a user needs to hear it:
 * is the decision possible at this step at all, may this role take it, is it complete.
 */
export function evaluateDecision(sop: SopDefinition, stepId: string, request: DecisionRequest): DecisionVerdict {
  const from = stepOf(sop, stepId);
  const allowed = allowedDecisions(sop, stepId);
  const base = { step: from.id, stepLabel: from.label, decision: request.decision, allowed: describeAllowed(allowed) };
  const transition = plainTransitions(from).find((t) => t.decision === request.decision);
  if (!transition) return { ok: false, code: 'DECISION_NOT_ALLOWED', params: base };
  if (!(transition.roles as readonly string[]).includes(request.actor.role)) {
    return { ok: false, code: 'ROLE_NOT_ALLOWED', params: { ...base, role: request.actor.role, roles: transition.roles } };
  }
  const missing = transition.requires.filter((field) => {
    if (field === 'evidence') return !request.evidence || request.evidence.length === 0;
    const value = request[field];
    return typeof value !== 'string' || value.trim().length === 0;
  });
  if (missing.length > 0) return { ok: false, code: 'DECISION_INCOMPLETE', params: { ...base, missing } };
  return { ok: true, from, to: stepOf(sop, transition.to), transition };
}

/** May this actor open a case under this SOP? */
export function evaluateStart(sop: SopDefinition, actor: Actor): { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams } {
  if ((sop.startDecision.roles as readonly string[]).includes(actor.role)) return { ok: true };
  return {
    ok: false,
    code: 'ROLE_NOT_ALLOWED',
    params: {
      step: 'start',
      decision: sop.startDecision.decision,
      role: actor.role,
      roles: sop.startDecision.roles,
      allowed: [`${sop.startDecision.decision} (${sop.startDecision.roles.join('/')})`],
    },
  };
}

/** The SOP's automatic transition `decision` from `stepId`; a workflow may take no other. */
export function autoTransition(sop: SopDefinition, stepId: string, decision: string): SopStep {
  const auto = stepOf(sop, stepId).auto?.find((a) => a.decision === decision);
  if (!auto) throw new Error(`SOP ${sop.id}@${sop.version} has no automatic ${decision} from ${stepId}`);
  return stepOf(sop, auto.to);
}
