import { checkEffectiveDate, isIsoDate, type FieldIssue } from '@meritflow/domain';
import type { BulkDecisionInput, BulkMemberView } from '@meritflow/contracts';

export const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * The field rules of a batch's decisions, shared by both bulk-move bodies (one child per person, and
 * the paged one): exclusions name members with a reason, every blocked person is excluded by name,
 * someone is left to move; a decree has a number and an ISO effective date, checked against the
 * mobility rules' date limits when its transition is guarded by them.
 */
export function bulkDecisionFieldIssues(
  d: BulkDecisionInput,
  members: ReadonlyMap<string, Pick<BulkMemberView, 'nip' | 'allowed'>>,
  guard: string | undefined,
): FieldIssue[] {
  const fields: FieldIssue[] = [];
  if (d.decision === 'approve_batch') {
    const excluded = new Map((d.exclusions ?? []).map((e) => [e.nip, e.reason]));
    for (const [nip, reason] of excluded) {
      if (!members.has(nip))
        fields.push(issue('exclusions', 'member', `${nip} bukan bagian dari usulan ini`, `${nip} is not part of this batch`));
      if (!reason || reason.trim().length === 0)
        fields.push(issue('exclusions', 'reason', `alasan pengecualian ${nip} wajib diisi`, `the reason for excluding ${nip} is required`));
    }
    const blockedNotExcluded = [...members.values()].filter((m) => m.allowed === false && !excluded.has(m.nip)).map((m) => m.nip);
    if (blockedNotExcluded.length > 0) {
      fields.push(
        issue(
          'exclusions',
          'blockedMustBeExcluded',
          `pegawai yang terhalang aturan harus dikecualikan dengan nama: ${blockedNotExcluded.join(', ')}`,
          `people blocked by a rule must be excluded by name: ${blockedNotExcluded.join(', ')}`,
        ),
      );
    }
    if (excluded.size >= members.size)
      fields.push(issue('exclusions', 'empty', 'tidak ada yang tersisa untuk dipindahkan', 'nobody would be left to move'));
  }
  if (d.decision === 'record_decree') {
    if (!d.decreeNumber || !/^[A-Za-z0-9./ -]{3,100}$/.test(d.decreeNumber))
      fields.push(issue('decreeNumber', 'required', 'nomor SK wajib diisi', 'the decree number is required'));
    if (!d.effectiveDate || !isIsoDate(d.effectiveDate))
      fields.push(issue('effectiveDate', 'required', 'TMT harus YYYY-MM-DD', 'the effective date must be YYYY-MM-DD'));
    else if (guard === 'mobility_rules') fields.push(...checkEffectiveDate('effectiveDate', d.effectiveDate));
  }
  return fields;
}
