import { romanMonth } from './decree-wording';

/**
 * Decree numbers. domain.md fixes no numbering; agencies number their decrees in their own register,
 * commonly `<archive code>/<sequence>/<unit>/<year>` [BK]. The pattern is configurable per agency
 * (DECREE_NUMBER_PATTERNS), and the drafting officer may give the number outright.
 */
export const DEFAULT_DECREE_NUMBER_PATTERN = '{code}/{seq}/{agency}/{year}';
export const DECREE_NUMBER_TOKENS = ['code', 'seq', 'agency', 'year', 'month'] as const;

const TOKEN = /\{([a-z]+)\}/g;

/** Null when the pattern is usable: only known tokens, and `{seq}` so two decrees never share a number. */
export function checkDecreeNumberPattern(pattern: string): string | null {
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]);
  const unknown = tokens.filter((t) => !(DECREE_NUMBER_TOKENS as readonly string[]).includes(t));
  if (unknown.length > 0) return `unknown token ${unknown.map((t) => `{${t}}`).join(', ')}`;
  if (!tokens.includes('seq')) return 'must contain {seq}';
  if (pattern.replace(TOKEN, '').length > 100) return 'too long';
  return null;
}

export interface DecreeNumberInput {
  code: string;
  seq: number;
  agencyCode: string;
  /** The decree's date, YYYY-MM-DD: its year and month. */
  date: string;
}

export function formatDecreeNumber(pattern: string, n: DecreeNumberInput): string {
  const values: Record<string, string> = {
    code: n.code,
    seq: String(n.seq),
    agency: n.agencyCode,
    year: n.date.slice(0, 4),
    month: romanMonth(n.date),
  };
  return pattern.replace(TOKEN, (whole, t: string) => values[t] ?? whole);
}
