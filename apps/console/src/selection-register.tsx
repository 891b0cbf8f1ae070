import { type RegisterFacts } from '@meritflow/domain';
import { useI18n } from './i18n';
import { AssessorsField, CandidatePicker, FactsSummary } from './pickers';
import { z } from 'zod';
import { FormRadios, FormSelect, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm } from './ui';

import type { Candidate, Post, Selection, Common, Decide } from './selection-shared';

/** The candidate being added: a NIP checked as it is typed by the domain's own rules, and the post applied for. */
const draftSchema = z.object({ postCode: z.string(), nip: fields.nip(), name: z.string(), facts: z.custom<RegisterFacts | null>() });
/** The candidates to register: at least one. */
const listSchema = z.object({
  list: z.array(z.object({ postCode: z.string(), nip: z.string(), name: z.string() })).min(1, msg('Tambahkan pelamar', 'Add a candidate')),
});

export function RegisterForm({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const firstPost = s.posts[0]?.positionCode ?? '';
  const draft = useZodForm(draftSchema, { postCode: firstPost, nip: '', name: '', facts: null }, 'onChange');
  const form = useZodForm(listSchema, { list: [] });
  const list = form.watch('list');
  const [nip, facts] = draft.watch(['nip', 'facts']);
  const duplicate = list.some((d) => d.nip === nip.trim());
  const nipOk = nip !== '' && !draft.formState.errors.nip;
  const add = draft.handleSubmit((d) => {
    if (list.some((x) => x.nip === d.nip)) return;
    form.setValue('list', [...list, { postCode: d.postCode, nip: d.nip, name: d.name || d.facts?.name || d.nip }], {
      shouldValidate: true,
    });
    draft.reset({ postCode: d.postCode, nip: '', name: '', facts: null });
  });
  // Facts come from the ASN register as of the registration date; the form names candidates by NIP.
  return (
    <ActionForm
      {...common}
      title={t('Daftarkan pelamar', 'Register candidates')}
      decision="register_candidates"
      lines={[
        { label: t('Pelamar', 'Candidates'), value: list.length ? list.map((d) => `${d.name} (${d.nip})`).join(', ') : '—' },
        {
          label: t('Syarat', 'Eligibility'),
          value: t(
            'diperiksa otomatis menurut versi aturan yang berlaku; yang tidak memenuhi syarat dicatat beserta alasannya',
            'checked automatically by the rule version in force; ineligible candidates are recorded with their reasons',
          ),
        },
      ]}
      submitLabel={t(`Daftarkan ${list.length} pelamar`, `Register ${list.length} candidates`)}
      disabled={list.length === 0}
      onSubmit={submitWith(form, lang, async (v) => {
        await decide({ decision: 'register_candidates', candidates: v.list.map((d) => ({ postCode: d.postCode, nip: d.nip })) });
        form.reset({ list: [] });
      })}
      testId="register-candidates"
    >
      <fieldset>
        <legend>{t('Pelamar baru', 'New candidate')}</legend>
        <CandidatePicker
          session={common.session}
          agencyCode={s.agencyCode}
          onPick={(f) => {
            draft.setValue('nip', f.nip, { shouldValidate: true });
            draft.setValue('name', f.name);
            draft.setValue('facts', f);
          }}
        />
        {facts && <FactsSummary facts={facts} onClear={() => draft.setValue('facts', null)} />}
        {s.posts.length > 1 && (
          <FormSelect
            form={draft}
            name="postCode"
            label={t('Jabatan yang dilamar', 'Post applied for')}
            options={s.posts.map((p) => ({ value: p.positionCode, label: `${p.title} (${p.positionCode})` }))}
          />
        )}
        <FormText
          form={draft}
          name="nip"
          label="NIP"
          inputMode="numeric"
          hint={t(
            '18 digit: tanggal lahir (8), TMT CPNS (6), jenis kelamin (1), nomor urut (3)',
            '18 digits: birth date (8), CPNS TMT (6), sex (1), sequence (3)',
          )}
        />
        <div aria-live="polite" className="sub">
          {nipOk && (duplicate ? t('NIP sudah ada di daftar.', 'The NIP is already on the list.') : t('NIP sah.', 'NIP is valid.'))}
        </div>
        <p className="sub">
          {t(
            'Data jabatan, golongan, pendidikan, kinerja dan hukuman disiplin diambil dari register ASN per tanggal pendaftaran.',
            'Post, grade, education, ratings and sanctions are read from the ASN register as of the registration date.',
          )}
        </p>
        <button type="button" disabled={!nipOk || duplicate} onClick={() => void add()}>
          {t('Tambahkan ke daftar', 'Add to the list')}
        </button>
      </fieldset>
      {list.length > 0 && (
        <ul aria-label={t('Daftar pelamar yang akan didaftarkan', 'Candidates to register')}>
          {list.map((d) => (
            <li key={d.nip}>
              {d.name} <code>{d.nip}</code>{' '}
              <button
                type="button"
                onClick={() =>
                  form.setValue(
                    'list',
                    list.filter((x) => x.nip !== d.nip),
                    { shouldValidate: true },
                  )
                }
                aria-label={`${t('Hapus', 'Remove')} ${d.name}`}
              >
                {t('Hapus', 'Remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </ActionForm>
  );
}

const screenSchema = z
  .object({
    passed: z.enum(['true', 'false'], { message: msg('Pilih hasilnya', 'Choose the result') }),
    score: z.string().trim(),
    reason: fields.required(),
    assessors: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    if (v.passed !== 'true') return;
    const n = Number(v.score);
    if (v.score === '' || !/^\d+(\.\d+)?$/.test(v.score) || n < 0 || n > 100)
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: msg('Nilai administrasi harus 0–100.', 'The administrative score must be 0–100.'),
      });
  });

/**
 * One candidate's screening. It starts empty: the officer chooses the result and types the reason
 * (a score too when passed), so nothing is recorded that nobody decided or wrote.
 */
export function ScreenOne({ c, agencyCode, common, decide }: { c: Candidate; agencyCode: string; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const form = useZodForm(screenSchema, { passed: undefined as never, score: '', reason: '', assessors: [] });
  const [passed, score, reason, assessors] = form.watch(['passed', 'score', 'reason', 'assessors']);
  return (
    <ActionForm
      {...common}
      title={`${t('Seleksi administrasi', 'Screening')}: ${c.name} (${c.nip})`}
      decision="screen_candidate"
      lines={[
        {
          label: t('Hasil', 'Result'),
          value:
            passed === undefined
              ? t('belum dipilih (wajib)', 'not chosen yet (required)')
              : passed === 'true'
                ? t(`lulus, nilai administrasi ${score || '?'}`, `passed, administrative score ${score || '?'}`)
                : t('tidak lulus', 'failed'),
        },
        { label: t('Alasan', 'Reason'), value: reason || t('wajib diisi', 'required') },
        ...(passed === 'true' && assessors.length
          ? [{ label: t('Asesor yang ditugaskan', 'Assessors assigned'), value: assessors.join(', ') }]
          : []),
      ]}
      submitLabel={t(`Catat hasil ${c.name}`, `Record ${c.name}'s screening`)}
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, (v) =>
        decide({
          decision: 'screen_candidate',
          nip: c.nip,
          passed: v.passed === 'true',
          ...(v.passed === 'true' ? { administrativeScore: Number(v.score) } : {}),
          ...(v.passed === 'true' && v.assessors.length ? { assessorIds: v.assessors } : {}),
          reason: v.reason.trim(),
        }),
      )}
      testId={`screen-${c.nip}`}
    >
      <FormRadios
        form={form}
        name="passed"
        idPrefix={`screen-${c.nip}`}
        label={`${t('Hasil seleksi administrasi', 'Screening result')} ${c.nip}`}
        options={[
          { value: 'true', label: t('Lulus', 'Passed') },
          { value: 'false', label: t('Tidak lulus', 'Failed') },
        ]}
      />
      <div className="row">
        {passed === 'true' && (
          <FormText form={form} name="score" label={`${t('Nilai administrasi', 'Administrative score')} ${c.nip}`} inputMode="numeric" />
        )}
        <FormText form={form} name="reason" label={`${t('Alasan', 'Reason')} ${c.nip}`} multiline />
      </div>
      {passed === 'true' && (
        <AssessorsField
          session={common.session}
          agencyCode={agencyCode}
          subject={c.nip}
          value={assessors}
          onChange={(ids) => form.setValue('assessors', ids, { shouldValidate: true })}
        />
      )}
    </ActionForm>
  );
}
