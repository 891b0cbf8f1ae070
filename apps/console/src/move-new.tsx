import { useState } from 'react';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { api, type Session } from './api';
import { FormDate, FormSelect, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { useI18n } from './i18n';
import { MOVE_KIND_CODES, moveKindLabel, POST_CLASS_CODES, postClassLabel, SCOPE_CODES, scopeLabel } from './labels';
import { PersonPicker, type PersonSummary } from './people';
import { ActionForm } from './ui';

// HR opens a move (mutation, rotation, talent promotion) or a bulk move from the console. The moved
// officials are picked from the agency's register (or their NIP typed): the API reads their name,
// grade, tenure and sanctions from it, so the form sends the NIP and the posts only.

export interface PostDraft {
  agencyCode: string;
  regionCode: string;
  positionCode: string;
  positionClass: string;
  level: string;
}

const classOf = (postType: string | null): string =>
  postType && (POST_CLASS_CODES as string[]).includes(postType) ? postType : postType?.startsWith('jf') ? 'functional' : 'pelaksana';

/** The post a picked official holds now, as the register says. */
export const fromRegister = (p: PersonSummary, agencyCode: string, regionCode: string): PostDraft => ({
  agencyCode,
  regionCode,
  positionCode: p.postCode ?? '',
  positionClass: classOf(p.postType),
  level: p.postType ?? classOf(p.postType),
});

export const emptyPost = (agencyCode: string): PostDraft => ({
  agencyCode,
  regionCode: '',
  positionCode: '',
  positionClass: 'administrator',
  level: 'administrator',
});

/** The post's level as sent: the register's (a jf_* grade) while the class is the register's, else the class picked. */
export const levelOf = (p: PostDraft): string => (p.level && classOf(p.level) === p.positionClass ? p.level : p.positionClass);

/** A business code as the API takes it (agency, region, post): capitals, digits, . _ -; typed in any case. */
export const codeField = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, msg('Wajib diisi: huruf, angka, . _ -', 'Required: letters, digits, . _ -'));

export const postSchema = z.object({
  agencyCode: codeField(),
  regionCode: codeField(),
  positionCode: codeField(),
  positionClass: z.string().refine((v) => (POST_CLASS_CODES as string[]).includes(v), msg('Pilih kelas jabatan', 'Pick a post class')),
  level: z.string(),
});

/** The fields of one post (left or entered), bound to `name` of a react-hook-form form. */
export function FormPost<V extends FieldValues>({
  form,
  name,
  legend,
  id,
}: {
  form: UseFormReturn<V, unknown, any>;
  name: string;
  legend: string;
  id: string;
}) {
  const { t, lang } = useI18n();
  const at = (k: keyof PostDraft) => `${name}.${k}` as FieldPath<V>;
  return (
    <fieldset className="row" data-testid={id}>
      <legend>{legend}</legend>
      <FormText form={form} name={at('agencyCode')} label={`${t('Kode instansi', 'Agency code')} (${legend})`} />
      <FormText form={form} name={at('regionCode')} label={`${t('Kode wilayah', 'Region code')} (${legend})`} />
      <FormText form={form} name={at('positionCode')} label={`${t('Kode jabatan', 'Position code')} (${legend})`} />
      <FormSelect
        form={form}
        name={at('positionClass')}
        label={`${t('Kelas jabatan', 'Post class')} (${legend})`}
        options={POST_CLASS_CODES.map((c) => ({ value: c, label: postClassLabel(c, lang) }))}
      />
    </fieldset>
  );
}

const TALENT_FIELDS = [
  ['performanceMain', 'Kinerja utama (0–100)', 'Performance, main (0–100)'],
  ['performanceSupporting', 'Kinerja pendukung (0–100)', 'Performance, supporting (0–100)'],
  ['competency', 'Kompetensi (0–100)', 'Competency (0–100)'],
  ['potential', 'Potensi (0–100)', 'Potential (0–100)'],
  ['qualification', 'Kualifikasi (0–100)', 'Qualification (0–100)'],
  ['integrity', 'Integritas (0–100)', 'Integrity (0–100)'],
] as const;
type TalentKey = (typeof TALENT_FIELDS)[number][0];

const isCode = (list: readonly string[]) => (v: string) => list.includes(v);

const moveSchema = z
  .object({
    kind: z.string().refine(isCode(MOVE_KIND_CODES), msg('Pilih jenis pemindahan', 'Pick the kind of move')),
    scope: z.string().refine(isCode(SCOPE_CODES), msg('Pilih cakupan', 'Pick the scope')),
    atOwnRequest: z.boolean(),
    person: z.object({ nip: fields.nip() }),
    from: postSchema,
    to: postSchema,
    intendedEffectiveDate: fields.optionalDate(),
    reason: z.string(),
    talent: z.object({
      vacancyId: z.string().trim(),
      ...(Object.fromEntries(TALENT_FIELDS.map(([k]) => [k, z.string().trim()])) as Record<TalentKey, z.ZodString>),
    }),
  })
  .superRefine((v, ctx) => {
    // A talent promotion carries its six 9-box inputs, each 0–100; other moves carry none.
    if (v.kind !== 'talent_promotion') return;
    for (const [k] of TALENT_FIELDS) {
      const x = v.talent[k];
      if (!/^\d+(\.\d+)?$/.test(x) || Number(x) > 100)
        ctx.addIssue({
          code: 'custom',
          path: ['talent', k],
          message: x === '' ? msg('Wajib diisi', 'Required') : msg('Nilai harus 0–100', 'Must be 0–100'),
        });
    }
  });

