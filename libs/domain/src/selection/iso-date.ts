/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings. It never builds a Date, so results cannot depend on
 * the host time zone and the code runs unchanged inside Temporal's workflow sandbox.
 */
export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

export const isRealDate = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** The parts of a real calendar date, or null for anything else ('2026-02-30', '2026-2-1', ''). */
export function parseIsoDate(value: string): YearMonthDay | null {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

export const isIsoDate = (value: string): boolean => parseIsoDate(value) !== null;

/**
 * Whole years from `from` to `to` (both valid 'YYYY-MM-DD'), the way an age is counted: the count
 * goes up on the anniversary. Comparing 'MM-DD' strings makes a 29 February anniversary fall on
 * 1 March in common years (on 28 February the year is not yet complete). Negative when `to` is
 * before `from`.
 */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}
