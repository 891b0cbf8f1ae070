import { wibDate } from '../calendar/working-days';
import type { LocalizedText } from '../i18n/messages';
import { compareGolongan, type Golongan } from '../personnel/golongan';
import type { PositionClass } from '../personnel/position';
import {
  educationRank,
  isPredicateAtLeast,
  PERFORMANCE_PREDICATES,
  type CandidateProfile,
  type CurrentPostType,
  type EducationLevel,
  type PerformancePredicate,
  type SanctionLevel,
} from './candidate';
import { parseIsoDate, wholeYearsBetween } from './iso-date';
import { parseNip } from './nip';

export interface ClassRequirement {
  minEducation: EducationLevel;
  /** The candidate's current post must be one of these… */
  priorPosts: readonly CurrentPostType[];
  /** …held for at least this many whole years on the reference date. */
  minYearsInPriorPost: number;
  minCumulativeYears: number | null;
  /** Highest whole-year age still eligible: 56 admits a 56-year-old up to the day before turning 57. */
  maxAge: number | null;
  minGolongan: Golongan | null;
  /** How many calendar years before the reference year must each carry a predicate. */
  performanceYears: number;
  minPredicate: PerformancePredicate;
  sanctionLookbackYears: number;
  blockingSanctions: readonly SanctionLevel[];
  /** Agency extras (domain.md §3), matched case-insensitively against `CandidateProfile.credentials`. */
  requiredCredentials: readonly string[];
}

export interface EligibilityPolicy {
  version: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  title: LocalizedText;
  legalBasis: string[];
  byClass: Readonly<Partial<Record<PositionClass, ClassRequirement>>>;
}

const requirement = (r: ClassRequirement): ClassRequirement =>
  Object.freeze({
    ...r,
    priorPosts: Object.freeze([...r.priorPosts]),
    blockingSanctions: Object.freeze([...r.blockingSanctions]),
    requiredCredentials: Object.freeze([...r.requiredCredentials]),
  });

// Performance "baik" for 2 years and no medium/heavy sanction in 2 years apply to every class
// (domain.md §3 administrator/pengawas row, §2.7 track record).
const TRACK_RECORD = {
  performanceYears: 2,
  minPredicate: 'baik',
  sanctionLookbackYears: 2,
  blockingSanctions: ['medium', 'heavy'],
  requiredCredentials: [],
} as const;

/**
 * domain.md §3 as of 2026. Agency extras (Diklatpim II, LHKPN, SPT) are empty here: each selection
 * derives its own policy version with them filled in.
 */
export const ELIGIBILITY_POLICY_2026: EligibilityPolicy = Object.freeze({
  version: 'eligibility-jpt@2026-01-01',
  effectiveFrom: '2026-01-01',
  title: Object.freeze({
    id: 'Persyaratan jabatan pimpinan tinggi, administrator dan pengawas 2026',
    en: 'Eligibility for senior executive, administrator and supervisor posts, 2026',
  }),
  legalBasis: Object.freeze(['PP 11/2017 jo PP 17/2020 Pasal 107', 'PermenPANRB 15/2019', 'PermenPANRB 6/2022', 'PP 94/2021']) as string[],
  byClass: Object.freeze({
    jpt_utama: requirement({
      minEducation: 'S1',
      priorPosts: ['jpt_madya', 'jf_ahli_utama'],
      minYearsInPriorPost: 2,
      minCumulativeYears: 10,
      maxAge: 58,
      minGolongan: null,
      ...TRACK_RECORD,
    }),
    jpt_madya: requirement({
      minEducation: 'S1',
      priorPosts: ['jpt_pratama', 'jf_ahli_utama'],
      minYearsInPriorPost: 2,
      minCumulativeYears: 7,
      maxAge: 58,
      minGolongan: 'IV/c',
      ...TRACK_RECORD,
    }),
    jpt_pratama: requirement({
      minEducation: 'S1',
      priorPosts: ['administrator', 'jf_ahli_madya'],
      minYearsInPriorPost: 2,
      minCumulativeYears: 5,
      maxAge: 56,
      minGolongan: 'IV/b',
      ...TRACK_RECORD,
    }),
    administrator: requirement({
      minEducation: 'S1',
      priorPosts: ['pengawas', 'jf_ahli_muda'],
      minYearsInPriorPost: 3,
      minCumulativeYears: null,
      maxAge: null,
      minGolongan: null,
      ...TRACK_RECORD,
    }),
    pengawas: requirement({
      minEducation: 'D3',
      priorPosts: ['pelaksana', 'jf_terampil', 'jf_ahli_pertama'],
      minYearsInPriorPost: 4,
      minCumulativeYears: null,
      maxAge: null,
      minGolongan: null,
      ...TRACK_RECORD,
    }),
  }),
});