/** HR proposes one move; a talent promotion carries the talent inputs and the vacancy it fills. */
export function NewMove({ session, kind: initialKind = 'mutation' }: { session: Session; kind?: string }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const start = {
    kind: initialKind,
    scope: 'intra_agency',
    atOwnRequest: false,
    person: { nip: '' },
    from: emptyPost(agency),
    to: emptyPost(agency),
    intendedEffectiveDate: '',
    reason: '',
    talent: { vacancyId: '', ...(Object.fromEntries(TALENT_FIELDS.map(([k]) => [k, ''])) as Record<TalentKey, string>) },
  };
  const form = useZodForm(moveSchema, start, 'onChange');
  const [picked, setPicked] = useState<PersonSummary | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const v = form.watch();
  const isTalent = v.kind === 'talent_promotion';
  const person = picked && picked.nip === v.person.nip.trim() ? picked : null;
  const nip = v.person.nip.trim();
  return (
    <section aria-labelledby="nm-h">
      <h1 id="nm-h">
        {isTalent ? t('Usulkan promosi talenta', 'Propose a talent promotion') : t('Usulkan mutasi atau rotasi', 'Propose a move')}
      </h1>
      <ActionForm
        title={t('Data usulan', 'The proposal')}
        decision="propose"
        session={session}
        caseId={nip ? `move:${v.to.agencyCode.toUpperCase()}:${nip}` : undefined}
        lines={[
          { label: t('Pegawai', 'Official'), value: person ? `${person.name} (${person.nip})` : nip || '—' },
          { label: t('Jenis / cakupan', 'Kind / scope'), value: `${moveKindLabel(v.kind, lang)} · ${scopeLabel(v.scope, lang)}` },
          { label: t('Dari → ke', 'From → to'), value: `${v.from.positionCode || '?'} → ${v.to.positionCode || '?'}` },
          {
            label: t('Aturan', 'Rules'),
            value: t('diperiksa otomatis per rencana TMT saat usulan dicatat', 'checked at once as of the intended effective date'),
          },
        ]}
        submitLabel={t('Usulkan', 'Propose')}
        disabled={!form.formState.isValid}
        onSubmit={submitWith(form, lang, async (x) => {
          const talent = x.kind === 'talent_promotion';
          const res = await api<{ workflowId: string }>('POST', '/v1/moves', {
            kind: x.kind,
            scope: x.scope,
            atOwnRequest: x.atOwnRequest,
            person: { nip: x.person.nip },
            from: { ...x.from, level: levelOf(x.from) },
            to: { ...x.to, level: levelOf(x.to) },
            ...(x.intendedEffectiveDate ? { intendedEffectiveDate: x.intendedEffectiveDate } : {}),
            ...(x.reason.trim() ? { reason: x.reason.trim() } : {}),
            ...(talent
              ? {
                  talent: {
                    ...(x.talent.vacancyId ? { vacancyId: x.talent.vacancyId } : {}),
                    ...Object.fromEntries(TALENT_FIELDS.map(([k]) => [k, Number(x.talent[k])])),
                  },
                }
              : {}),
          });
          setCreated(res.workflowId);
        })}
        testId="propose-move"
      >
        <div className="row">
          <FormSelect
            form={form}
            name="kind"
            label={t('Jenis pemindahan', 'Kind of move')}
            options={MOVE_KIND_CODES.map((k) => ({ value: k, label: moveKindLabel(k, lang) }))}
          />
          <FormSelect
            form={form}
            name="scope"
            label={t('Cakupan', 'Scope')}
            options={SCOPE_CODES.map((s) => ({ value: s, label: scopeLabel(s, lang) }))}
          />
        </div>
        <div className="check">
          <input type="checkbox" id="own-request" {...form.register('atOwnRequest')} />
          <label htmlFor="own-request">{t('Atas permintaan sendiri', 'At the official’s own request')}</label>
        </div>
        <PersonPicker
          label={t('Cari pegawai di register', 'Find the official in the register')}
          session={session}
          agencyCode={agency}
          onPick={(p) => {
            setPicked(p);
            form.setValue('person.nip', p.nip, { shouldValidate: true });
            const from = form.getValues('from');
            form.setValue('from', fromRegister(p, from.agencyCode || agency, from.regionCode), { shouldValidate: true });
          }}
        />
        <FormText
          form={form}
          name="person.nip"
          label={t('NIP pegawai', 'Official’s NIP')}
          hint={t('terisi dari register, atau ketik 18 angka', 'filled from the register, or type the 18 digits')}
          inputMode="numeric"
        />
        {person && (
          <p data-testid="picked-person">
            {person.name} <span className="nip">{person.nip}</span> · {person.postTitle ?? person.postCode ?? '—'}
          </p>
        )}
        <FormPost form={form} name="from" legend={t('Jabatan asal', 'Post left')} id="move-from" />
        <FormPost form={form} name="to" legend={t('Jabatan tujuan', 'Post entered')} id="move-to" />
        <FormDate form={form} name="intendedEffectiveDate" label={t('Rencana TMT', 'Intended effective date')} />
        {isTalent && (
          <fieldset className="row">
            <legend>{t('Nilai talenta', 'Talent inputs')}</legend>
            <FormText
              form={form}
              name="talent.vacancyId"
              label={t('Nomor usulan lowongan (pengisian dari kelompok rencana suksesi)', 'Vacancy id (filled from the talent pool)')}
            />
            {TALENT_FIELDS.map(([k, id, en]) => (
              <FormText key={k} form={form} name={`talent.${k}`} label={t(id, en)} inputMode="numeric" />
            ))}
          </fieldset>
        )}
        <FormText form={form} name="reason" label={t('Alasan', 'Reason')} multiline />
      </ActionForm>
      {created && (
        <p role="status">
          {t('Usulan dicatat:', 'Proposal recorded:')} <a href={`#/case/${encodeURIComponent(created)}`}>{created}</a>
        </p>
      )}
    </section>
  );
}
