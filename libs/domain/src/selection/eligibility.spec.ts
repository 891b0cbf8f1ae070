import type { PositionClass } from '../personnel/position';
import type { CandidateProfile } from './candidate';
import type { HeldPost, RegisterFacts } from '../register/candidate-facts';
import {
  decideEligibility,
  ELIGIBILITY_POLICY_2026,
  ELIGIBILITY_POLICY_2026_12,
  eligibilityPolicyAsOf,
  type EligibilityPolicy,
} from './eligibility';

/** 10:00 WIB on a calendar date. */
const wib = (isoDate: string, time = '10:00:00') => new Date(`${isoDate}T${time}+07:00`);
const AS_OF = wib('2026-03-10');

// A Kepala Bidang (administrator) applying for a JPT pratama post: every rule passes on 2026-03-10.
const candidate = (overrides: Partial<CandidateProfile> = {}): CandidateProfile => ({
  nip: '197005152000031002', // born 1970-05-15, 55 on the reference date
  name: 'Dr. Siti Rahmawati, M.Si.',
  golongan: 'IV/b',
  education: 'S2',
  currentPostType: 'administrator',
  currentPostSince: '2022-01-03',
  cumulativeExperienceYears: 8,
  performance: [
    { year: 2024, predicate: 'baik' },
    { year: 2025, predicate: 'sangat_baik' },
  ],
  sanctions: [],
  credentials: [],
  ...overrides,
});

const failedRules = (c: CandidateProfile, positionClass: PositionClass = 'jpt_pratama', asOf = AS_OF) =>
  decideEligibility(c, { positionClass }, ELIGIBILITY_POLICY_2026, asOf).reasons.map((r) => r.rule);

