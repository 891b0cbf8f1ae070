// Month arithmetic on 'YYYY-MM-DD' strings, without Date (see iso-date.ts); internal to the mobility rules.
import { daysInMonth, parseIsoDate } from '../selection/iso-date';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The same day of the month `months` later (earlier when negative), clamped to the month's last day:
 * 2024-08-31 + 6 months is 2025-02-28 [BK: no source says how a 6-month span ending on a missing day
 * is counted; clamping is the usual convention].
 */
export function addMonthsIso(isoDate: string, months: number): string {
  const d = parseIsoDate(isoDate);
  if (!d) throw new RangeError(`not a calendar date: ${isoDate}`);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d.day, daysInMonth(year, month)))}`;
}

/** The calendar day before a valid 'YYYY-MM-DD'. */
export function previousDayIso(isoDate: string): string {
  const d = parseIsoDate(isoDate);
  if (!d) throw new RangeError(`not a calendar date: ${isoDate}`);
  if (d.day > 1) return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day - 1)}`;
  const [year, month] = d.month === 1 ? [d.year - 1, 12] : [d.year, d.month - 1];
  return `${pad(year, 4)}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}
