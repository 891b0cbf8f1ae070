import type { FieldIssue } from '@meritflow/domain';
import { namedIds } from '../auth/case-scope';
import { isCalendarDate } from './date.validators';
import { normaliseText } from './validation';

describe('normaliseText', () => {
  it.each([
    ['RIGHT-TO-LEFT OVERRIDE', 'Kepala \u202EDinas', 'U+202E'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202AKepala', 'U+202A'],
    ['RIGHT-TO-LEFT ISOLATE', 'Budi\u2067 Santoso', 'U+2067'],
    ['POP DIRECTIONAL ISOLATE', 'Budi\u2069', 'U+2069'],
    ['ZERO WIDTH SPACE', 'Bu\u200Bdi', 'U+200B'],
    ['ZERO WIDTH JOINER', 'Bu\u200Ddi', 'U+200D'],
    ['BYTE ORDER MARK', '\uFEFFBudi', 'U+FEFF'],
  ])('refuses a %s, naming the field and the code point', (_what, text, codePoint) => {
    const issues: FieldIssue[] = [];
    normaliseText({ members: [{ name: 'Siti' }, { name: text }] }, '', issues);
    expect(issues).toEqual([expect.objectContaining({ field: 'members.1.name', rule: 'noInvisibleCharacters' })]);
    expect(issues[0].message.en).toContain(codePoint);
  });

  it('composes text to NFC so one name is stored one way', () => {
    const issues: FieldIssue[] = [];
    const out = normaliseText({ title: 'Kepala Dinas Pe\u0301rum' }, '', issues) as { title: string };
    expect(out.title).toBe('Kepala Dinas P\u00e9rum');
    expect(issues).toEqual([]);
  });

  it('names a path parameter by its name', () => {
    const issues: FieldIssue[] = [];
    normaliseText('vacancy:A:\u200B', 'id', issues);
    expect(issues.map((i) => i.field)).toEqual(['id']);
  });

  it('keeps ordinary Indonesian text, line breaks and emoji flags as they are', () => {
    const issues: FieldIssue[] = [];
    const text = 'Pembina Utama — Dr. Siti Nurhaliza, M.Si. 🇮🇩\nbaris 2';
    expect(normaliseText({ reason: text }, '', issues)).toEqual({ reason: text });
    expect(issues).toEqual([]);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2025-02-28', true],
    ['2024-02-29', true],
    ['1965-07-01', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['1899-12-31', false],
    ['2101-01-01', false],
    ['20250228', false],
    ['2025-2-28', false],
  ])('%s is a real calendar date: %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });
});

describe('namedIds', () => {
  it('finds ids in single-id fields anywhere in a body, and nowhere else (lists are the use case’s, after validation)', () => {
    const body = {
      vacancyIds: ['vacancy:A:X', 'vacancy:B:Y'],
      nested: { caseId: 'move:C:1', reason: 'vacancy:D:Z is mentioned in prose' },
      heads: [{ rootWorkflowId: 'vacancy:E:W' }],
      id: 'bulk-move:F:G',
    };
    expect(namedIds(body).sort()).toEqual(['bulk-move:F:G', 'move:C:1', 'vacancy:E:W']);
  });
});
