import type { CaseAudit } from './audit-case';
import type { DecisionRef } from './compare-timeline';
import type { CaseHistory } from './history.types';

const MAX_VALUE = 200;

const show = (v: unknown): string => {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
};

const ref = (d: DecisionRef): string => `    - ${d.workflowId} #${d.sequence} ${d.decision} (${d.decidedAt}) [${d.key}]`;

function section(label: string, refs: readonly DecisionRef[], always = true): string[] {
  if (!always && refs.length === 0) return [];
  return [`  ${label}: ${refs.length}`, ...refs.map(ref)];
}

/** A plain-text report for an auditor, each line in Bahasa Indonesia / English. */
export function formatAuditReport(input: {
  caseId: string;
  exportedAt?: string;
  histories: readonly CaseHistory[];
  ledgerRows: number;
  audit: CaseAudit;
}): string {
  const { audit, histories } = input;
  const { comparison: c } = audit;
  const types = new Map(histories.map((h) => [h.runId, h.workflowType]));
  const timeline = c.matches + c.altered.length + c.missing.length + c.pending.length;
  const lines = [
    `Pemutaran ulang kasus / Case replay: ${input.caseId}`,
    ...(input.exportedAt ? [`Diekspor / Exported: ${input.exportedAt}`] : []),
    '',
    `Riwayat alur kerja diputar ulang dengan kode saat ini / Workflow histories replayed against the current code: ${audit.replay.length}`,
    ...audit.replay.flatMap((r) => [
      `  [${r.ok ? 'OK' : 'GAGAL / FAILED'}] ${r.workflowId} ${types.get(r.runId) ?? ''} (run ${r.runId})`,
      ...(r.error ? [`        ${r.error.name}: ${r.error.message.split('\n')[0]}`] : []),
    ]),
    '',
    `Keputusan / Decisions: riwayat / history ${timeline}, buku besar / ledger ${input.ledgerRows}`,
    `  Cocok / Matching: ${c.matches}`,
    ...section('Tidak ada di buku besar / Missing from the ledger', c.missing),
    ...section('Tidak ada di riwayat / Extra in the ledger', c.extra),
    `  Berubah / Altered: ${c.altered.length}`,
    ...c.altered.flatMap((a) => [
      `    - ${a.decision} [${a.key}]`,
      ...a.fields.map((f) => `        ${f.field}: riwayat / history ${show(f.history)} ≠ buku besar / ledger ${show(f.ledger)}`),
    ]),
    ...section('Masih ditulis saat riwayat dibaca / Still being written when the history was read', c.pending, false),
    ...section('Diambil sesudah riwayat dibaca / Taken after the history was read', c.afterSnapshot, false),
    '',
    audit.verdict === 'consistent'
      ? 'Kesimpulan: KONSISTEN. Buku besar sama dengan riwayat alur kerja. / Verdict: CONSISTENT. The ledger matches the workflow histories.'
      : 'Kesimpulan: TIDAK KONSISTEN. Lihat perbedaan di atas. / Verdict: INCONSISTENT. See the differences above.',
  ];
  return `${lines.join('\n')}\n`;
}
