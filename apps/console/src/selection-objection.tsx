import { z } from 'zod';
import { FormFile, FormRadios, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { useI18n } from './i18n';
import { ActionForm } from './ui';
import type { Common, Decide, Selection } from './selection-shared';
import { evidenceOf } from './selection-shared';

// The objection stage (SOP 1.1.0 on): the chair answers each candidate's objection, and re-enters the
// committee's scores of a candidate whose objection was upheld.

const answerSchema = z.object({
  upheld: z.enum(['true', 'false'], { message: msg('Pilih jawaban', 'Choose an answer') }),
  reason: fields.required(),
});

export function AnswerObjectionOne({ s, nip, common, decide }: { s: Selection; nip: string; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const form = useZodForm(answerSchema, { upheld: undefined as never, reason: '' });
  const [upheld, reason] = form.watch(['upheld', 'reason']);
  const name = s.candidates.find((c) => c.nip === nip)?.name ?? nip;
  const objection = s.objections?.find((o) => o.nip === nip);
  return (
    <ActionForm
      {...common}
      title={`${t('Jawab sanggahan', 'Answer the objection')}: ${name} (${nip})`}
      decision="answer_objection"
      lines={[
        {
          label: t('Jawaban', 'Answer'),
          value: upheld === 'true' ? t('diterima', 'upheld') : upheld === 'false' ? t('ditolak', 'rejected') : '—',
        },
        { label: t('Alasan', 'Reason'), value: reason || t('wajib diisi', 'required') },
      ]}
      submitLabel={t(`Catat jawaban ${name}`, `Record the answer to ${name}`)}
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, (v) =>
        decide({ decision: 'answer_objection', nip, upheld: v.upheld === 'true', reason: v.reason.trim() }),
      )}
      testId={`answer-objection-${nip}`}
    >
      {objection && (
        <p>
          {t('Sanggahan', 'Objection')}: {objection.reason}
        </p>
      )}
      <FormRadios
        form={form}
        name="upheld"
        idPrefix={`objection-${nip}`}
        label={`${t('Jawaban atas sanggahan', 'Answer to the objection')} ${nip}`}
        options={[
          { value: 'true', label: t('Diterima', 'Upheld') },
          { value: 'false', label: t('Ditolak', 'Rejected') },
        ]}
      />
      <FormText form={form} name="reason" label={`${t('Alasan', 'Reason')} ${nip}`} multiline />
    </ActionForm>
  );
}

const rescoreSchema = z.object({ paper: fields.score(), interview: fields.score(), reason: fields.required(), file: fields.file() });

export function RescoreOne({ s, nip, common, decide }: { s: Selection; nip: string; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const form = useZodForm(rescoreSchema, { paper: '', interview: '', reason: '', file: null });
  const [paper, interview] = form.watch(['paper', 'interview']);
  const name = s.candidates.find((c) => c.nip === nip)?.name ?? nip;
  return (
    <ActionForm
      {...common}
      title={`${t('Nilai ulang calon', 'Rescore the candidate')}: ${name} (${nip})`}
      decision="rescore_candidate"
      lines={[
        {
          label: t('Nilai', 'Scores'),
          value: `${t('makalah', 'paper')} ${paper || '?'}, ${t('wawancara', 'interview')} ${interview || '?'}`,
        },
      ]}
      submitLabel={t(`Catat nilai ulang ${name}`, `Record ${name}'s new scores`)}
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, async (v) =>
        decide({
          decision: 'rescore_candidate',
          nip,
          paper: Number(v.paper),
          interview: Number(v.interview),
          reason: v.reason.trim(),
          evidence: await evidenceOf(v.file, 'ba_penilaian_ulang', s.agencyCode, t),
        }),
      )}
      testId={`rescore-${nip}`}
    >
      <div className="row">
        <FormText form={form} name="paper" label={`${t('Nilai makalah', 'Paper score')} ${nip}`} inputMode="numeric" />
        <FormText form={form} name="interview" label={`${t('Nilai wawancara', 'Interview score')} ${nip}`} inputMode="numeric" />
      </div>
      <FormText form={form} name="reason" label={`${t('Alasan', 'Reason')} ${nip}`} multiline />
      <FormFile form={form} name="file" label={`${t('Berita acara penilaian ulang (PDF)', 'Rescoring minutes (PDF)')} ${nip}`} />
    </ActionForm>
  );
}
