import type { Golongan } from '../personnel/golongan';
import { EDUCATION_LEVELS, SANCTION_LEVELS, type SanctionLevel } from '../selection/candidate';
import { checkRegisterEvent, effectiveDateOf, type RegisterContext } from './register-rules';
import { ALL_SANCTIONS, REGISTER_EVENT_TYPES, SANCTIONS, type RankChangeKind, type RegisterEventDraft } from './register.types';
import { BIRTH, contextOf, ended, NIP, post, rank, registration, serviceEnded, TODAY, type Recorded } from './register.fixture';

/** A registered PNS with the initial grade III/a from his CPNS TMT. */
const BASE = [registration(), rank('III/a', '2000-03-01', 'initial')];

/** The issues a draft raises against a history, as 'field rule'. */
const found = (draft: RegisterEventDraft, history: readonly (RegisterEventDraft | Recorded)[] = BASE, nip = NIP): string[] =>
  checkRegisterEvent(draft, contextOf(history, nip)).map((i) => `${i.field} ${i.rule}`);

const unregistered = (nip: string): RegisterContext => ({ nip, person: null, eventIds: new Set(), today: TODAY });
const registering = (draft: RegisterEventDraft, nip = NIP) =>
  checkRegisterEvent(draft, unregistered(nip)).map((i) => `${i.field} ${i.rule}`);

// A PPPK number: born 1990-01-01, appointed 2022, code 34 where a PNS NIP has the TMT month, female.
const NI_PPPK = '199001012022342001';

describe('checkRegisterEvent: registration', () => {
  it.each([
    { what: 'a PNS whose NIP matches birth date and sex', nip: NIP, o: {}, issues: [] },
    {
      what: 'a PPPK number (digits 13–14 a code, not a month)',
      nip: NI_PPPK,
      o: { employmentType: 'pppk', birthDate: '1990-01-01', sex: 'female' },
      issues: [],
    },
    {
      what: 'the same PPPK number registered as PNS (month 34)',
      nip: NI_PPPK,
      o: { employmentType: 'pns', birthDate: '1990-01-01', sex: 'female' },
      issues: ['nip nip.appointmentMonth'],
    },
    { what: 'a PNS NIP with TMT month 13', nip: '197504122000131001', o: {}, issues: ['nip nip.appointmentMonth'] },
    { what: 'a birth date one day off the NIP', nip: NIP, o: { birthDate: '1975-04-13' }, issues: ['birthDate nip.birthDate'] },
    { what: 'a sex the NIP does not carry', nip: NIP, o: { sex: 'female' }, issues: ['sex nip.sex'] },
    { what: 'a birth date that does not exist', nip: NIP, o: { birthDate: '1975-02-30' }, issues: ['birthDate date'] },
    { what: 'an unknown employment type', nip: NIP, o: { employmentType: 'honorer' }, issues: ['employmentType isIn'] },
    { what: 'an external person without a home agency', nip: NIP, o: { source: 'external' }, issues: ['homeAgencyCode code'] },
    { what: 'an external person with a home agency', nip: NIP, o: { source: 'external', homeAgencyCode: 'PEMKAB-BANTUL' }, issues: [] },
    {
      what: 'an empty name and a lower-case unit',
      nip: NIP,
      o: { name: ' ', unitCode: 'dinas-a' },
      issues: ['name text', 'unitCode code'],
    },
  ] as { what: string; nip: string; o: object; issues: string[] }[])('$what → $issues', ({ nip, o, issues }) => {
    expect(registering(registration(o), nip)).toEqual(issues);
  });

  it('refuses a second registration of the same NIP', () => {
    expect(found(registration())).toEqual(['nip register.exists']);
  });

  it('refuses any other change for a NIP that is not registered', () => {
    expect(registering(rank('III/a', '2000-03-01', 'initial'))).toEqual(['nip register.unknownNip']);
  });
});