describe('decideEligibility: JPT pratama (S1/D4, administrator or JF ahli madya ≥2 y, 5 y, max 56, min IV/b)', () => {
  it('passes the reference candidate on every rule, recording each check', () => {
    const v = decideEligibility(candidate(), { positionClass: 'jpt_pratama' }, ELIGIBILITY_POLICY_2026, AS_OF);

    expect(v.eligible).toBe(true);
    expect(v.ruleVersion).toBe('eligibility-jpt@2026-01-01');
    expect(v.reasons).toEqual([]);
    expect(v.checks.map((c) => c.rule)).toEqual([
      'nip',
      'rank',
      'education',
      'priorPost',
      'priorPostTenure',
      'cumulativeExperience',
      'age',
      'performance',
      'performance',
      'sanctions',
    ]);
    for (const c of v.checks) {
      expect(c.passed).toBe(true);
      expect(c.message.id).not.toBe('');
      expect(c.message.en).not.toBe('');
    }
  });

  it.each([
    // rank
    { what: 'golongan IV/a', o: { golongan: 'IV/a' }, failed: ['rank'] },
    { what: 'golongan IV/b (the minimum)', o: { golongan: 'IV/b' }, failed: [] },
    { what: 'golongan IV/c', o: { golongan: 'IV/c' }, failed: [] },
    // education: SMA < D3 < D4 = S1 < S2 < S3
    { what: 'education SMA', o: { education: 'SMA' }, failed: ['education'] },
    { what: 'education D3', o: { education: 'D3' }, failed: ['education'] },
    { what: 'education D4 (equal to S1)', o: { education: 'D4' }, failed: [] },
    { what: 'education S1', o: { education: 'S1' }, failed: [] },
    { what: 'education S3', o: { education: 'S3' }, failed: [] },
    // prior post
    { what: 'a JF ahli madya', o: { currentPostType: 'jf_ahli_madya' }, failed: [] },
    { what: 'a pengawas', o: { currentPostType: 'pengawas' }, failed: ['priorPost'] },
    { what: 'a JF ahli muda', o: { currentPostType: 'jf_ahli_muda' }, failed: ['priorPost'] },
    { what: 'a sitting JPT pratama (only the current post is read)', o: { currentPostType: 'jpt_pratama' }, failed: ['priorPost'] },
    // tenure in the prior post
    { what: 'exactly 2 years in post on the reference date', o: { currentPostSince: '2024-03-10' }, failed: [] },
    { what: '2 years in post less one day', o: { currentPostSince: '2024-03-11' }, failed: ['priorPostTenure'] },
    { what: 'a post start date after the reference date', o: { currentPostSince: '2026-04-01' }, failed: ['priorPostTenure'] },
    { what: 'an impossible post start date', o: { currentPostSince: '2024-02-30' }, failed: ['priorPostTenure'] },
    // cumulative experience
    { what: '5 years cumulative', o: { cumulativeExperienceYears: 5 }, failed: [] },
    { what: '4.9 years cumulative', o: { cumulativeExperienceYears: 4.9 }, failed: ['cumulativeExperience'] },
    // age, max 56: eligible up to the day before the 57th birthday
    { what: 'turning 57 the day before the reference date', o: { nip: '196903091995031001' }, failed: ['age'] },
    { what: 'turning 57 on the reference date', o: { nip: '196903101995031001' }, failed: ['age'] },
    { what: 'turning 57 the day after the reference date', o: { nip: '196903111995031001' }, failed: [] },
    { what: 'an invalid NIP (no birth date to take the age from)', o: { nip: '196903111995031000' }, failed: ['nip', 'age'] },
    // performance: 2024 and 2025 each at least "baik"
    {
      what: 'no 2025 predicate yet',
      o: { performance: [{ year: 2024, predicate: 'baik' }] },
      failed: ['performance'],
    },
    {
      what: '2024 "butuh_perbaikan"',
      o: {
        performance: [
          { year: 2024, predicate: 'butuh_perbaikan' },
          { year: 2025, predicate: 'baik' },
        ],
      },
      failed: ['performance'],
    },
    {
      what: 'both years "baik" and an old "kurang" in 2023',
      o: {
        performance: [
          { year: 2023, predicate: 'kurang' },
          { year: 2024, predicate: 'baik' },
          { year: 2025, predicate: 'baik' },
        ],
      },
      failed: [],
    },
    {
      what: 'two 2025 ratings, "baik" and "kurang" (the worse decides)',
      o: {
        performance: [
          { year: 2024, predicate: 'sangat_baik' },
          { year: 2025, predicate: 'baik' },
          { year: 2025, predicate: 'kurang' },
        ],
      },
      failed: ['performance'],
    },
    { what: 'no predicates at all', o: { performance: [] }, failed: ['performance', 'performance'] },
    // sanctions: medium or heavy within 2 years blocks
    { what: 'a medium sanction 2 years + 1 day ago', o: { sanctions: [{ level: 'medium', imposedOn: '2024-03-09' }] }, failed: [] },
    { what: 'a medium sanction exactly 2 years ago', o: { sanctions: [{ level: 'medium', imposedOn: '2024-03-10' }] }, failed: [] },
    {
      what: 'a medium sanction 2 years − 1 day ago',
      o: { sanctions: [{ level: 'medium', imposedOn: '2024-03-11' }] },
      failed: ['sanctions'],
    },
    {
      what: 'a heavy sanction 2 years − 1 day ago',
      o: { sanctions: [{ level: 'heavy', imposedOn: '2024-03-11' }] },
      failed: ['sanctions'],
    },
    { what: 'a light sanction last month', o: { sanctions: [{ level: 'light', imposedOn: '2026-02-10' }] }, failed: [] },
    {
      what: 'a medium sanction dated after the reference date',
      o: { sanctions: [{ level: 'medium', imposedOn: '2026-03-11' }] },
      failed: [],
    },
    {
      what: 'a medium sanction with an impossible date',
      o: { sanctions: [{ level: 'medium', imposedOn: '2025-02-29' }] },
      failed: ['sanctions'],
    },
    // several at once
    {
      what: 'a pengawas with IV/a and D3',
      o: { currentPostType: 'pengawas', golongan: 'IV/a', education: 'D3' },
      failed: ['rank', 'education', 'priorPost'],
    },
  ] as { what: string; o: Partial<CandidateProfile>; failed: string[] }[])('$what → failed: $failed', ({ o, failed }) => {
    expect(failedRules(candidate(o))).toEqual(failed);
  });

  it.each([
    { what: '00:00 WIB on the second anniversary', asOf: new Date('2026-03-09T17:00:00Z'), eligible: true },
    { what: '23:59 WIB the day before', asOf: new Date('2026-03-09T16:59:59Z'), eligible: false },
  ])('counts tenure on the WIB calendar date: $what → eligible $eligible', ({ asOf, eligible }) => {
    const v = decideEligibility(
      candidate({ currentPostSince: '2024-03-10' }),
      { positionClass: 'jpt_pratama' },
      ELIGIBILITY_POLICY_2026,
      asOf,
    );

    expect(v.eligible).toBe(eligible);
  });

  it('says which year is missing and by how much tenure falls short', () => {
    const v = decideEligibility(
      candidate({ currentPostSince: '2024-03-11', performance: [{ year: 2024, predicate: 'baik' }] }),
      { positionClass: 'jpt_pratama' },
      ELIGIBILITY_POLICY_2026,
      AS_OF,
    );

    expect(v.reasons).toEqual([
      expect.objectContaining({ rule: 'priorPostTenure', fact: '1y since 2024-03-11 at 2026-03-10 (min 2y)' }),
      expect.objectContaining({
        rule: 'performance',
        fact: '2025: missing',
        message: {
          id: 'predikat kinerja tahun 2025 tidak ada; disyaratkan paling rendah "baik"',
          en: 'the 2025 performance predicate is missing; at least "baik" is required',
        },
      }),
    ]);
  });
});

