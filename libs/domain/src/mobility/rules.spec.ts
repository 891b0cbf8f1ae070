import { MOBILITY_POLICY_2026, type MobilityPolicy } from './mobility-policy';
import type { ElectionWindowFacts, MinisterApproval, MoveFacts } from './move';
import { aMove, aRotation, wib } from './move.fixture';
import {
  ageLimit,
  disciplinaryBlock,
  electionMoratorium,
  jptProtection,
  minimumTenure,
  newPnsTransferBan,
  rotationSameLevel,
  rotationTenureWindow,
} from './rules';

const P = MOBILITY_POLICY_2026;
const AS_OF = wib('2026-03-10');
const policy = (o: Partial<MobilityPolicy>): MobilityPolicy => ({ ...P, ...o });

describe('electionMoratorium (UU 10/2016 Pasal 71(2), 162(3))', () => {
  // The 2024 Pilkada: determination 22 Sep 2024, so the ban starts 22 Mar 2024 (domain.md §2.8).
  const SLEMAN: ElectionWindowFacts = {
    regionCode: '34.04',
    candidatePairDetermination: '2024-09-22',
    termEnd: '2025-02-19',
    headInauguratedOn: '2025-02-20',
  };
  const run = (asOf: string, o: { windows?: ElectionWindowFacts[]; approvals?: MinisterApproval[]; move?: MoveFacts } = {}) =>
    electionMoratorium(o.move ?? aMove(), o.windows ?? [SLEMAN], o.approvals ?? [], P, wib(asOf));

  it.each([
    { asOf: '2024-03-21', passed: true, what: 'the day before 6 months before the determination' },
    { asOf: '2024-03-22', passed: false, what: 'exactly 6 months before the determination' },
    { asOf: '2024-09-22', passed: false, what: 'the determination itself' },
    { asOf: '2025-02-19', passed: false, what: 'the last day of the term' },
    { asOf: '2025-02-20', passed: false, what: 'the inauguration day' },
    { asOf: '2025-08-19', passed: false, what: 'inauguration + 6 months − 1 day' },
    { asOf: '2025-08-20', passed: true, what: 'inauguration + 6 months' },
    { asOf: '2026-03-10', passed: true, what: 'long after' },
  ])('$asOf ($what) → passed $passed', ({ asOf, passed }) => {
    expect(run(asOf).passed).toBe(passed);
  });

  it('counts on the WIB calendar date: 00:00 WIB on 22 Mar 2024 is inside the ban, 23:59 WIB the day before is not', () => {
    const move = aMove();
    expect(electionMoratorium(move, [SLEMAN], [], P, new Date('2024-03-21T17:00:00Z')).passed).toBe(false);
    expect(electionMoratorium(move, [SLEMAN], [], P, new Date('2024-03-21T16:59:59Z')).passed).toBe(true);
  });

  it.each([
    {
      what: 'term end unrecorded: the ban runs to the day before the inauguration',
      window: { ...SLEMAN, termEnd: null },
      asOf: '2025-02-19',
      passed: false,
    },
    {
      what: 'term end and inauguration unrecorded: the ban stays open',
      window: { ...SLEMAN, termEnd: null, headInauguratedOn: null },
      asOf: '2026-03-10',
      passed: false,
    },
    {
      what: 'only an inauguration recorded',
      window: { regionCode: '34.04', candidatePairDetermination: null, termEnd: null, headInauguratedOn: '2026-01-15' },
      asOf: '2026-03-10',
      passed: false,
    },
    {
      // 31 Aug 2024 − 6 months clamps to 29 Feb 2024 (leap year)
      what: 'determination on the 31st, 6 months back clamps to 29 Feb: 29 Feb is banned',
      window: { ...SLEMAN, candidatePairDetermination: '2024-08-31' },
      asOf: '2024-02-29',
      passed: false,
    },
    {
      what: 'determination on the 31st: 28 Feb 2024 is free',
      window: { ...SLEMAN, candidatePairDetermination: '2024-08-31' },
      asOf: '2024-02-28',
      passed: true,
    },
    {
      // 31 Aug 2024 + 6 months clamps to 28 Feb 2025
      what: 'inauguration on the 31st: 27 Feb 2025 is still banned',
      window: { regionCode: '34.04', candidatePairDetermination: null, termEnd: null, headInauguratedOn: '2024-08-31' },
      asOf: '2025-02-27',
      passed: false,
    },
    {
      what: 'inauguration on the 31st: 28 Feb 2025 is free',
      window: { regionCode: '34.04', candidatePairDetermination: null, termEnd: null, headInauguratedOn: '2024-08-31' },
      asOf: '2025-02-28',
      passed: true,
    },
    {
      what: 'a window of the destination region',
      window: { ...SLEMAN, regionCode: '34.02' },
      asOf: '2024-05-01',
      passed: false,
    },
    {
      what: 'a province window does not cover its regencies',
      window: { ...SLEMAN, regionCode: '34' },
      asOf: '2024-05-01',
      passed: true,
    },
    {
      what: 'an invalid date in a window of a region involved',
      window: { ...SLEMAN, termEnd: '2025-02-30' },
      asOf: '2026-03-10',
      passed: false,
    },
  ] as { what: string; window: ElectionWindowFacts; asOf: string; passed: boolean }[])(
    '$what → passed $passed',
    ({ window, asOf, passed }) => {
      expect(run(asOf, { windows: [window] }).passed).toBe(passed);
    },
  );

  const APPROVAL: MinisterApproval = { documentRef: '100.2.2.6/1234/OTDA', approvedOn: '2024-04-15', regionCode: '34.04' };

  it.each([
    { what: 'an approval for the region dated within the ban', approvals: [APPROVAL], passed: true },
    { what: 'an approval dated on the first day of the ban', approvals: [{ ...APPROVAL, approvedOn: '2024-03-22' }], passed: true },
    { what: 'an approval dated after the move', approvals: [{ ...APPROVAL, approvedOn: '2024-05-02' }], passed: false },
    { what: 'an approval from an earlier election', approvals: [{ ...APPROVAL, approvedOn: '2020-06-01' }], passed: false },
    { what: 'an approval for another region', approvals: [{ ...APPROVAL, regionCode: '34.02' }], passed: false },
    { what: 'no approval', approvals: [], passed: false },
  ])('a move on 2024-05-01 inside the Sleman ban with $what → passed $passed', ({ approvals, passed }) => {
    expect(run('2024-05-01', { approvals }).passed).toBe(passed);
  });

  it('names the approving document when an approval lifts the ban', () => {
    const v = run('2024-05-01', { approvals: [APPROVAL] });

    expect(v).toEqual({
      rule: 'electionMoratorium',
      ruleVersion: 'mobility@2026-01-01',
      passed: true,
      fact: '34.04 pre_election 2024-03-22..2025-02-19; approved by 100.2.2.6/1234/OTDA (34.04, 2024-04-15)',
      message: {
        id: 'tanggal 2024-05-01 berada dalam masa larangan penggantian pejabat, tetapi Menteri Dalam Negeri telah memberi persetujuan tertulis: 100.2.2.6/1234/OTDA (34.04, 2024-04-15)',
        en: '2024-05-01 falls within an election-related ban on replacing officials, but the Minister of Home Affairs approved in writing: 100.2.2.6/1234/OTDA (34.04, 2024-04-15)',
      },
      approvals: [APPROVAL],
      periods: [{ regionCode: '34.04', kind: 'pre_election', from: '2024-03-22', to: '2025-02-19', basis: 'UU 10/2016 Pasal 71(2)' }],
    });
  });

  it('names the ban period it refuses, from and to', () => {
    expect(run('2024-05-01').periods).toEqual([
      { regionCode: '34.04', kind: 'pre_election', from: '2024-03-22', to: '2025-02-19', basis: 'UU 10/2016 Pasal 71(2)' },
    ]);
    expect(run('2026-03-10').periods).toBeUndefined();
  });

  it('needs an approval for every banned region', () => {
    const windows = [SLEMAN, { ...SLEMAN, regionCode: '34.02' }];
    const bantul = { ...APPROVAL, regionCode: '34.02', documentRef: '100.2.2.6/1300/OTDA' };

    const one = run('2024-05-01', { windows, approvals: [APPROVAL] });
    const both = run('2024-05-01', { windows, approvals: [APPROVAL, bantul] });

    expect(one.passed).toBe(false);
    expect(one.fact).toBe('34.02 pre_election 2024-03-22..2025-02-19; no Mendagri approval');
    expect(both.passed).toBe(true);
    expect(both.approvals).toEqual([APPROVAL, bantul]);
  });

  it('explains a ban with the period, the region and the legal basis', () => {
    const v = run('2025-03-01');

    expect(v.passed).toBe(false);
    expect(v.fact).toBe('34.04 post_inauguration 2025-02-20..2025-08-19; no Mendagri approval');
    expect(v.message.en).toBe(
      '2025-03-01 falls within an election-related ban on replacing officials, without the written approval of the Minister of Home Affairs: 34.04: after the inauguration of the regional head 2025-02-20 to 2025-08-19 (UU 10/2016 Pasal 162(3))',
    );
  });

  it('reads the month counts from the policy', () => {
    const three = policy({ moratorium: { monthsBeforeDetermination: 3, monthsAfterInauguration: 3 } });
    const move = aMove();

    expect(electionMoratorium(move, [SLEMAN], [], three, wib('2024-06-21')).passed).toBe(true);
    expect(electionMoratorium(move, [SLEMAN], [], three, wib('2024-06-22')).passed).toBe(false);
    expect(electionMoratorium(move, [SLEMAN], [], three, wib('2025-05-20')).passed).toBe(true);
  });
});