describe('checkRegisterEvent: rank sequence', () => {
  const onlyInitial = [registration()];
  const at = (golongan: Golongan): RegisterEventDraft[] => [registration(), rank(golongan, '2000-03-01', 'initial')];
  it.each([
    { what: 'an initial grade as the first', history: onlyInitial, draft: rank('III/a', '2000-03-01', 'initial'), issues: [] },
    {
      what: 'a regular promotion with no grade before it',
      history: onlyInitial,
      draft: rank('III/b', '2004-04-01'),
      issues: ['golongan rank.sequence'],
    },
    {
      what: 'an initial grade after one',
      history: BASE,
      draft: rank('III/b', '2004-04-01', 'initial'),
      issues: ['golongan rank.sequence'],
    },
    { what: 'regular III/a → III/b', history: BASE, draft: rank('III/b', '2004-04-01'), issues: [] },
    { what: 'regular III/a → III/c (two steps)', history: BASE, draft: rank('III/c', '2004-04-01'), issues: ['golongan rank.sequence'] },
    { what: 'regular III/a → III/a', history: BASE, draft: rank('III/a', '2004-04-01'), issues: ['golongan rank.sequence'] },
    { what: 'regular III/d → IV/a (across groups)', history: at('III/d'), draft: rank('IV/a', '2004-04-01'), issues: [] },
    { what: 'regular IV/e → nothing above', history: at('IV/e'), draft: rank('IV/e', '2004-04-01'), issues: ['golongan rank.sequence'] },
    { what: 'adjustment III/a → III/c', history: BASE, draft: rank('III/c', '2004-04-01', 'adjustment'), issues: [] },
    { what: 'adjustment III/a → IV/a', history: BASE, draft: rank('IV/a', '2004-04-01', 'adjustment'), issues: [] },
    {
      what: 'adjustment III/a → III/a',
      history: BASE,
      draft: rank('III/a', '2004-04-01', 'adjustment'),
      issues: ['golongan rank.sequence'],
    },
    { what: 'adjustment III/a → II/d', history: BASE, draft: rank('II/d', '2004-04-01', 'adjustment'), issues: ['golongan rank.sequence'] },
    { what: 'demotion III/a → II/d (one step, across groups)', history: BASE, draft: rank('II/d', '2004-04-01', 'demotion'), issues: [] },
    {
      what: 'demotion III/a → II/c (two steps)',
      history: BASE,
      draft: rank('II/c', '2004-04-01', 'demotion'),
      issues: ['golongan rank.sequence'],
    },
    {
      what: 'demotion III/a → III/b (up)',
      history: BASE,
      draft: rank('III/b', '2004-04-01', 'demotion'),
      issues: ['golongan rank.sequence'],
    },
    { what: 'demotion below I/a', history: at('I/a'), draft: rank('I/a', '2004-04-01', 'demotion'), issues: ['golongan rank.sequence'] },
    { what: 'a second grade on the same TMT', history: BASE, draft: rank('III/b', '2000-03-01'), issues: ['tmt rank.duplicateTmt'] },
    { what: 'an unknown grade', history: BASE, draft: rank('V/a' as Golongan, '2004-04-01'), issues: ['golongan isIn'] },
    {
      what: 'an unknown kind',
      history: BASE,
      draft: rank('III/b', '2004-04-01', 'acceleration' as RankChangeKind),
      issues: ['kind isIn'],
    },
  ] as { what: string; history: RegisterEventDraft[]; draft: RegisterEventDraft; issues: string[] }[])(
    '$what → $issues',
    ({ history, draft, issues }) => {
      expect(found(draft, history)).toEqual(issues);
    },
  );

  it('checks a back-dated grade against the grade in force before its TMT, not the latest one', () => {
    const history = [...BASE, rank('IV/a', '2010-04-01', 'adjustment')];

    expect(found(rank('III/b', '2004-04-01'), history)).toEqual([]);
    expect(found(rank('IV/b', '2004-04-01'), history)).toEqual(['golongan rank.sequence']);
  });

  it('refuses a back-dated grade after which the recorded next grade no longer follows', () => {
    const history = [...BASE, rank('III/b', '2004-04-01')];

    // III/b at 2002 follows III/a, but the recorded regular III/b of 2004 would then follow III/b.
    expect(found(rank('III/b', '2002-04-01'), history)).toEqual(['golongan rank.sequence']);
    // An initial grade placed before the recorded initial one.
    expect(found(rank('II/a', '1998-03-01', 'initial'), history)).toEqual(['golongan rank.sequence']);
    expect(checkRegisterEvent(rank('III/b', '2002-04-01'), contextOf(history))[0].message.en).toBe(
      'the recorded grade III/b (TMT 2004-04-01) would no longer follow: a regular promotion from III/b must go to III/c, not III/b',
    );
  });

  it('says which grade a regular promotion must go to', () => {
    const [issue] = checkRegisterEvent(rank('III/d', '2004-04-01'), contextOf(BASE));

    expect(issue.message.en).toBe('a regular promotion from III/a must go to III/b, not III/d');
  });

  it('refuses any grade for a PPPK official, who has none', () => {
    const history = [registration({ employmentType: 'pppk', birthDate: '1990-01-01', sex: 'female' })];

    expect(found(rank('III/a', '2022-01-01', 'initial'), history, NI_PPPK)).toEqual(['golongan rank.pppk']);
  });
});

