import type { CaseAudit } from './audit-case';
import type { ChainCheck } from './chain-check';
import type { DecisionRef } from './compare-timeline';
import type { CaseHistory } from './history.types';
import type { ExportVerdict } from './offline-audit';

const MAX_VALUE = 200;

const show = (v: unknown): string => {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
};

const VERDICT: Record<ExportVerdict, string> = {
  consistent:
    'Kesimpulan: KONSISTEN. Buku besar sama dengan riwayat alur kerja. / Verdict: CONSISTENT. The ledger matches the workflow histories.',
  inconsistent: 'Kesimpulan: TIDAK KONSISTEN. Lihat perbedaan di atas. / Verdict: INCONSISTENT. See the differences above.',
  needs_key:
    'Kesimpulan: BELUM LENGKAP. Rantai hash dan hash riwayat utuh; pemutaran ulang memerlukan kunci muatan. / ' +
    'Verdict: INCOMPLETE. The hash chain and the history hashes are intact; the replay needs the payload keys.',
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
  audit: Omit<CaseAudit, 'verdict'> & { verdict: ExportVerdict; chain?: ChainCheck | null; missingKeys?: readonly string[] };
}): string {
  const { audit, histories } = input;
  const { comparison: c } = audit;
  const types = new Map(histories.map((h) => [h.runId, h.workflowType]));
  const timeline = c.matches + c.altered.length + c.missing.length + c.pending.length;
  const keys = audit.missingKeys ?? [];
  const replayAndComparison = (): string[] => [
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
  ];
  const lines = [
    `Pemutaran ulang kasus / Case replay: ${input.caseId}`,
    ...(input.exportedAt ? [`Diekspor / Exported: ${input.exportedAt}`] : []),
    '',
    ...(keys.length > 0
      ? [
          `Pemutaran ulang dan perbandingan keputusan TIDAK dijalankan: riwayat terenkripsi memerlukan kunci muatan ${keys.join(', ')}.`,
          `Replay and the decision comparison were NOT run: the encrypted histories need the payload key(s) ${keys.join(', ')}.`,
          '  Berikan kuncinya lewat PAYLOAD_KEYS atau --keys-file <berkas> / Give them in PAYLOAD_KEYS or with --keys-file <file>',
        ]
      : replayAndComparison()),
    '',
    `Riwayat dari arsip / Histories from the archive: ${audit.archive.length} (dari Temporal / from Temporal: ${histories.length - audit.archive.length})`,
    ...audit.archive.map(
      (a) =>
        `  [${a.ok ? 'OK' : 'GAGAL / FAILED'}] ${a.workflowId} (run ${a.runId}) sha256 ${a.sha256}` +
        (a.ok
          ? ''
          : a.problem === 'no_archive_row'
            ? ' — tanpa baris arsip di rantai / no archive row in the chain'
            : ` — rantai mencatat / the chain recorded ${a.recorded}`),
    ),
    ...(audit.chain === undefined
      ? []
      : audit.chain === null
        ? ['', 'Rantai hash: tidak ada di berkas versi 1 / Hash chain: not in a version-1 file']
        : [
            '',
            `Rantai hash / Hash chain: ${audit.chain.rowsChecked} baris / rows, ` +
              (audit.chain.ok
                ? `UTUH / INTACT, kepala / head #${audit.chain.head?.chainSeq} ${audit.chain.head?.rowHash}`
                : `RUSAK / BROKEN di / at #${audit.chain.problem?.chainSeq} ${audit.chain.problem?.kind}${audit.chain.problem?.field ? ` (${audit.chain.problem.field})` : ''}: ${audit.chain.problem?.detail}`),
          ]),
    '',
    VERDICT[audit.verdict],
  ];
  return `${lines.join('\n')}\n`;
}