describe('jptProtection (UU 5/2014 Pasal 116, 2 years after inauguration)', () => {
  const jpt = (o: Partial<MoveFacts['from']> = {}, kind: MoveFacts['kind'] = 'mutation') =>
    aMove({ kind, from: { positionClass: 'jpt_pratama', level: 'jpt_pratama', inauguratedOn: '2024-03-10', ...o } });

  it.each([
    { what: 'inaugurated exactly 2 years before', move: jpt(), passed: true },
    { what: 'inaugurated 2 years − 1 day before', move: jpt({ inauguratedOn: '2024-03-11' }), passed: false },
    { what: 'inaugurated last month', move: jpt({ inauguratedOn: '2026-02-10' }), passed: false },
    { what: 'inauguration date after the move', move: jpt({ inauguratedOn: '2026-04-01' }), passed: false },
    { what: 'no inauguration date recorded', move: jpt({ inauguratedOn: undefined }), passed: false },
    { what: 'an impossible inauguration date', move: jpt({ inauguratedOn: '2024-02-30' }), passed: false },
    {
      what: 'a JPT madya rotated 2 years − 1 day after',
      move: jpt({ positionClass: 'jpt_madya', inauguratedOn: '2024-03-11' }, 'rotation'),
      passed: false,
    },
    { what: 'an administrator (not protected)', move: aMove(), passed: null },
    { what: 'a talent promotion out of a JPT post', move: jpt({ inauguratedOn: '2026-01-10' }, 'talent_promotion'), passed: null },
  ])('$what → passed $passed', ({ move, passed }) => {
    expect(jptProtection(move, P, AS_OF)?.passed ?? null).toBe(passed);
  });

  it('is off when the policy sets no protection', () => {
    expect(jptProtection(jpt({ inauguratedOn: '2026-01-10' }), policy({ jptProtectionYears: null }), AS_OF)).toBeNull();
  });

  it('states the inauguration date and the protection period', () => {
    const v = jptProtection(jpt({ inauguratedOn: '2024-03-11' }), P, AS_OF);

    expect(v?.fact).toBe('1y since inauguration 2024-03-11 at 2026-03-10 (protected 2y)');
  });
});