const educated = (d: string): RegisterEventDraft => ({ type: 'education_recorded', payload: { level: 'S1', graduatedOn: d } });
const sanctioned = (d: string): RegisterEventDraft => ({
  type: 'sanction_recorded',
  payload: { level: 'light', sanction: 'teguran_lisan', imposedOn: d, decreeNumber: 'SK-HD-1' },
});
const assessedOn = (d: string): RegisterEventDraft => ({
  type: 'competency_assessed',
  payload: { assessedOn: d, method: 'assessment centre', assessor: 'UPT BKN', levels: { integritas: 3 } },
});
const issued = (d: string): RegisterEventDraft => ({ type: 'credential_recorded', payload: { code: 'DIKLATPIM_III', issuedOn: d } });

// Each date-bearing change built with a given date, and a history it fits, on a person born 1975-04-12.
const WITH_DATE: [string, string, (d: string) => RegisterEventDraft, RegisterEventDraft[]][] = [
  ['rank_changed', 'tmt', (d) => rank('III/a', d, 'initial'), [registration()]],
  ['position_assigned', 'from', (d) => post('pengawas', d), BASE],
  ['education_recorded', 'graduatedOn', educated, BASE],
  ['sanction_recorded', 'imposedOn', sanctioned, BASE],
  ['competency_assessed', 'assessedOn', assessedOn, BASE],
  ['credential_recorded', 'issuedOn', issued, BASE],
];

describe('checkRegisterEvent: dates', () => {
  it.each(WITH_DATE)('%s refuses a %s that does not exist, naming the field', (_type, field, make, history) => {
    expect(found(make('2025-02-30'), history)).toEqual([`${field} date`]);
    expect(found(make('2023-02-29'), history)).toEqual([`${field} date`]);
    expect(found(make('2025-2-3'), history)).toEqual([`${field} date`]);
  });

  it.each(WITH_DATE)('%s accepts 29 February of a leap year', (_type, _field, make, history) => {
    expect(found(make('2024-02-29'), history)).toEqual([]);
  });

  it.each(WITH_DATE)('%s refuses a %s the day before the birth date and accepts one on it', (_type, field, make, history) => {
    expect(found(make('1975-04-11'), history)).toEqual([`${field} beforeBirth`]);
    expect(found(make(BIRTH), history)).toEqual([]);
  });
});

describe('checkRegisterEvent: positions', () => {
  const holding = [...BASE, post('pengawas', '2012-01-02')];

  it.each([
    { what: 'a post from a new date', history: holding, draft: post('administrator', '2021-01-04'), issues: [] },
    {
      what: 'a second post from the same date',
      history: holding,
      draft: post('administrator', '2012-01-02'),
      issues: ['from position.duplicateFrom'],
    },
    { what: 'an unknown post type', history: holding, draft: post('eselon_iii' as never, '2021-01-04'), issues: ['postType isIn'] },
    {
      what: 'a lower-case post code',
      history: holding,
      draft: post('administrator', '2021-01-04', { postCode: 'kabid-1' }),
      issues: ['postCode code'],
    },
    { what: 'ending the held post', history: holding, draft: ended('2020-12-31'), issues: [] },
    { what: 'ending it the day it began', history: holding, draft: ended('2012-01-02'), issues: [] },
    { what: 'ending it before it began', history: holding, draft: ended('2012-01-01'), issues: ['to position.endBeforeStart'] },
    { what: 'ending a post when none is held', history: BASE, draft: ended('2020-12-31'), issues: ['to position.none'] },
    {
      what: 'ending a post already ended',
      history: [...holding, ended('2020-12-31')],
      draft: ended('2021-06-30'),
      issues: ['to position.none'],
    },
    { what: 'an end date that does not exist', history: holding, draft: ended('2021-02-29'), issues: ['to date'] },
  ] as { what: string; history: RegisterEventDraft[]; draft: RegisterEventDraft; issues: string[] }[])(
    '$what → $issues',
    ({ history, draft, issues }) => {
      expect(found(draft, history)).toEqual(issues);
    },
  );
});

