import { DomainError } from '../errors';
import {
  categorizeJpm,
  JPM_SCHEMES,
  jobPersonMatch,
  KBB_WEIGHTS,
  meanScore,
  rankCandidates,
  shortlist,
  totalScore,
  validateWeights,
  type RankingEntry,
  type SelectionWeights,
} from './scoring';

const MANAGERIAL = [
  'integritas',
  'kerjasama',
  'komunikasi',
  'orientasi_pada_hasil',
  'pelayanan_publik',
  'pengembangan_diri_dan_orang_lain',
  'mengelola_perubahan',
  'pengambilan_keputusan',
] as const;

/** Required level for every managerial competency (JPT madya/utama target 5, pratama 4). */
const standard = (level: number): Record<string, number> => Object.fromEntries(MANAGERIAL.map((c) => [c, level]));

/** Achieved levels: all at `level`, with the first `lower` competencies one level lower. */
const achieved = (level: number, lower: number): Record<string, number> =>
  Object.fromEntries(MANAGERIAL.map((c, i) => [c, i < lower ? level - 1 : level]));

describe('categorizeJpm', () => {
  it.each([
    ['standard', 100, 'optimal'],
    ['standard', 90, 'optimal'],
    ['standard', 89.99, 'cukup_optimal'],
    ['standard', 78, 'cukup_optimal'],
    ['standard', 77.99, 'kurang_optimal'],
    ['standard', 0, 'kurang_optimal'],
    ['alternative', 80, 'optimal'],
    ['alternative', 79.99, 'cukup_optimal'],
    ['alternative', 68, 'cukup_optimal'],
    ['alternative', 67.99, 'kurang_optimal'],
    ['alternative', 85, 'optimal'],
  ] as const)('%s scheme: %d%% → %s', (scheme, percent, category) => {
    expect(categorizeJpm(percent, JPM_SCHEMES[scheme])).toBe(category);
  });
});

describe('jobPersonMatch', () => {
  it.each([
    { what: '8 competencies at the level-5 target', a: achieved(5, 0), r: standard(5), percent: 100, category: 'optimal' },
    { what: 'four of 8 one level short of 5 (36/40)', a: achieved(5, 4), r: standard(5), percent: 90, category: 'optimal' },
    { what: 'five of 8 one level short of 5 (35/40)', a: achieved(5, 5), r: standard(5), percent: 87.5, category: 'cukup_optimal' },
    { what: 'all 8 one level short of 4 (24/32)', a: achieved(4, 8), r: standard(4), percent: 75, category: 'kurang_optimal' },
    { what: 'seven of 8 one level short of 4 (25/32)', a: achieved(4, 7), r: standard(4), percent: 78.13, category: 'cukup_optimal' },
    {
      what: 'exactly 78% (39/50)',
      a: { a: 5, b: 5, c: 5, d: 5, e: 5, f: 4, g: 4, h: 3, i: 2, j: 1 },
      r: { a: 5, b: 5, c: 5, d: 5, e: 5, f: 5, g: 5, h: 5, i: 5, j: 5 },
      percent: 78,
      category: 'cukup_optimal',
    },
    { what: 'an 89.996% match shown as 90.00', a: { x: 899.96 }, r: { x: 1000 }, percent: 90, category: 'optimal' },
    { what: 'an 89.99% match', a: { x: 899.9 }, r: { x: 1000 }, percent: 89.99, category: 'cukup_optimal' },
    { what: 'a 77.99% match', a: { x: 779.9 }, r: { x: 1000 }, percent: 77.99, category: 'kurang_optimal' },
    {
      what: 'a surplus in one competency not making up for a shortfall in another',
      a: { integritas: 5, kerjasama: 3, komunikasi: 3 },
      r: { integritas: 4, kerjasama: 4, komunikasi: 4 },
      percent: 83.33,
      category: 'cukup_optimal',
    },
    {
      what: 'competencies assessed but not required being ignored',
      a: { integritas: 4, kerjasama: 4, bahasa_asing: 1 },
      r: { integritas: 4, kerjasama: 4 },
      percent: 100,
      category: 'optimal',
    },
  ])('$what → $percent% $category', ({ a, r, percent, category }) => {
    const result = jobPersonMatch(a, r, JPM_SCHEMES.standard);

    expect(result).toEqual({ percent, category, missing: [] });
  });

  it('counts a required competency that was not assessed as 0 and lists it', () => {
    const result = jobPersonMatch(
      { integritas: 4, kerjasama: 4 },
      { integritas: 4, kerjasama: 4, pengambilan_keputusan: 4 },
      JPM_SCHEMES.standard,
    );

    expect(result).toEqual({ percent: 66.67, category: 'kurang_optimal', missing: ['pengambilan_keputusan'] });
  });

  it.each([
    { percent: 87.5, standard: 'cukup_optimal', alternative: 'optimal' },
    { percent: 75, standard: 'kurang_optimal', alternative: 'cukup_optimal' },
  ])('categorizes $percent% as $standard (standard) and $alternative (alternative)', ({ percent, standard: s, alternative }) => {
    const r = { x: 8 };
    const a = { x: (percent / 100) * 8 };

    expect(jobPersonMatch(a, r, JPM_SCHEMES.standard).category).toBe(s);
    expect(jobPersonMatch(a, r, JPM_SCHEMES.alternative).category).toBe(alternative);
  });

  it.each([
    { what: 'an empty standard', a: {}, r: {} },
    { what: 'a required level of 0', a: { x: 3 }, r: { x: 0 } },
    { what: 'a negative achieved level', a: { x: -1 }, r: { x: 4 } },
  ] as { what: string; a: Record<string, number>; r: Record<string, number> }[])('refuses $what', ({ a, r }) => {
    expect(() => jobPersonMatch(a, r, JPM_SCHEMES.standard)).toThrow(DomainError);
  });
});

