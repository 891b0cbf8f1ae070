import type { ErrorCode, ErrorParams, FieldIssue } from '../errors';
import type { LocalizedText } from '../i18n/messages';
import { parseIsoDate } from '../selection/iso-date';
import { evaluateMove, type MobilityReferenceFacts, type MoveEvaluation } from './evaluate-move';
import { MOBILITY_POLICIES, policyInForce, type MobilityPolicy } from './mobility-policy';
import type { ElectionBanPeriod, MobilityVerdict } from './rules';
import type { MinisterApproval, MoveFacts } from './move';

/**
 * A move's rules bind on the date it takes effect, not on the day someone clicks: the approval is
 * judged as of the intended effective date, the decree as of its TMT (terhitung mulai tanggal).
 */
export const AS_OF_BASES = ['intended_effective_date', 'decree_effective_date', 'decision_time'] as const;
export type AsOfBasis = (typeof AS_OF_BASES)[number];

/** The instant the rules read for a WIB calendar date: noon WIB, so `wibDate` gives the same date back. */
export const asOfInstant = (isoDate: string): Date => new Date(`${isoDate}T12:00:00+07:00`);

/** Calendar days from `from` to `to` (valid 'YYYY-MM-DD'); negative when `to` is earlier. */
export const calendarDaysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Every rule applied as of the date the move takes effect, under the rules version in force on that
 * date; the evaluation's `asOf` is that date whenever the request is made.
 */
export function evaluateMoveAsOf(
  move: MoveFacts,
  facts: MobilityReferenceFacts,
  effectiveDate: string,
  policies: readonly MobilityPolicy[] = MOBILITY_POLICIES,
): MoveEvaluation {
  const at = asOfInstant(effectiveDate);
  return evaluateMove(move, facts, policyInForce(at, policies), at);
}

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * Problems with an effective date the rules are to be applied on: it must be a real calendar date,
 * and some version of the mobility rules must be in force on it (none is before the first version).
 */
export function checkEffectiveDate(field: string, date: string, policies: readonly MobilityPolicy[] = MOBILITY_POLICIES): FieldIssue[] {
  if (!parseIsoDate(date)) {
    return [
      issue(field, 'isRealDate', `${field} harus tanggal yang sah (YYYY-MM-DD)`, `${field} must be a real calendar date (YYYY-MM-DD)`),
    ];
  }
  const first = policies.map((p) => p.effectiveFrom).sort()[0];
  if (first !== undefined && date < first) {
    return [
      issue(
        field,
        'rulesInForce',
        `tidak ada ketentuan mobilitas yang berlaku pada ${date} (yang paling awal berlaku sejak ${first})`,
        `no version of the mobility rules is in force on ${date} (the earliest applies from ${first})`,
      ),
    ];
  }
  return [];
}

/** How far back a decree's TMT may lie before the decision needs a reason. */
export interface BackdatingSettings {
  /** Calendar days; null: no limit (SOP versions before the limit existed). */
  maxBackdatingDays: number | null;
}

/**
 * A decree dated more than `maxBackdatingDays` calendar days before `today` (the WIB date it is
 * recorded) needs a reason, as the PPK must say why when departing from the ranking. The limit is
 * policy data [BK: domain.md names no limit; 30 days is a default an agency may change].
 */
export function checkBackdating(
  effectiveDate: string,
  today: string,
  settings: BackdatingSettings,
  reason: string | undefined | null,
): { ok: true; backdatedDays: number } | { ok: false; code: ErrorCode; params: ErrorParams } {
  const backdatedDays = Math.max(0, calendarDaysBetween(effectiveDate, today));
  const max = settings.maxBackdatingDays;
  if (max === null || backdatedDays <= max || (reason ?? '').trim().length > 0) return { ok: true, backdatedDays };
  return {
    ok: false,
    code: 'DECISION_INCOMPLETE',
    params: { decision: 'record_decree', missing: ['reason'], effectiveDate, today, backdatedDays, maxBackdatingDays: max },
  };
}

/**
 * A duty to report an action, attached by the rule that allowed it: an action taken inside an
 * election ban with the Minister of Home Affairs' written approval is reported to the Minister within
 * 7 working days (SE Mendagri 100.2.1.3/1575/SJ, domain.md §2.8). The deadline itself is SOP data.
 */
export interface ReportingDuty {
  rule: 'electionMoratorium';
  basis: readonly string[];
  /** The ban periods the action fell in, and the approvals that lifted them. */
  periods: readonly ElectionBanPeriod[];
  approvals: readonly MinisterApproval[];
  message: LocalizedText;
}

/** The verdict fields a reporting duty is read from (a MobilityVerdict or its view in the workflow contracts). */
export type DutyVerdict = Pick<MobilityVerdict, 'passed'> & {
  rule: string;
  approvals?: readonly MinisterApproval[];
  periods?: readonly ElectionBanPeriod[];
};

/** The reporting duty the verdicts attach to the action, or null when none does. */
export function reportingDutyOf(verdicts: readonly DutyVerdict[]): ReportingDuty | null {
  const v = verdicts.find((x) => x.rule === 'electionMoratorium' && x.passed && (x.approvals ?? []).length > 0);
  if (!v) return null;
  const approvals = v.approvals ?? [];
  const docs = approvals.map((a) => a.documentRef).join(', ');
  return {
    rule: 'electionMoratorium',
    basis: ['UU 10/2016 Pasal 71(2) dan 162(3)', 'SE Mendagri 100.2.1.3/1575/SJ'],
    periods: v.periods ?? [],
    approvals,
    message: {
      id: `tindakan dalam masa larangan pilkada dengan persetujuan tertulis Menteri Dalam Negeri (${docs}) wajib dilaporkan kepada Menteri Dalam Negeri`,
      en: `an action taken in an election ban with the written approval of the Minister of Home Affairs (${docs}) must be reported to the Minister`,
    },
  };
}