describe('checkRegisterEvent: education, performance, identity', () => {
  it.each(EDUCATION_LEVELS)('accepts education level %s', (level) => {
    expect(found({ type: 'education_recorded', payload: { level, graduatedOn: '2000-08-20' } })).toEqual([]);
  });

  it.each(['SMP', 's1', 'Magister'])('refuses education level %s', (level) => {
    expect(found({ type: 'education_recorded', payload: { level: level as never, graduatedOn: '2000-08-20' } })).toEqual(['level isIn']);
  });

  // Recorded on 2026-03-10 for a person born in 1975: 1990 (age 15) to 2026.
  it.each([
    [2026, []],
    [2027, ['year year']],
    [1990, []],
    [1989, ['year year']],
    [2025.5, ['year year']],
  ])('a rating for year %s → %j', (year, issues) => {
    expect(found({ type: 'performance_rated', payload: { year, predicate: 'baik' } })).toEqual(issues);
  });

  it('refuses a predicate outside PermenPANRB 6/2022', () => {
    expect(found({ type: 'performance_rated', payload: { year: 2025, predicate: 'cukup' as never } })).toEqual(['predicate isIn']);
  });

  it.each([
    [{ name: 'Budi Santoso, S.E., M.M., M.Si.' }, []],
    [{ unitCode: 'DINAS-B' }, []],
    [{}, ['payload required']],
    [{ name: '' }, ['name text']],
    [{ unitCode: 'dinas b' }, ['unitCode code']],
  ])('an identity change %j → %j', (payload, issues) => {
    expect(found({ type: 'identity_changed', payload })).toEqual(issues);
  });
});

describe('checkRegisterEvent: sanctions (PP 94/2021 Pasal 8)', () => {
  // The sanctions and their levels, written out from domain.md §2.7 rather than read from SANCTIONS.
  const LEVEL_OF: [string, SanctionLevel][] = [
    ['teguran_lisan', 'light'],
    ['teguran_tertulis', 'light'],
    ['pernyataan_tidak_puas', 'light'],
    ['potongan_tunjangan_25_6_bulan', 'medium'],
    ['potongan_tunjangan_25_9_bulan', 'medium'],
    ['potongan_tunjangan_25_12_bulan', 'medium'],
    ['penurunan_jabatan_12_bulan', 'heavy'],
    ['pembebasan_jabatan_pelaksana_12_bulan', 'heavy'],
    ['pemberhentian_dengan_hormat', 'heavy'],
    ['pemberhentian_tidak_dengan_hormat', 'heavy'],
  ];
  const sanction = (level: string, name: string, o: object = {}): RegisterEventDraft =>
    ({
      type: 'sanction_recorded',
      payload: { level, sanction: name, imposedOn: '2025-01-15', decreeNumber: 'SK-HD-1', ...o },
    }) as RegisterEventDraft;

  it('lists every sanction of the regulation under one level', () => {
    expect(ALL_SANCTIONS).toHaveLength(LEVEL_OF.length);
    for (const [name, level] of LEVEL_OF) expect(SANCTIONS[level]).toContain(name);
  });

  it.each(LEVEL_OF.flatMap(([name, own]) => SANCTION_LEVELS.map((level) => ({ name, level, accepted: level === own }))))(
    '$name under $level → accepted $accepted',
    ({ name, level, accepted }) => {
      expect(found(sanction(level, name))).toEqual(accepted ? [] : ['sanction sanction.level']);
    },
  );

  it.each([
    ['2025-07-14', []],
    ['2025-01-15', []],
    ['2025-01-14', ['endsOn sanction.endsBeforeImposed']],
    ['2025-06-31', ['endsOn date']],
  ])('a sanction imposed 2025-01-15 ending %s → %j', (endsOn, issues) => {
    expect(found(sanction('medium', 'potongan_tunjangan_25_6_bulan', { endsOn }))).toEqual(issues);
  });

  it('refuses an unknown level', () => {
    expect(found(sanction('severe', 'teguran_lisan'))).toEqual(['level isIn']);
  });
});

