import {
  applyOverride,
  asOfInstant,
  evaluateMove,
  wibDate,
  type AsOfBasis,
  MOBILITY_RULES,
  mayFillWithoutOpenSelection,
  OVERRIDE_RULES,
  policyInForce,
  poolMembership,
  type MobilityRule,
  type MobilityVerdict,
  type MoveEvaluation,
} from '@meritflow/domain';
import type { MobilityFacts, MoveEvaluationView, MoveState, MoveWorkflowInput } from '@meritflow/contracts';

export const isOverridable = (rule: string): boolean =>
  (MOBILITY_RULES as readonly string[]).includes(rule) && OVERRIDE_RULES[rule as MobilityRule].overridable;

export interface EvaluationDate {
  date: string;
  basis: AsOfBasis;
}

/**
 * The mobility rules in force on the effective date `asOf` applied as of that date to a move, with the
 * talent-pool rule for a promotion and any override recorded on the case; without `asOf` (cases
 * started before effective dates were recorded) as of `now`. Pure: the facts come in from an activity.
 */
export function evaluateMoveNow(
  input: Pick<MoveWorkflowInput, 'move' | 'talent'>,
  facts: MobilityFacts,
  overrides: MoveState['overrides'],
  now: Date,
  asOf?: EvaluationDate,
): MoveEvaluationView {
  const at = asOf ? asOfInstant(asOf.date) : now;
  const policy = policyInForce(at);
  let ev: MoveEvaluation = evaluateMove(input.move, { windows: facts.windows, approvals: facts.approvals }, policy, at);
  if (input.talent) {
    // From the 2027 rules the placement that counts is the approved pool's, not the one typed in.
    const pooled = policy.talent.requirePoolMembership ? facts.talentPool : null;
    const talent = mayFillWithoutOpenSelection(
      {
        positionClass: input.move.to.positionClass,
        placement: pooled ? pooled.placement : input.talent.placement,
        agencyMeritCategory: facts.agencyMerit?.category ?? null,
      },
      policy,
    );
    const verdicts: MobilityVerdict[] = [...ev.verdicts, talent];
    // From the 2027 rules: the person must be in an approved pool valid on the as-of date.
    if (policy.talent.requirePoolMembership) {
      const member = poolMembership(input.move.person.nip, facts.talentPool ?? null, wibDate(at));
      verdicts.push({ rule: 'talentPoolMembership', ...member });
    }
    const blocking = verdicts.filter((v) => !v.passed && !v.overridden);
    ev = { ...ev, verdicts, blocking, allowed: blocking.length === 0 };
  }
  for (const o of overrides) {
    // An override lifts the rules it names that still block; one that passes by now needs no lifting.
    const rules = o.rules.filter((r) => ev.blocking.some((v) => v.rule === r));
    if (rules.length === 0) continue;
    const doc = o.legalBasis[0];
    const applied = applyOverride(ev, { rules, legalBasis: { documentRef: doc?.uri ?? doc?.sha256 ?? '', title: doc?.title ?? o.reason } });
    if (applied.ok) ev = applied.value;
  }
  return {
    allowed: ev.allowed,
    ruleVersion: ev.ruleVersion,
    evaluatedAt: now.toISOString(),
    asOf: asOf?.date ?? wibDate(now),
    asOfBasis: asOf?.basis ?? 'decision_time',
    verdicts: ev.verdicts.map((v) => ({
      rule: v.rule,
      ruleVersion: v.ruleVersion,
      passed: v.passed,
      fact: v.fact,
      message: v.message,
      ...(v.overridden ? { overridden: true } : {}),
      ...(v.periods ? { periods: v.periods } : {}),
      ...(v.approvals ? { approvals: v.approvals } : {}),
      ...(v.due ? { due: true } : {}),
    })),
    facts,
  };
}