describe('minimumTenure (mutation, 2 years in post)', () => {
  it.each([
    { what: 'exactly 2 years in post', since: '2024-03-10', passed: true },
    { what: '2 years − 1 day in post', since: '2024-03-11', passed: false },
    { what: 'a start date after the reference date', since: '2026-04-01', passed: false },
    { what: 'an impossible start date', since: '2024-02-30', passed: false },
  ])('$what → passed $passed', ({ since, passed }) => {
    expect(minimumTenure(aMove({ from: { since } }), P, AS_OF)?.passed).toBe(passed);
  });

  it.each([
    { what: 'a rotation (judged by rotationTenureWindow)', move: aRotation({ from: { since: '2026-01-01' } }), p: P },
    { what: 'a talent promotion', move: aMove({ kind: 'talent_promotion', from: { since: '2026-01-01' } }), p: P },
    {
      what: 'a mutation when the policy sets no minimum',
      move: aMove({ from: { since: '2026-01-01' } }),
      p: policy({ minTenureYears: { mutation: null, rotation: 2 } }),
    },
  ])('does not apply to $what', ({ move, p }) => {
    expect(minimumTenure(move, p, AS_OF)).toBeNull();
  });

  it('reads the minimum from the policy', () => {
    const three = policy({ minTenureYears: { mutation: 3, rotation: 2 } });

    expect(minimumTenure(aMove({ from: { since: '2023-03-10' } }), three, AS_OF)?.passed).toBe(true);
    expect(minimumTenure(aMove({ from: { since: '2023-03-11' } }), three, AS_OF)?.fact).toBe('2y since 2023-03-11 at 2026-03-10 (min 3y)');
  });
});