describe('checkRegisterEvent: competencies, credentials, 9-box, retractions', () => {
  const assessed = (levels: Record<string, number>, jpmPercent?: number): RegisterEventDraft => ({
    type: 'competency_assessed',
    payload: { assessedOn: '2025-05-20', method: 'assessment centre', assessor: 'UPT BKN', levels, jpmPercent },
  });

  it.each([
    [{ integritas: 1, kerjasama: 5 }, undefined, []],
    [{ integritas: 0 }, undefined, ['levels.integritas range']],
    [{ integritas: 6 }, undefined, ['levels.integritas range']],
    [{ integritas: 3.5 }, undefined, ['levels.integritas range']],
    [{}, undefined, ['levels required']],
    [{ integritas: 3 }, 0, []],
    [{ integritas: 3 }, 100, []],
    [{ integritas: 3 }, -0.5, ['jpmPercent range']],
    [{ integritas: 3 }, 100.5, ['jpmPercent range']],
    [{ integritas: 3 }, Number.NaN, ['jpmPercent range']],
  ])('levels %j with JPM %s → %j', (levels, jpm, issues) => {
    expect(found(assessed(levels, jpm))).toEqual(issues);
  });

  it.each([
    [{ code: 'LHKPN', issuedOn: '2025-03-31' }, []],
    [{ code: 'diklatpim_ii', issuedOn: '2019-11-01' }, []],
    [{ code: 'LHKPN 2025', issuedOn: '2025-03-31' }, ['code code']],
    [{ code: 'LHKPN', issuedOn: '2025-03-31', validUntil: '2025-03-31' }, []],
    [{ code: 'LHKPN', issuedOn: '2025-03-31', validUntil: '2025-03-30' }, ['validUntil credential.expiresBeforeIssued']],
  ])('credential %j → %j', (payload, issues) => {
    expect(found({ type: 'credential_recorded', payload })).toEqual(issues);
  });

  const placed = (o: object): RegisterEventDraft =>
    ({ type: 'talent_placed', payload: { period: '2025', performance: 'above', potential: 'high', box: 9, ...o } }) as RegisterEventDraft;
  it.each([
    [{}, []],
    [{ period: '2025-S2' }, []],
    [{ period: '2025-Q4' }, []],
    [{ period: '2025-Q5' }, ['period format']],
    [{ period: '2025-H1' }, ['period format']],
    [{ period: '25' }, ['period format']],
    [{ performance: 'exceeds' }, ['performance isIn']],
    [{ potential: 'very_high' }, ['potential isIn']],
    [{ box: 1 }, []],
    [{ box: 0 }, ['box range']],
    [{ box: 10 }, ['box range']],
    [{ box: 4.5 }, ['box range']],
  ])('a 9-box placement %j → %j', (o, issues) => {
    expect(found(placed(o))).toEqual(issues);
  });

  it.each([
    [[2], []],
    [[1, 2], []],
    [[3], ['eventIds register.unknownEvent']],
    [[2, 99], ['eventIds register.unknownEvent']],
    [[], ['eventIds required']],
  ])('retracting events %j of a person with events 1 and 2 → %j', (eventIds, issues) => {
    expect(found({ type: 'events_retracted', payload: { eventIds } })).toEqual(issues);
  });
});

