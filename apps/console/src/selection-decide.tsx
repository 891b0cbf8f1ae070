import { useEffect } from 'react';
import { api, enc, type Session } from './api';
import { z } from 'zod';
import { formatDate } from './dates';
import { FormDate, FormFile, FormText, FormRadios, fields, msg, submitWith, useZodForm } from './forms';
import { useI18n } from './i18n';
import { CaseDecree, useDecreeDraft } from './case-decree';
import { ActionForm, Refusal, useLoad } from './ui';

import type { Allowed, Ranked, Selection, Common, Decide } from './selection-shared';
import { evidenceOf } from './selection-shared';

export function ShortlistTable({ s }: { s: Selection }) {
  const { t } = useI18n();
  const nameOf = (nip: string) => s.candidates.find((c) => c.nip === nip)?.name ?? nip;
  return (
    <section aria-labelledby="short-h">
      <h2 id="short-h">{t('Tiga besar per jabatan', 'Shortlist per post')}</h2>
      {Object.entries(s.shortlist ?? {}).map(([post, list]) => (
        <div className="table-wrap" key={post}>
          <table data-testid={`shortlist-${post}`}>
            <caption>{post}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Peringkat', 'Rank')}</th>
                <th scope="col">{t('Pelamar', 'Candidate')}</th>
                <th scope="col">{t('Administrasi', 'Administrative')}</th>
                <th scope="col">{t('Asesmen', 'Assessment')}</th>
                <th scope="col">{t('Makalah', 'Paper')}</th>
                <th scope="col">{t('Wawancara', 'Interview')}</th>
                <th scope="col">{t('Total', 'Total')}</th>
                <th scope="col">{t('Rekomendasi', 'Recommended')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.nip}>
                  <td>{c.rank}</td>
                  <td>
                    {nameOf(c.nip)} <code>{c.nip}</code>
                  </td>
                  <td>{c.components.administrative}</td>
                  <td>{c.components.assessment}</td>
                  <td>{c.components.paper}</td>
                  <td>{c.components.interview}</td>
                  <td>
                    <strong>{c.total}</strong>
                  </td>
                  <td data-testid={`recommended-${c.nip}`}>{recommendedPlace(s, post, c.nip)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The place the overseer gave a candidate in its recommendation (1 = first), or a dash. */
const recommendedPlace = (s: Selection, post: string, nip: string): string => {
  const i = s.recommendations[post]?.recommended.indexOf(nip) ?? -1;
  return i >= 0 ? String(i + 1) : '—';
};

const recommendSchema = z.object({
  chosen: z.array(z.string()).min(1, msg('Pilih minimal satu', 'Choose at least one')),
  file: fields.file(),
});

/** The overseer picks the names it recommends from the shortlist, and puts them in its order (best first). */
export function RecommendOne({ s, post, common, decide }: { s: Selection; post: string; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const list = s.shortlist?.[post] ?? [];
  const form = useZodForm(recommendSchema, { chosen: [], file: null });
  const [chosen, file] = form.watch(['chosen', 'file']);
  const setChosen = (next: string[]) => form.setValue('chosen', next, { shouldValidate: true, shouldDirty: true });
  const nameOf = (n: string) => s.candidates.find((c) => c.nip === n)?.name ?? n;
  const move = (i: number, by: -1 | 1) => {
    const next = [...chosen];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setChosen(next);
  };
  const title = `${t('Beri rekomendasi', 'Recommend')} ${post}`;
  return (
    <ActionForm
      {...common}
      title={title}
      decision="recommend"
      lines={[
        {
          label: t('Direkomendasikan (urut)', 'Recommended (in order)'),
          value: chosen.length ? chosen.map((n, i) => `${i + 1}. ${nameOf(n)}`).join(', ') : t('pilih minimal satu', 'choose at least one'),
        },
        {
          label: t('Bukti', 'Evidence'),
          value: file ? `rekomendasi_bkn: ${file.name}` : t('surat rekomendasi (wajib)', 'letter (required)'),
        },
      ]}
      submitLabel={title}
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, async (v) =>
        decide({
          decision: 'recommend',
          postCode: post,
          recommended: v.chosen,
          evidence: await evidenceOf(v.file, 'rekomendasi_bkn', s.agencyCode, t),
        }),
      )}
      testId="decide-recommend"
    >
      <fieldset>
        <legend>{t('Calon dari tiga besar yang direkomendasikan', 'Shortlisted candidates recommended')}</legend>
        {list.map((c) => (
          <div className="check" key={c.nip}>
            <input
              type="checkbox"
              id={`rec-${post}-${c.nip}`}
              checked={chosen.includes(c.nip)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, c.nip] : chosen.filter((n) => n !== c.nip))}
            />
            <label htmlFor={`rec-${post}-${c.nip}`}>
              {t('Rekomendasikan', 'Recommend')} {nameOf(c.nip)} ({t('peringkat', 'rank')} {c.rank}, total {c.total})
            </label>
          </div>
        ))}
      </fieldset>
      {chosen.length > 1 && (
        <ol aria-label={t('Urutan rekomendasi', 'Order of recommendation')} data-testid={`recommend-order-${post}`}>
          {chosen.map((n, i) => (
            <li key={n}>
              {nameOf(n)}{' '}
              <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${t('Naikkan', 'Move up')} ${nameOf(n)}`}>
                ↑
              </button>
              <button
                type="button"
                disabled={i === chosen.length - 1}
                onClick={() => move(i, 1)}
                aria-label={`${t('Turunkan', 'Move down')} ${nameOf(n)}`}
              >
                ↓
              </button>
            </li>
          ))}
        </ol>
      )}
      <FormFile form={form} name="file" label={t(`Surat rekomendasi ${post} (PDF)`, `Recommendation letter ${post} (PDF)`)} />
    </ActionForm>
  );
}

/** The PPK picks one of the post's shortlist; a pick other than the top-ranked needs a justification. */
const pickSchema = (list: readonly Ranked[]) =>
  z.object({ nip: z.string().min(1, msg('Pilih calon', 'Pick a candidate')), reason: z.string() }).superRefine((v, ctx) => {
    const chosen = list.find((c) => c.nip === v.nip);
    if (!chosen) ctx.addIssue({ code: 'custom', path: ['nip'], message: msg('Pilih calon dari tiga besar', 'Pick from the shortlist') });
    else if (chosen.rank !== 1 && v.reason.trim() === '')
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: msg('Wajib, karena bukan peringkat pertama', 'Required, as not the top-ranked'),
      });
  });

export function PickOne({ s, post, common, decide }: { s: Selection; post: string; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const list = s.shortlist?.[post] ?? [];
  const form = useZodForm(pickSchema(list), { nip: list[0]?.nip ?? '', reason: '' });
  const [nip, reason] = form.watch(['nip', 'reason']);
  const chosen = list.find((c) => c.nip === nip);
  const needsReason = chosen !== undefined && chosen.rank !== 1;
  const nameOf = (n: string) => s.candidates.find((c) => c.nip === n)?.name ?? n;
  return (
    <ActionForm
      {...common}
      title={`${t('Pilih calon untuk', 'Pick the candidate for')} ${post}`}
      decision="pick"
      lines={[
        {
          label: t('Calon dipilih', 'Candidate picked'),
          value: chosen ? `${nameOf(chosen.nip)} (${chosen.nip}), ${t('peringkat', 'rank')} ${chosen.rank}` : '—',
        },
        {
          label: t('Alasan', 'Justification'),
          value: needsReason
            ? reason || t('wajib, karena bukan peringkat pertama', 'required, as not the top-ranked')
            : t('tidak wajib (peringkat pertama)', 'not required (top-ranked)'),
        },
      ]}
      submitLabel={t('Tetapkan pilihan', 'Record the pick')}
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, (v) =>
        decide({ decision: 'pick', postCode: post, nip: v.nip, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) }),
      )}
      testId={`pick-${post}`}
    >
      <FormRadios
        form={form}
        name="nip"
        idPrefix={`pick-${post}`}
        label={t('Tiga besar', 'Shortlist')}
        options={list.map((c) => ({ value: c.nip, label: `${c.rank}. ${nameOf(c.nip)} (${c.nip}) — total ${c.total}` }))}
      />
      {needsReason && (
        <FormText
          form={form}
          name="reason"
          label={t('Alasan memilih selain peringkat pertama', 'Why not the top-ranked candidate')}
          multiline
        />
      )}
    </ActionForm>
  );
}

interface Appointment {
  step: string;
  allowedDecisions: Allowed[];
  result: { nip: string; decreeNumber: string | null; effectiveDate: string | null; inauguratedOn: string | null };
}

export function AppointmentForms({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const posts = s.pendingTasks.filter((p) => p.decision === 'record_decree' && p.subject).map((p) => p.subject!);
  return (
    <>
      {posts.map((post) => (
        <AppointmentOne key={post} s={s} post={post} session={session} reload={reload} />
      ))}
    </>
  );
}

const decreeSchema = (drafted: boolean) => z.object({ number: fields.required(), tmt: fields.date(), file: fields.file(drafted) });
const inaugurationSchema = z.object({ on: fields.date(), file: fields.file() });

function AppointmentOne({ s, post, session, reload }: { s: Selection; post: string; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const path = `/v1/selections/${enc(s.workflowId)}/appointments/${enc(post)}`;
  const { data: a, error, reload: reloadA } = useLoad(() => api<Appointment>('GET', path), [path], 3000);
  const drafted = useDecreeDraft(s.workflowId, post);
  const decreeForm = useZodForm(decreeSchema(Boolean(drafted)), { number: '', tmt: '', file: null });
  const inaugForm = useZodForm(inaugurationSchema, { on: '', file: null });
  // The drafted SK fills the number and TMT it carries; the clerk may still type over them.
  useEffect(() => {
    if (!drafted) return;
    decreeForm.setValue('number', drafted.decreeNumber, { shouldValidate: true });
    decreeForm.setValue('tmt', drafted.effectiveDate, { shouldValidate: true });
  }, [drafted, decreeForm]);
  const [number, tmt, file] = decreeForm.watch(['number', 'tmt', 'file']);
  const [on, file2] = inaugForm.watch(['on', 'file']);
  const common = {
    caseId: `${s.workflowId}:appointment:${post}`,
    session,
    sop: s.sop,
    onDone: () => {
      void reloadA();
      reload();
    },
  };
  if (error && !a) return <Refusal error={error} />;
  if (!a) return null;
  const may = (d: string) => a.allowedDecisions.some((x) => x.decision === d);
  const name = s.candidates.find((c) => c.nip === a.result.nip)?.name ?? a.result.nip;
  return (
    <section aria-labelledby={`appt-${post}`}>
      <h2 id={`appt-${post}`}>
        {t('Pengangkatan', 'Appointment')} {post}: {name}
      </h2>
      {/* The SK follows the PPK's pick for this post: drafted here, cited by record_decree below. */}
      {(may('record_decree') || a.result.decreeNumber) && <CaseDecree caseId={s.workflowId} postCode={post} session={session} />}
      {may('record_decree') && (
        <ActionForm
          {...common}
          title={t('Catat SK pengangkatan', 'Record the decree')}
          decision="record_decree"
          lines={[
            { label: t('Nomor SK', 'Decree number'), value: number || '—' },
            { label: 'TMT', value: tmt ? formatDate(tmt, lang) : '—' },
            {
              label: t('Bukti', 'Evidence'),
              value: file
                ? `sk_pengangkatan: ${file.name}`
                : drafted
                  ? `${t('SK yang dibuat', 'The drafted decree')} ${drafted.decreeNumber} (SHA-256 ${drafted.evidence.sha256.slice(0, 16)}…)`
                  : t('SK (wajib)', 'decree (required)'),
            },
          ]}
          submitLabel={t('Catat SK', 'Record the decree')}
          onSubmit={submitWith(decreeForm, lang, async (v) =>
            api('POST', `${path}/decisions`, {
              decision: 'record_decree',
              decreeNumber: v.number.trim(),
              effectiveDate: v.tmt,
              evidence: !v.file && drafted ? [drafted.evidence] : await evidenceOf(v.file, 'sk_pengangkatan', s.agencyCode, t),
            }),
          )}
          testId="record-decree"
        >
          <FormText form={decreeForm} name="number" label={t('Nomor SK', 'Decree number')} />
          <FormDate form={decreeForm} name="tmt" label={t('TMT (terhitung mulai tanggal)', 'Effective date (TMT)')} />
          {drafted && (
            <p data-testid="cited-decree">
              {t('Bukti: SK yang dibuat di halaman ini', 'Evidence: the decree drafted on this page')} {drafted.decreeNumber}, SHA-256{' '}
              <span className="id" data-testid="cited-decree-sha256">
                {drafted.evidence.sha256}
              </span>
              . {t('Unggah pindaian bertanda tangan hanya untuk menggantinya.', 'Upload a signed scan only to cite it instead.')}
            </p>
          )}
          <FormFile form={decreeForm} name="file" label={t('SK pengangkatan (PDF)', 'Appointment decree (PDF)')} />
        </ActionForm>
      )}
      {may('record_inauguration') && (
        <ActionForm
          {...common}
          title={t('Catat pelantikan', 'Record the inauguration')}
          decision="record_inauguration"
          lines={[
            { label: t('Tanggal pelantikan', 'Inaugurated on'), value: on ? formatDate(on, lang) : '—' },
            {
              label: t('Bukti', 'Evidence'),
              value: file2 ? `ba_pelantikan: ${file2.name}` : t('berita acara (wajib)', 'minutes (required)'),
            },
          ]}
          submitLabel={t('Catat pelantikan', 'Record the inauguration')}
          onSubmit={submitWith(inaugForm, lang, async (v) =>
            api('POST', `${path}/decisions`, {
              decision: 'record_inauguration',
              inauguratedOn: v.on,
              evidence: await evidenceOf(v.file, 'ba_pelantikan', s.agencyCode, t),
            }),
          )}
          testId="record-inauguration"
        >
          <FormDate form={inaugForm} name="on" label={t('Tanggal pelantikan', 'Inauguration date')} />
          <FormFile form={inaugForm} name="file" label={t('Berita acara pelantikan (PDF)', 'Inauguration minutes (PDF)')} />
        </ActionForm>
      )}
    </section>
  );
}
