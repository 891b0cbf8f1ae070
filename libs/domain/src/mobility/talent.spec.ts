import { DomainError } from '../errors';
import { MOBILITY_POLICY_2026, type MobilityPolicy } from './mobility-policy';
import { MERIT_CATEGORIES } from './reference-policy';
import {
  mayFillWithoutOpenSelection,
  meritCategoryFromIndex,
  meritCategoryFromScore,
  PERFORMANCE_AXIS,
  placeNineBox,
  POTENTIAL_AXIS,
  scoreTalent,
  type MeritCategory,
  type PerformanceLevel,
  type PotentialLevel,
  type TalentInputs,
} from './talent';

const P = MOBILITY_POLICY_2026;

describe('placeNineBox', () => {
  it.each([
    ['below', 'low', 1],
    ['meets', 'low', 2],
    ['above', 'low', 3],
    ['below', 'medium', 4],
    ['meets', 'medium', 5],
    ['above', 'medium', 6],
    ['below', 'high', 7],
    ['meets', 'high', 8],
    ['above', 'high', 9],
  ] as [PerformanceLevel, PotentialLevel, number][])('performance %s, potential %s → box %i', (performance, potential, box) => {
    expect(placeNineBox({ performance, potential })).toEqual({ performance, potential, box });
  });

  it('has three levels per axis, lowest first', () => {
    expect(PERFORMANCE_AXIS).toEqual(['below', 'meets', 'above']);
    expect(POTENTIAL_AXIS).toEqual(['low', 'medium', 'high']);
  });
});

describe('scoreTalent (Kepka BKN 411/2025 weights)', () => {
  const inputs = (o: Partial<TalentInputs> = {}): TalentInputs => ({
    performanceMain: 90,
    performanceSupporting: 80,
    competency: 80,
    potential: 75,
    qualification: 90,
    integrity: 100,
    ...o,
  });

  it('weighs performance 60/40, potential 40/25/20/15 and the final score 50/50', () => {
    // performance 0.6·90 + 0.4·80 = 86; potential 0.4·80 + 0.25·75 + 0.2·90 + 0.15·100 = 83.75
    expect(scoreTalent(inputs())).toEqual({
      scores: { performance: 86, potential: 83.75, final: 84.88 },
      placement: { performance: 'above', potential: 'medium', box: 6 },
      inputs: inputs(),
      ruleVersion: 'mobility@2026-01-01',
    });
  });

  it.each([
    {
      what: 'all 100',
      o: { performanceMain: 100, performanceSupporting: 100, competency: 100, potential: 100, qualification: 100, integrity: 100 },
      scores: [100, 100],
      box: 9,
    },
    {
      what: 'all 0',
      o: { performanceMain: 0, performanceSupporting: 0, competency: 0, potential: 0, qualification: 0, integrity: 0 },
      scores: [0, 0],
      box: 1,
    },
    // axis thresholds: ≥ 85 above/high, ≥ 70 meets/medium
    { what: 'performance exactly 85', o: { performanceMain: 85, performanceSupporting: 85 }, scores: [85, 83.75], box: 6 },
    { what: 'performance 84.99', o: { performanceMain: 85, performanceSupporting: 84.975 }, scores: [84.99, 83.75], box: 5 },
    { what: 'performance 84.995 rounds to 85', o: { performanceMain: 84.995, performanceSupporting: 84.995 }, scores: [85, 83.75], box: 6 },
    { what: 'performance exactly 70', o: { performanceMain: 70, performanceSupporting: 70 }, scores: [70, 83.75], box: 5 },
    { what: 'performance 69.6', o: { performanceMain: 70, performanceSupporting: 69 }, scores: [69.6, 83.75], box: 4 },
    { what: 'potential exactly 85', o: { competency: 85, potential: 85, qualification: 85, integrity: 85 }, scores: [86, 85], box: 9 },
    { what: 'potential exactly 70', o: { competency: 70, potential: 70, qualification: 70, integrity: 70 }, scores: [86, 70], box: 6 },
    { what: 'potential 69.85', o: { competency: 70, potential: 70, qualification: 70, integrity: 69 }, scores: [86, 69.85], box: 3 },
  ])('$what → scores $scores, box $box', ({ o, scores, box }) => {
    const r = scoreTalent(inputs(o));

    expect([r.scores.performance, r.scores.potential]).toEqual(scores);
    expect(r.placement.box).toBe(box);
  });

  it.each([
    { what: 'a score above 100', o: { integrity: 101 }, field: 'integrity' },
    { what: 'a negative score', o: { performanceMain: -1 }, field: 'performanceMain' },
    { what: 'a missing score', o: { competency: undefined as unknown as number }, field: 'competency' },
    { what: 'a score that is not a number', o: { potential: NaN }, field: 'potential' },
  ])('refuses $what', ({ o, field }) => {
    const attempt = () => scoreTalent(inputs(o));

    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', params: { fields: [expect.objectContaining({ field, rule: 'score.range' })] } }),
    );
  });

  it('reads the weights and thresholds from the policy and refuses weights that do not add up', () => {
    const heavierMain: MobilityPolicy = {
      ...P,
      version: 'mobility@test',
      talent: { ...P.talent, weights: { ...P.talent.weights, performance: { main: 80, supporting: 20 } } },
    };
    const broken: MobilityPolicy = {
      ...P,
      talent: { ...P.talent, weights: { ...P.talent.weights, final: { performance: 60, potential: 50 } } },
    };

    expect(scoreTalent(inputs(), heavierMain)).toEqual(
      expect.objectContaining({ scores: expect.objectContaining({ performance: 88 }), ruleVersion: 'mobility@test' }),
    );
    expect(() => scoreTalent(inputs(), broken)).toThrow(
      expect.objectContaining({
        params: { fields: [expect.objectContaining({ field: 'policy.talent.weights.final', rule: 'weights.sum' })] },
      }),
    );
  });

  it('records only the six inputs, copied', () => {
    const given = { ...inputs(), extra: 5 } as TalentInputs;

    const r = scoreTalent(given);
    given.integrity = 0;

    expect(r.inputs).toEqual(inputs());
  });
});

