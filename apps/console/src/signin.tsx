import { useState } from 'react';
import { z } from 'zod';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import { api, type Session } from './api';
import { applyServerErrors, fields, FormSelect, FormText, msg, useZodForm } from './forms';
import { roleLabel, useI18n } from './i18n';
import { useApiMutation } from './query';
import { Refusal, SelectField } from './ui';

export const ROLES = ['hr_officer', 'committee_member', 'committee_chair', 'assessor', 'ppk', 'overseer', 'auditor', 'admin'];
const NATIONAL = ['overseer', 'auditor', 'admin'];

interface Preset {
  label: string;
  sub: string;
  name: string;
  role: string;
  agency: string;
}
const PRESETS: Preset[] = [
  {
    label: 'Siti Rahayu — SDM / HR (PEMKAB-SLEMAN)',
    sub: '198503152010012003',
    name: 'Siti Rahayu',
    role: 'hr_officer',
    agency: 'PEMKAB-SLEMAN',
  },
  { label: 'Bupati Sleman — PPK (PEMKAB-SLEMAN)', sub: '196801011990031004', name: 'Bupati Sleman', role: 'ppk', agency: 'PEMKAB-SLEMAN' },
  {
    label: 'Prof. Dr. Sri Wahyuni — Ketua Pansel / chair',
    sub: 'pansel-ketua',
    name: 'Prof. Dr. Sri Wahyuni',
    role: 'committee_chair',
    agency: 'PEMKAB-SLEMAN',
  },
  {
    label: 'Dr. Agus Salim — Anggota Pansel / member',
    sub: 'pansel-2',
    name: 'Dr. Agus Salim',
    role: 'committee_member',
    agency: 'PEMKAB-SLEMAN',
  },
  {
    label: 'Asesor UPT Penilaian Kompetensi — assessor',
    sub: 'asesor-01',
    name: 'Asesor UPT Penilaian Kompetensi',
    role: 'assessor',
    agency: 'PEMKAB-SLEMAN',
  },
  {
    label: 'Kanreg I BKN Yogyakarta — pengawas / overseer (*)',
    sub: 'bkn-kanreg-1',
    name: 'Kanreg I BKN Yogyakarta',
    role: 'overseer',
    agency: '*',
  },
  { label: 'Auditor sistem merit — auditor (*)', sub: 'auditor-01', name: 'Auditor Sistem Merit', role: 'auditor', agency: '*' },
];

const signInSchema = z.object({
  sub: fields.required(),
  name: z.string().trim(),
  role: z.string().min(1),
  agency: z
    .string()
    .trim()
    .refine((v) => v === '*' || BUSINESS_CODE_PATTERN.test(v), {
      message: msg(
        'Huruf besar, angka, titik, garis bawah atau tanda hubung; * untuk lembaga nasional',
        'Capitals, digits, dot, underscore or hyphen; * for national bodies',
      ),
    }),
});
type SignInValues = z.output<typeof signInSchema>;

const presetValues = (p: Preset): SignInValues => ({ sub: p.sub, name: p.name, role: p.role, agency: p.agency });

/** Development sign-in: the API's local issuer signs a token for whoever is chosen here. */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t, lang } = useI18n();
  const [preset, setPreset] = useState(0);
  const form = useZodForm(signInSchema, presetValues(PRESETS[0]));
  const signIn = useApiMutation(async (v: SignInValues) => {
    const tok = await api<{ accessToken: string }>(
      'POST',
      '/v1/auth/token',
      { sub: v.sub, name: v.name, roles: [v.role], agency: v.agency },
      null,
    );
    const pending: Session = { token: tok.accessToken, roles: [v.role], role: v.role, actor: { id: v.sub, role: v.role } };
    const actor = await api<Session['actor']>('GET', '/v1/auth/me', undefined, pending);
    return { ...pending, actor };
  });
  const roleField = form.register('role', {
    onChange: (e: { target: { value: string } }) => {
      const agency = form.getValues('agency');
      if (NATIONAL.includes(e.target.value)) form.setValue('agency', '*');
      else if (agency === '*') form.setValue('agency', 'PEMKAB-SLEMAN');
    },
  });
  return (
    <section className="card narrow" aria-labelledby="signin-h">
      <h1 id="signin-h">{t('Masuk', 'Sign in')}</h1>
      <p className="hint">
        {t(
          'Lingkungan pengembangan: API menjadi penerbit token lokal. Di produksi, masuk melalui penyedia identitas instansi.',
          "Development: the API is its own token issuer. In production, sign in through the agency's identity provider.",
        )}
      </p>
      <form
        noValidate
        onSubmit={form.handleSubmit((v) =>
          signIn.mutate(v, {
            onSuccess: (session) => onSignedIn(session),
            onError: (err) => applyServerErrors(form, err, lang),
          }),
        )}
      >
        <SelectField
          label={t('Pengguna contoh', 'User preset')}
          value={String(preset)}
          onChange={(v) => {
            setPreset(Number(v));
            form.reset(presetValues(PRESETS[Number(v)]));
          }}
          options={PRESETS.map((p, i) => ({ value: String(i), label: p.label }))}
        />
        <FormText form={form} name="sub" label={t('NIP atau ID pengguna', 'NIP or user id')} autoComplete="username" />
        <FormText form={form} name="name" label={t('Nama', 'Name')} autoComplete="name" />
        <div className="field">
          <label htmlFor="signin-role">{t('Peran', 'Role')}</label>
          <select id="signin-role" {...roleField}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r, lang)}
              </option>
            ))}
          </select>
        </div>
        <FormText
          form={form}
          name="agency"
          label={t('Kode instansi', 'Agency code')}
          hint={t('* untuk lembaga nasional (pengawas, auditor, admin)', '* for national bodies (overseer, auditor, admin)')}
        />
        <button type="submit" disabled={signIn.isPending} aria-busy={signIn.isPending}>
          {t('Masuk', 'Sign in')}
        </button>
        <Refusal error={signIn.error} />
      </form>
      <TokenSignIn onSignedIn={onSignedIn} />
    </section>
  );
}

const tokenSchema = z.object({ token: fields.required(), role: z.string() });

/** Sign-in with a token from the agency's identity provider (where the local issuer is off). */
function TokenSignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t, lang } = useI18n();
  const form = useZodForm(tokenSchema, { token: '', role: '' });
  const signIn = useApiMutation(async ({ token, role }: z.output<typeof tokenSchema>) => {
    const probe: Session = { token, roles: role ? [role] : [], role, sendRole: role !== '', actor: { id: '', role } };
    const actor = await api<Session['actor']>('GET', '/v1/auth/me', undefined, probe);
    return { ...probe, role: actor.role, actor } as Session;
  });
  return (
    <details>
      <summary>{t('Masuk dengan token dari penyedia identitas', 'Sign in with a token from the identity provider')}</summary>
      <form noValidate onSubmit={form.handleSubmit((v) => signIn.mutate(v, { onSuccess: onSignedIn }))}>
        <FormText form={form} name="token" label={t('Token (JWT)', 'Token (JWT)')} multiline />
        <FormSelect
          form={form}
          name="role"
          label={t('Bertindak sebagai (jika token memuat beberapa peran)', 'Act as (when the token carries several roles)')}
          options={[{ value: '', label: '—' }, ...ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))]}
        />
        <button type="submit">{t('Masuk dengan token', 'Sign in with the token')}</button>
        <Refusal error={signIn.error} />
      </form>
    </details>
  );
}
