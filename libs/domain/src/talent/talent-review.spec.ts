import type { PersonProfile } from '../register/register.types';
import {
  checkReviewRequest,
  nineBoxGrid,
  placeOfficial,
  poolOutcome,
  successionList,
  TALENT_REVIEW_2026,
  type TalentReviewPlacement,
} from './talent-review';

const AS_OF = '2026-12-06';

function profile(o: Partial<PersonProfile> = {}): PersonProfile {
  return {
    agencyCode: 'PEMKAB-X',
    nip: '197504122000031001',
    employmentType: 'pns',
    name: 'Budi',
    birthDate: '1975-04-12',
    sex: 'male',
    unitCode: 'DINAS-A',
    source: 'register',
    homeAgencyCode: null,
    rank: null,
    rankHistory: [],
    position: {
      postCode: 'KABID-1',
      title: 'Kepala Bidang',
      postType: 'administrator',
      unitCode: 'DINAS-A',
      from: '2021-01-04',
      to: null,
      decreeNumber: 'SK',
    },
    positionHistory: [],
    education: [{ level: 'S2', graduatedOn: '2010-08-20' }],
    performance: [
      { year: 2025, predicate: 'sangat_baik' },
      { year: 2024, predicate: 'sangat_baik' },
      { year: 2023, predicate: 'baik' },
    ],
    sanctions: [],
    competencies: [
      {
        assessedOn: '2026-03-01',
        method: 'assessment_center',
        assessor: 'UPT',
        levels: { integritas: 5, kerjasama: 5, komunikasi: 4 },
        jpmPercent: 95,
      },
    ],
    credentials: [],
    talentPlacements: [],
    serviceStatus: 'active',
    serviceEnded: null,
    asOf: AS_OF,
    version: 7,
    ...o,
  };
}

const placed = (p: PersonProfile): TalentReviewPlacement => {
  const r = placeOfficial(p);
  if (!('placed' in r)) throw new Error(`not placed: ${r.excluded.reason}`);
  return r.placed;
};

describe('placeOfficial', () => {
  it('scores ratings, assessment, education and integrity with the Kepka BKN 411/2025 weights', () => {
    const p = placed(profile());
    // main = 2025 sangat_baik 100; supporting = mean(2024 100, 2023 85) = 92.5 → 60/40 → 97
    expect(p.inputs).toEqual({
      performanceMain: 100,
      performanceSupporting: 92.5,
      competency: 95,
      potential: 93.33,
      qualification: 90,
      integrity: 100,
    });
    expect(p.scores.performance).toBe(97);
    // 0.40×95 + 0.25×93.33 + 0.20×90 + 0.15×100 = 94.33
    expect(p.scores.potential).toBe(94.33);
    expect(p.placement).toEqual({ performance: 'above', potential: 'high', box: 9 });
    expect(p.sanctionCheck.passed).toBe(true);
  });

  it('takes the integrity deduction of a heavy sanction and bars the pool', () => {
    const p = placed(
      profile({
        sanctions: [
          { level: 'heavy', sanction: 'penurunan_jabatan_12_bulan', imposedOn: '2026-01-05', endsOn: '2027-01-04', decreeNumber: 'SK-HD' },
        ],
      }),
    );
    expect(p.inputs.integrity).toBe(100 - TALENT_REVIEW_2026.integrityDeduction.heavy);
    expect(p.sanctionCheck.passed).toBe(false);
    expect(p.sources.sanctions[0]).toMatchObject({ level: 'heavy', endsOn: '2027-01-04' });
  });

  it.each([
    [
      'an official whose service has ended',
      {
        serviceStatus: 'ended' as const,
        serviceEnded: { endedOn: '2026-06-01', reason: 'dismissal_honourable' as const, decreeNumber: 'SK/1' },
      },
      'service_ended',
    ],
    ['a PPPK', { employmentType: 'pppk' as const }, 'not_pns'],
    ['an external record', { source: 'external' as const }, 'external'],
    ['no post', { position: null }, 'no_post'],
    ['no rating in the last three years', { performance: [{ year: 2021, predicate: 'baik' as const }] }, 'no_rating'],
    [
      'an assessment older than three years',
      { competencies: [{ assessedOn: '2023-12-01', method: 'ac', assessor: 'x', levels: { integritas: 4 } }] },
      'not_assessed',
    ],
    ['no education', { education: [] }, 'no_education'],
  ])('leaves out %s with a reason', (_name, o, reason) => {
    const r = placeOfficial(profile(o as Partial<PersonProfile>));
    expect(r).toMatchObject({ excluded: { reason } });
  });

  it('places a middling record in a middle box', () => {
    const p = placed(
      profile({
        performance: [{ year: 2025, predicate: 'baik' }],
        competencies: [{ assessedOn: '2026-03-01', method: 'ac', assessor: 'x', levels: { integritas: 3, kerjasama: 4 } }],
        education: [{ level: 'S1', graduatedOn: '2000-01-01' }],
      }),
    );
    // performance 85 → above (≥ 85); potential 0.4×70 + 0.25×70 + 0.2×80 + 0.15×100 = 76.5 → medium
    expect(p.placement).toEqual({ performance: 'above', potential: 'medium', box: 6 });
  });
});

