import { JPM_SCHEMES } from '../selection/scoring';
import { postFit, profileView } from './profile-view';
import type { RegisterPost } from './reference-data';
import type { PersonProfile } from './register.types';

const profile = (competencies: PersonProfile['competencies'] = []): PersonProfile => ({
  agencyCode: 'PEMKAB-X',
  nip: '197504122000031001',
  employmentType: 'pns',
  name: 'Budi Santoso',
  birthDate: '1975-04-12',
  sex: 'male',
  unitCode: 'DINAS-PUPR',
  source: 'register',
  homeAgencyCode: null,
  rank: null,
  rankHistory: [],
  position: {
    postCode: 'KABID-2',
    title: 'Kepala Bidang',
    postType: 'administrator',
    unitCode: 'BIDANG-BM',
    from: '2021-01-04',
    to: null,
    decreeNumber: 'SK-1',
  },
  positionHistory: [],
  education: [],
  performance: [],
  sanctions: [],
  competencies,
  credentials: [],
  talentPlacements: [],
  serviceStatus: 'active',
  serviceEnded: null,
  asOf: '2026-06-30',
  version: 9,
});

const kabid: RegisterPost = {
  code: 'KABID-2',
  title: 'Kepala Bidang Bina Marga',
  postType: 'administrator',
  unitCode: 'BIDANG-BM',
  competencyStandard: [
    { type: 'managerial', name: 'integritas', level: 3 },
    { type: 'managerial', name: 'kerjasama', level: 3 },
    { type: 'technical', name: 'manajemen konstruksi', level: 4 },
  ],
};
const kadis: RegisterPost = {
  ...kabid,
  code: 'KADIS',
  title: 'Kepala Dinas',
  postType: 'jpt_pratama',
  competencyStandard: kabid.competencyStandard.map((c) => ({ ...c, level: 4 })),
};
const assessed = (levels: Record<string, number>, assessedOn = '2025-05-01') => ({
  assessedOn,
  method: 'assessment_center',
  assessor: 'UPT',
  levels,
});

describe('postFit', () => {
  it.each<[string, string | null, RegisterPost | null, string]>([
    ['no post held', null, null, 'no_post'],
    ['a post the agency has not registered', 'KABID-2', null, 'post_not_registered'],
    ['a post without a standard', 'KABID-2', { ...kabid, competencyStandard: [] }, 'no_standard'],
    ['a post but no assessment yet', 'KABID-2', kabid, 'not_assessed'],
  ])('says why there is no JPM: %s', (_label, code, post, missing) => {
    expect(postFit(profile(), code, post, JPM_SCHEMES.standard).missing).toBe(missing);
  });

  it('measures the latest assessment against the post, line by line, with the JPM under the standard scheme', () => {
    const p = profile([
      assessed({ integritas: 2, kerjasama: 2 }, '2022-03-01'),
      assessed({ Integritas: 4, kerjasama: 3, 'manajemen konstruksi': 3 }),
    ]);
    const fit = postFit(p, 'KABID-2', kabid, JPM_SCHEMES.standard);
    expect(fit.missing).toBeNull();
    expect(fit.gap?.assessedOn).toBe('2025-05-01');
    expect(fit.gap?.lines.map((l) => [l.name, l.required, l.achieved, l.gap])).toEqual([
      ['integritas', 3, 4, 1],
      ['kerjasama', 3, 3, 0],
      ['manajemen konstruksi', 4, 3, -1],
    ]);
    // 100 × (3 + 3 + 3) ÷ (3 + 3 + 4) = 90: optimal at the 90 % line.
    expect(fit.gap?.jpm).toMatchObject({ percent: 90, category: 'optimal', scheme: JPM_SCHEMES.standard.id });
  });
});

describe('profileView', () => {
  const cases = { items: [], total: 0 };
  const units = [
    { code: 'DINAS-PUPR', name: 'Dinas Pekerjaan Umum', parentCode: null },
    { code: 'BIDANG-BM', name: 'Bidang Bina Marga', parentCode: 'DINAS-PUPR' },
    { code: 'DINAS-LAIN', name: 'Dinas Lain', parentCode: null },
  ];

  it('names the units the profile mentions and fits the post held and a target post', () => {
    const p = profile([assessed({ integritas: 4, kerjasama: 3, 'manajemen konstruksi': 3 })]);
    const view = profileView(p, {
      units,
      currentPost: kabid,
      target: { postCode: 'KADIS', post: kadis },
      scheme: JPM_SCHEMES.standard,
      cases,
    });
    expect(view.unitNames).toEqual({ 'DINAS-PUPR': 'Dinas Pekerjaan Umum' });
    expect(view.competencyFit.current.gap?.jpm?.percent).toBe(90);
    // Against level 4 everywhere: 100 × (4 + 3 + 3) ÷ 12 = 83.33, cukup optimal.
    expect(view.competencyFit.target?.gap?.jpm).toMatchObject({ category: 'cukup_optimal' });
    expect(view.competencyFit.target?.gap?.jpm?.percent).toBeCloseTo(83.33, 2);
    expect(view.name).toBe('Budi Santoso');
  });

  it('has no target fit unless one is asked for, and no current fit without a post', () => {
    const p = { ...profile(), position: null };
    const view = profileView(p, { units, currentPost: null, target: null, scheme: JPM_SCHEMES.standard, cases });
    expect(view.competencyFit.current.missing).toBe('no_post');
    expect(view.competencyFit.target).toBeNull();
  });
});
