import { daysInMonth, isIsoDate, isLeapYear, parseIsoDate, wholeYearsBetween } from './iso-date';

describe('calendar dates', () => {
  it.each([
    [2024, true],
    [2025, false],
    [2000, true],
    [1900, false],
  ])('treats %i as a leap year: %p', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it.each([
    ['2026-03-10', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-3-10', false],
    ['2026-03-10T00:00:00Z', false],
    ['', false],
  ])('accepts %p as a real date: %p', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
    expect(parseIsoDate(value) !== null).toBe(ok);
  });

  it.each([
    { from: '2024-03-10', to: '2026-03-10', years: 2, what: 'anniversary day completes the year' },
    { from: '2024-03-10', to: '2026-03-09', years: 1, what: 'one day short does not' },
    { from: '1969-03-11', to: '2026-03-10', years: 56, what: 'birthday tomorrow' },
    { from: '1969-03-10', to: '2026-03-10', years: 57, what: 'birthday today' },
    { from: '2024-02-29', to: '2026-02-28', years: 1, what: '29 Feb anniversary not yet on 28 Feb' },
    { from: '2024-02-29', to: '2026-03-01', years: 2, what: '29 Feb anniversary falls on 1 Mar in a common year' },
    { from: '2024-02-29', to: '2028-02-29', years: 4, what: '29 Feb anniversary in a leap year' },
    { from: '2026-05-01', to: '2026-03-01', years: -1, what: 'a later start gives a negative count' },
  ])('counts $years whole years from $from to $to ($what)', ({ from, to, years }) => {
    expect(wholeYearsBetween(from, to)).toBe(years);
  });
});