describe('checkRegisterEvent: end of service', () => {
  const SERVING = [...BASE, post('pengawas', '2012-01-02'), rank('III/b', '2004-04-01')];
  const ENDED = [...SERVING, serviceEnded('2026-02-01')];

  it.each([
    { what: 'an honourable dismissal', draft: serviceEnded('2026-02-01'), issues: [] },
    { what: 'a retirement', draft: serviceEnded('2026-02-01', 'retirement'), issues: [] },
    {
      what: 'an unknown reason',
      draft: { type: 'service_ended', payload: { endedOn: '2026-02-01', reason: 'fired', decreeNumber: 'SK-1' } },
      issues: ['reason isIn'],
    },
    {
      what: 'no decree number and a date that does not exist',
      draft: { type: 'service_ended', payload: { endedOn: '2026-02-30', reason: 'death', decreeNumber: '' } },
      issues: ['decreeNumber text', 'endedOn date'],
    },
    { what: 'an end before birth', draft: serviceEnded('1970-01-01'), issues: ['endedOn beforeBirth', 'endedOn service.factsAfterEnd'] },
    { what: 'an end before the latest post started', draft: serviceEnded('2010-01-01'), issues: ['endedOn service.factsAfterEnd'] },
  ] as { what: string; draft: RegisterEventDraft; issues: string[] }[])('$what → $issues', ({ draft, issues }) => {
    expect(found(draft, SERVING)).toEqual(issues);
  });

  it('refuses a second end of service while the first stands', () => {
    expect(found(serviceEnded('2026-02-01', 'retirement'), ENDED)).toEqual(['type service.alreadyEnded']);
  });

  it('records a corrected end once the first is retracted', () => {
    const endId = ENDED.length;
    const retracted = [...ENDED, { type: 'events_retracted', payload: { eventIds: [endId] } } as RegisterEventDraft];
    expect(found(serviceEnded('2026-01-15', 'resignation'), retracted)).toEqual([]);
  });

  it.each([
    { what: 'a grade with a TMT after the end', draft: rank('III/c', '2026-04-01'), issues: ['type service.ended'] },
    { what: 'a post from after the end', draft: post('administrator', '2026-03-01'), issues: ['type service.ended'] },
    {
      what: 'a name change recorded after the end',
      draft: { type: 'identity_changed', payload: { name: 'B. S.' } },
      issues: ['type service.ended'],
    },
    {
      what: 'the rating of the year service ended',
      draft: { type: 'performance_rated', payload: { year: 2026, predicate: 'baik' } },
      issues: [],
    },
    { what: 'a grade with a TMT before the end', draft: rank('III/c', '2008-04-01'), issues: [] },
    { what: 'a retraction of the end', draft: { type: 'events_retracted', payload: { eventIds: [ENDED.length] } }, issues: [] },
  ] as { what: string; draft: RegisterEventDraft; issues: string[] }[])('after the end: $what → $issues', ({ draft, issues }) => {
    expect(found(draft, ENDED)).toEqual(issues);
  });

  it('gives its refusals in Bahasa Indonesia and English', () => {
    const [i] = checkRegisterEvent(rank('III/c', '2026-04-01'), contextOf(ENDED));
    expect(i.message.id).toContain('berakhir pada 2026-02-01');
    expect(i.message.en).toContain('ended on 2026-02-01');
  });
});

describe('effectiveDateOf', () => {
  const cases: [RegisterEventDraft, string][] = [
    [registration(), BIRTH],
    [{ type: 'identity_changed', payload: { name: 'B. Santoso' } }, TODAY],
    [rank('III/b', '2004-04-01'), '2004-04-01'],
    [post('pengawas', '2012-01-02'), '2012-01-02'],
    [ended('2020-12-31'), '2020-12-31'],
    [educated('2000-08-20'), '2000-08-20'],
    [{ type: 'performance_rated', payload: { year: 2025, predicate: 'baik' } }, '2025-12-31'],
    [sanctioned('2025-01-15'), '2025-01-15'],
    [assessedOn('2025-05-20'), '2025-05-20'],
    [issued('2019-11-01'), '2019-11-01'],
    [{ type: 'talent_placed', payload: { period: '2025', performance: 'meets', potential: 'high', box: 8 } }, TODAY],
    [serviceEnded('2026-02-01'), '2026-02-01'],
    [{ type: 'events_retracted', payload: { eventIds: [2] } }, TODAY],
  ];

  it('has a case for every event type', () => {
    expect(cases.map(([d]) => d.type).sort()).toEqual([...REGISTER_EVENT_TYPES].sort());
  });

  it.each(cases.map(([draft, date]) => ({ type: draft.type, draft, date })))('$type takes effect on $date', ({ draft, date }) => {
    expect(effectiveDateOf(draft, TODAY)).toBe(date);
  });
});