describe('poolOutcome', () => {
  const a = placed(profile({ nip: '197504122000031001', name: 'A' }));
  const b = placed(
    profile({
      nip: '198001012005011002',
      name: 'B',
      performance: [{ year: 2025, predicate: 'butuh_perbaikan' }],
      competencies: [{ assessedOn: '2026-03-01', method: 'ac', assessor: 'x', levels: { integritas: 3 } }],
    }),
  );
  const c = placed(
    profile({
      nip: '198101012005011003',
      name: 'C',
      sanctions: [
        { level: 'medium', sanction: 'potongan_tunjangan_25_6_bulan', imposedOn: '2026-02-01', endsOn: '2026-07-31', decreeNumber: 'SK' },
      ],
    }),
  );

  it('puts promotion-ready boxes in the pool, and keeps a recent medium sanction out', () => {
    const out = poolOutcome([a, b, c], []);
    expect(out.map((o) => [o.name, o.inPool, o.notInPool])).toEqual([
      ['A', true, null],
      ['B', false, 'box'],
      ['C', false, 'sanction'],
    ]);
  });

  it('applies the committee’s latest adjustment, which cannot lift the sanction bar', () => {
    const out = poolOutcome(
      [a, b, c],
      [
        { nip: b.nip, performance: 'meets', potential: 'high', reason: 'x', by: 'k' },
        { nip: a.nip, performance: 'meets', potential: 'medium', reason: 'x', by: 'k' },
        { nip: c.nip, performance: 'above', potential: 'high', reason: 'x', by: 'k' },
      ],
    );
    expect(out.map((o) => [o.name, o.placement.box, o.adjusted, o.inPool])).toEqual([
      ['A', 5, true, false],
      ['B', 8, true, true],
      ['C', 9, true, false],
    ]);
    const grid = nineBoxGrid(out);
    expect(grid.find((g) => g.box === 8)).toMatchObject({
      performance: 'meets',
      potential: 'high',
      count: 1,
      people: [{ name: 'B', inPool: true }],
    });
    expect(grid.reduce((s, g) => s + g.count, 0)).toBe(3);
  });
});

describe('checkReviewRequest', () => {
  it.each([
    [{ period: '2026', validFrom: '2026-12-01', validTo: '2027-11-30' }, []],
    [{ period: '26', validFrom: '2026-12-01', validTo: '2027-11-30' }, ['period']],
    [{ period: '2026', validFrom: '2026-02-30', validTo: '2027-11-30' }, ['validFrom']],
    [{ period: '2026', validFrom: '2027-12-01', validTo: '2027-11-30' }, ['validTo']],
  ])('%j → issues on %j', (req, fields) => {
    expect(checkReviewRequest(req).map((i) => i.field)).toEqual(fields);
  });
});

describe('successionList', () => {
  const standard = [
    { type: 'managerial' as const, name: 'integritas', level: 4 },
    { type: 'managerial' as const, name: 'kerjasama', level: 4 },
  ];
  const member = (nip: string, levels: Record<string, number> | null, box: 7 | 8 | 9 = 9, postCode = 'KABID-1') => ({
    profile: profile({
      nip,
      name: nip.slice(-3),
      position: { postCode, title: 't', postType: 'administrator', unitCode: 'U', from: '2020-01-01', to: null, decreeNumber: 'SK' },
      competencies: levels ? [{ assessedOn: '2026-01-01', method: 'ac', assessor: 'x', levels }] : [],
    }),
    placement: { performance: 'above' as const, potential: 'high' as const, box },
  });

  it('ranks by job fit, then box, then NIP; leaves out the holder and lists gaps', () => {
    const list = successionList({ code: 'KADIS', competencyStandard: standard }, [
      member('100000000000000003', { integritas: 3, kerjasama: 4 }),
      member('100000000000000001', { integritas: 4, kerjasama: 4 }, 8),
      member('100000000000000002', { integritas: 4, kerjasama: 4 }, 9),
      member('100000000000000004', null),
      member('100000000000000005', { integritas: 5, kerjasama: 5 }, 9, 'KADIS'),
    ]);
    expect(list.map((e) => [e.rank, e.nip.slice(-1), e.jpmPercent])).toEqual([
      [1, '2', 100],
      [2, '1', 100],
      [3, '3', 87.5],
      [4, '4', null],
    ]);
    expect(list[2]!.gaps).toEqual([{ name: 'integritas', required: 4, achieved: 3 }]);
  });
});
