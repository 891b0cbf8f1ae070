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
import type { HeldPost, RegisterFacts } from '../register/candidate-facts';
import { parseIsoDate, wholeYearsBetween } from './iso-date';
import { parseNip } from './nip';
import { sanctionInForce } from '../register/sanction-consequences';

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
  /**
   * "Sedang atau pernah menduduki" (PP 11/2017 Pasal 107): a prior post held earlier counts, so a
   * sitting official of the same class may apply laterally. Needs the post history, which only the
   * register supplies.
   */
  judgesPostHistory?: boolean;
  /** A sanction in force on the reference date (imposedOn ≤ date ≤ endsOn) blocks (sanction-consequences.ts). */
  blocksWhileSanctioned?: boolean;
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

/**
 * The register-era reading (issue 14): the same thresholds, with prior posts judged on the post
 * history ("sedang atau pernah menduduki"), so a sitting JPT pratama may apply for another JPT
 * pratama post. It takes effect for rules evaluated as of its effective date or later.
 */
export const ELIGIBILITY_POLICY_2026_12: EligibilityPolicy = Object.freeze({
  ...ELIGIBILITY_POLICY_2026,
  version: 'eligibility-jpt@2026-12-01',
  effectiveFrom: '2026-12-01',
  title: Object.freeze({
    id: 'Persyaratan jabatan pimpinan tinggi, administrator dan pengawas, riwayat jabatan (Desember 2026)',
    en: 'Eligibility for senior executive, administrator and supervisor posts, judged on post history (December 2026)',
  }),
  legalBasis: Object.freeze([
    ...ELIGIBILITY_POLICY_2026.legalBasis,
    'PP 11/2017 Pasal 107 huruf c: "sedang atau pernah menduduki"',
  ]) as string[],
  judgesPostHistory: true,
});

/**
 * Issue 15: besides the two-year lookback on medium and heavy sanctions, a sanction still in force on
 * the reference date blocks a promotion (PP 94/2021), read from the register's end dates. Evaluations
 * as of 2027-01-01 or later; earlier ones replay under the versions before.
 */
export const ELIGIBILITY_POLICY_2027: EligibilityPolicy = Object.freeze({
  ...ELIGIBILITY_POLICY_2026_12,
  version: 'eligibility-jpt@2027-01-01',
  effectiveFrom: '2027-01-01',
  title: Object.freeze({
    id: 'Persyaratan jabatan pimpinan tinggi, administrator dan pengawas 2027 (tidak sedang menjalani hukuman disiplin)',
    en: 'Eligibility for senior executive, administrator and supervisor posts, 2027 (not under a discipline sanction)',
  }),
  legalBasis: Object.freeze([...ELIGIBILITY_POLICY_2026_12.legalBasis, 'PP 94/2021']) as string[],
  blocksWhileSanctioned: true,
});

/** Every eligibility version, oldest first; a rule evaluated as of a date uses the newest in effect. */
export const ELIGIBILITY_POLICIES: readonly EligibilityPolicy[] = Object.freeze([
  ELIGIBILITY_POLICY_2026,
  ELIGIBILITY_POLICY_2026_12,
  ELIGIBILITY_POLICY_2027,
]);

export function eligibilityPolicyAsOf(asOf: string, policies: readonly EligibilityPolicy[] = ELIGIBILITY_POLICIES): EligibilityPolicy {
  const inForce = policies.filter((p) => p.effectiveFrom <= asOf);
  return inForce[inForce.length - 1] ?? policies[0];
}

export const eligibilityPolicyByVersion = (version: string): EligibilityPolicy | undefined =>
  ELIGIBILITY_POLICIES.find((p) => p.version === version);

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

/** The current post must be a prior post, held for the minimum whole years (the 2026 reading). */
function priorPostNow(postType: CurrentPostType | null, since: string | null, req: ClassRequirement, today: string): EligibilityCheck[] {
  const allowed = req.priorPosts.join(', ');
  const ok = postType !== null && req.priorPosts.includes(postType);
  const post = check(
    'priorPost',
    ok,
    `${postType ?? 'none'} (one of ${allowed})`,
    postType === null
      ? `tidak ada jabatan yang tercatat sedang diduduki; disyaratkan salah satu dari: ${allowed}`
      : ok
        ? `jabatan saat ini (${postType}) termasuk jabatan asal yang disyaratkan`
        : `jabatan saat ini (${postType}) bukan jabatan asal yang disyaratkan: ${allowed}`,
    postType === null
      ? `no current post is recorded; one of ${allowed} is required`
      : ok
        ? `the current post (${postType}) is one of the required prior posts`
        : `the current post (${postType}) is not one of the required prior posts: ${allowed}`,
  );
  if (since === null || !parseIsoDate(since)) {
    return [
      post,
      check(
        'priorPostTenure',
        false,
        `since ${since ?? 'unknown'}`,
        `tanggal mulai menjabat "${since ?? ''}" bukan tanggal yang sah`,
        `the current post start date "${since ?? ''}" is not a valid date`,
      ),
    ];
  }
  // Whole years: two years from 2024-03-10 are complete on 2026-03-10, not on 2026-03-09.
  const years = Math.max(0, wholeYearsBetween(since, today));
  const long = years >= req.minYearsInPriorPost;
  return [
    post,
    check(
      'priorPostTenure',
      long,
      `${years}y since ${since} at ${today} (min ${req.minYearsInPriorPost}y)`,
      long
        ? `telah ${years} tahun penuh dalam jabatan sejak ${since}; syarat paling singkat ${req.minYearsInPriorPost} tahun terpenuhi`
        : `baru ${years} tahun penuh dalam jabatan sejak ${since} per ${today}; disyaratkan paling singkat ${req.minYearsInPriorPost} tahun`,
      long
        ? `${years} full years in post since ${since}; the minimum of ${req.minYearsInPriorPost} is met`
        : `only ${years} full years in post since ${since} as of ${today}; at least ${req.minYearsInPriorPost} are required`,
    ),
  ];
}

