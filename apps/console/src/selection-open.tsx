import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { formatDate, todayIso } from './dates';
import { FormDate, FormFile, FormSelect, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { useI18n } from './i18n';
import { MemberPicker } from './pickers';
import { ActionForm } from './ui';
import type { Common, Decide, Selection } from './selection-shared';
import { evidenceOf } from './selection-shared';

// The selection's opening forms: the PPK forms the committee, its chair announces the selection.

/**
 * The registration window: both dates or neither (then the SOP's duration runs from the
 * announcement), the opening not before today, the closing not before the opening.
 */
const announceSchema = (today: string) =>
  z.object({ opens: fields.optionalDate(), closes: fields.optionalDate(), file: fields.file() }).superRefine((v, ctx) => {
    if ((v.opens === '') !== (v.closes === ''))
      ctx.addIssue({
        code: 'custom',
        path: [v.opens === '' ? 'opens' : 'closes'],
        message: msg('Isi kedua tanggal pendaftaran, atau kosongkan keduanya.', 'Give both registration dates, or neither.'),
      });
    else if (v.opens !== '' && v.opens < today)
      ctx.addIssue({
        code: 'custom',
        path: ['opens'],
        message: msg('Pendaftaran tidak dapat dibuka sebelum hari ini.', 'Registration cannot open before today.'),
      });
    else if (v.opens !== '' && v.closes < v.opens)
      ctx.addIssue({
        code: 'custom',
        path: ['closes'],
        message: msg('Penutupan tidak boleh sebelum pembukaan.', 'Closing cannot come before opening.'),
      });
  });

export function AnnounceForm({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const today = todayIso();
  const form = useZodForm(announceSchema(today), { opens: '', closes: '', file: null });
  const [opens, closes, file] = form.watch(['opens', 'closes', 'file']);
  const title = t('Umumkan seleksi', 'Announce the selection');
  return (
    <ActionForm
      {...common}
      title={title}
      decision="announce"
      lines={[
        {
          label: t('Masa pendaftaran', 'Registration window'),
          value: opens
            ? `${formatDate(opens, lang)} – ${formatDate(closes, lang)}`
            : t('menurut durasi SOP sejak pengumuman', 'the SOP duration from the announcement'),
        },
        { label: t('Bukti', 'Evidence'), value: file ? `pengumuman: ${file.name}` : t('pengumuman (wajib)', 'announcement (required)') },
      ]}
      submitLabel={title}
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, async (v) =>
        decide({
          decision: 'announce',
          ...(v.opens ? { registrationOpensOn: v.opens, registrationClosesOn: v.closes } : {}),
          evidence: await evidenceOf(v.file, 'pengumuman', s.agencyCode, t),
        }),
      )}
      testId="decide-announce"
    >
      <div className="row">
        <FormDate form={form} name="opens" label={t('Pendaftaran dibuka', 'Registration opens')} min={today} />
        <FormDate form={form} name="closes" label={t('Pendaftaran ditutup', 'Registration closes')} min={opens || today} />
      </div>
      <FormFile form={form} name="file" label={t('Pengumuman seleksi (PDF)', 'Announcement (PDF)')} />
    </ActionForm>
  );
}

/**
 * The committee's members as typed (or picked from the register). The composition rule (5–9, odd,
 * internal ≤ 45%) is the workflow's: the console states it in the preview and shows its refusal.
 */
const committeeSchema = z.object({
  members: z.array(z.object({ id: fields.required(), name: fields.required(), affiliation: z.enum(['internal', 'external']) })),
  chair: z.string(),
  file: fields.file(),
});

export function CommitteeForm({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const blank = (i: number) => ({ id: '', name: '', affiliation: (i < 3 ? 'external' : 'internal') as 'internal' | 'external' });
  const form = useZodForm(committeeSchema, { members: [0, 1, 2, 3, 4].map(blank), chair: '0', file: null });
  const list = useFieldArray({ control: form.control, name: 'members' });
  const [members, chair, file] = form.watch(['members', 'chair', 'file']);
  const internal = members.filter((m) => m.affiliation === 'internal').length;
  const n = members.length;
  return (
    <ActionForm
      {...common}
      title={t('Bentuk panitia seleksi', 'Form the selection committee')}
      decision="form_committee"
      lines={[
        {
          label: t('Anggota', 'Members'),
          value: members.map((m, i) => `${m.name || '?'}${String(i) === chair ? ` (${t('ketua', 'chair')})` : ''}`).join(', '),
        },
        {
          label: t('Komposisi', 'Composition'),
          value: t(
            `${n} orang, ${internal} internal (${Math.round((100 * internal) / Math.max(n, 1))}%); aturan: 5–9, ganjil, internal ≤ 45%`,
            `${n} people, ${internal} internal (${Math.round((100 * internal) / Math.max(n, 1))}%); rule: 5–9, odd, internal ≤ 45%`,
          ),
        },
        { label: t('Bukti', 'Evidence'), value: file ? `SK Pansel: ${file.name}` : t('SK Pansel (wajib)', 'SK Pansel (required)') },
      ]}
      submitLabel={t('Bentuk panitia', 'Form the committee')}
      onSubmit={submitWith(form, lang, async (v) =>
        decide({
          decision: 'form_committee',
          members: v.members.map((m, i) => ({
            id: m.id.trim(),
            name: m.name.trim(),
            affiliation: m.affiliation,
            isChair: String(i) === v.chair,
          })),
          evidence: await evidenceOf(v.file, 'sk_pansel', s.agencyCode, t),
        }),
      )}
      testId="form-committee"
    >
      {list.fields.map((f, i) => (
        <fieldset key={f.id} className="row">
          <legend>
            {t('Anggota', 'Member')} {i + 1}
          </legend>
          <MemberPicker
            session={common.session}
            agencyCode={s.agencyCode}
            index={i}
            onPick={(picked) => {
              form.setValue(`members.${i}.id`, picked.id, { shouldValidate: true });
              form.setValue(`members.${i}.name`, picked.name, { shouldValidate: true });
              form.setValue(`members.${i}.affiliation`, picked.affiliation, { shouldValidate: true });
            }}
          />
          <FormText form={form} name={`members.${i}.id`} label={`${t('ID anggota', 'Member id')} ${i + 1}`} />
          <FormText form={form} name={`members.${i}.name`} label={`${t('Nama anggota', 'Member name')} ${i + 1}`} />
          <FormSelect
            form={form}
            name={`members.${i}.affiliation`}
            label={`${t('Asal', 'Affiliation')} ${i + 1}`}
            options={[
              { value: 'external', label: t('eksternal', 'external') },
              { value: 'internal', label: t('internal', 'internal') },
            ]}
          />
          <div className="check">
            <input type="radio" id={`chair-${i}`} value={String(i)} {...form.register('chair')} />
            <label htmlFor={`chair-${i}`}>
              {t('Ketua', 'Chair')} {i + 1}
            </label>
          </div>
        </fieldset>
      ))}
      <div className="row">
        <button type="button" onClick={() => list.append(blank(members.length))} disabled={members.length >= 9}>
          {t('Tambah anggota', 'Add a member')}
        </button>
        <button
          type="button"
          onClick={() => {
            if (chair === String(members.length - 1)) form.setValue('chair', '0');
            list.remove(members.length - 1);
          }}
          disabled={members.length <= 1}
        >
          {t('Hapus anggota terakhir', 'Remove the last member')}
        </button>
      </div>
      <FormFile form={form} name="file" label={t('SK Pansel (PDF)', 'Committee decree, SK Pansel (PDF)')} />
    </ActionForm>
  );
}
