import type { PersonProfile } from '../register/register.types';
import { talentManagementReport, talentReportRows, type TalentReportInput } from './talent-report';

const person = (nip: string, o: Partial<PersonProfile> = {}): PersonProfile => ({
  agencyCode: 'PEMKAB-X',
  nip,
  employmentType: 'pns',
  name: nip.slice(-3),
  birthDate: '1975-04-12',
  sex: 'male',
  unitCode: 'U',
  source: 'register',
  homeAgencyCode: null,
  rank: null,
  rankHistory: [],
  position: { postCode: 'KABID', title: 't', postType: 'administrator', unitCode: 'U', from: '2020-01-01', to: null, decreeNumber: 'SK' },
  positionHistory: [],
  education: [],
  performance: [],
  sanctions: [],
  competencies: [],
  credentials: [],
  talentPlacements: [],
  serviceStatus: 'active',
  serviceEnded: null,
  asOf: '2026-12-31',
  version: 1,
  ...o,
});
const assessed = (on: string, level: number) => [
  { assessedOn: on, method: 'ac', assessor: 'x', levels: { integritas: level, kerjasama: level } },
];
const standard = [
  { type: 'managerial' as const, name: 'integritas', level: 4 },
  { type: 'managerial' as const, name: 'kerjasama', level: 4 },
];

const input = (o: Partial<TalentReportInput> = {}): TalentReportInput => ({
  agencyCode: 'PEMKAB-X',
  from: '2026-01-01',
  to: '2027-01-01',
  lastDay: '2026-12-31',
  assessedWithinYears: 3,
  profiles: [
    person('100000000000000001', { competencies: assessed('2026-03-01', 4) }),
    person('100000000000000002', { competencies: assessed('2025-03-01', 3) }),
    person('100000000000000003', {
      competencies: assessed('2022-03-01', 5),
      sanctions: [
        { level: 'heavy', sanction: 'penurunan_jabatan_12_bulan', imposedOn: '2026-06-01', endsOn: '2027-05-31', decreeNumber: 'SK' },
      ],
    }),
    person('100000000000000004', {
      sanctions: [
        { level: 'light', sanction: 'teguran_lisan', imposedOn: '2026-02-01', decreeNumber: 'SK' },
        { level: 'medium', sanction: 'potongan_tunjangan_25_6_bulan', imposedOn: '2025-02-01', endsOn: '2025-07-31', decreeNumber: 'SK' },
      ],
    }),
  ],
  criticalPosts: [
    { code: 'KADIS', title: 'Kepala Dinas', competencyStandard: standard },
    { code: 'SEKDIS', title: 'Sekretaris Dinas', competencyStandard: standard.map((c) => ({ ...c, level: 5 })) },
  ],
  pools: [
    {
      reviewId: 'talent-review:PEMKAB-X:2026',
      period: '2026',
      validFrom: '2026-07-01',
      validTo: '2027-06-30',
      approvedAt: '2026-06-20T03:00:00.000Z',
      members: [
        { nip: '100000000000000001', performance: 'above', potential: 'high', box: 9 },
        { nip: '100000000000000002', performance: 'meets', potential: 'high', box: 8 },
      ],
    },
  ],
  filled: { openSelection: 2, talentPool: 1, mutationOrRotation: 5 },
  ...o,
});

describe('talentManagementReport', () => {
  const r = talentManagementReport(input());

  it('counts posts filled by route', () => {
    expect(r.postsFilled).toEqual({ openSelection: 2, talentPool: 1, mutationOrRotation: 5, total: 8 });
  });

  it('covers a critical post when the pool valid on the last day holds a ready successor', () => {
    // KADIS (4/4): member 1 matches 100 %, member 2 75 % (kurang optimal) → covered by one.
    // SEKDIS (5/5): member 1 80 % (cukup optimal, ≥ 78 %), member 2 60 % → covered by one.
    expect(r.criticalPosts.posts).toEqual([
      { code: 'KADIS', title: 'Kepala Dinas', successors: 2, ready: 1 },
      { code: 'SEKDIS', title: 'Sekretaris Dinas', successors: 2, ready: 1 },
    ]);
    expect(r.criticalPosts).toMatchObject({ total: 2, covered: 2, coveragePercent: 100 });
    expect(r.reviews).toEqual({ approved: 1, poolMembers: 2, poolInForceOnLastDay: 'talent-review:PEMKAB-X:2026' });
  });

  it('counts officials assessed within the last N years', () => {
    expect(r.assessment).toEqual({ officials: 4, assessed: 2, assessedPercent: 50, withinYears: 3 });
    expect(talentManagementReport(input({ assessedWithinYears: 5 })).assessment.assessed).toBe(3);
  });

  it('counts sanctions imposed in the period by level, and their effects on the last day', () => {
    expect(r.sanctions).toEqual({
      imposedInPeriod: { light: 1, medium: 0, heavy: 1 },
      inForceOnLastDay: 1,
      barredFromTalentPoolOnLastDay: 2,
      barredPoolMembers: 0,
    });
  });

  it('has no pool and no coverage when no pool is valid on the last day', () => {
    const none = talentManagementReport(input({ lastDay: '2027-12-31', to: '2028-01-01' }));
    expect(none.reviews.poolInForceOnLastDay).toBeNull();
    expect(none.criticalPosts.covered).toBe(0);
  });

  it('gives CSV rows with Bahasa Indonesia indicator names', () => {
    const rows = Object.fromEntries(talentReportRows(r));
    expect(rows.jabatan_diisi_kelompok_rencana_suksesi).toBe('1');
    expect(rows.hukuman_disiplin_heavy_dijatuhkan).toBe('1');
    expect(rows.persen_cakupan_jabatan_kritikal).toBe('100');
  });
});
