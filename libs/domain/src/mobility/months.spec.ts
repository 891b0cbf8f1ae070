import { addMonthsIso, previousDayIso } from './months';

describe('month arithmetic on calendar dates', () => {
  it.each([
    ['2024-09-22', -6, '2024-03-22'],
    ['2025-02-20', 6, '2025-08-20'],
    ['2024-08-31', -6, '2024-02-29'],
    ['2023-08-31', -6, '2023-02-28'],
    ['2024-08-31', 6, '2025-02-28'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2024-03-10', 24, '2026-03-10'],
  ])('%s %+d months is %s', (from, months, expected) => {
    expect(addMonthsIso(from, months)).toBe(expected);
  });

  it.each([
    ['2025-08-20', '2025-08-19'],
    ['2025-03-01', '2025-02-28'],
    ['2024-03-01', '2024-02-29'],
    ['2025-01-01', '2024-12-31'],
  ])('the day before %s is %s', (day, expected) => {
    expect(previousDayIso(day)).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() => addMonthsIso('2025-02-29', 1)).toThrow(RangeError);
    expect(() => previousDayIso('2025-13-01')).toThrow(RangeError);
  });
});
