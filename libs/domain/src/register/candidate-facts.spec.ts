import { CURRENT_POST_TYPES, type CurrentPostType, type EducationLevel } from '../selection/candidate';
import {
  cumulativeExperienceYears,
  heldPosts,
  highestEducation,
  registerFacts,
  serviceEndedIssue,
  wholeMonthsBetween,
} from './candidate-facts';
import { projectProfile } from './project-profile';
import type { PositionEntry, RegisterEventDraft } from './register.types';
import { NIP, post, rank, registration, serviceEnded, stored, TODAY } from './register.fixture';

const held = (postType: CurrentPostType, from: string, to: string | null = null): PositionEntry => ({
  postCode: `POST-${from}`,
  title: postType,
  postType,
  unitCode: 'DINAS-A',
  from,
  to,
  decreeNumber: `SK-${from}`,
});

describe('cumulativeExperienceYears', () => {
  // Managerial posts and JF ahli muda and above count (domain.md §3); the others do not.
  const COUNTS: Record<CurrentPostType, boolean> = {
    jpt_utama: true,
    jpt_madya: true,
    jpt_pratama: true,
    administrator: true,
    pengawas: true,
    jf_ahli_utama: true,
    jf_ahli_madya: true,
    jf_ahli_muda: true,
    jf_ahli_pertama: false,
    jf_terampil: false,
    pelaksana: false,
  };

  it('has a verdict for every post type', () => {
    expect(Object.keys(COUNTS).sort()).toEqual([...CURRENT_POST_TYPES].sort());
  });

  it.each(CURRENT_POST_TYPES.map((postType) => ({ postType, years: COUNTS[postType] ? 3 : 0 })))(
    'three years as $postType count $years',
    ({ postType, years }) => {
      expect(cumulativeExperienceYears([held(postType, '2020-01-06', '2023-01-06')], TODAY)).toBe(years);
    },
  );

  it.each([
    { from: '2020-01-15', to: '2021-01-15', years: 1 },
    { from: '2020-01-15', to: '2021-01-14', years: 0.91 }, // 11 whole months
    { from: '2020-01-15', to: '2020-02-15', years: 0.08 }, // 1 whole month
    { from: '2020-01-15', to: '2020-02-14', years: 0 },
    { from: '2020-01-15', to: '2020-01-15', years: 0 },
  ])('counts whole months: $from to $to → $years years', ({ from, to, years }) => {
    expect(cumulativeExperienceYears([held('administrator', from, to)], TODAY)).toBe(years);
  });

  it('adds the months of several posts, skipping those that do not count', () => {
    const history = [
      held('pelaksana', '2005-01-03', '2012-01-02'),
      held('pengawas', '2012-01-02', '2016-07-01'), // 53 months
      held('jf_ahli_pertama', '2016-07-01', '2018-01-02'),
      held('administrator', '2018-01-02', '2021-01-04'), // 36 months
    ];

    expect(cumulativeExperienceYears(history, TODAY)).toBe(7.41); // 89 months
  });

  it('closes a post still held at the date asked about', () => {
    const current = [held('administrator', '2021-01-04')];

    expect(cumulativeExperienceYears(current, '2026-01-03')).toBe(4.91);
    expect(cumulativeExperienceYears(current, '2026-01-04')).toBe(5);
  });

  it('leaves out posts that start after the date, and the part of a post after it', () => {
    const history = [held('pengawas', '2012-01-02', '2021-01-04'), held('administrator', '2021-01-04')];

    expect(cumulativeExperienceYears(history, '2016-01-02')).toBe(4);
  });

  it('counts the months to the day like years: a month is complete on its day', () => {
    expect(wholeMonthsBetween('2024-01-31', '2024-02-29')).toBe(0);
    expect(wholeMonthsBetween('2024-01-31', '2024-03-31')).toBe(2);
    expect(wholeMonthsBetween('2023-11-10', '2024-02-10')).toBe(3);
  });
});

describe('heldPosts', () => {
  it('keeps the posts begun by the date, closed at it when still held or ended later', () => {
    const history = [held('pengawas', '2012-01-02', '2021-01-04'), held('administrator', '2021-01-04'), held('jpt_pratama', '2026-04-01')];

    expect(heldPosts(history, '2023-06-30')).toEqual([
      { postType: 'pengawas', postCode: 'POST-2012-01-02', from: '2012-01-02', to: '2021-01-04' },
      { postType: 'administrator', postCode: 'POST-2021-01-04', from: '2021-01-04', to: '2023-06-30' },
    ]);
    expect(heldPosts(history, '2015-03-01')).toEqual([
      { postType: 'pengawas', postCode: 'POST-2012-01-02', from: '2012-01-02', to: '2015-03-01' },
    ]);
  });
});

const educated = (...levels: EducationLevel[]): RegisterEventDraft[] =>
  levels.map((level, i) => ({ type: 'education_recorded', payload: { level, graduatedOn: `${1995 + 3 * i}-08-20` } }));