describe('decideEligibility: the other classes', () => {
  it.each([
    // JPT utama: S1, JPT madya or JF ahli utama ≥2 y, 10 y, max 58, no rank floor
    { cls: 'jpt_utama', o: { currentPostType: 'jpt_madya', cumulativeExperienceYears: 10, golongan: 'IV/a' }, failed: [] },
    { cls: 'jpt_utama', o: { currentPostType: 'jf_ahli_utama', cumulativeExperienceYears: 10 }, failed: [] },
    { cls: 'jpt_utama', o: { currentPostType: 'jpt_madya', cumulativeExperienceYears: 9 }, failed: ['cumulativeExperience'] },
    { cls: 'jpt_utama', o: { currentPostType: 'jpt_pratama', cumulativeExperienceYears: 12 }, failed: ['priorPost'] },
    // JPT madya: S1, JPT pratama or JF ahli utama ≥2 y, 7 y, max 58, min IV/c
    { cls: 'jpt_madya', o: { currentPostType: 'jpt_pratama', golongan: 'IV/c' }, failed: [] },
    { cls: 'jpt_madya', o: { currentPostType: 'jpt_pratama', golongan: 'IV/b' }, failed: ['rank'] },
    {
      cls: 'jpt_madya',
      o: { currentPostType: 'jpt_pratama', golongan: 'IV/c', cumulativeExperienceYears: 6 },
      failed: ['cumulativeExperience'],
    },
    { cls: 'jpt_madya', o: { currentPostType: 'administrator', golongan: 'IV/c' }, failed: ['priorPost'] },
    // max 58: born 1967-03-11 is 58 on 2026-03-10, born 1967-03-10 has just turned 59
    { cls: 'jpt_madya', o: { currentPostType: 'jpt_pratama', golongan: 'IV/d', nip: '196703111993031001' }, failed: [] },
    { cls: 'jpt_madya', o: { currentPostType: 'jpt_pratama', golongan: 'IV/d', nip: '196703101993031001' }, failed: ['age'] },
    // Administrator: S1, pengawas or JF ahli muda ≥3 y; no age, rank or cumulative rule
    { cls: 'administrator', o: { currentPostType: 'pengawas', currentPostSince: '2023-03-10', golongan: 'III/c' }, failed: [] },
    { cls: 'administrator', o: { currentPostType: 'jf_ahli_muda', currentPostSince: '2023-03-10' }, failed: [] },
    { cls: 'administrator', o: { currentPostType: 'pengawas', currentPostSince: '2023-03-11' }, failed: ['priorPostTenure'] },
    { cls: 'administrator', o: { currentPostType: 'pengawas', currentPostSince: '2020-01-01', education: 'D3' }, failed: ['education'] },
    { cls: 'administrator', o: { currentPostType: 'pengawas', currentPostSince: '2020-01-01', nip: '195801011985031001' }, failed: [] },
    // Pengawas: D3, pelaksana or JF terampil / ahli pertama ≥4 y
    { cls: 'pengawas', o: { currentPostType: 'pelaksana', currentPostSince: '2022-03-10', education: 'D3' }, failed: [] },
    { cls: 'pengawas', o: { currentPostType: 'jf_terampil', currentPostSince: '2022-03-10', education: 'D3' }, failed: [] },
    { cls: 'pengawas', o: { currentPostType: 'jf_ahli_pertama', currentPostSince: '2022-03-10' }, failed: [] },
    { cls: 'pengawas', o: { currentPostType: 'pelaksana', currentPostSince: '2022-03-11' }, failed: ['priorPostTenure'] },
    { cls: 'pengawas', o: { currentPostType: 'pelaksana', currentPostSince: '2020-01-01', education: 'SMA' }, failed: ['education'] },
    {
      cls: 'pengawas',
      o: { currentPostType: 'pelaksana', currentPostSince: '2020-01-01', sanctions: [{ level: 'medium', imposedOn: '2025-01-15' }] },
      failed: ['sanctions'],
    },
  ] as { cls: PositionClass; o: Partial<CandidateProfile>; failed: string[] }[])('$cls with $o → failed: $failed', ({ cls, o, failed }) => {
    expect(failedRules(candidate(o), cls)).toEqual(failed);
  });

  it.each([
    [
      'jpt_utama',
      ['nip', 'education', 'priorPost', 'priorPostTenure', 'cumulativeExperience', 'age', 'performance', 'performance', 'sanctions'],
    ],
    ['administrator', ['nip', 'education', 'priorPost', 'priorPostTenure', 'performance', 'performance', 'sanctions']],
    ['pengawas', ['nip', 'education', 'priorPost', 'priorPostTenure', 'performance', 'performance', 'sanctions']],
  ] as [PositionClass, string[]][])('checks only the rules %s imposes', (cls, rules) => {
    const v = decideEligibility(candidate(), { positionClass: cls }, ELIGIBILITY_POLICY_2026, AS_OF);

    expect(v.checks.map((c) => c.rule)).toEqual(rules);
  });

  it('refuses a class the policy does not cover, saying so', () => {
    const v = decideEligibility(candidate(), { positionClass: 'functional' }, ELIGIBILITY_POLICY_2026, AS_OF);

    expect(v).toEqual({
      eligible: false,
      ruleVersion: 'eligibility-jpt@2026-01-01',
      checks: [expect.objectContaining({ rule: 'positionClass', passed: false })],
      reasons: [expect.objectContaining({ rule: 'positionClass', passed: false })],
    });
    expect(v.reasons[0].message.en).toContain('no requirements for functional posts');
  });
});

