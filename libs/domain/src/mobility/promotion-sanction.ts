import { wibDate } from '../calendar/working-days';
import { sanctionInForce } from '../register/sanction-consequences';
import type { MobilityPolicy } from './mobility-policy';
import type { MoveFacts } from './move';
import type { MobilityVerdict } from './rules';

/**
 * From the 2027 rules: a talent promotion is a promotion, so a sanction in force on its date
 * (imposedOn ≤ date ≤ endsOn, read from the register) blocks it (sanction-consequences.ts).
 */
export function sanctionInForceOnPromotion(move: MoveFacts, policy: MobilityPolicy, asOf: Date): MobilityVerdict | null {
  if (move.kind !== 'talent_promotion' || !policy.promotionBlockedWhileSanctioned) return null;
  const v = sanctionInForce(move.person.sanctions, wibDate(asOf));
  return { rule: 'sanctionInForce', ruleVersion: policy.version, passed: v.passed, fact: v.fact, message: v.message };
}
