import { projectProfile } from './project-profile';
import type { RegisterEventDraft } from './register.types';
import { ALL_KNOWN, BIRTH, ended, NIP, post, rank, registration, serviceEnded, stored, TODAY, type Recorded } from './register.fixture';

const rated = (year: number, predicate: 'baik' | 'sangat_baik' | 'kurang'): RegisterEventDraft => ({
  type: 'performance_rated',
  payload: { year, predicate },
});
const retract = (...eventIds: number[]): RegisterEventDraft => ({ type: 'events_retracted', payload: { eventIds } });

// Ids 1–6: III/a from 2000, III/b from 2004, a pengawas post from 2012, an administrator post from
// 2021, and IV/a from 2026-04-01: recorded on 2026-03-10, not yet in force that day.
const CAREER = [
  registration(),
  rank('III/a', '2000-03-01', 'initial'),
  rank('III/b', '2004-04-01'),
  post('pengawas', '2012-01-02'),
  post('administrator', '2021-01-04'),
  rank('IV/a', '2026-04-01', 'adjustment'),
];

describe('projectProfile: as of a date', () => {
  it.each([
    { asOf: '2000-02-29', golongan: null, postType: null },
    { asOf: '2000-03-01', golongan: 'III/a', postType: null },
    { asOf: '2004-03-31', golongan: 'III/a', postType: null },
    { asOf: '2004-04-01', golongan: 'III/b', postType: null },
    { asOf: '2012-01-02', golongan: 'III/b', postType: 'pengawas' },
    { asOf: '2021-01-03', golongan: 'III/b', postType: 'pengawas' },
    { asOf: '2021-01-04', golongan: 'III/b', postType: 'administrator' },
    { asOf: TODAY, golongan: 'III/b', postType: 'administrator' },
    { asOf: '2026-04-01', golongan: 'IV/a', postType: 'administrator' },
  ])('on $asOf the grade in force is $golongan and the post $postType', ({ asOf, golongan, postType }) => {
    const p = projectProfile(stored(CAREER), asOf)!;

    expect(p.asOf).toBe(asOf);
    expect(p.rank?.golongan ?? null).toBe(golongan);
    expect(p.position?.postType ?? null).toBe(postType);
  });

  it('closes a post when the next one starts and keeps the history in date order', () => {
    const p = projectProfile(stored(CAREER), TODAY)!;

    expect(p.positionHistory.map((h) => [h.postType, h.from, h.to])).toEqual([
      ['pengawas', '2012-01-02', '2021-01-04'],
      ['administrator', '2021-01-04', null],
    ]);
    expect(p.rankHistory.map((r) => r.golongan)).toEqual(['III/a', 'III/b']);
  });

  it('shows the registered identity and reflects every recorded event in the version', () => {
    expect(projectProfile(stored(CAREER), TODAY)).toEqual(
      expect.objectContaining({
        agencyCode: 'PEMKAB-SLEMAN',
        nip: NIP,
        employmentType: 'pns',
        name: 'Budi Santoso, S.E., M.M.',
        birthDate: BIRTH,
        sex: 'male',
        unitCode: 'DINAS-A',
        source: 'register',
        homeAgencyCode: null,
        version: 6,
      }),
    );
  });

  it('is null for a person with no events', () => {
    expect(projectProfile([], TODAY)).toBeNull();
  });

  it('leaves the stored events as they were', () => {
    const events = stored(CAREER);
    const before = JSON.stringify(events);

    projectProfile(events, TODAY);

    expect(JSON.stringify(events)).toBe(before);
    expect(projectProfile(events, TODAY)).toEqual(projectProfile(stored(CAREER), TODAY));
  });
});

describe('projectProfile: as known at a version', () => {
  it.each([
    { version: 3, golongan: 'III/b', posts: 0 },
    { version: 4, golongan: 'III/b', posts: 1 },
    { version: 5, golongan: 'III/b', posts: 2 },
  ])('at version $version it knows only the events recorded up to it', ({ version, golongan, posts }) => {
    const p = projectProfile(stored(CAREER), ALL_KNOWN, version)!;

    expect(p.version).toBe(version);
    expect(p.rank?.golongan).toBe(golongan);
    expect(p.positionHistory).toHaveLength(posts);
  });

  it('knows nothing before the registration was recorded', () => {
    expect(projectProfile(stored(CAREER), ALL_KNOWN, 0)).toBeNull();
  });

  it('shows a retracted event at a version recorded before the retraction', () => {
    const events = stored([...CAREER, retract(3)]);

    expect(projectProfile(events, TODAY, 6)!.rank?.golongan).toBe('III/b');
    expect(projectProfile(events, TODAY, 7)!.rank?.golongan).toBe('III/a');
  });
});

describe('projectProfile: retractions', () => {
  it('withdraws the retracted events for every date, even dates before the retraction was recorded', () => {
    const events = stored([...CAREER, { draft: retract(4), on: '2026-03-11' }]);

    for (const asOf of ['2015-01-01', '2021-01-03', TODAY, '2026-03-11']) {
      const p = projectProfile(events, asOf)!;
      expect(p.positionHistory.map((h) => h.postType)).toEqual(asOf < '2021-01-04' ? [] : ['administrator']);
    }
  });

  it('lets a correction replace a retracted fact', () => {
    const events = stored([...CAREER, retract(4), post('pengawas', '2013-07-01', { postCode: 'KASI-2' })]);

    const p = projectProfile(events, TODAY)!;

    expect(p.positionHistory.map((h) => [h.postCode, h.from, h.to])).toEqual([
      ['KASI-2', '2013-07-01', '2021-01-04'],
      ['POST-2021-01-04', '2021-01-04', null],
    ]);
    expect(p.version).toBe(8);
  });

  it('is null once the registration is retracted, for every date', () => {
    const events = stored([...CAREER, retract(1)]);

    expect(projectProfile(events, TODAY)).toBeNull();
    expect(projectProfile(events, '2010-01-01')).toBeNull();
    expect(projectProfile(events, TODAY, 6)).not.toBeNull();
  });
});