describe('rotationTenureWindow (PP 11/2017 Pasal 190(3), 2–5 years)', () => {
  // Past the maximum an official is due for rotation, not barred from it: the rule passes and marks it due.
  it.each([
    { what: '2 years − 1 day', since: '2024-03-11', passed: false, due: undefined },
    { what: 'exactly 2 years', since: '2024-03-10', passed: true, due: undefined },
    { what: '4 years', since: '2022-01-03', passed: true, due: undefined },
    { what: 'exactly 5 years (the fifth anniversary)', since: '2021-03-10', passed: true, due: undefined },
    { what: '5 years + 1 day (overdue)', since: '2021-03-09', passed: true, due: true },
    { what: '6 years (overdue)', since: '2020-03-10', passed: true, due: true },
    { what: 'a start date after the reference date', since: '2026-04-01', passed: false, due: undefined },
    { what: 'an impossible start date', since: '2021-02-29', passed: false, due: undefined },
  ])('$what in post → passed $passed, due $due', ({ since, passed, due }) => {
    const v = rotationTenureWindow(aRotation({ from: { since } }), P, AS_OF);
    expect(v?.passed).toBe(passed);
    expect(v?.due).toBe(due);
  });

  it.each([
    { since: '2021-02-28', asOf: '2026-02-28', due: undefined },
    { since: '2021-02-28', asOf: '2026-03-01', due: true },
    // a 29 February anniversary falls on 1 March in common years
    { since: '2020-02-29', asOf: '2025-03-01', due: undefined },
    { since: '2020-02-29', asOf: '2025-03-02', due: true },
  ])('since $since, on $asOf → passes, due $due', ({ since, asOf, due }) => {
    const v = rotationTenureWindow(aRotation({ from: { since } }), P, wib(asOf));
    expect(v?.passed).toBe(true);
    expect(v?.due).toBe(due);
  });

  it('says whether the tenure is too short or overdue', () => {
    expect(rotationTenureWindow(aRotation({ from: { since: '2024-03-11' } }), P, AS_OF)?.message.en).toBe(
      'only 1 full years in post since 2024-03-11 as of 2026-03-10; a rotation requires at least 2',
    );
    expect(rotationTenureWindow(aRotation({ from: { since: '2021-03-09' } }), P, AS_OF)).toEqual(
      expect.objectContaining({
        passed: true,
        due: true,
        fact: '5y since 2021-03-09 at 2026-03-10 (window 2–5y, overdue)',
        message: expect.objectContaining({
          en: 'more than 5 years in post since 2021-03-09 as of 2026-03-10; the rotation is overdue (due within 5 years), so this rotation is called for',
        }),
      }),
    );
  });

  it('has no upper end when the policy sets none', () => {
    const open = policy({ maxTenureYears: { rotation: null } });

    expect(rotationTenureWindow(aRotation({ from: { since: '2010-01-04' } }), open, AS_OF)?.passed).toBe(true);
  });

  it.each(['mutation', 'talent_promotion'] as const)('does not apply to a %s', (kind) => {
    expect(rotationTenureWindow(aMove({ kind, from: { since: '2026-01-01' } }), P, AS_OF)).toBeNull();
  });
});

