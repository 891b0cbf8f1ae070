import { useState } from 'react';
import { api, enc, type Session } from './api';
import { useI18n } from './i18n';
import { z } from 'zod';
import { formatDate } from './dates';
import { FormDate, FormSelect, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm, Refusal, useLoad } from './ui';

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
  sop: { id: string; version: string };
  allowedDecisions: { decision: string; roles: string[] }[];
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
export function TalentReviewBody({ r, session, reload }: { r: TalentReview; session: Session; reload: () => void }) {
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
      <CommitteeActions r={r} session={session} reload={reload} />
      <SuccessionLists id={r.workflowId} />
    </>
  );
}

/** A placement moved to another box: the official, the new performance column and potential row, and why. */
const ADJUST_FIELDS = z.object({
  nip: fields.required(),
  performance: fields.required(),
  potential: fields.required(),
  reason: fields.required(),
});

/** The committee's forms: move an official to another box (a reason is required), and the chair's approval. */
function CommitteeActions({ r, session, reload }: { r: TalentReview; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const form = useZodForm(ADJUST_FIELDS, { nip: r.pool[0]?.nip ?? '', performance: 'meets', potential: 'high', reason: '' });
  const [nip, performance, potential, reason] = form.watch(['nip', 'performance', 'potential', 'reason']);
  const may = (d: string) => r.allowedDecisions.some((a) => a.decision === d && a.roles.includes(session.role));
  const decide = (body: Record<string, unknown>) => api('POST', `/v1/talent-reviews/${enc(r.workflowId)}/decisions`, body);
  const levels = (keys: readonly string[]) => keys.map((k) => ({ value: k, label: k }));
  return (
    <>
      {may('adjust_placement') && r.pool.length > 0 && (
        <ActionForm
          title={t('Sesuaikan pemetaan', 'Adjust a placement')}
          decision="adjust_placement"
          caseId={r.workflowId}
          session={session}
          sop={r.sop}
          lines={[
            { label: 'NIP', value: nip },
            { label: t('Kinerja / potensial', 'Performance / potential'), value: `${performance} / ${potential}` },
            { label: t('Alasan', 'Reason'), value: reason || '—' },
          ]}
          submitLabel={t('Catat penyesuaian', 'Record the adjustment')}
          onSubmit={submitWith(form, lang, (v) => decide({ decision: 'adjust_placement', ...v, reason: v.reason.trim() }))}
          onDone={reload}
          testId="adjust-placement"
        >
          <FormSelect
            form={form}
            name="nip"
            label={t('Pegawai', 'Official')}
            options={r.pool.map((o) => ({ value: o.nip, label: `${o.name} (${o.nip}), ${t('kotak', 'box')} ${o.placement.box}` }))}
          />
          <FormSelect form={form} name="performance" label={t('Kinerja', 'Performance')} options={levels(PERFORMANCE_COLUMNS)} />
          <FormSelect form={form} name="potential" label={t('Potensial', 'Potential')} options={levels(POTENTIAL_ROWS)} />
          <FormText form={form} name="reason" label={t('Alasan penyesuaian', 'Reason for the adjustment')} multiline />
        </ActionForm>
      )}
      {may('approve_pool') && (
        <ActionForm
          title={t('Setujui kelompok rencana suksesi', 'Approve the talent pool')}
          decision="approve_pool"
          caseId={r.workflowId}
          session={session}
          sop={r.sop}
          lines={[
            { label: t('Anggota', 'Members'), value: String(r.pool.filter((o) => o.inPool).length) },
            { label: t('Berlaku', 'Valid'), value: `${r.validFrom} – ${r.validTo}` },
          ]}
          submitLabel={t('Setujui', 'Approve')}
          onSubmit={() => decide({ decision: 'approve_pool' })}
          onDone={reload}
          testId="approve-pool"
        />
      )}
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

const REVIEW_FIELDS = z
  .object({
    period: z
      .string()
      .trim()
      .regex(/^\d{4}(-S[12])?$/, msg('Periode: YYYY, YYYY-S1 atau YYYY-S2', 'Period: YYYY, YYYY-S1 or YYYY-S2')),
    validFrom: fields.date(),
    validTo: fields.date(),
    reason: z.string(),
  })
  .refine((v) => v.validTo >= v.validFrom, {
    path: ['validTo'],
    message: msg('Akhir masa berlaku tidak boleh sebelum awalnya', 'The end cannot come before the start'),
  });

/** HR opens the talent review of its agency for a period; the placements are computed from the register. */
export function NewTalentReview({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const year = new Date().getFullYear();
  const form = useZodForm(REVIEW_FIELDS, {
    period: String(year),
    validFrom: `${year + 1}-01-01`,
    validTo: `${year + 1}-12-31`,
    reason: '',
  });
  const [period, validFrom, validTo] = form.watch(['period', 'validFrom', 'validTo']);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <section aria-labelledby="ntr-h">
      <h1 id="ntr-h">{t('Buka reviu talenta', 'Open a talent review')}</h1>
      <ActionForm
        title={t('Data reviu', 'Review details')}
        decision="open_review"
        session={session}
        caseId={period ? `talent-review:${agency}:${period}` : undefined}
        lines={[
          { label: t('Periode', 'Period'), value: period },
          { label: t('Masa berlaku', 'Valid'), value: `${formatDate(validFrom, lang)} – ${formatDate(validTo, lang)}` },
        ]}
        submitLabel={t('Buka reviu', 'Open the review')}
        onSubmit={submitWith(form, lang, async (v) => {
          const res = await api<{ workflowId: string }>('POST', '/v1/talent-reviews', {
            period: v.period,
            validFrom: v.validFrom,
            validTo: v.validTo,
            ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
          });
          setCreated(res.workflowId);
        })}
        testId="open-talent-review"
      >
        <p>
          {t('Instansi', 'Agency')}: <strong>{agency}</strong>
        </p>
        <FormText form={form} name="period" label={t('Periode', 'Period')} hint="YYYY / YYYY-S1 / YYYY-S2" />
        <FormDate form={form} name="validFrom" label={t('Berlaku sejak', 'Valid from')} />
        <FormDate form={form} name="validTo" label={t('Berlaku sampai', 'Valid to')} />
        <FormText form={form} name="reason" label={t('Alasan', 'Reason')} multiline />
      </ActionForm>
      {created && (
        <p role="status">
          <a href={`#/case/${encodeURIComponent(created)}`}>{created}</a>
        </p>
      )}
    </section>
  );
}