describe('projectProfile: identity changes and ended posts', () => {
  const renamed: (RegisterEventDraft | Recorded)[] = [
    ...CAREER,
    { draft: { type: 'identity_changed', payload: { name: 'Dr. Budi Santoso, S.E., M.M.' } }, on: '2025-09-01' },
    { draft: { type: 'identity_changed', payload: { unitCode: 'BKPSDM' } }, on: TODAY },
  ];

  it.each([
    { asOf: '2025-08-31', name: 'Budi Santoso, S.E., M.M.', unitCode: 'DINAS-A' },
    { asOf: '2025-09-01', name: 'Dr. Budi Santoso, S.E., M.M.', unitCode: 'DINAS-A' },
    { asOf: TODAY, name: 'Dr. Budi Santoso, S.E., M.M.', unitCode: 'BKPSDM' },
  ])('on $asOf the name is "$name" in $unitCode', ({ asOf, name, unitCode }) => {
    const p = projectProfile(stored(renamed), asOf)!;

    expect([p.name, p.unitCode]).toEqual([name, unitCode]);
  });

  const leaving = [...CAREER.slice(0, 4), ended('2020-12-31')];

  it.each([
    { asOf: '2020-12-30', held: true },
    { asOf: '2021-01-01', held: false },
  ])('an ended post is held on $asOf: $held', ({ asOf, held }) => {
    const p = projectProfile(stored(leaving), asOf)!;

    expect(p.position !== null).toBe(held);
    expect(p.positionHistory).toHaveLength(1);
  });

  it('records the end date in the history and opens the next post after it', () => {
    const p = projectProfile(stored([...leaving, post('administrator', '2021-03-01')]), TODAY)!;

    expect(p.positionHistory.map((h) => [h.postType, h.from, h.to])).toEqual([
      ['pengawas', '2012-01-02', '2020-12-31'],
      ['administrator', '2021-03-01', null],
    ]);
    expect(p.position?.postType).toBe('administrator');
  });
});

describe('projectProfile: events recorded out of date order', () => {
  // An import that records the current post first and back-fills the older one later.
  const backFilled = [
    registration(),
    post('administrator', '2021-01-04'),
    rated(2025, 'baik'),
    post('pengawas', '2012-01-02'),
    rated(2024, 'sangat_baik'),
    rank('III/a', '2000-03-01', 'initial'),
  ];

  it('orders posts by start date, closing the earlier at the later start', () => {
    const p = projectProfile(stored(backFilled), TODAY)!;

    expect(p.positionHistory.map((h) => [h.postType, h.from, h.to])).toEqual([
      ['pengawas', '2012-01-02', '2021-01-04'],
      ['administrator', '2021-01-04', null],
    ]);
  });

  it('orders performance by year', () => {
    const p = projectProfile(stored(backFilled), TODAY)!;

    expect(p.performance.map((r) => r.year)).toEqual([2024, 2025]);
  });

  it('takes a year’s rating into account from the end of that year', () => {
    expect(projectProfile(stored(backFilled), '2025-12-30')!.performance.map((r) => r.year)).toEqual([2024]);
    expect(projectProfile(stored(backFilled), '2025-12-31')!.performance.map((r) => r.year)).toEqual([2024, 2025]);
  });
});

describe('projectProfile: end of service', () => {
  // Ids 1–5: serving as administrator from 2021, dismissed with honour on 2025-07-01 (id 6).
  const DISMISSED = [...CAREER.slice(0, 5), serviceEnded('2025-07-01')];

  it.each([
    { asOf: '2025-06-30', status: 'active', postType: 'administrator' },
    { asOf: '2025-07-01', status: 'ended', postType: null },
    { asOf: TODAY, status: 'ended', postType: null },
  ])('on $asOf the official is $status and holds $postType', ({ asOf, status, postType }) => {
    const p = projectProfile(stored(DISMISSED), asOf)!;

    expect(p.serviceStatus).toBe(status);
    expect(p.position?.postType ?? null).toBe(postType);
    expect(p.serviceEnded).toEqual(
      status === 'ended' ? { endedOn: '2025-07-01', reason: 'dismissal_honourable', decreeNumber: 'SK-PHK-2025-07-01' } : null,
    );
  });

  it('closes the post held on the day service ends', () => {
    const p = projectProfile(stored(DISMISSED), TODAY)!;

    expect(p.positionHistory.map((h) => [h.postType, h.to])).toEqual([
      ['pengawas', '2021-01-04'],
      ['administrator', '2025-07-01'],
    ]);
  });

  it('shows a serving official again once the end is retracted', () => {
    const p = projectProfile(stored([...DISMISSED, retract(6)]), TODAY)!;

    expect([p.serviceStatus, p.serviceEnded, p.position?.postType]).toEqual(['active', null, 'administrator']);
  });
});
