import type { LocalizedText } from '../i18n/messages';
import type { SanctionLevel } from '../selection/candidate';
import { parseIsoDate, wholeYearsBetween } from '../selection/iso-date';
import type { RegisterEventPayloads } from './register.types';

/**
 * What a recorded sanction (PP 94/2021) does to a person's career, read from the register's
 * `sanction_recorded` facts as of a date (domain.md §2.7): a medium or heavy sanction imposed in the
 * last two years keeps them out of the talent pool and off talent promotions [S46]; a sanction in
 * force blocks any promotion. A shipped version is never edited: a change is a new version.
 */
export interface SanctionConsequencePolicy {
  version: string;
  effectiveFrom: string;
  /** Levels that bar the talent pool and talent promotions within `talentLookbackYears`. */
  talentBlockingLevels: readonly SanctionLevel[];
  talentLookbackYears: number;
  /** Levels whose time in force (imposedOn..endsOn) blocks promotion. */
  inForceBlockingLevels: readonly SanctionLevel[];
}

export const SANCTION_CONSEQUENCES_2026: SanctionConsequencePolicy = Object.freeze({
  version: 'sanction-consequences@2026-01-01',
  effectiveFrom: '2026-01-01',
  talentBlockingLevels: Object.freeze(['medium', 'heavy'] as const),
  talentLookbackYears: 2,
  // [BK] PP 94/2021: while any sanction runs its course the official is not promoted.
  inForceBlockingLevels: Object.freeze(['light', 'medium', 'heavy'] as const),
});

export const SANCTION_CONSEQUENCE_POLICIES: readonly SanctionConsequencePolicy[] = Object.freeze([SANCTION_CONSEQUENCES_2026]);

/** The version in force on a 'YYYY-MM-DD' date (the newest whose effectiveFrom has come; the first before that). */
export const sanctionPolicyInForce = (
  asOf: string,
  policies: readonly SanctionConsequencePolicy[] = SANCTION_CONSEQUENCE_POLICIES,
): SanctionConsequencePolicy =>
  policies.filter((p) => p.effectiveFrom <= asOf).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? policies[0]!;

export type SanctionFact = Pick<RegisterEventPayloads['sanction_recorded'], 'level' | 'imposedOn'> &
  Partial<Pick<RegisterEventPayloads['sanction_recorded'], 'endsOn' | 'sanction' | 'decreeNumber'>>;

export type SanctionRule = 'talentPoolSanction' | 'sanctionInForce';

export interface SanctionVerdict {
  rule: SanctionRule;
  ruleVersion: string;
  passed: boolean;
  asOf: string;
  /** The sanctions that block, as recorded. */
  blocking: SanctionFact[];
  fact: string;
  message: LocalizedText;
}

const describeSanction = (s: SanctionFact): string =>
  `${s.level}${s.sanction ? ` ${s.sanction}` : ''} ${s.imposedOn}${s.endsOn ? `..${s.endsOn}` : ''}`;

/**
 * A medium or heavy sanction imposed within the lookback bars talent-pool membership and talent
 * promotions. As in the selection rules: one imposed exactly `lookback` years ago no longer counts,
 * one dated after `asOf` is not yet on the record, and an undatable one blocks.
 */
export function talentPoolSanction(
  sanctions: readonly SanctionFact[],
  asOf: string,
  policy = sanctionPolicyInForce(asOf),
): SanctionVerdict {
  const years = policy.talentLookbackYears;
  const blocking = sanctions.filter((s) => {
    if (!policy.talentBlockingLevels.includes(s.level)) return false;
    if (!parseIsoDate(s.imposedOn)) return true;
    return s.imposedOn <= asOf && wholeYearsBetween(s.imposedOn, asOf) < years;
  });
  const ok = blocking.length === 0;
  const levels = policy.talentBlockingLevels.join('/');
  const listed = blocking.map(describeSanction).join(', ');
  return {
    rule: 'talentPoolSanction',
    ruleVersion: policy.version,
    passed: ok,
    asOf,
    blocking,
    fact: ok ? `no ${levels} sanction within ${years}y at ${asOf}` : listed,
    message: ok
      ? {
          id: `tidak ada hukuman disiplin tingkat sedang/berat dalam ${years} tahun terakhir per ${asOf}; rekam jejak memenuhi syarat kelompok rencana suksesi`,
          en: `no medium or heavy discipline sanction in the ${years} years before ${asOf}; the track record qualifies for the talent pool`,
        }
      : {
          id: `dijatuhi hukuman disiplin tingkat sedang/berat dalam ${years} tahun terakhir (${listed}); tidak dapat masuk kelompok rencana suksesi maupun dipromosikan melalui jalur talenta (PP 94/2021)`,
          en: `a medium or heavy discipline sanction within the last ${years} years (${listed}); barred from the talent pool and from talent promotions (PP 94/2021)`,
        },
  };
}

/**
 * A sanction in force on `asOf` (imposedOn ≤ asOf ≤ endsOn) blocks promotion. A sanction without an
 * end date is in force on the day it is imposed only (a reprimand); an undatable one blocks.
 */
export function sanctionInForce(sanctions: readonly SanctionFact[], asOf: string, policy = sanctionPolicyInForce(asOf)): SanctionVerdict {
  const blocking = sanctions.filter((s) => {
    if (!policy.inForceBlockingLevels.includes(s.level)) return false;
    if (!parseIsoDate(s.imposedOn) || (s.endsOn !== undefined && !parseIsoDate(s.endsOn))) return true;
    return s.imposedOn <= asOf && asOf <= (s.endsOn ?? s.imposedOn);
  });
  const ok = blocking.length === 0;
  const listed = blocking.map(describeSanction).join(', ');
  return {
    rule: 'sanctionInForce',
    ruleVersion: policy.version,
    passed: ok,
    asOf,
    blocking,
    fact: ok ? `no sanction in force at ${asOf}` : listed,
    message: ok
      ? { id: `tidak sedang menjalani hukuman disiplin per ${asOf}`, en: `not under a discipline sanction on ${asOf}` }
      : {
          id: `sedang menjalani hukuman disiplin per ${asOf} (${listed}); tidak dapat dipromosikan selama hukuman berlaku`,
          en: `under a discipline sanction on ${asOf} (${listed}); no promotion while it is in force`,
        },
  };
}