export interface EligibilityCheck {
  /** Stable rule name, e.g. 'rank', 'age', 'performance'. */
  rule: string;
  passed: boolean;
  /** What was compared, in a compact language-neutral form, for the audit trail. */
  fact: string;
  message: LocalizedText;
}

export interface EligibilityVerdict {
  eligible: boolean;
  ruleVersion: string;
  checks: EligibilityCheck[];
  /** failed checks only */
  reasons: EligibilityCheck[];
}

const check = (rule: string, passed: boolean, fact: string, id: string, en: string): EligibilityCheck => ({
  rule,
  passed,
  fact,
  message: { id, en },
});

const verdict = (policy: EligibilityPolicy, checks: EligibilityCheck[]): EligibilityVerdict => {
  const reasons = checks.filter((c) => !c.passed);
  return { eligible: reasons.length === 0, ruleVersion: policy.version, checks, reasons };
};

const normalise = (credential: string): string => credential.trim().toLowerCase();

/**
 * Decides whether a candidate meets the requirements of a post class on `asOf`, taken as a WIB
 * calendar date. The caller picks the reference instant: announcements use either the
 * registration date or the inauguration date for the age cut-off (domain.md §3).
 *
 * Every applicable rule is evaluated and reported, passed or not, so the verdict is a complete
 * record; rules a class does not impose (null or empty requirement) are left out.
 */