describe('rotationSameLevel (same rank and level, new post, one agency)', () => {
  it.each([
    { what: 'same agency and level, another post', to: {}, passed: true },
    { what: 'another level', to: { positionClass: 'jpt_pratama', level: 'jpt_pratama' }, passed: false },
    { what: 'same class, another level string', to: { level: 'administrator_tk2' }, passed: false },
    { what: 'another agency', to: { agencyCode: 'PEMKAB-BANTUL' }, passed: false },
    { what: 'the same post', to: { positionCode: 'KABID-BINA-MARGA' }, passed: false },
  ] as { what: string; to: Partial<MoveFacts['to']>; passed: boolean }[])('$what → passed $passed', ({ to, passed }) => {
    expect(rotationSameLevel(aRotation({ to }), P)?.passed).toBe(passed);
  });

  it('lists every way the move is not a rotation', () => {
    const v = rotationSameLevel(aRotation({ to: { agencyCode: 'PEMKAB-BANTUL', level: 'pengawas', positionClass: 'pengawas' } }), P);

    expect(v?.fact).toBe('agency PEMKAB-SLEMAN→PEMKAB-BANTUL; level administrator/administrator→pengawas/pengawas');
  });

  it('does not apply to a mutation', () => {
    expect(rotationSameLevel(aMove(), P)).toBeNull();
  });
});

describe('newPnsTransferBan (PermenPANRB 6/2024 Pasal 59, 10 years from CPNS TMT)', () => {
  const own = (cpnsTmt: string, o: Parameters<typeof aMove>[0] = {}) => aMove({ atOwnRequest: true, ...o, person: { cpnsTmt } });

  it.each([
    { what: 'exactly 10 years since TMT', cpnsTmt: '2016-03-10', passed: true },
    { what: '10 years − 1 day', cpnsTmt: '2016-03-11', passed: false },
    { what: 'TMT 1 Apr 2016 (the NIP month)', cpnsTmt: '2016-04-01', passed: false },
    { what: 'TMT 1 Mar 2016', cpnsTmt: '2016-03-01', passed: true },
    { what: 'an impossible TMT', cpnsTmt: '2016-02-30', passed: false },
  ])('own request, $what → passed $passed', ({ cpnsTmt, passed }) => {
    expect(newPnsTransferBan(own(cpnsTmt), P, AS_OF)?.passed).toBe(passed);
  });

  it.each([
    { what: 'a move the agency initiates', move: aMove({ person: { cpnsTmt: '2024-01-01' } }), p: P },
    { what: 'a policy without the rule', move: own('2024-01-01'), p: policy({ newPnsNoTransferYears: null }) },
    {
      what: 'a scope the policy leaves out',
      move: own('2024-01-01', { scope: 'intra_agency' }),
      p: policy({ newPnsTransferScopes: ['inter_agency_province', 'inter_province'] }),
    },
  ])('does not apply to $what', ({ move, p }) => {
    expect(newPnsTransferBan(move, p, AS_OF)).toBeNull();
  });

  it('covers intra-agency moves at own request by default', () => {
    expect(newPnsTransferBan(own('2024-01-01', { kind: 'rotation', scope: 'intra_agency' }), P, AS_OF)?.passed).toBe(false);
  });
});