describe('validateWeights', () => {
  it.each([
    { what: 'the KBB weights 20/25/20/35', w: KBB_WEIGHTS, rules: [] },
    { what: 'decimal weights summing to 100', w: { administrative: 33.3, assessment: 33.3, paper: 33.4, interview: 0 }, rules: [] },
    { what: 'weights summing to 99', w: { administrative: 20, assessment: 25, paper: 20, interview: 34 }, rules: ['weights.sum'] },
    { what: 'weights summing to 101', w: { administrative: 21, assessment: 25, paper: 20, interview: 35 }, rules: ['weights.sum'] },
    {
      what: 'a negative weight',
      w: { administrative: -10, assessment: 35, paper: 40, interview: 35 },
      rules: ['weights.range'],
    },
  ] as { what: string; w: SelectionWeights; rules: string[] }[])('$what → $rules', ({ w, rules }) => {
    expect(validateWeights(w).map((i) => i.rule)).toEqual(rules);
  });

  it('names the field it was given', () => {
    const issues = validateWeights({ administrative: 20, assessment: 25, paper: 20, interview: 30 }, 'selection.weights');

    expect(issues).toEqual([
      {
        field: 'selection.weights',
        rule: 'weights.sum',
        message: { id: 'jumlah bobot harus 100%, bukan 95%', en: 'the weights must add up to 100%, not 95%' },
      },
    ]);
  });

  it('names the offending component', () => {
    expect(validateWeights({ administrative: 20, assessment: 25, paper: 120, interview: 35 })).toEqual([
      expect.objectContaining({ field: 'weights.paper', rule: 'weights.range' }),
    ]);
  });
});

