import { useState } from 'react';
import { type RegisterFacts } from '@meritflow/domain';
import { useI18n } from './i18n';
import { parseNip } from './nip';
import { AssessorsField, CandidatePicker, FactsSummary } from './pickers';
import { z } from 'zod';
import { FormRadios, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm, SelectField, TextField } from './ui';

import type { Candidate, Post, Selection, Common, Decide } from './selection-shared';

const PREDICATES = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'];
const POST_TYPES = ['administrator', 'jpt_pratama', 'jpt_madya', 'pengawas', 'jf_ahli_utama', 'jf_ahli_madya', 'jf_ahli_muda'];
const EDUCATION = ['S3', 'S2', 'S1', 'D4', 'D3', 'SMA'];
const GOLONGAN = ['III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];

interface Draft {
  postCode: string;
  nip: string;
  name: string;
  golongan: string;
  education: string;
  currentPostType: string;
  currentPostSince: string;
  years: string;
  perf1: string;
  perf2: string;
  /** The register's facts when the candidate was picked from it; what is sent instead of the fields typed. */
  facts?: RegisterFacts;
}

/** NIP checked as it is typed, with the domain's own rules (18 digits, birth date, TMT, sex digit). */
export function nipProblem(nip: string, lang: 'id' | 'en'): string | null {
  if (nip === '') return null;
  const r = parseNip(nip);
  if (r.ok) return null;
  return r.issues.map((i) => (lang === 'id' ? i.message.id : i.message.en)).join('; ');
}

/** A candidate's profile from the register's facts; a fact the register lacks falls back to the field typed. */
const fromRegister = (d: Draft) => {
  const f = d.facts!;
  return {
    nip: f.nip,
    ...(f.nipKind === 'pppk' ? { nipKind: f.nipKind } : {}),
    name: f.name,
    golongan: f.golongan ?? d.golongan,
    education: f.education ?? d.education,
    currentPostType: f.currentPostType ?? d.currentPostType,
    currentPostSince: f.currentPostSince ?? d.currentPostSince,
    cumulativeExperienceYears: f.cumulativeExperienceYears,
    performance: f.performance,
    sanctions: f.sanctions,
    credentials: f.credentials,
  };
};

export function RegisterForm({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const year = new Date().getFullYear();
  const fresh = (): Draft => ({
    postCode: s.posts[0]?.positionCode ?? '',
    nip: '',
    name: '',
    golongan: 'IV/b',
    education: 'S2',
    currentPostType: 'administrator',
    currentPostSince: '2020-01-02',
    years: '9',
    perf1: 'baik',
    perf2: 'sangat_baik',
  });
  const [draft, setDraft] = useState<Draft>(fresh);
  const [list, setList] = useState<Draft[]>([]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const problem = nipProblem(draft.nip, lang);
  const valid = draft.nip !== '' && !problem && !list.some((d) => d.nip === draft.nip);
  // Facts come from the ASN register as of the registration date; the form names candidates by NIP.
  const toRegistration = (d: Draft) => ({ postCode: d.postCode, nip: d.nip });
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
      onSubmit={async () => {
        await decide({ decision: 'register_candidates', candidates: list.map(toRegistration) });
        setList([]);
      }}
      testId="register-candidates"
    >
      <fieldset>
        <legend>{t('Pelamar baru', 'New candidate')}</legend>
        <CandidatePicker
          session={common.session}
          agencyCode={s.agencyCode}
          onPick={(f) =>
            set({
              nip: f.nip,
              name: f.name,
              golongan: f.golongan ?? draft.golongan,
              education: f.education ?? draft.education,
              currentPostType: f.currentPostType ?? draft.currentPostType,
              currentPostSince: f.currentPostSince ?? draft.currentPostSince,
              years: String(f.cumulativeExperienceYears),
              facts: f,
            })
          }
        />
        {draft.facts && <FactsSummary facts={draft.facts} onClear={() => set({ facts: undefined })} />}
        {s.posts.length > 1 && (
          <SelectField
            label={t('Jabatan yang dilamar', 'Post applied for')}
            value={draft.postCode}
            onChange={(v) => set({ postCode: v })}
            options={s.posts.map((p) => ({ value: p.positionCode, label: `${p.title} (${p.positionCode})` }))}
          />
        )}
        <TextField
          label="NIP"
          value={draft.nip}
          onChange={(v) => set({ nip: v.replace(/\s+/g, ''), facts: undefined })}
          inputMode="numeric"
          error={problem}
          hint={t(
            '18 digit: tanggal lahir (8), TMT CPNS (6), jenis kelamin (1), nomor urut (3)',
            '18 digits: birth date (8), CPNS TMT (6), sex (1), sequence (3)',
          )}
        />
        <div aria-live="polite" className="sub">
          {draft.nip !== '' && !problem && t('NIP sah.', 'NIP is valid.')}
        </div>
        <p className="sub">
          {t(
            'Data jabatan, golongan, pendidikan, kinerja dan hukuman disiplin diambil dari register ASN per tanggal pendaftaran.',
            'Post, grade, education, ratings and sanctions are read from the ASN register as of the registration date.',
          )}
        </p>
        <button
          type="button"
          disabled={!valid}
          onClick={() => {
            setList((l) => [...l, draft]);
            setDraft({ ...fresh(), postCode: draft.postCode });
          }}
        >
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
                onClick={() => setList((l) => l.filter((x) => x.nip !== d.nip))}
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
