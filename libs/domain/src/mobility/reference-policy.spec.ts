import { ROLES } from '../roles';
import {
  checkElectionWindowDates,
  checkNotFuture,
  mayEditReferenceData,
  MERIT_CATEGORIES,
  meritCategoryOf,
  resolveMeritCategory,
  type MeritScheme,
} from './reference-policy';

describe('who keeps the reference data', () => {
  it.each(ROLES.map((role) => [role, role === 'hr_officer' || role === 'admin']))('%s may edit: %s', (role, allowed) => {
    expect(mayEditReferenceData(role)).toBe(allowed);
  });

  it('refuses the system actor', () => {
    expect(mayEditReferenceData('system')).toBe(false);
  });
});

describe('election window dates', () => {
  const window = (candidatePairDetermination: string | null, termEnd: string | null) => ({
    candidatePairDetermination,
    termEnd,
    headInauguratedOn: null,
  });

  it.each([
    ['2024-09-22', '2025-02-20', []],
    ['2024-09-22', '2024-09-23', []],
    ['2024-09-22', '2024-09-22', ['termEnd']],
    ['2024-09-22', '2024-03-22', ['termEnd']],
    [null, '2024-03-22', []],
    ['2024-09-22', null, []],
    [null, null, []],
  ] as const)('determination %s, term end %s: issues on %j', (determination, termEnd, fields) => {
    expect(checkElectionWindowDates(window(determination, termEnd)).map((i) => i.field)).toEqual(fields);
  });

  it('names both dates in the message', () => {
    const [issue] = checkElectionWindowDates(window('2024-09-22', '2024-01-01'));
    expect(issue).toMatchObject({ field: 'termEnd', rule: 'afterDetermination' });
    expect(issue.message.en).toContain('2024-09-22');
    expect(issue.message.id).toContain('2024-01-01');
  });
});

describe('dates that cannot lie ahead', () => {
  it.each([
    ['2026-03-01', '2026-03-02', 0],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-03', '2026-03-02', 1],
  ])('%s with today %s: %i issue(s)', (date, today, n) => {
    const issues = checkNotFuture('approvedOn', date, today);
    expect(issues).toHaveLength(n);
    if (n) expect(issues[0]).toMatchObject({ field: 'approvedOn', rule: 'notFuture' });
  });
});

describe('merit category bands (domain.md §5)', () => {
  it.each([
    ['kasn_400', 99.99, null],
    ['kasn_400', 100, 'buruk'],
    ['kasn_400', 174, 'buruk'],
    ['kasn_400', 174.5, 'buruk'],
    ['kasn_400', 175, 'kurang'],
    ['kasn_400', 249, 'kurang'],
    ['kasn_400', 250, 'baik'],
    ['kasn_400', 324, 'baik'],
    ['kasn_400', 325, 'sangat_baik'],
    ['kasn_400', 400, 'sangat_baik'],
    ['kasn_400', 400.5, null],
    ['menpanrb_19_2025', -0.01, null],
    ['menpanrb_19_2025', 0, 'dasar'],
    ['menpanrb_19_2025', 0.4, 'dasar'],
    ['menpanrb_19_2025', 0.405, 'lanjutan'],
    ['menpanrb_19_2025', 0.41, 'lanjutan'],
    ['menpanrb_19_2025', 0.6, 'lanjutan'],
    ['menpanrb_19_2025', 0.61, 'menengah'],
    ['menpanrb_19_2025', 0.8, 'menengah'],
    ['menpanrb_19_2025', 0.81, 'tinggi'],
    ['menpanrb_19_2025', 1, 'tinggi'],
    ['menpanrb_19_2025', 1.01, 'maju'],
  ] as const)('%s score %d is %s', (scheme, score, category) => {
    expect(meritCategoryOf(scheme, score)).toBe(category);
  });

  it('has no category for a score that is not a number', () => {
    expect(meritCategoryOf('kasn_400', Number.NaN)).toBeNull();
    expect(meritCategoryOf('menpanrb_19_2025', Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('resolving the category to record', () => {
  it('derives it from the score when none is given', () => {
    expect(resolveMeritCategory('kasn_400', 331, undefined)).toEqual({ ok: true, category: 'sangat_baik' });
    expect(resolveMeritCategory('menpanrb_19_2025', 0.72, undefined)).toEqual({ ok: true, category: 'menengah' });
  });

  it('accepts a category that matches the score', () => {
    expect(resolveMeritCategory('kasn_400', 260, 'baik')).toEqual({ ok: true, category: 'baik' });
  });

  it.each([
    ['kasn_400', 260, 'sangat_baik', 'category', 'matchesScore'],
    ['kasn_400', 260, 'tinggi', 'category', 'isIn'],
    ['menpanrb_19_2025', 0.9, 'baik', 'category', 'isIn'],
    ['kasn_400', 50, undefined, 'score', 'scale'],
    ['kasn_400', 50, 'buruk', 'score', 'scale'],
    ['menpanrb_19_2025', -1, undefined, 'score', 'scale'],
  ] as const)('%s score %d with category %s is refused on %s (%s)', (scheme, score, category, field, rule) => {
    const r = resolveMeritCategory(scheme, score, category);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ field, rule })]);
  });

  it.each(Object.entries(MERIT_CATEGORIES))('lists every %s category a score can reach', (scheme, categories) => {
    const samples = scheme === 'kasn_400' ? [100, 200, 300, 400] : [0.2, 0.5, 0.7, 0.9, 1.2];
    expect(samples.map((s) => meritCategoryOf(scheme as MeritScheme, s))).toEqual(categories);
  });
});
