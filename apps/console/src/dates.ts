import { format, isValid, parse as parseWith } from 'date-fns';
import { enGB, id as idLocale } from 'date-fns/locale';
import type { Lang } from './i18n';

// Dates in the Indonesian format whatever the browser's locale: "6 Desember 2026" (English:
// "6 December 2026"), times in WIB (Asia/Jakarta), where the agencies work.

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');
const ZONE = 'Asia/Jakarta';

const parse = (value: string): Date | null => {
  // A bare ISO date is a calendar day, not an instant: read it at noon WIB so no zone shifts it.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00+07:00` : value);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** "6 Desember 2026". */
export const formatDate = (value: string | undefined | null, lang: Lang): string => {
  if (!value) return '—';
  const d = parse(value);
  return d ? new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE }).format(d) : value;
};

/** "6 Desember 2026 14.05 WIB". */
export const formatTime = (value: string | undefined | null, lang: Lang): string => {
  if (!value) return '—';
  const d = parse(value);
  if (!d) return value;
  const day = formatDate(value, lang);
  const time = new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', timeZone: ZONE }).format(d);
  return `${day} ${time} WIB`;
};

/** Today's calendar date in WIB, as YYYY-MM-DD (what a date picker holds). */
export const todayIso = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

const PATTERNS = ['yyyy-MM-dd', 'd MMMM yyyy', 'd MMM yyyy', 'd/M/yyyy', 'd-M-yyyy', 'd.M.yyyy'];

/** Reads a typed date ("2026-12-06", "6 Desember 2026", "6 Des 2026", "6/12/2026", English month names too) as YYYY-MM-DD. */
export function parseTypedDate(text: string): string | null {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return null;
  for (const locale of [idLocale, enGB]) {
    for (const p of PATTERNS) {
      const d = parseWith(s, p, new Date(2000, 0, 1), { locale });
      if (isValid(d) && d.getFullYear() >= 1000) return format(d, 'yyyy-MM-dd');
    }
  }
  return null;
}