describe('totalScore (KBB weights)', () => {
  it.each([
    { c: { administrative: 80, assessment: 75, paper: 70, interview: 85 }, total: 78.5 },
    { c: { administrative: 100, assessment: 83.33, paper: 77.5, interview: 81.25 }, total: 84.77 },
    { c: { administrative: 100, assessment: 100, paper: 100, interview: 100 }, total: 100 },
    { c: { administrative: 0, assessment: 0, paper: 0, interview: 0 }, total: 0 },
    { c: { administrative: 70, assessment: 71.11, paper: 0, interview: 0 }, total: 31.78 },
  ])('$c → $total', ({ c, total }) => {
    expect(totalScore(c, KBB_WEIGHTS)).toBe(total);
  });

  it('refuses weights that do not sum to 100', () => {
    const w = { administrative: 20, assessment: 25, paper: 20, interview: 30 };
    const c = { administrative: 80, assessment: 80, paper: 80, interview: 80 };

    expect(() => totalScore(c, w)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses a score outside 0–100', () => {
    const c = { administrative: 80, assessment: 101, paper: 80, interview: 80 };

    expect(() => totalScore(c, KBB_WEIGHTS)).toThrow(
      expect.objectContaining({ params: { fields: [expect.objectContaining({ field: 'components.assessment' })] } }),
    );
  });
});

describe('rankCandidates and shortlist', () => {
  /** Scores in the order administrative, assessment, paper, interview. */
  const entry = (nip: string, postCode: string, registrationOrder: number, [a, s, p, i]: number[]): RankingEntry => ({
    nip,
    postCode,
    registrationOrder,
    components: { administrative: a, assessment: s, paper: p, interview: i },
  });
  // All of P, Q, R, S total exactly 80 under the KBB weights.
  const entries: RankingEntry[] = [
    entry('197501012000031005', 'KADIS-PUPR', 2, [80, 80, 80, 80]), // S
    entry('197501012000031001', 'KADIS-PUPR', 1, [80, 80, 80, 80]), // P
    entry('197501012000031003', 'KADIS-PUPR', 3, [80, 80, 73, 84]), // R
    entry('197501012000031002', 'KADIS-PUPR', 4, [80, 84, 75, 80]), // Q
    entry('198001012005031001', 'KADIS-DINKES', 5, [90, 70, 70, 70]),
    entry('197501012000031006', 'KADIS-PUPR', 6, [85, 85, 85, 85]), // T
    entry('198001012005031002', 'KADIS-DINKES', 7, [80, 80, 80, 80]),
  ];
  const ranked = rankCandidates(entries, KBB_WEIGHTS);

  it('groups by post', () => {
    expect(Object.keys(ranked)).toEqual(['KADIS-DINKES', 'KADIS-PUPR']);
  });

  it.each([
    { rank: 1, nip: '197501012000031006', total: 85, why: 'highest total' },
    { rank: 2, nip: '197501012000031002', total: 80, why: 'tied at 80, highest assessment (84)' },
    { rank: 3, nip: '197501012000031003', total: 80, why: 'tied at 80 and assessment 80, higher interview (84)' },
    { rank: 4, nip: '197501012000031001', total: 80, why: 'tied on all three, registered first' },
    { rank: 5, nip: '197501012000031005', total: 80, why: 'tied on all three, registered second' },
  ])('ranks $nip #$rank in KADIS-PUPR: $why', ({ rank, nip, total }) => {
    expect(ranked['KADIS-PUPR'][rank - 1]).toMatchObject({ nip, total, rank });
  });

  it('does not depend on input order', () => {
    expect(rankCandidates([...entries].reverse(), KBB_WEIGHTS)).toEqual(ranked);
  });

  it.each([
    { post: 'KADIS-PUPR', size: 3, nips: ['197501012000031006', '197501012000031002', '197501012000031003'] },
    { post: 'KADIS-DINKES', size: 3, nips: ['198001012005031002', '198001012005031001'] },
    { post: 'KADIS-PUPR', size: 1, nips: ['197501012000031006'] },
  ])('shortlists $size from $post → $nips', ({ post, size, nips }) => {
    expect(shortlist(ranked[post], size).map((c) => c.nip)).toEqual(nips);
  });

  it('shortlists 3 by default, in rank order even from a shuffled list', () => {
    const shuffled = [...ranked['KADIS-PUPR']].reverse();

    expect(shortlist(shuffled).map((c) => c.rank)).toEqual([1, 2, 3]);
  });

  it.each([0, -1, 1.5])('refuses a shortlist size of %p', (size) => {
    expect(() => shortlist(ranked['KADIS-PUPR'], size)).toThrow(RangeError);
  });

  it('refuses a candidate entered twice for the same post', () => {
    expect(() => rankCandidates([entries[0], { ...entries[0], registrationOrder: 9 }], KBB_WEIGHTS)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('returns no posts for no entries', () => {
    expect(rankCandidates([], KBB_WEIGHTS)).toEqual({});
  });
});

describe('meanScore', () => {
  it.each([
    { scores: [], mean: null },
    { scores: [80], mean: 80 },
    { scores: [80, 85, 90], mean: 85 },
    { scores: [80, 85], mean: 82.5 },
    { scores: [77, 78, 80], mean: 78.33 },
    { scores: [70, 71, 71], mean: 70.67 },
    { scores: [1.005], mean: 1.01 },
  ])('$scores → $mean', ({ scores, mean }) => {
    expect(meanScore(scores)).toBe(mean);
  });

  it.each([[[80, -1]], [[101]], [[Number.NaN]]])('refuses %p', (scores) => {
    expect(() => meanScore(scores)).toThrow(DomainError);
  });
});