describe('decideEligibility: agency extras', () => {
  // A selection derives its own policy version with the extras its announcement lists (domain.md §3).
  const base = ELIGIBILITY_POLICY_2026.byClass.jpt_pratama!;
  const withExtras: EligibilityPolicy = {
    ...ELIGIBILITY_POLICY_2026,
    version: 'eligibility-jpt@2026-01-01+kab-bandung-barat-2026-01',
    byClass: { jpt_pratama: { ...base, requiredCredentials: ['diklatpim_ii', 'lhkpn'] } },
  };

  it.each([
    { held: ['diklatpim_ii', 'lhkpn', 'spt'], failed: [] },
    { held: [' LHKPN ', 'Diklatpim_II'], failed: [] },
    { held: ['lhkpn'], failed: ['credentials'] },
    { held: [], failed: ['credentials'] },
  ])('holding $held → failed: $failed', ({ held, failed }) => {
    const v = decideEligibility(candidate({ credentials: held }), { positionClass: 'jpt_pratama' }, withExtras, AS_OF);

    expect(v.ruleVersion).toBe('eligibility-jpt@2026-01-01+kab-bandung-barat-2026-01');
    expect(v.reasons.map((r) => r.rule)).toEqual(failed);
  });

  it('lists the missing extras', () => {
    const v = decideEligibility(candidate({ credentials: ['lhkpn'] }), { positionClass: 'jpt_pratama' }, withExtras, AS_OF);

    expect(v.reasons[0].message).toEqual({
      id: 'persyaratan tambahan instansi belum dipenuhi: diklatpim_ii',
      en: 'agency-specific requirements not met: diklatpim_ii',
    });
  });
});

