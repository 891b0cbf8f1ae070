import { JPM_SCHEMES } from '../selection/scoring';
import type { RequiredCompetency } from '../vacancy/vacancy-proposal';
import { competencyGap } from './competency-gap';
import { projectProfile } from './project-profile';
import type { PersonProfile, RegisterEventDraft } from './register.types';
import { registration, stored, TODAY } from './register.fixture';

// An administrator post's managerial standard: level 4 on four competencies (sum 16).
const STANDARD: RequiredCompetency[] = [
  { type: 'managerial', name: 'integritas', level: 4 },
  { type: 'managerial', name: 'kerjasama', level: 4 },
  { type: 'managerial', name: 'komunikasi', level: 4 },
  { type: 'managerial', name: 'orientasi pada hasil', level: 4 },
];

const assessed = (assessedOn: string, levels: Record<string, number>, method = 'assessment centre'): RegisterEventDraft => ({
  type: 'competency_assessed',
  payload: { assessedOn, method, assessor: 'UPT Penilaian Kompetensi BKN', levels },
});

const profileWith = (...assessments: RegisterEventDraft[]): PersonProfile =>
  projectProfile(stored([registration(), ...assessments]), TODAY)!;

// Names as an assessor's report writes them; "orientasi pada hasil" was not assessed.
const REPORT = assessed('2025-05-20', { Integritas: 4, KERJASAMA: 3, 'komunikasi ': 5, 'pelayanan publik': 2 });

describe('competencyGap', () => {
  it('gives one line per required competency with achieved − required, matching names case-insensitively', () => {
    const gap = competencyGap(profileWith(REPORT), STANDARD, JPM_SCHEMES.standard);

    expect(gap.assessedOn).toBe('2025-05-20');
    expect(gap.method).toBe('assessment centre');
    expect(gap.lines).toEqual([
      { name: 'integritas', type: 'managerial', required: 4, achieved: 4, gap: 0 },
      { name: 'kerjasama', type: 'managerial', required: 4, achieved: 3, gap: -1 },
      { name: 'komunikasi', type: 'managerial', required: 4, achieved: 5, gap: 1 },
      { name: 'orientasi pada hasil', type: 'managerial', required: 4, achieved: null, gap: null },
    ]);
  });

  it.each([
    // (4 + 3 + min(5, 4) + 0) / 16 = 68.75%: an excess does not make up for a shortfall; the unassessed counts 0.
    { scheme: JPM_SCHEMES.standard, category: 'kurang_optimal' },
    { scheme: JPM_SCHEMES.alternative, category: 'cukup_optimal' },
  ])('scores the match under $scheme.id as $category, listing the competency not assessed', ({ scheme, category }) => {
    expect(competencyGap(profileWith(REPORT), STANDARD, scheme).jpm).toEqual({
      percent: 68.75,
      category,
      missing: ['orientasi pada hasil'],
      scheme: scheme.id,
    });
  });

  it('reaches 100% when every competency is at or above the standard', () => {
    const full = assessed('2025-05-20', { integritas: 5, kerjasama: 4, komunikasi: 4, 'Orientasi Pada Hasil': 4 });

    expect(competencyGap(profileWith(full), STANDARD, JPM_SCHEMES.standard).jpm).toEqual(
      expect.objectContaining({ percent: 100, category: 'optimal', missing: [] }),
    );
  });

  it('has no JPM and only the required levels when the official was never assessed', () => {
    const gap = competencyGap(profileWith(), STANDARD, JPM_SCHEMES.standard);

    expect(gap).toEqual({
      assessedOn: null,
      method: null,
      lines: STANDARD.map((c) => ({ name: c.name, type: c.type, required: c.level, achieved: null, gap: null })),
      jpm: null,
    });
  });

  it('has no JPM when the post has no standard', () => {
    const gap = competencyGap(profileWith(REPORT), [], JPM_SCHEMES.standard);

    expect(gap).toEqual({ assessedOn: '2025-05-20', method: 'assessment centre', lines: [], jpm: null });
  });

  it('reads the latest assessment, whatever the order it was recorded in', () => {
    const older = assessed('2023-05-02', { integritas: 2, kerjasama: 2, komunikasi: 2, 'orientasi pada hasil': 2 }, 'uji kompetensi');
    const newest = assessed('2025-05-20', { integritas: 4, kerjasama: 4, komunikasi: 4, 'orientasi pada hasil': 3 });
    const profile = profileWith(newest, older);
    const reversed = { ...profile, competencies: [...profile.competencies].reverse() };

    for (const p of [profile, reversed]) {
      const gap = competencyGap(p, STANDARD, JPM_SCHEMES.standard);
      expect([gap.assessedOn, gap.method, gap.jpm?.percent]).toEqual(['2025-05-20', 'assessment centre', 93.75]);
    }
  });

  it('reads only assessments made by the date the profile is shown as of', () => {
    const older = assessed('2023-05-02', { integritas: 2, kerjasama: 2, komunikasi: 2, 'orientasi pada hasil': 2 });
    const events = stored([registration(), older, REPORT]);

    const gap = competencyGap(projectProfile(events, '2024-12-31')!, STANDARD, JPM_SCHEMES.standard);

    expect([gap.assessedOn, gap.jpm?.percent]).toEqual(['2023-05-02', 50]);
  });

  it('leaves the profile’s assessments in their order', () => {
    const profile = profileWith(assessed('2023-05-02', { integritas: 2 }), REPORT);
    const before = profile.competencies.map((c) => c.assessedOn);

    competencyGap(profile, STANDARD, JPM_SCHEMES.standard);

    expect(profile.competencies.map((c) => c.assessedOn)).toEqual(before);
  });
});
