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