describe('ELIGIBILITY_POLICY_2026', () => {
  it('is frozen, so a shipped version cannot be edited in place', () => {
    expect(Object.isFrozen(ELIGIBILITY_POLICY_2026)).toBe(true);
    expect(Object.isFrozen(ELIGIBILITY_POLICY_2026.byClass)).toBe(true);
    expect(Object.isFrozen(ELIGIBILITY_POLICY_2026.byClass.jpt_pratama)).toBe(true);
    expect(Object.isFrozen(ELIGIBILITY_POLICY_2026.byClass.jpt_pratama!.priorPosts)).toBe(true);
  });

  it.each([
    ['jpt_utama', 'S1', ['jpt_madya', 'jf_ahli_utama'], 2, 10, 58, null],
    ['jpt_madya', 'S1', ['jpt_pratama', 'jf_ahli_utama'], 2, 7, 58, 'IV/c'],
    ['jpt_pratama', 'S1', ['administrator', 'jf_ahli_madya'], 2, 5, 56, 'IV/b'],
    ['administrator', 'S1', ['pengawas', 'jf_ahli_muda'], 3, null, null, null],
    ['pengawas', 'D3', ['pelaksana', 'jf_terampil', 'jf_ahli_pertama'], 4, null, null, null],
  ] as const)('holds the domain.md §3 row for %s', (cls, edu, prior, years, cumulative, maxAge, minGolongan) => {
    expect(ELIGIBILITY_POLICY_2026.byClass[cls]).toEqual({
      minEducation: edu,
      priorPosts: prior,
      minYearsInPriorPost: years,
      minCumulativeYears: cumulative,
      maxAge,
      minGolongan,
      performanceYears: 2,
      minPredicate: 'baik',
      sanctionLookbackYears: 2,
      blockingSanctions: ['medium', 'heavy'],
      requiredCredentials: [],
    });
  });
});

