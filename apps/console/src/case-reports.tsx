import { useState } from 'react';
import { api, download, enc, type Session } from './api';
import { useI18n } from './i18n';
import { Refusal } from './ui';

const AUDITORS = ['auditor', 'admin'];

/** Dossier downloads for report readers; ledger verification and history replay for auditors. */
export function ReportsPanel({ caseId, session }: { caseId: string; session: Session }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [verify, setVerify] = useState<Record<string, unknown> | null>(null);
  const [replay, setReplay] = useState<Record<string, unknown> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const file = caseId.replace(/[^A-Za-z0-9._-]+/g, '_');
  const auditor = AUDITORS.includes(session.role);
  const verifyOk = verify ? isIntact(verify) : null;
  return (
    <section aria-labelledby="audit-h" className="card">
      <h2 id="audit-h">{auditor ? t('Audit (hanya baca)', 'Audit (read-only)') : t('Berkas kasus', 'Case dossier')}</h2>
      <div className="row">
        {(['pdf', 'json', 'csv'] as const).map((ext) => (
          <button
            key={ext}
            type="button"
            disabled={busy !== null}
            onClick={() => void run(ext, () => download(`/v1/cases/${enc(caseId)}/dossier.${ext}`, `dossier-${file}.${ext}`))}
          >
            {t('Unduh berkas', 'Download dossier')} {ext.toUpperCase()}
          </button>
        ))}
      </div>
      {auditor && (
        <>
          <div className="row">
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('verify', async () => setVerify(await api('GET', `/v1/ledger/verify/${enc(caseId)}`)))}
            >
              {t('Verifikasi rantai hash buku besar', 'Verify the ledger hash chain')}
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('replay', async () => setReplay(await api('GET', `/v1/cases/${enc(caseId)}/replay`)))}
            >
              {t('Putar ulang riwayat alur kerja', 'Replay the workflow histories')}
            </button>
          </div>
          <p className="hint">
            {t(
              'Keduanya hanya membaca; tidak ada keputusan yang dicatat. Permintaan baca auditor dicatat di log audit.',
              "Both only read; no decision is recorded. Auditors' reads are kept in the audit-read log.",
            )}
          </p>
          {busy && (
            <p role="status">
              {t('Memproses…', 'Working…')} ({busy})
            </p>
          )}
          {verify && (
            <div className={verifyOk ? 'result ok' : 'result bad'} data-testid="verify-result" data-ok={String(verifyOk)}>
              <p>
                <strong>{t('Verifikasi buku besar', 'Ledger verification')}:</strong>{' '}
                {verifyOk
                  ? t('utuh — setiap tautan hash cocok', 'intact — every hash link matches')
                  : t('TIDAK utuh — lihat rinciannya', 'NOT intact — see the details')}
              </p>
              <details>
                <summary>{t('Rincian', 'Details')}</summary>
                <pre>{JSON.stringify(verify, null, 2)}</pre>
              </details>
            </div>
          )}
          {replay && (
            <div
              className={replay.verdict === 'consistent' ? 'result ok' : 'result bad'}
              data-testid="replay-result"
              data-verdict={String(replay.verdict)}
            >
              <p>
                <strong>{t('Putar ulang', 'Replay')}:</strong> {String(replay.verdict)} —{' '}
                {replay.verdict === 'consistent'
                  ? t('setiap riwayat dapat diputar ulang dan cocok dengan buku besar', 'every history replays and matches the ledger')
                  : t('ada perbedaan antara riwayat dan buku besar', 'the histories and the ledger differ')}
              </p>
              <ReplaySummary replay={replay} />
            </div>
          )}
        </>
      )}
      <Refusal error={error} />
    </section>
  );
}

function isIntact(v: Record<string, unknown>): boolean {
  if (typeof v.valid === 'boolean') return v.valid;
  if (typeof v.intact === 'boolean') return v.intact;
  if (typeof v.ok === 'boolean') return v.ok;
  if (Array.isArray(v.broken)) return v.broken.length === 0;
  if (typeof v.broken === 'number') return v.broken === 0;
  return false;
}

function ReplaySummary({ replay }: { replay: Record<string, unknown> }) {
  const { t } = useI18n();
  const runs =
    (replay.replay as { workflowId: string; runId: string; ok: boolean; error?: { name: string; message: string } }[] | undefined) ?? [];
  const sources = new Map(((replay.sources as { runId: string; source: string }[] | undefined) ?? []).map((s) => [s.runId, s.source]));
  const archive = new Map(
    ((replay.archive as { runId: string; ok: boolean; sha256: string; problem?: string }[] | undefined) ?? []).map((a) => [a.runId, a]),
  );
  const fromArchive = [...sources.values()].filter((s) => s !== 'temporal').length;
  const sourceLabel = (s: string | undefined) =>
    s === 'archive'
      ? t('arsip PostgreSQL', 'PostgreSQL archive')
      : s === 'archive-snapshot'
        ? t('cuplikan di arsip', 'archived snapshot')
        : t('Temporal', 'Temporal');
  const c = (replay.comparison as Record<string, unknown[] | number> | undefined) ?? {};
  const n = (k: string) => (Array.isArray(c[k]) ? (c[k] as unknown[]).length : typeof c[k] === 'number' ? (c[k] as number) : 0);
  return (
    <>
      <p>
        {t('Cocok', 'Matches')}: {n('matches')} · {t('hilang', 'missing')}: {n('missing')} · {t('tambahan', 'extra')}: {n('extra')} ·{' '}
        {t('berubah', 'altered')}: {n('altered')}
      </p>
      <p data-testid="replay-sources">
        {t('Riwayat dari arsip', 'Histories from the archive')}: {fromArchive} · {t('dari Temporal', 'from Temporal')}:{' '}
        {runs.length - fromArchive}
      </p>
      <ul>
        {runs.map((r) => {
          const a = archive.get(r.runId);
          return (
            <li key={r.runId}>
              <code>{r.workflowId}</code> ({sourceLabel(sources.get(r.runId))}):{' '}
              {r.ok ? t('deterministik', 'deterministic') : `${t('gagal', 'failed')}: ${r.error?.message ?? ''}`}
              {a &&
                (a.ok
                  ? ` · ${t('hash arsip cocok dengan rantai', 'archive hash matches the chain')}`
                  : ` · ${t('HASH ARSIP TIDAK COCOK dengan rantai', 'ARCHIVE HASH DOES NOT MATCH the chain')} (${a.problem})`)}
            </li>
          );
        })}
      </ul>
    </>
  );
}
