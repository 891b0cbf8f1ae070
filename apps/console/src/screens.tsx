import { useState } from 'react';
import { caseHref } from './case-list';
import { api, type Session } from './api';
import { useI18n } from './i18n';
import { competencyTypeLabel, fillingMethodLabel, positionClassLabel } from './labels';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import {
  BUSINESS_CODE_PATTERN,
  COMPETENCY_TYPES,
  FILLING_METHODS,
  GOLONGAN_CODES,
  POSITION_CLASSES,
  validateVacancyProposal,
  type Golongan,
} from '@meritflow/domain';
import { FormSelect, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm } from './ui';

// Sign-in lives in signin.tsx; re-exported for the shell.
export { ROLES, SignIn } from './signin';

// The inbox and the case list live in inbox.tsx and case-list.tsx; re-exported for the pages that import them here.
export { Inbox } from './inbox';
export { Cases, caseHref } from './case-list';
export { EvidenceUpload } from './evidence-upload';
export { NewSelection } from './new-selection';
export { SOP_VERSIONS } from './sop-versions';

/**
 * A vacancy proposal as typed. Field names are the API's, so a refusal naming a field lands on it; the
 * cross-field rules (grade range, a competency listed twice, the filling methods a post class allows)
 * are the domain's validateVacancyProposal, the same the API applies.
 */
const vacancySchema = z
  .object({
    positionCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(
        BUSINESS_CODE_PATTERN,
        msg('Huruf besar, angka, titik, garis bawah atau tanda hubung', 'Capitals, digits, dot, underscore or hyphen'),
      ),
    title: fields.required(),
    organisationalUnit: fields.required(),
    positionClass: z.enum(POSITION_CLASSES),
    gradeMin: z.enum(GOLONGAN_CODES as [Golongan, ...Golongan[]]),
    gradeMax: z.enum(GOLONGAN_CODES as [Golongan, ...Golongan[]]),
    requiredCompetencies: z.array(
      z.object({
        type: z.enum(COMPETENCY_TYPES),
        name: z.string(),
        level: z
          .string()
          .trim()
          .regex(/^[1-5]$/, msg('Level 1–5', 'Level 1–5')),
      }),
    ),
    requestedFillingMethod: z.enum(FILLING_METHODS),
    reason: z.string(),
  })
  .superRefine((v, ctx) => {
    const rows = v.requiredCompetencies.map((c, i) => ({ c, i })).filter((r) => r.c.name.trim() !== '');
    const issues = validateVacancyProposal({
      agencyCode: '',
      positionCode: v.positionCode,
      title: v.title,
      organisationalUnit: v.organisationalUnit,
      positionClass: v.positionClass,
      gradeMin: v.gradeMin,
      gradeMax: v.gradeMax,
      requiredCompetencies: rows.map((r) => ({ type: r.c.type, name: r.c.name, level: Number(r.c.level) })),
      requestedFillingMethod: v.requestedFillingMethod,
    });
    for (const issue of issues) {
      const path = issue.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      // A competency's index is among the named rows; the form's includes the empty ones.
      if (path[0] === 'requiredCompetencies' && typeof path[1] === 'number') path[1] = rows[path[1]]?.i ?? path[1];
      ctx.addIssue({ code: 'custom', path, message: msg(issue.message.id, issue.message.en) });
    }
  });

