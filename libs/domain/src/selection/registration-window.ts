import type { FieldIssue } from '../errors';
import { isIsoDate } from './iso-date';
import type { SelectionRuleVerdict } from './selection-decisions';

/** The registration period the chair sets when announcing a selection, both days inclusive (WIB). */
export interface RegistrationWindow {
  opensOn: string;
  closesOn: string;
}

/** A period longer than this is a typing error, not a registration (the SOP's default is about 15 working days). */
export const MAX_REGISTRATION_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });
const days = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/**
 * announce: the registration dates are optional (without them the SOP's registration duration runs
 * from the announcement), but given, both are given, real, the opening not before the announcement
 * day and the closing not before the opening, within MAX_REGISTRATION_DAYS.
 */
export function checkRegistrationWindow(
  d: { registrationOpensOn?: string; registrationClosesOn?: string },
  ctx: { today: string },
): SelectionRuleVerdict {
  const { registrationOpensOn: opens, registrationClosesOn: closes } = d;
  if (opens === undefined && closes === undefined) return { ok: true };
  const issues: FieldIssue[] = [];
  if (opens === undefined || !isIsoDate(opens))
    issues.push(issue('registrationOpensOn', 'isRealDate', 'harus tanggal yang sah', 'must be a real date'));
  if (closes === undefined || !isIsoDate(closes))
    issues.push(issue('registrationClosesOn', 'isRealDate', 'harus tanggal yang sah', 'must be a real date'));
  if (issues.length === 0) {
    if (opens! < ctx.today)
      issues.push(
        issue(
          'registrationOpensOn',
          'notBeforeAnnouncement',
          `tidak boleh sebelum hari pengumuman (${ctx.today})`,
          `must not be before the announcement day (${ctx.today})`,
        ),
      );
    if (closes! < opens!)
      issues.push(
        issue('registrationClosesOn', 'notBeforeOpening', 'tidak boleh sebelum tanggal pembukaan', 'must not be before the opening date'),
      );
    else if (days(opens!, closes!) + 1 > MAX_REGISTRATION_DAYS)
      issues.push(
        issue(
          'registrationClosesOn',
          'maxRegistrationDays',
          `paling lama ${MAX_REGISTRATION_DAYS} hari setelah pembukaan`,
          `at most ${MAX_REGISTRATION_DAYS} days after the opening`,
        ),
      );
  }
  return issues.length > 0 ? { ok: false, code: 'VALIDATION_FAILED', params: { fields: issues } } : { ok: true };
}

/** The instant registration closes: the end of the closing day in WIB (midnight after it). */
export const registrationClosesAt = (w: RegistrationWindow): string =>
  new Date(Date.parse(`${w.closesOn}T00:00:00Z`) + DAY_MS - WIB_OFFSET_MS).toISOString();

/** Whether registration is open on `today` (WIB date): not before the opening day. */
export const registrationHasOpened = (w: RegistrationWindow | null | undefined, today: string): boolean => !w || today >= w.opensOn;
