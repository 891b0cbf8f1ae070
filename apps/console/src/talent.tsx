import { api, enc } from './api';
import { useI18n } from './i18n';
import { Refusal, useLoad } from './ui';

interface Placement {
  performance: 'below' | 'meets' | 'above';
  potential: 'low' | 'medium' | 'high';
  box: number;
}
interface GridCell {
  box: number;
  performance: string;
  potential: string;
  count: number;
  people: { nip: string; name: string; inPool: boolean }[];
}
export interface TalentReview {
  workflowId: string;
  agencyCode: string;
  period: string;
  asOf: string;
  validFrom: string;
  validTo: string;
  settingsVersion: string | null;
  grid: GridCell[];
  pool: { nip: string; name: string; placement: Placement; adjusted: boolean; inPool: boolean; notInPool: 'box' | 'sanction' | null }[];
  exclusions: { nip: string; name: string; reason: string; message: { id: string; en: string } }[];
  approved: { by: string; at: string; members: number } | null;
}
interface Succession {
  posts: {
    code: string;
    title: string;
    candidates: { rank: number; nip: string; name: string; placement: Placement; jpmPercent: number | null; jpmCategory: string | null }[];
  }[];
}

const POTENTIAL_ROWS = ['high', 'medium', 'low'] as const;
const PERFORMANCE_COLUMNS = ['below', 'meets', 'above'] as const;
const LEVEL: Record<string, [string, string]> = {
  high: ['tinggi', 'high'],
  medium: ['menengah', 'medium'],
  low: ['rendah', 'low'],
  above: ['di atas ekspektasi', 'above expectation'],
  meets: ['sesuai ekspektasi', 'meets expectation'],
  below: ['di bawah ekspektasi', 'below expectation'],
};

/** The talent review: the 9-box grid with counts and names, who is in the pool, and the succession list per critical post. */
export function TalentReviewBody({ r }: { r: TalentReview }) {
  const { t, lang } = useI18n();
  const level = (k: string) => (lang === 'id' ? LEVEL[k]![0] : LEVEL[k]![1]);
  const cell = (performance: string, potential: string) => r.grid.find((g) => g.performance === performance && g.potential === potential);
  return (
    <>
      <section aria-labelledby="talent-h" className="card">
        <h2 id="talent-h">
          {t(`Reviu talenta ${r.agencyCode} periode ${r.period}`, `Talent review of ${r.agencyCode}, period ${r.period}`)}
        </h2>
        <dl className="facts">
          <dt>{t('Data register per', 'Register read as of')}</dt>
          <dd>{r.asOf}</dd>
          <dt>{t('Masa berlaku kelompok rencana suksesi', 'Pool valid')}</dt>
          <dd>
            {r.validFrom} – {r.validTo}
          </dd>
          <dt>{t('Versi bobot', 'Weights version')}</dt>
          <dd>{r.settingsVersion ?? '—'}</dd>
          <dt>{t('Persetujuan', 'Approval')}</dt>
          <dd>
            {r.approved
              ? t(
                  `disetujui oleh ${r.approved.by}, ${r.approved.members} anggota`,
                  `approved by ${r.approved.by}, ${r.approved.members} members`,
                )
              : t('belum disetujui', 'not yet approved')}
          </dd>
        </dl>
        <div className="table-wrap">
          <table data-testid="nine-box">
            <caption>
              {t('Kotak sembilan: potensial (baris) × kinerja (kolom)', 'Nine-box: potential (rows) × performance (columns)')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Potensial \\ Kinerja', 'Potential \\ Performance')}</th>
                {PERFORMANCE_COLUMNS.map((p) => (
                  <th scope="col" key={p}>
                    {level(p)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {POTENTIAL_ROWS.map((pot) => (
                <tr key={pot}>
                  <th scope="row">{level(pot)}</th>
                  {PERFORMANCE_COLUMNS.map((perf) => {
                    const c = cell(perf, pot);
                    return (
                      <td key={perf} data-box={c?.box} data-count={c?.count ?? 0}>
                        <strong>
                          {t('Kotak', 'Box')} {c?.box} · {c?.count ?? 0}
                        </strong>
                        <ul>
                          {(c?.people ?? []).map((p) => (
                            <li key={p.nip}>
                              {p.name} {p.inPool ? '★' : ''}
                            </li>
                          ))}
                        </ul>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t('★ anggota kelompok rencana suksesi', '★ member of the talent pool')}</p>
        {r.pool.some((o) => o.notInPool === 'sanction') && (
          <p>
            {t('Terhalang hukuman disiplin sedang/berat dalam 2 tahun terakhir:', 'Barred by a medium/heavy sanction in the last 2 years:')}{' '}
            {r.pool
              .filter((o) => o.notInPool === 'sanction')
              .map((o) => o.name)
              .join(', ')}
          </p>
        )}
        {r.exclusions.length > 0 && (
          <p>
            {t('Tidak dipetakan:', 'Not placed:')}{' '}
            {r.exclusions.map((e) => `${e.name} (${lang === 'id' ? e.message.id : e.message.en})`).join('; ')}
          </p>
        )}
      </section>
      <SuccessionLists id={r.workflowId} />
    </>
  );
}

function SuccessionLists({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error } = useLoad(() => api<Succession>('GET', `/v1/talent-reviews/${enc(id)}/succession`), [id]);
  if (error && !data) return <Refusal error={error} />;
  if (!data) return null;
  return (
    <section aria-labelledby="succession-h" className="card">
      <h2 id="succession-h">{t('Daftar suksesi jabatan kritikal', 'Succession lists of critical posts')}</h2>
      {data.posts.length === 0 && <p>{t('Belum ada jabatan kritikal.', 'No critical posts yet.')}</p>}
      {data.posts.map((p) => (
        <div key={p.code} className="table-wrap">
          <table data-testid={`succession-${p.code}`}>
            <caption>
              {p.code} · {p.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Urutan', 'Rank')}</th>
                <th scope="col">{t('Nama', 'Name')}</th>
                <th scope="col">NIP</th>
                <th scope="col">{t('Kotak', 'Box')}</th>
                <th scope="col">JPM</th>
              </tr>
            </thead>
            <tbody>
              {p.candidates.map((c) => (
                <tr key={c.nip}>
                  <td>{c.rank}</td>
                  <td>{c.name}</td>
                  <td>{c.nip}</td>
                  <td>{c.placement.box}</td>
                  <td>{c.jpmPercent === null ? '—' : `${c.jpmPercent}% (${c.jpmCategory})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
