import { z } from 'zod';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import type { CaseListItem } from '@meritflow/contracts';
import { api, ApiError, type Session } from './api';
import { caseHref } from './case-list';
import { FormSelect, FormText, applyServerErrors, fields, msg, showMsg, useZodForm } from './forms';
import { useI18n } from './i18n';
import { useApiQuery } from './query';
import { SOP_VERSIONS } from './sop-versions';
import { ActionForm, Refusal } from './ui';

const schema = z.object({
  selectionCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(
      BUSINESS_CODE_PATTERN,
      msg('Huruf besar, angka, titik, garis bawah atau tanda hubung', 'Capitals, digits, dot, underscore or hyphen'),
    ),
  title: fields.required(),
  vacancyIds: z.array(z.string()).min(1, msg('Pilih minimal satu lowongan', 'Pick at least one vacancy')),
  sopVersion: z.string(),
  blindScoring: z.boolean(),
});

/** HR opens an open selection for vacancies the PPK approved for it (optionally with blind scoring). */
export function NewSelection({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const form = useZodForm(schema, {
    selectionCode: '',
    title: 'Seleksi Terbuka JPT Pratama',
    vacancyIds: [],
    sopVersion: '',
    blindScoring: false,
  });
  const v = form.watch();
  const chosen = v.vacancyIds ?? [];
  const vacancies = useApiQuery<{ items: CaseListItem[] }>(
    ['cases', { status: 'approved', type: 'vacancy' }],
    '/v1/vacancies?status=approved&limit=100',
  );
  const items = vacancies.data?.items ?? [];
  const vacancyError = showMsg(form.formState.errors.vacancyIds?.message, lang);
  return (
    <section aria-labelledby="ns-h">
      <h1 id="ns-h">{t('Buka seleksi terbuka', 'Open a selection')}</h1>
      <Refusal error={vacancies.error} />
      <ActionForm
        title={t('Data seleksi', 'Selection details')}
        decision="open_selection"
        session={session}
        caseId={v.selectionCode ? `open-selection:${agency}:${v.selectionCode.toUpperCase()}` : undefined}
        lines={[
          { label: t('Lowongan yang diisi', 'Vacancies filled'), value: chosen.join(', ') || '—' },
          { label: t('Versi SOP', 'SOP version'), value: v.sopVersion || t('versi berlaku', 'current version') },
          {
            label: t('Penilaian tersamar', 'Blind scoring'),
            value: v.blindScoring
              ? t('Ya: panitia dan asesor melihat kode peserta', 'Yes: the committee and assessors see candidate codes')
              : t('Tidak', 'No'),
          },
        ]}
        submitLabel={t('Buka seleksi', 'Open the selection')}
        disabled={chosen.length === 0}
        onSubmit={async () => {
          if (!(await form.trigger())) throw new Error(t('Periksa isian yang ditandai.', 'Check the fields marked.'));
          const d = schema.parse(form.getValues());
          try {
            const res = await api<{ workflowId: string }>('POST', '/v1/selections', {
              agencyCode: agency,
              selectionCode: d.selectionCode,
              title: d.title,
              vacancyIds: d.vacancyIds,
              ...(d.sopVersion ? { sopVersion: d.sopVersion } : {}),
              ...(d.blindScoring ? { blindScoring: true } : {}),
            });
            location.hash = caseHref(res.workflowId);
          } catch (e) {
            if (e instanceof ApiError) applyServerErrors(form, e, lang);
            throw e;
          }
        }}
      >
        <FormText form={form} name="selectionCode" label={t('Kode seleksi', 'Selection code')} />
        <FormText form={form} name="title" label={t('Judul', 'Title')} />
        <fieldset aria-describedby={vacancyError ? 'ns-vac-err' : undefined}>
          <legend>{t('Lowongan yang disetujui untuk seleksi terbuka', 'Vacancies approved for open selection')}</legend>
          {items.length === 0 && <p>{t('Belum ada lowongan yang disetujui.', 'No approved vacancy yet.')}</p>}
          {items.map((it) => (
            <div key={it.workflowId} className="check">
              <input type="checkbox" id={`vac-${it.workflowId}`} value={it.workflowId} {...form.register('vacancyIds')} />
              <label htmlFor={`vac-${it.workflowId}`}>
                {it.title} <code>{it.workflowId}</code>
              </label>
            </div>
          ))}
          {vacancyError && (
            <small id="ns-vac-err" className="field-error" role="alert">
              {vacancyError}
            </small>
          )}
        </fieldset>
        <FormSelect form={form} name="sopVersion" label={t('Versi SOP', 'SOP version')} options={SOP_VERSIONS} />
        <div className="check">
          <input type="checkbox" id="ns-blind" aria-describedby="ns-blind-hint" {...form.register('blindScoring')} />
          <label htmlFor="ns-blind">{t('Penilaian tersamar (blind scoring)', 'Blind scoring')}</label>
        </div>
        <small id="ns-blind-hint" className="hint">
          {t(
            'Anggota panitia, ketua dan asesor melihat kode peserta (K-01, …), bukan NIP dan nama, sampai ketua menandatangani peringkat.',
            'Committee members, the chair and assessors see candidate codes (K-01, …), not NIPs and names, until the chair signs the ranking.',
          )}
        </small>
      </ActionForm>
    </section>
  );
}