describe('disciplinaryBlock (PP 94/2021, medium or heavy within 2 years)', () => {
  const sanctioned = (level: 'light' | 'medium' | 'heavy', imposedOn: string) => aMove({ person: { sanctions: [{ level, imposedOn }] } });

  it.each([
    { what: 'no sanction', move: aMove(), passed: true },
    { what: 'medium 2 years + 1 day ago', move: sanctioned('medium', '2024-03-09'), passed: true },
    { what: 'medium exactly 2 years ago', move: sanctioned('medium', '2024-03-10'), passed: true },
    { what: 'medium 2 years − 1 day ago', move: sanctioned('medium', '2024-03-11'), passed: false },
    { what: 'heavy last month', move: sanctioned('heavy', '2026-02-10'), passed: false },
    { what: 'light last month', move: sanctioned('light', '2026-02-10'), passed: true },
    { what: 'medium dated after the reference date', move: sanctioned('medium', '2026-03-11'), passed: true },
    { what: 'medium with an impossible date', move: sanctioned('medium', '2025-02-29'), passed: false },
  ])('$what → passed $passed', ({ move, passed }) => {
    expect(disciplinaryBlock(move, P, AS_OF)?.passed).toBe(passed);
  });

  it('applies to every kind and lists the blocking sanctions', () => {
    for (const kind of ['mutation', 'rotation', 'talent_promotion'] as const) {
      const v = disciplinaryBlock(aMove({ kind, person: { sanctions: [{ level: 'heavy', imposedOn: '2025-06-01' }] } }), P, AS_OF);
      expect(v?.fact).toBe('heavy 2025-06-01');
    }
  });

  it('does not apply when the policy blocks on no sanction', () => {
    expect(disciplinaryBlock(sanctioned('heavy', '2026-02-10'), policy({ blockingSanctions: [] }), AS_OF)).toBeNull();
  });
});

describe('ageLimit (receiving agency extra, e.g. Jatim inbound ≤ 40)', () => {
  const JATIM = policy({ maxAge: { default: null, byAgency: { 'PEMPROV-JATIM': 40 } } });
  const toJatim = (nip: string) =>
    aMove({ scope: 'inter_province', person: { nip }, to: { agencyCode: 'PEMPROV-JATIM', regionCode: '35' } });

  it.each([
    { what: 'turning 41 tomorrow', nip: '198503112010012003', passed: true },
    { what: 'turning 41 today', nip: '198503102010012003', passed: false },
    { what: 'turned 41 yesterday', nip: '198503092010012003', passed: false },
    { what: 'aged 30', nip: '199507012020121001', passed: true },
    { what: 'an invalid NIP', nip: '198503112010012000', passed: false },
  ])('into Jatim, $what → passed $passed', ({ nip, passed }) => {
    expect(ageLimit(toJatim(nip), JATIM, AS_OF)?.passed).toBe(passed);
  });

  it.each([
    { what: 'an agency without a limit', move: aMove({ person: { nip: '196003102010012003' } }), p: JATIM },
    { what: 'no limit at all', move: toJatim('196003102010012003'), p: P },
    {
      what: 'a move within the limited agency',
      move: aRotation({
        person: { nip: '196003102010012003' },
        from: { agencyCode: 'PEMPROV-JATIM' },
        to: { agencyCode: 'PEMPROV-JATIM' },
      }),
      p: JATIM,
    },
  ])('does not apply to $what', ({ move, p }) => {
    expect(ageLimit(move, p, AS_OF)).toBeNull();
  });

  it('falls back to the default limit and states it', () => {
    const v = ageLimit(aMove({ person: { nip: '198503102010012003' } }), policy({ maxAge: { default: 40 } }), AS_OF);

    expect(v?.passed).toBe(false);
    expect(v?.fact).toBe('41y at 2026-03-10, born 1985-03-10 (max 40 for PEMKAB-BANTUL)');
  });

  it('prefers the agency limit over the default', () => {
    const p = policy({ maxAge: { default: 35, byAgency: { 'PEMPROV-JATIM': 40 } } });

    expect(ageLimit(toJatim('198503112010012003'), p, AS_OF)?.passed).toBe(true);
  });
});