/** HR proposes a vacancy; the PPK decides it. */
export function NewVacancy({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const [created, setCreated] = useState<string | null>(null);
  const form = useZodForm(vacancySchema, {
    positionCode: '',
    title: '',
    organisationalUnit: '',
    positionClass: 'jpt_pratama',
    gradeMin: 'IV/b',
    gradeMax: 'IV/c',
    requiredCompetencies: [
      { type: 'managerial', name: 'integritas', level: '4' },
      { type: 'managerial', name: 'kerjasama', level: '4' },
      { type: 'technical', name: '', level: '4' },
    ],
    requestedFillingMethod: 'open_selection',
    reason: '',
  });
  const comps = useFieldArray({ control: form.control, name: 'requiredCompetencies' });
  const v = form.watch();
  const positionCode = v.positionCode.trim().toUpperCase();
  return (
    <section aria-labelledby="nv-h">
      <h1 id="nv-h">{t('Usulkan lowongan jabatan', 'Propose a vacancy')}</h1>
      <ActionForm
        title={t('Data lowongan', 'Vacancy details')}
        decision="propose"
        session={session}
        caseId={positionCode ? `vacancy:${agency}:${positionCode}` : undefined}
        lines={[
          {
            label: t('Jabatan', 'Post'),
            value: `${v.title || '—'} (${positionClassLabel(v.positionClass, lang)}, ${v.gradeMin}–${v.gradeMax})`,
          },
          {
            label: t('Cara pengisian yang diminta', 'Filling method requested'),
            value: fillingMethodLabel(v.requestedFillingMethod, lang),
          },
          { label: t('Alasan', 'Reason'), value: v.reason || '—' },
        ]}
        submitLabel={t('Usulkan lowongan', 'Propose the vacancy')}
        onSubmit={submitWith(form, lang, async (x) => {
          const res = await api<{ workflowId: string }>('POST', '/v1/vacancies', {
            agencyCode: agency,
            positionCode: x.positionCode,
            title: x.title.trim(),
            organisationalUnit: x.organisationalUnit.trim(),
            positionClass: x.positionClass,
            gradeMin: x.gradeMin,
            gradeMax: x.gradeMax,
            requiredCompetencies: x.requiredCompetencies
              .filter((c) => c.name.trim())
              .map((c) => ({ type: c.type, name: c.name.trim(), level: Number(c.level) })),
            requestedFillingMethod: x.requestedFillingMethod,
            ...(x.reason.trim() ? { reason: x.reason.trim() } : {}),
          });
          setCreated(res.workflowId);
        })}
      >
        <p>
          {t('Instansi', 'Agency')}: <strong>{agency}</strong>
        </p>
        <FormText
          form={form}
          name="positionCode"
          label={t('Kode jabatan', 'Position code')}
          hint={t('Huruf besar, angka, titik, garis bawah atau tanda hubung', 'Capitals, digits, dot, underscore or hyphen')}
        />
        <FormText form={form} name="title" label={t('Nama jabatan', 'Post title')} />
        <FormText form={form} name="organisationalUnit" label={t('Unit organisasi', 'Organisational unit')} />
        <FormSelect
          form={form}
          name="positionClass"
          label={t('Kelas jabatan', 'Post class')}
          options={POSITION_CLASSES.map((c) => ({ value: c, label: positionClassLabel(c, lang) }))}
        />
        <div className="row">
          <FormSelect
            form={form}
            name="gradeMin"
            label={t('Golongan terendah', 'Lowest grade')}
            options={GOLONGAN_CODES.map((g) => ({ value: g, label: g }))}
          />
          <FormSelect
            form={form}
            name="gradeMax"
            label={t('Golongan tertinggi', 'Highest grade')}
            options={GOLONGAN_CODES.map((g) => ({ value: g, label: g }))}
          />
        </div>
        <fieldset>
          <legend>{t('Kompetensi yang dipersyaratkan', 'Required competencies')}</legend>
          {comps.fields.map((f, i) => (
            <div className="row" key={f.id}>
              <FormSelect
                form={form}
                name={`requiredCompetencies.${i}.type`}
                label={`${t('Jenis', 'Type')} ${i + 1}`}
                options={COMPETENCY_TYPES.map((c) => ({ value: c, label: competencyTypeLabel(c, lang) }))}
              />
              <FormText form={form} name={`requiredCompetencies.${i}.name`} label={`${t('Kompetensi', 'Competency')} ${i + 1}`} />
              <FormText
                form={form}
                name={`requiredCompetencies.${i}.level`}
                label={`${t('Level', 'Level')} ${i + 1}`}
                inputMode="numeric"
              />
            </div>
          ))}
        </fieldset>
        <FormSelect
          form={form}
          name="requestedFillingMethod"
          label={t('Cara pengisian', 'Filling method')}
          options={FILLING_METHODS.map((m) => ({ value: m, label: fillingMethodLabel(m, lang) }))}
        />
        <FormText form={form} name="reason" label={t('Alasan', 'Reason')} multiline />
      </ActionForm>
      {created && (
        <p role="status">
          {t('Lowongan diusulkan:', 'Vacancy proposed:')} <a href={caseHref(created)}>{created}</a>
        </p>
      )}
    </section>
  );
}
