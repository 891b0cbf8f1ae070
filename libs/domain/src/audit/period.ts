import type { FieldIssue } from '../errors';
import { isIsoDate } from '../selection/iso-date';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A report period [from, to). A bare date is midnight WIB, the start of that Indonesian calendar
 * day (rules and reports follow Indonesian dates); a timestamp must carry its offset.
 */
export function parsePeriodBound(value: string): Date | null {
  if (isIsoDate(value)) return new Date(`${value}T00:00:00+07:00`);
  if (!DATE_TIME.test(value) || !isIsoDate(value.slice(0, 10))) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

export function parsePeriod(
  from: string | undefined,
  to: string | undefined,
  required: boolean,
): { ok: true; from: Date | undefined; to: Date | undefined } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const parse = (field: string, v: string | undefined): Date | undefined => {
    if (v === undefined || v === '') {
      if (required) issues.push(issue(field, 'required', `${field} wajib diisi (YYYY-MM-DD)`, `${field} is required (YYYY-MM-DD)`));
      return undefined;
    }
    const d = parsePeriodBound(v);
    if (!d)
      issues.push(
        issue(
          field,
          'isoDate',
          `${field} harus tanggal YYYY-MM-DD atau waktu ISO 8601 dengan zona`,
          `${field} must be a YYYY-MM-DD date or an ISO 8601 time with offset`,
        ),
      );
    return d ?? undefined;
  };
  const f = parse('from', from);
  const t = parse('to', to);
  if (f && t && f.getTime() >= t.getTime()) {
    issues.push(issue('to', 'after', 'to harus sesudah from (periode [from, to))', 'to must be after from (period [from, to))'));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, from: f, to: t };
}
