import type { Role } from '../roles';

/** A deadline is counted in Indonesian working days; seconds exist only for test-only SOP versions. */
export type SopDuration = { workingDays: number } | { calendarDays: number } | { seconds: number };

/** `handler`: the workflow applies the step's own rule (e.g. the minimum-applicant check). */
export type DeadlineAction = 'remind' | 'escalate' | 'close' | 'handler';

export interface SopDeadline {
  after: SopDuration;
  onExpiry: DeadlineAction;
  /** Who is reminded or escalated to; recorded with the automatic decision. */
  notifyRole: Role;
  /** Step entered when onExpiry is "close". */
  closeTo?: string;
}

/** Extra input a decision must carry, checked by the workflow's update validator. */
export type DecisionRequirement = 'reason' | 'fillingMethod' | 'evidence';

/** A rule set the workflow evaluates before it takes the transition (a blocked attempt is recorded). */
export type TransitionGuard = 'mobility_rules';

/**
 * A condition under which a decision leads elsewhere than its plain transition: the same decision is
 * listed twice at a step, once plain and once with `when`, and the workflow takes the conditional one
 * when the condition holds (a decree that attaches a reporting duty opens the reporting step).
 */
export type TransitionCondition = 'reporting_duty';

export interface SopTransition {
  decision: string;
  roles: readonly Role[];
  to: string;
  requires: readonly DecisionRequirement[];
  guard?: TransitionGuard;
  when?: TransitionCondition;
}

/** A duty the case owes while at a step (a report due by the step's deadline), met by `metBy`. */
export interface SopDuty {
  kind: 'report';
  metBy: string;
  basis: readonly string[];
  label: { id: string; en: string };
}

/** A transition the system takes by itself (a rule or a timer), recorded with the system actor. */
export interface SopAutoTransition {
  decision: string;
  to: string;
}

export interface SopStep {
  id: string;
  /** Case status shown to users and used for listing while the case is at this step. */
  status: string;
  label: { id: string; en: string };
  transitions: readonly SopTransition[];
  auto?: readonly SopAutoTransition[];
  deadline?: SopDeadline;
  duty?: SopDuty;
  terminal: boolean;
}

export interface SopDefinition {
  id: string;
  version: string;
  /** ISO date from which this version applies to new cases. */
  effectiveFrom: string;
  title: { id: string; en: string };
  legalBasis: readonly string[];
  initialStep: string;
  /** Decision recorded when the case starts (e.g. "propose"), by a role allowed to start it. */
  startDecision: { decision: string; roles: readonly Role[] };
  steps: readonly SopStep[];
  /** Short-duration versions for tests; refused unless explicitly enabled. */
  testOnly: boolean;
  /**
   * A variant of the same procedure for one kind of case (the decision chain of a senior post): a new
   * case gets it only when its facts ask for it, never as the newest version. Absent: the default line.
   */
  variant?: string;
}

export interface SopRef {
  id: string;
  version: string;
}
