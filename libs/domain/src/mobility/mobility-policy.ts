import { wibDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { LocalizedText } from '../i18n/messages';
import type { SanctionLevel } from '../selection/candidate';
import type { MutationScope } from './move';
import type { MeritCategory, NineBox } from './talent';

/**
 * The restrictions on mutation, rotation and talent promotion (domain.md §2.3–§2.8, §4), as one
 * versioned rule set. A shipped version is never edited: a change is a new version with its own
 * `effectiveFrom`, and a case records the version its verdicts were reached under.
 */
export interface MobilityPolicy {
  version: string;
  /** YYYY-MM-DD, a WIB calendar date */
  effectiveFrom: string;
  title: LocalizedText;
  legalBasis: readonly string[];
  /** UU 10/2016 Pasal 71(2) and 162(3). */
  moratorium: { monthsBeforeDetermination: number; monthsAfterInauguration: number };
  /** UU 5/2014 Pasal 116; null switches the protection off (its survival under UU 20/2023 is unconfirmed). */
  jptProtectionYears: number | null;
  /** Whole years in the current post before moving; null: no minimum for that kind. */
  minTenureYears: { mutation: number | null; rotation: number };
  /** Rotation window's upper end (PP 11/2017 Pasal 190(3)); null: no upper end. */
  maxTenureYears: { rotation: number | null };
  /** PermenPANRB 6/2024 Pasal 59; null switches the rule off. */
  newPnsNoTransferYears: number | null;
  /** Which own-request moves the 10-year rule covers. */
  newPnsTransferScopes: readonly MutationScope[];
  blockingSanctions: readonly SanctionLevel[];
  sanctionLookbackYears: number;
  /** A talent promotion is blocked while a sanction is in force on its date (rules.ts sanctionInForceOnPromotion). */
  promotionBlockedWhileSanctioned?: boolean;
  /**
   * Highest whole-year age a receiving agency accepts from another agency: `byAgency` for agency
   * extras (Jatim: inbound ≤ 40, domain.md §2.5), else `default`; null means no limit.
   */
  maxAge: { default: number | null; byAgency?: Readonly<Record<string, number>> };
  /** Talent scoring and filling from the talent pool (talent.ts). */
  talent: TalentSettings;
}

export interface TalentSettings {
  /** Percentages; each group sums to 100. */
  weights: {
    final: { performance: number; potential: number };
    performance: { main: number; supporting: number };
    potential: { competency: number; potential: number; qualification: number; integrity: number };
  };
  /** Inclusive lower bounds on the 0–100 axis scores; below `meets`/`medium` is below/low. */
  thresholds: { performance: { above: number; meets: number }; potential: { high: number; medium: number } };
  /** Boxes (talent.ts numbering) ready for promotion to administrator, pengawas and functional posts. */
  promotionReadyBoxes: readonly NineBox[];
  /** Boxes from which a JPT post may be filled without open selection. */
  jptPoolBoxes: readonly NineBox[];
  /** Agency merit categories high enough to fill JPT posts from the talent pool (UU 5/2014 Pasal 111). */
  jptMeritCategories: readonly MeritCategory[];
  /**
   * The talent route requires membership of an approved talent pool valid on the effective date
   * (talent.ts talentPoolMembership); absent in versions before the rule.
   */
  requirePoolMembership?: boolean;
}

/**
 * The rules as of 2026. Settings marked [BK] in domain.md are defaults an agency version may change:
 * - mutation minimum tenure 2 years: §2.6 states ≥ 2 for rotation only; mutation follows it [BK];
 * - JPT protection 2 years: UU 5/2014 Pasal 116, kept pending confirmation under UU 20/2023 [BK];
 * - the 10-year rule covers every own-request move, whatever its scope: Pasal 59 speaks of moving at
 *   one's own request without distinguishing intra-agency moves [BK];
 * - no age limit by default: limits such as Jatim's are agency extras added in `maxAge.byAgency`;
 * - talent weights from Kepka BKN 411/2025 as summarised by a secondary source only [S45];
 * - talent axis thresholds 85/70 [BK];
 * - boxes 7–9 promotion-ready and box 9 the JPT pool (domain.md §4), in talent.ts numbering;
 * - JPT without open selection for legacy "IV Sangat Baik" and 19/2025 "Tinggi"/"Maju" [BK: a legacy
 *   Kategori III agency under yearly KASN review was also allowed [S38]; adding 'baik' models that].
 */
export const MOBILITY_POLICY_2026: MobilityPolicy = Object.freeze({
  version: 'mobility@2026-01-01',
  effectiveFrom: '2026-01-01',
  title: Object.freeze({
    id: 'Ketentuan mutasi, rotasi dan promosi talenta 2026',
    en: 'Mutation, rotation and talent promotion rules, 2026',
  }),
  legalBasis: Object.freeze([
    'UU 10/2016 Pasal 71 ayat (2) dan Pasal 162 ayat (3)',
    'UU 5/2014 Pasal 116',
    'PP 11/2017 jo PP 17/2020 Pasal 190',
    'PermenPANRB 6/2024 Pasal 59',
    'PP 94/2021',
    'PermenPANRB 20/2025 Pasal 17',
    'Kepka BKN 411/2025',
    'UU 5/2014 Pasal 111',
    'PermenPANRB 19/2025',
  ]),
  moratorium: Object.freeze({ monthsBeforeDetermination: 6, monthsAfterInauguration: 6 }),
  jptProtectionYears: 2,
  minTenureYears: Object.freeze({ mutation: 2, rotation: 2 }),
  maxTenureYears: Object.freeze({ rotation: 5 }),
  newPnsNoTransferYears: 10,
  newPnsTransferScopes: Object.freeze(['intra_agency', 'inter_agency_province', 'inter_province'] as const),
  blockingSanctions: Object.freeze(['medium', 'heavy'] as const),
  sanctionLookbackYears: 2,
  maxAge: Object.freeze({ default: null, byAgency: Object.freeze({}) }),
  talent: Object.freeze({
    weights: Object.freeze({
      final: Object.freeze({ performance: 50, potential: 50 }),
      performance: Object.freeze({ main: 60, supporting: 40 }),
      potential: Object.freeze({ competency: 40, potential: 25, qualification: 20, integrity: 15 }),
    }),
    thresholds: Object.freeze({
      performance: Object.freeze({ above: 85, meets: 70 }),
      potential: Object.freeze({ high: 85, medium: 70 }),
    }),
    promotionReadyBoxes: Object.freeze([7, 8, 9] as const),
    jptPoolBoxes: Object.freeze([9] as const),
    jptMeritCategories: Object.freeze(['sangat_baik', 'tinggi', 'maju'] as const),
  }),
});

/**
 * From 2027 the talent route takes its placement from an approved talent review: a talent promotion
 * requires the person to be in the agency's approved pool valid on the decision's effective date
 * (issue 15; Kepka BKN 411/2025 made talent management mandatory from 2026, so agencies had 2026 to
 * hold their first review [BK: the date is this project's choice]), and a sanction in force on the
 * promotion's date blocks it (PP 94/2021). Everything else is unchanged.
 */
export const MOBILITY_POLICY_2027: MobilityPolicy = Object.freeze({
  ...MOBILITY_POLICY_2026,
  version: 'mobility@2027-01-01',
  effectiveFrom: '2027-01-01',
  title: Object.freeze({
    id: 'Ketentuan mutasi, rotasi dan promosi talenta 2027 (jalur talenta dari kelompok rencana suksesi yang disetujui)',
    en: 'Mutation, rotation and talent promotion rules, 2027 (talent route from an approved talent pool)',
  }),
  legalBasis: Object.freeze([...MOBILITY_POLICY_2026.legalBasis, 'PermenPANRB 3/2020 jo PermenPANRB 20/2025']),
  promotionBlockedWhileSanctioned: true,
  talent: Object.freeze({ ...MOBILITY_POLICY_2026.talent, requirePoolMembership: true }),
});

/** Every version ever shipped, oldest first; running cases look theirs up by version. */
export const MOBILITY_POLICIES: readonly MobilityPolicy[] = Object.freeze([MOBILITY_POLICY_2026, MOBILITY_POLICY_2027]);

const unknown = (version: string): DomainError => new DomainError('SOP_VERSION_UNKNOWN', { sopId: 'mobility', version });

/** The version in force on the WIB calendar date of `asOf`: the newest whose effectiveFrom has come. */
export function policyInForce(asOf: Date, policies: readonly MobilityPolicy[] = MOBILITY_POLICIES): MobilityPolicy {
  const day = wibDate(asOf);
  const inForce = policies
    .filter((p) => p.effectiveFrom <= day)
    .reduce<MobilityPolicy | null>((newest, p) => (newest === null || p.effectiveFrom > newest.effectiveFrom ? p : newest), null);
  if (inForce === null) throw unknown(`effective ${day}`);
  return inForce;
}

/** A shipped version by its name, for replaying a recorded verdict. */
export function getMobilityPolicy(version: string, policies: readonly MobilityPolicy[] = MOBILITY_POLICIES): MobilityPolicy {
  const policy = policies.find((p) => p.version === version);
  if (!policy) throw unknown(version);
  return policy;
}
