import { stringify } from 'csv-stringify/sync';
import type { ComplianceReport } from '@meritflow/domain';
import type { DossierDecision } from './dossier.types';

/**
 * RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. A field
 * starting with = + - @ tab or CR gets a leading apostrophe, so a spreadsheet never runs a reason
 * as a formula (OWASP "CSV injection").
 */
const RFC4180 = {
  header: true,
  record_delimiter: '\r\n',
  // Off by default once record_delimiter is set: a lone LF or CR inside a reason must still be quoted.
  quote_record_delimiter: true,
  escape_formulas: true,
} as const;

export const DECISION_CSV_COLUMNS = [
  'ledger_id',
  'chain_seq',
  'decided_at',
  'recorded_at',
  'workflow_id',
  'run_id',
  'sequence',
  'step_before',
  'step_after',
  'decision',
  'actor_id',
  'actor_role',
  'actor_name',
  'reason',
  'evidence',
  'sop_id',
  'sop_version',
  'rule_version',
  'row_hash',
  'prev_hash',
  'payload',
] as const;

const evidenceCell = (d: DossierDecision): string =>
  d.evidence.map((e) => [e.kind, e.uri ?? '', e.sha256 ? `sha256:${e.sha256}` : ''].filter(Boolean).join(' ')).join('; ');

/** One line per ledger row of the case, in the order the decisions were taken. */
export function decisionsCsv(decisions: readonly DossierDecision[]): string {
  return stringify(
    decisions.map((d) => ({
      ledger_id: d.id,
      chain_seq: d.chainSeq ?? '',
      decided_at: d.decidedAt,
      recorded_at: d.recordedAt,
      workflow_id: d.workflowId,
      run_id: d.runId,
      sequence: d.sequence,
      step_before: d.stepBefore ?? '',
      step_after: d.stepAfter,
      decision: d.decision,
      actor_id: d.actor.id,
      actor_role: d.actor.role,
      actor_name: d.actor.name ?? '',
      reason: d.reason ?? '',
      evidence: evidenceCell(d),
      sop_id: d.sop.id,
      sop_version: d.sop.version,
      rule_version: d.ruleVersion ?? '',
      row_hash: d.rowHash ?? '',
      prev_hash: d.prevHash ?? '',
      payload: JSON.stringify(d.payload),
    })),
    { ...RFC4180, columns: [...DECISION_CSV_COLUMNS] },
  );
}

const share = (x: number | null): string => (x === null ? '' : String(x));

/** One line per indicator (and per breakdown), each with its numerator, denominator and definition. */
export function complianceCsv(r: ComplianceReport): string {
  const i = r.indicators;
  const def = (key: string) => r.definitions[key]?.id ?? '';
  const row = (
    indicator: string,
    value: number | string | null,
    numerator: number | '' = '',
    denominator: number | '' = '',
    definition = '',
  ) => ({
    agency_code: r.agencyCode,
    period_from: r.period.from,
    period_to: r.period.to,
    indicator,
    value: value === null ? '' : value,
    numerator,
    denominator,
    definition_id: definition,
  });
  const rows = [
    row(
      'jpt_open_filling_share',
      share(i.jptOpenFilling.share),
      i.jptOpenFilling.numerator,
      i.jptOpenFilling.denominator,
      def('jptOpenFilling'),
    ),
    ...Object.entries(i.jptOpenFilling.byMethod).map(([m, n]) => row(`jpt_approved_by_method.${m}`, n)),
    row(
      'jpt_filled_open_share',
      share(i.jptFilledOpen.share),
      i.jptFilledOpen.numerator,
      i.jptFilledOpen.denominator,
      def('jptFilledOpen'),
    ),
    row('closed_cases', i.closedCases.count, '', '', def('closedCases')),
    row('closed_cases_average_duration_days', i.closedCases.averageDurationDays),
    ...Object.entries(i.closedCases.byType).flatMap(([type, t]) => [
      row(`closed_cases.${type}`, t.count),
      row(`closed_cases_average_duration_days.${type}`, t.averageDurationDays),
    ]),
    row(
      'evidence_complete_share',
      share(i.evidenceComplete.share),
      i.evidenceComplete.numerator,
      i.evidenceComplete.denominator,
      def('evidenceComplete'),
    ),
    row('deadline_breaches', i.deadlineBreaches.count, '', '', def('deadlineBreaches')),
    ...Object.entries(i.deadlineBreaches.byDecision).map(([d, n]) => row(`deadline_breaches.${d}`, n)),
    row(
      'conflicts_of_interest_declared',
      i.conflictsOfInterestDeclared.count,
      i.conflictsOfInterestDeclared.count,
      i.conflictsOfInterestDeclared.declarations,
      def('conflictsOfInterestDeclared'),
    ),
    row('overrides_used', i.overridesUsed.count, '', '', def('overridesUsed')),
  ];
  return stringify(rows, {
    ...RFC4180,
    columns: ['agency_code', 'period_from', 'period_to', 'indicator', 'value', 'numerator', 'denominator', 'definition_id'],
  });
}