export function decideEligibility(
  candidate: CandidateProfile,
  post: { positionClass: PositionClass },
  policy: EligibilityPolicy,
  asOf: Date,
): EligibilityVerdict {
  const req = policy.byClass[post.positionClass];
  if (!req) {
    return verdict(policy, [
      check(
        'positionClass',
        false,
        `${post.positionClass} not in ${policy.version}`,
        `aturan ${policy.version} tidak memuat persyaratan untuk jabatan ${post.positionClass}, sehingga kelayakan tidak dapat dinilai`,
        `rule set ${policy.version} has no requirements for ${post.positionClass} posts, so eligibility cannot be decided`,
      ),
    ]);
  }

  const today = wibDate(asOf);
  const checks: EligibilityCheck[] = [];

  const nip = parseNip(candidate.nip, candidate.nipKind ?? 'pns', 'nip');
  checks.push(
    nip.ok
      ? check('nip', true, candidate.nip, `NIP ${candidate.nip} sah`, `NIP ${candidate.nip} is valid`)
      : check(
          'nip',
          false,
          `${candidate.nip}: ${nip.issues.map((i) => i.rule).join(', ')}`,
          `NIP tidak sah: ${nip.issues.map((i) => i.message.id).join('; ')}`,
          `the NIP is invalid: ${nip.issues.map((i) => i.message.en).join('; ')}`,
        ),
  );

  if (req.minGolongan !== null) {
    const ok = compareGolongan(candidate.golongan, req.minGolongan) >= 0;
    checks.push(
      check(
        'rank',
        ok,
        `${candidate.golongan} (min ${req.minGolongan})`,
        ok
          ? `golongan ${candidate.golongan} memenuhi syarat paling rendah ${req.minGolongan}`
          : `golongan ${candidate.golongan} di bawah syarat paling rendah ${req.minGolongan}`,
        ok
          ? `grade ${candidate.golongan} meets the minimum of ${req.minGolongan}`
          : `grade ${candidate.golongan} is below the minimum of ${req.minGolongan}`,
      ),
    );
  }

  {
    const ok = educationRank(candidate.education) >= educationRank(req.minEducation);
    const min = req.minEducation === 'S1' || req.minEducation === 'D4' ? 'S1/D4' : req.minEducation;
    checks.push(
      check(
        'education',
        ok,
        `${candidate.education} (min ${min})`,
        ok
          ? `pendidikan ${candidate.education} memenuhi syarat paling rendah ${min}`
          : `pendidikan ${candidate.education} di bawah syarat paling rendah ${min}`,
        ok
          ? `education ${candidate.education} meets the minimum of ${min}`
          : `education ${candidate.education} is below the minimum of ${min}`,
      ),
    );
  }

  {
    const ok = req.priorPosts.includes(candidate.currentPostType);
    const allowed = req.priorPosts.join(', ');
    checks.push(
      check(
        'priorPost',
        ok,
        `${candidate.currentPostType} (one of ${allowed})`,
        ok
          ? `jabatan saat ini (${candidate.currentPostType}) termasuk jabatan asal yang disyaratkan`
          : `jabatan saat ini (${candidate.currentPostType}) bukan jabatan asal yang disyaratkan: ${allowed}`,
        ok
          ? `the current post (${candidate.currentPostType}) is one of the required prior posts`
          : `the current post (${candidate.currentPostType}) is not one of the required prior posts: ${allowed}`,
      ),
    );
  }

  if (!parseIsoDate(candidate.currentPostSince)) {
    checks.push(
      check(
        'priorPostTenure',
        false,
        `since ${candidate.currentPostSince}`,
        `tanggal mulai menjabat "${candidate.currentPostSince}" bukan tanggal yang sah`,
        `the current post start date "${candidate.currentPostSince}" is not a valid date`,
      ),
    );
  } else {
    // Whole years: two years from 2024-03-10 are complete on 2026-03-10, not on 2026-03-09.
    const years = Math.max(0, wholeYearsBetween(candidate.currentPostSince, today));
    const ok = years >= req.minYearsInPriorPost;
    checks.push(
      check(
        'priorPostTenure',
        ok,
        `${years}y since ${candidate.currentPostSince} at ${today} (min ${req.minYearsInPriorPost}y)`,
        ok
          ? `telah ${years} tahun penuh dalam jabatan sejak ${candidate.currentPostSince}; syarat paling singkat ${req.minYearsInPriorPost} tahun terpenuhi`
          : `baru ${years} tahun penuh dalam jabatan sejak ${candidate.currentPostSince} per ${today}; disyaratkan paling singkat ${req.minYearsInPriorPost} tahun`,
        ok
          ? `${years} full years in post since ${candidate.currentPostSince}; the minimum of ${req.minYearsInPriorPost} is met`
          : `only ${years} full years in post since ${candidate.currentPostSince} as of ${today}; at least ${req.minYearsInPriorPost} are required`,
      ),
    );
  }

  if (req.minCumulativeYears !== null) {
    const ok = candidate.cumulativeExperienceYears >= req.minCumulativeYears;
    const years = candidate.cumulativeExperienceYears;
    checks.push(
      check(
        'cumulativeExperience',
        ok,
        `${years}y (min ${req.minCumulativeYears}y)`,
        ok
          ? `pengalaman jabatan kumulatif ${years} tahun memenuhi syarat ${req.minCumulativeYears} tahun`
          : `pengalaman jabatan kumulatif ${years} tahun kurang dari syarat ${req.minCumulativeYears} tahun`,
        ok
          ? `cumulative experience of ${years} years meets the ${req.minCumulativeYears}-year minimum`
          : `cumulative experience of ${years} years is below the ${req.minCumulativeYears}-year minimum`,
      ),
    );
  }

  if (req.maxAge !== null) {
    if (!nip.ok) {
      checks.push(
        check(
          'age',
          false,
          'birth date unknown',
          'usia tidak dapat dihitung karena tanggal lahir diambil dari NIP yang tidak sah',
          'age cannot be computed: the birth date comes from the NIP, which is invalid',
        ),
      );
    } else {
      // "Max age 56" admits whole-year age 56 up to the day before the 57th birthday.
      const birth = nip.value.birthDate;
      const age = wholeYearsBetween(birth, today);
      const ok = age <= req.maxAge;
      checks.push(
        check(
          'age',
          ok,
          `${age}y at ${today}, born ${birth} (max ${req.maxAge})`,
          ok
            ? `usia ${age} tahun per ${today} tidak melebihi batas ${req.maxAge} tahun`
            : `usia ${age} tahun per ${today} melebihi batas ${req.maxAge} tahun`,
          ok
            ? `age ${age} on ${today} is within the ${req.maxAge}-year limit`
            : `age ${age} on ${today} exceeds the ${req.maxAge}-year limit`,
        ),
      );
    }
  }

  const thisYear = Number(today.slice(0, 4));
  for (let year = thisYear - req.performanceYears; year < thisYear; year++) {
    const entries = candidate.performance.filter((p) => p.year === year);
    if (entries.length === 0) {
      checks.push(
        check(
          'performance',
          false,
          `${year}: missing`,
          `predikat kinerja tahun ${year} tidak ada; disyaratkan paling rendah "${req.minPredicate}"`,
          `the ${year} performance predicate is missing; at least "${req.minPredicate}" is required`,
        ),
      );
      continue;
    }
    // Two ratings for one year (e.g. after a transfer): the worse one decides.
    const worst = entries
      .map((p) => p.predicate)
      .reduce((a, b) => (PERFORMANCE_PREDICATES.indexOf(a) >= PERFORMANCE_PREDICATES.indexOf(b) ? a : b));
    const ok = isPredicateAtLeast(worst, req.minPredicate);
    checks.push(
      check(
        'performance',
        ok,
        `${year}: ${worst} (min ${req.minPredicate})`,
        ok
          ? `predikat kinerja tahun ${year} "${worst}" memenuhi syarat paling rendah "${req.minPredicate}"`
          : `predikat kinerja tahun ${year} "${worst}" di bawah syarat paling rendah "${req.minPredicate}"`,
        ok
          ? `the ${year} performance predicate "${worst}" meets the minimum of "${req.minPredicate}"`
          : `the ${year} performance predicate "${worst}" is below the minimum of "${req.minPredicate}"`,
      ),
    );
  }

  if (req.blockingSanctions.length > 0 && req.sanctionLookbackYears > 0) {
    // A sanction blocks while fewer than `lookback` whole years have passed since it was imposed:
    // one imposed exactly 2 years before the reference date no longer blocks, matching how tenure
    // counts. A sanction dated after the reference date is not yet part of the record then.
    const blocking = candidate.sanctions.filter((s) => {
      if (!req.blockingSanctions.includes(s.level)) return false;
      if (!parseIsoDate(s.imposedOn)) return true; // an undatable sanction cannot be shown to be old
      return s.imposedOn <= today && wholeYearsBetween(s.imposedOn, today) < req.sanctionLookbackYears;
    });
    const ok = blocking.length === 0;
    const listed = blocking.map((s) => `${s.level} ${s.imposedOn}`).join(', ');
    const levels = req.blockingSanctions.join('/');
    checks.push(
      check(
        'sanctions',
        ok,
        ok ? `none ${levels} within ${req.sanctionLookbackYears}y` : listed,
        ok
          ? `tidak ada hukuman disiplin tingkat ${levels} dalam ${req.sanctionLookbackYears} tahun terakhir`
          : `pernah dijatuhi hukuman disiplin dalam ${req.sanctionLookbackYears} tahun terakhir: ${listed}`,
        ok
          ? `no ${levels} discipline sanction in the last ${req.sanctionLookbackYears} years`
          : `discipline sanction within the last ${req.sanctionLookbackYears} years: ${listed}`,
      ),
    );
  }

  if (req.requiredCredentials.length > 0) {
    const held = new Set(candidate.credentials.map(normalise));
    const missing = req.requiredCredentials.filter((c) => !held.has(normalise(c)));
    const ok = missing.length === 0;
    checks.push(
      check(
        'credentials',
        ok,
        ok ? `all of ${req.requiredCredentials.join(', ')}` : `missing ${missing.join(', ')}`,
        ok ? 'semua persyaratan tambahan instansi terpenuhi' : `persyaratan tambahan instansi belum dipenuhi: ${missing.join(', ')}`,
        ok ? 'all agency-specific requirements are met' : `agency-specific requirements not met: ${missing.join(', ')}`,
      ),
    );
  }

  return verdict(policy, checks);
}