/**
 * "Is or has been" in a prior post for the minimum whole years, read from the post history: the
 * longest qualifying spell counts, and the official must now hold a prior post or a post of the
 * class applied for (a lateral move between JPT posts of one class).
 */
function priorPostFromHistory(
  history: readonly HeldPost[],
  current: CurrentPostType | null,
  target: PositionClass,
  req: ClassRequirement,
  today: string,
): EligibilityCheck[] {
  const allowed = req.priorPosts.join(', ');
  const spells = history
    .filter((h) => req.priorPosts.includes(h.postType) && parseIsoDate(h.from) && parseIsoDate(h.to))
    .map((h) => ({ ...h, years: Math.max(0, wholeYearsBetween(h.from, h.to)) }))
    .sort((a, b) => b.years - a.years);
  const best = spells[0] ?? null;
  const standing = current !== null && (req.priorPosts.includes(current) || current === target);
  const post = check(
    'priorPost',
    standing && best !== null,
    `now ${current ?? 'none'}; held ${best ? `${best.postType} ${best.from}..${best.to}` : 'none'} (one of ${allowed})`,
    !standing
      ? `jabatan saat ini (${current ?? 'tidak tercatat'}) bukan jabatan asal yang disyaratkan (${allowed}) dan bukan jabatan ${target}`
      : best
        ? `sedang atau pernah menduduki jabatan ${best.postType} (${best.from} s.d. ${best.to})`
        : `tidak pernah menduduki jabatan asal yang disyaratkan: ${allowed}`,
    !standing
      ? `the current post (${current ?? 'none recorded'}) is neither a required prior post (${allowed}) nor a ${target} post`
      : best
        ? `is or has been in a ${best.postType} post (${best.from} to ${best.to})`
        : `has never held one of the required prior posts: ${allowed}`,
  );
  const years = best?.years ?? 0;
  const long = best !== null && years >= req.minYearsInPriorPost;
  return [
    post,
    check(
      'priorPostTenure',
      long,
      `${years}y in ${best ? `${best.postType} ${best.from}..${best.to}` : 'none'} at ${today} (min ${req.minYearsInPriorPost}y)`,
      long
        ? `${years} tahun penuh dalam jabatan asal; syarat paling singkat ${req.minYearsInPriorPost} tahun terpenuhi`
        : `hanya ${years} tahun penuh dalam jabatan asal per ${today}; disyaratkan paling singkat ${req.minYearsInPriorPost} tahun`,
      long
        ? `${years} full years in a prior post; the minimum of ${req.minYearsInPriorPost} is met`
        : `only ${years} full years in a prior post as of ${today}; at least ${req.minYearsInPriorPost} are required`,
    ),
  ];
}

/**
 * Decides whether a candidate meets the requirements of a post class on `asOf`, taken as a WIB
 * calendar date. The caller picks the reference instant: announcements use either the
 * registration date or the inauguration date for the age cut-off (domain.md §3).
 *
 * Every applicable rule is evaluated and reported, passed or not, so the verdict is a complete
 * record; rules a class does not impose (null or empty requirement) are left out.
 */
export function decideEligibility(
  candidate: CandidateProfile | RegisterFacts,
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
    const grade = candidate.golongan;
    if (grade === null) {
      checks.push(
        check(
          'rank',
          false,
          `none (min ${req.minGolongan})`,
          `golongan tidak tercatat; disyaratkan paling rendah ${req.minGolongan}`,
          `no grade is recorded; at least ${req.minGolongan} is required`,
        ),
      );
    } else {
      const ok = compareGolongan(grade, req.minGolongan) >= 0;
      checks.push(
        check(
          'rank',
          ok,
          `${grade} (min ${req.minGolongan})`,
          ok
            ? `golongan ${grade} memenuhi syarat paling rendah ${req.minGolongan}`
            : `golongan ${grade} di bawah syarat paling rendah ${req.minGolongan}`,
          ok ? `grade ${grade} meets the minimum of ${req.minGolongan}` : `grade ${grade} is below the minimum of ${req.minGolongan}`,
        ),
      );
    }
  }

  {
    const education = candidate.education;
    const ok = education !== null && educationRank(education) >= educationRank(req.minEducation);
    const min = req.minEducation === 'S1' || req.minEducation === 'D4' ? 'S1/D4' : req.minEducation;
    const shown = education ?? 'none';
    checks.push(
      check(
        'education',
        ok,
        `${shown} (min ${min})`,
        education === null
          ? `pendidikan tidak tercatat; disyaratkan paling rendah ${min}`
          : ok
            ? `pendidikan ${education} memenuhi syarat paling rendah ${min}`
            : `pendidikan ${education} di bawah syarat paling rendah ${min}`,
        education === null
          ? `no education is recorded; at least ${min} is required`
          : ok
            ? `education ${education} meets the minimum of ${min}`
            : `education ${education} is below the minimum of ${min}`,
      ),
    );
  }

  if (policy.judgesPostHistory && 'postHistory' in candidate) {
    checks.push(...priorPostFromHistory(candidate.postHistory, candidate.currentPostType, post.positionClass, req, today));
  } else {
    checks.push(...priorPostNow(candidate.currentPostType, candidate.currentPostSince, req, today));
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

  if (policy.blocksWhileSanctioned) {
    const inForce = sanctionInForce(candidate.sanctions, today);
    checks.push(check('sanctionInForce', inForce.passed, inForce.fact, inForce.message.id, inForce.message.en));
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