describe('highestEducation', () => {
  it.each([
    { levels: [], highest: null },
    { levels: ['SMA', 'D3'], highest: 'D3' },
    { levels: ['S2', 'S1'], highest: 'S2' },
    { levels: ['SMA', 'S1', 'S3', 'S2'], highest: 'S3' },
    // D4 and S1 share a rank: the degree recorded first stays.
    { levels: ['D4', 'S1'], highest: 'D4' },
    { levels: ['S1', 'D4'], highest: 'S1' },
  ] as { levels: EducationLevel[]; highest: EducationLevel | null }[])('of $levels is $highest', ({ levels, highest }) => {
    expect(highestEducation(projectProfile(stored([registration(), ...educated(...levels)]), TODAY)!)).toBe(highest);
  });
});

describe('registerFacts', () => {
  const credential = (code: string, issuedOn: string, validUntil?: string): RegisterEventDraft => ({
    type: 'credential_recorded',
    payload: { code, issuedOn, validUntil },
  });
  const history: RegisterEventDraft[] = [
    registration(),
    rank('III/a', '2000-03-01', 'initial'),
    rank('IV/a', '2018-04-01', 'adjustment'),
    rank('IV/b', '2022-04-01'),
    ...educated('S1', 'S2'),
    post('pengawas', '2012-01-02'),
    post('administrator', '2021-01-04', { postCode: 'KABID-2' }),
    { type: 'performance_rated', payload: { year: 2024, predicate: 'sangat_baik' } },
    { type: 'performance_rated', payload: { year: 2025, predicate: 'baik' } },
    {
      type: 'sanction_recorded',
      payload: { level: 'light', sanction: 'teguran_lisan', imposedOn: '2019-05-02', endsOn: '2019-05-02', decreeNumber: 'SK-HD-1' },
    },
    credential('DIKLATPIM_III', '2015-10-01'),
    credential('LHKPN', '2025-03-31', '2026-03-31'),
    credential('SPT', '2025-03-15', '2026-03-09'),
  ];

  it('gives what the eligibility rules read, as of the profile date', () => {
    expect(registerFacts(projectProfile(stored(history), TODAY)!)).toEqual({
      nip: NIP,
      nipKind: 'pns',
      name: 'Budi Santoso, S.E., M.M.',
      golongan: 'IV/b',
      education: 'S2',
      currentPostType: 'administrator',
      currentPostSince: '2021-01-04',
      cumulativeExperienceYears: 14.16, // 108 months as pengawas + 62 as administrator
      performance: [
        { year: 2024, predicate: 'sangat_baik' },
        { year: 2025, predicate: 'baik' },
      ],
      sanctions: [{ level: 'light', imposedOn: '2019-05-02', endsOn: '2019-05-02' }],
      credentials: ['diklatpim_iii', 'lhkpn'],
      postHistory: [
        { postType: 'pengawas', postCode: 'POST-2012-01-02', from: '2012-01-02', to: '2021-01-04' },
        { postType: 'administrator', postCode: 'KABID-2', from: '2021-01-04', to: TODAY },
      ],
      source: 'register',
      asOf: TODAY,
      registerVersion: history.length,
    });
  });

  it.each([
    { asOf: '2015-09-30', credentials: [] },
    { asOf: '2015-10-01', credentials: ['diklatpim_iii'] },
    { asOf: '2026-03-09', credentials: ['diklatpim_iii', 'spt', 'lhkpn'] },
    { asOf: '2026-03-31', credentials: ['diklatpim_iii', 'lhkpn'] },
    { asOf: '2026-04-01', credentials: ['diklatpim_iii'] },
  ])('counts a credential from its issue date through its last valid day: on $asOf → $credentials', ({ asOf, credentials }) => {
    expect(registerFacts(projectProfile(stored(history), asOf)!).credentials).toEqual(credentials);
  });

  it('has nulls where the register holds no grade, education or current post', () => {
    const facts = registerFacts(projectProfile(stored([registration()]), TODAY)!);

    expect(facts).toEqual(
      expect.objectContaining({ golongan: null, education: null, currentPostType: null, currentPostSince: null, postHistory: [] }),
    );
    expect(facts.cumulativeExperienceYears).toBe(0);
  });

  it.each([
    { asOf: '2026-01-31', serviceEndedOn: undefined, refused: null },
    { asOf: '2026-02-01', serviceEndedOn: '2026-02-01', refused: 'person.nip register.serviceEnded' },
  ])('marks an official whose service ended by $asOf, and refuses them as a candidate', ({ asOf, serviceEndedOn, refused }) => {
    const facts = registerFacts(projectProfile(stored([...history, serviceEnded('2026-02-01')]), asOf)!);

    expect(facts.serviceEndedOn).toBe(serviceEndedOn);
    expect('serviceEndedOn' in facts).toBe(serviceEndedOn !== undefined);
    const issue = serviceEndedIssue(facts, 'person.nip');
    expect(issue && `${issue.field} ${issue.rule}`).toBe(refused);
  });
});
