import { checkDecreeNumberPattern, DEFAULT_DECREE_NUMBER_PATTERN, formatDecreeNumber } from './decree-numbering';

describe('decree numbering', () => {
  it.each([
    [DEFAULT_DECREE_NUMBER_PATTERN, '821.2/14/PEMKAB-SLEMAN/2026'],
    ['800.1.3.3/{seq}/BKPSDM/{month}/{year}', '800.1.3.3/14/BKPSDM/XII/2026'],
    ['{agency}-{year}-{seq}', 'PEMKAB-SLEMAN-2026-14'],
  ])('numbers with %s as %s', (pattern, expected) => {
    expect(checkDecreeNumberPattern(pattern)).toBeNull();
    expect(formatDecreeNumber(pattern, { code: '821.2', seq: 14, agencyCode: 'PEMKAB-SLEMAN', date: '2026-12-06' })).toBe(expected);
  });

  it.each([
    ['{code}/{agency}/{year}', 'must contain {seq}'],
    ['{seq}/{unit}/{year}', 'unknown token {unit}'],
    [`{seq}/${'x'.repeat(101)}`, 'too long'],
  ])('refuses the pattern %s: %s', (pattern, problem) => {
    expect(checkDecreeNumberPattern(pattern)).toBe(problem);
  });
});