describe('mayFillWithoutOpenSelection', () => {
  const TALENT = { performance: 'above', potential: 'high' } as const;

  it.each([
    // JPT: the agency's merit category must be accepted AND the candidate in box 9
    { cls: 'jpt_pratama', placement: TALENT, merit: 'sangat_baik', passed: true },
    { cls: 'jpt_pratama', placement: TALENT, merit: 'tinggi', passed: true },
    { cls: 'jpt_madya', placement: TALENT, merit: 'maju', passed: true },
    { cls: 'jpt_utama', placement: TALENT, merit: 'sangat_baik', passed: true },
    { cls: 'jpt_pratama', placement: TALENT, merit: 'baik', passed: false },
    { cls: 'jpt_pratama', placement: TALENT, merit: 'menengah', passed: false },
    { cls: 'jpt_pratama', placement: TALENT, merit: null, passed: false },
    { cls: 'jpt_pratama', placement: TALENT, merit: 'IV', passed: false },
    { cls: 'jpt_pratama', placement: { performance: 'meets', potential: 'high' }, merit: 'sangat_baik', passed: false },
    { cls: 'jpt_pratama', placement: { performance: 'above', potential: 'medium' }, merit: 'tinggi', passed: false },
    // administrator, pengawas, functional: boxes 7–9, whatever the merit category
    { cls: 'administrator', placement: { performance: 'below', potential: 'high' }, merit: null, passed: true },
    { cls: 'administrator', placement: { performance: 'meets', potential: 'high' }, merit: 'buruk', passed: true },
    { cls: 'pengawas', placement: TALENT, merit: null, passed: true },
    { cls: 'functional', placement: { performance: 'above', potential: 'medium' }, merit: 'sangat_baik', passed: false },
    { cls: 'pengawas', placement: { performance: 'meets', potential: 'medium' }, merit: null, passed: false },
  ] as {
    cls: 'jpt_pratama';
    placement: { performance: PerformanceLevel; potential: PotentialLevel };
    merit: string | null;
    passed: boolean;
  }[])('$cls, $placement.performance/$placement.potential, merit $merit → passed $passed', ({ cls, placement, merit, passed }) => {
    const v = mayFillWithoutOpenSelection({ positionClass: cls, placement, agencyMeritCategory: merit }, P);

    expect(v).toEqual(expect.objectContaining({ rule: 'fillWithoutOpenSelection', ruleVersion: 'mobility@2026-01-01', passed }));
  });

  it('names both reasons when a JPT post fails on merit and placement', () => {
    const v = mayFillWithoutOpenSelection(
      { positionClass: 'jpt_pratama', placement: { performance: 'meets', potential: 'high' }, agencyMeritCategory: 'baik' },
      P,
    );

    expect(v.fact).toBe('jpt_pratama: merit baik (accepted sangat_baik/tinggi/maju); box 8 (meets/high) (pool 9)');
    expect(v.message.en).toBe(
      "the jpt_pratama post must be filled by open selection: the agency's merit category (baik) is not sangat_baik/tinggi/maju; the candidate is in box 8 (performance meets, potential high), not talent box 9",
    );
  });

  it('places by the axis levels, ignoring a box number from another scheme', () => {
    const stored = { performance: 'above', potential: 'medium', box: 7 } as const;

    const v = mayFillWithoutOpenSelection({ positionClass: 'administrator', placement: stored, agencyMeritCategory: null }, P);

    expect(v.passed).toBe(false);
    expect(v.fact).toBe('administrator: box 6 (above/medium) (ready 7, 8, 9)');
  });

  it('accepts legacy Kategori III when a policy version adds it', () => {
    const p: MobilityPolicy = { ...P, talent: { ...P.talent, jptMeritCategories: ['baik', 'sangat_baik', 'tinggi', 'maju'] } };

    expect(mayFillWithoutOpenSelection({ positionClass: 'jpt_pratama', placement: TALENT, agencyMeritCategory: 'baik' }, p).passed).toBe(
      true,
    );
  });
});

describe('merit categories (domain.md §5)', () => {
  it('covers both instruments', () => {
    const all: MeritCategory[] = ['buruk', 'kurang', 'baik', 'sangat_baik', 'dasar', 'lanjutan', 'menengah', 'tinggi', 'maju'];

    expect(all).toEqual([...MERIT_CATEGORIES.kasn_400, ...MERIT_CATEGORIES.menpanrb_19_2025]);
  });

  it.each([
    [100, 'buruk'],
    [174, 'buruk'],
    [175, 'kurang'],
    [249, 'kurang'],
    [250, 'baik'],
    [324, 'baik'],
    [325, 'sangat_baik'],
    [400, 'sangat_baik'],
    [99, null],
    [401, null],
    [NaN, null],
  ])('a legacy KASN score of %p out of 400 → %p', (score, category) => {
    expect(meritCategoryFromScore(score)).toBe(category);
  });

  it.each([
    [0, 'dasar'],
    [0.4, 'dasar'],
    [0.41, 'lanjutan'],
    [0.6, 'lanjutan'],
    [0.61, 'menengah'],
    [0.8, 'menengah'],
    [0.81, 'tinggi'],
    [1, 'tinggi'],
    [1.01, 'maju'],
    [-0.01, null],
  ])('a PermenPANRB 19/2025 index of %p → %p', (index, category) => {
    expect(meritCategoryFromIndex(index)).toBe(category);
  });
});