describe('decideEligibility: facts from the register', () => {
  const spell = (postType: HeldPost['postType'], from: string, to = '2026-03-10'): HeldPost => ({
    postType,
    postCode: `P-${from}`,
    from,
    to,
  });
  // The reference candidate as the register gives it: a pengawas from 2012, an administrator since 2022-01-03.
  const facts = (o: Partial<RegisterFacts> = {}): RegisterFacts => ({
    ...candidate(),
    postHistory: [spell('pengawas', '2012-01-02', '2022-01-03'), spell('administrator', '2022-01-03')],
    source: 'register',
    asOf: '2026-03-10',
    registerVersion: 12,
    ...o,
  });
  const verdictOf = (f: CandidateProfile | RegisterFacts, policy: EligibilityPolicy, cls: PositionClass = 'jpt_pratama') =>
    decideEligibility(f, { positionClass: cls }, policy, AS_OF);
  // A JPT pratama since 2023-01-02, an administrator for the three years before.
  const lateral: Partial<RegisterFacts> = {
    currentPostType: 'jpt_pratama',
    currentPostSince: '2023-01-02',
    postHistory: [spell('administrator', '2020-01-02', '2023-01-02'), spell('jpt_pratama', '2023-01-02')],
  };

  it.each([
    { o: { golongan: null }, failed: ['rank'], en: 'no grade is recorded; at least IV/b is required' },
    { o: { education: null }, failed: ['education'], en: 'no education is recorded; at least S1/D4 is required' },
    {
      o: { currentPostType: null, currentPostSince: null },
      failed: ['priorPost', 'priorPostTenure'],
      en: 'no current post is recorded; one of administrator, jf_ahli_madya is required',
    },
  ] as { o: Partial<RegisterFacts>; failed: string[]; en: string }[])(
    'refuses $failed when the register holds none, saying so',
    ({ o, failed, en }) => {
      const v = verdictOf(facts(o), ELIGIBILITY_POLICY_2026);

      expect(v.reasons.map((r) => r.rule)).toEqual(failed);
      expect(v.reasons[0].message.en).toBe(en);
    },
  );

  it.each([
    { what: 'a sitting JPT pratama with 3 years as administrator before (lateral)', o: lateral, failed: [] },
    { what: 'the reference administrator, 4 years in post', o: {}, failed: [] },
    {
      what: 'an administrator for 2 years exactly',
      o: { postHistory: [spell('pengawas', '2012-01-02', '2024-03-10'), spell('administrator', '2024-03-10')] },
      failed: [],
    },
    {
      what: 'an administrator for 1 year, a pengawas before',
      o: { postHistory: [spell('pengawas', '2012-01-02', '2025-03-01'), spell('administrator', '2025-03-01')] },
      failed: ['priorPostTenure'],
    },
    {
      what: 'two prior posts of 1 year each (spells do not add up)',
      o: { postHistory: [spell('jf_ahli_madya', '2024-03-01', '2025-03-01'), spell('administrator', '2025-03-01')] },
      failed: ['priorPostTenure'],
    },
    {
      what: 'a pengawas now, an administrator for 5 years earlier',
      o: {
        currentPostType: 'pengawas',
        postHistory: [spell('administrator', '2015-01-05', '2020-01-06'), spell('pengawas', '2020-01-06')],
      },
      failed: ['priorPost'],
    },
    {
      what: 'no post ever held',
      o: { currentPostType: null, currentPostSince: null, postHistory: [] },
      failed: ['priorPost', 'priorPostTenure'],
    },
  ] as { what: string; o: Partial<RegisterFacts>; failed: string[] }[])('under 2026-12, $what → failed: $failed', ({ o, failed }) => {
    const v = verdictOf(facts(o), ELIGIBILITY_POLICY_2026_12);

    expect(v.ruleVersion).toBe('eligibility-jpt@2026-12-01');
    expect(v.reasons.map((r) => r.rule)).toEqual(failed);
  });

  it('refuses the lateral JPT pratama under the 2026 reading, which reads only the current post', () => {
    expect(verdictOf(facts(lateral), ELIGIBILITY_POLICY_2026).reasons.map((r) => r.rule)).toEqual(['priorPost']);
  });

  it.each([
    { what: 'the reference candidate', o: {}, failed: [] },
    { what: 'a sitting JPT pratama', o: { currentPostType: 'jpt_pratama' }, failed: ['priorPost'] },
    { what: '2 years in post less one day', o: { currentPostSince: '2024-03-11' }, failed: ['priorPostTenure'] },
  ] as { what: string; o: Partial<CandidateProfile>; failed: string[] }[])(
    'judges a CandidateProfile (no post history) under 2026-12 as under 2026: $what → failed: $failed',
    ({ o, failed }) => {
      const now = verdictOf(candidate(o), ELIGIBILITY_POLICY_2026_12);
      const before = verdictOf(candidate(o), ELIGIBILITY_POLICY_2026);

      expect(now.reasons.map((r) => r.rule)).toEqual(failed);
      expect(now.checks).toEqual(before.checks);
    },
  );

  it.each([
    ['2025-12-31', 'eligibility-jpt@2026-01-01'],
    ['2026-01-01', 'eligibility-jpt@2026-01-01'],
    ['2026-11-30', 'eligibility-jpt@2026-01-01'],
    ['2026-12-01', 'eligibility-jpt@2026-12-01'],
    ['2026-12-31', 'eligibility-jpt@2026-12-01'],
    ['2027-01-01', 'eligibility-jpt@2027-01-01'],
    ['2027-06-30', 'eligibility-jpt@2027-01-01'],
  ])('eligibilityPolicyAsOf(%s) is %s', (asOf, version) => {
    expect(eligibilityPolicyAsOf(asOf).version).toBe(version);
  });
});
