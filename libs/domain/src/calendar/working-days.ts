import type { SopDuration } from '../sop/sop.types';

/** Indonesian working days are counted on Western Indonesia Time (WIB, UTC+7, no DST). */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The WIB calendar date (YYYY-MM-DD) of an instant. */
export const wibDate = (instant: Date): string => new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);

export const isWeekend = (isoDate: string): boolean => {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

export const isWorkingDay = (isoDate: string, holidays: ReadonlySet<string>): boolean => !isWeekend(isoDate) && !holidays.has(isoDate);

/**
 * The end (23:59:59.999 WIB) of the n-th working day after the day of `start`.
 * The start day itself never counts, as a window opened on a Friday afternoon gives no Friday.
 */
export function addWorkingDays(start: Date, n: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  let day = new Date(`${wibDate(start)}T00:00:00Z`).getTime();
  let counted = 0;
  while (counted < n) {
    day += DAY_MS;
    if (isWorkingDay(new Date(day).toISOString().slice(0, 10), holidays)) counted++;
  }
  return new Date(day + DAY_MS - 1 - WIB_OFFSET_MS);
}

/** When a deadline of the given SOP duration, started at `start`, falls due. */
export function dueAt(start: Date, duration: SopDuration, holidays: ReadonlySet<string>): Date {
  if ('seconds' in duration) return new Date(start.getTime() + duration.seconds * 1000);
  if ('calendarDays' in duration) return addCalendarDays(start, duration.calendarDays);
  return addWorkingDays(start, duration.workingDays, holidays);
}

/** The end (23:59:59.999 WIB) of the n-th calendar day after the day of `start`. */
export function addCalendarDays(start: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`calendar days must be a positive integer, got ${n}`);
  const day = new Date(`${wibDate(start)}T00:00:00Z`).getTime() + n * DAY_MS;
  return new Date(day + DAY_MS - 1 - WIB_OFFSET_MS);
}
