import { useEffect } from 'react';
import { z } from 'zod';
import { SANCTION_LEVELS, SANCTIONS, type AllowedDecision } from '@meritflow/domain';
import { api, enc, uploadEvidence, type Session } from './api';
import { CaseDecree, useDecreeDraft } from './case-decree';
import { AllowedDecisionForms, type DecisionFormRegistry } from './decision-forms';
import { formatDate, formatTime, useI18n, type Lang } from './i18n';
import { useDecisionConfirm } from './confirm';
import {
  appealKindLabel,
  appealOutcomeLabel,
  golonganLabel,
  rankKindLabel,
  registerEventLabel,
  sanctionLabel,
  sanctionLevelLabel,
  serviceEndReasonLabel,
} from './labels';
import { FormFile, FormSelect, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm } from './ui';

interface Choice {
  level: string;
  sanction: string;
  pelaksanaPost?: { postCode: string; title: string; unitCode: string };
}

/** A discipline case as its state query answers it (libs/contracts DisciplineState). */
export interface DisciplineCase {
  workflowId: string;
  agencyCode: string;
  sop: { id: string; version: string };
  allowedDecisions: AllowedDecision[];
  caseCode: string;
  subject: { nip: string; name: string; golongan: string | null; position: { title: string; postCode: string } | null };
  allegation: string;
  reportedOn: string;
  examination: { examinedOn: string; team: { id: string; name: string }[]; minutes: number } | null;
  decided: (Choice & { decidedOn: string; by: string }) | null;
  decree: { number: string; date: string; effectiveDate: string } | null;
  appealWindow: { kind: string; opensOn: string; endsOn: string; closesAt: string; closed: boolean } | null;
  appeal: { kind: string; filedOn: string; outcome: string | null; changedTo: Choice | null } | null;
  inForce: (Choice & { decreeNumber: string; imposedOn: string; endsOn: string | null }) | null;
  termEndsAt: string | null;
  registerChanges: {
    kind: 'effect' | 'restoration';
    recordedAt: string;
    eventIds: number[];
    drafts: { type: string; payload: Record<string, unknown> }[];
  }[];
}

/** What a register change sets, in words: the sanction, grade, post, decree and dates it carries. */
function changeDetail(p: Record<string, unknown>, lang: Lang): string {
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  const parts = [
    str('sanction') && sanctionLabel(str('sanction'), lang),
    str('golongan') && golonganLabel(str('golongan')),
    str('kind') && rankKindLabel(str('kind'), lang),
    str('title') && `${str('title')}${str('postCode') ? ` (${str('postCode')})` : ''}`,
    str('reason') && serviceEndReasonLabel(str('reason'), lang),
    str('decreeNumber') && `${lang === 'id' ? 'SK' : 'decree'} ${str('decreeNumber')}`,
    (str('imposedOn') ?? str('tmt') ?? str('from') ?? str('endedOn')) &&
      `${lang === 'id' ? 'mulai' : 'from'} ${formatDate(str('imposedOn') ?? str('tmt') ?? str('from') ?? str('endedOn'), lang)}`,
    (str('endsOn') ?? str('to')) && `${lang === 'id' ? 'sampai' : 'until'} ${formatDate(str('endsOn') ?? str('to'), lang)}`,
  ].filter(Boolean);
  return parts.length ? `: ${parts.join(', ')}` : '';
}

/** The discipline decisions taken through the shared decision form: the SK, citing the one drafted on the page. */
export const DISCIPLINE_FORMS: DecisionFormRegistry = {
  record_decree: {
    title: ['Catat SK hukuman disiplin', 'Record the discipline decree'],
    evidenceKind: 'sk_hukdis',
    fields: ['decreeNumber', 'decreeDate', 'effectiveDate'],
    citesDecree: true,
  },
};

/** The HR view of a discipline case: the official, the sanction, its timers, the appeal window and the register changes. */
export function DisciplineBody({ d, session, reload }: { d: DisciplineCase; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const drafted = useDecreeDraft(d.workflowId, undefined, d.decided !== null);
  const choice = (c: Choice) =>
    `${sanctionLabel(c.sanction, lang)} (${sanctionLevelLabel(c.level, lang)})${c.pelaksanaPost ? ` → ${c.pelaksanaPost.title} (${c.pelaksanaPost.postCode})` : ''}`;
  return (
    <>
      <section aria-labelledby="disc-h" className="card">
        <h2 id="disc-h">{t('Hukuman disiplin', 'Discipline')}</h2>
        <dl className="facts">
          <dt>{t('Pegawai', 'Official')}</dt>
          <dd data-testid="disc-subject">
            {d.subject.name} ({d.subject.nip}), {d.subject.golongan ?? '-'}
            {d.subject.position ? `, ${d.subject.position.title}` : ''}
          </dd>
          <dt>{t('Dugaan pelanggaran', 'Allegation')}</dt>
          <dd>
            {d.allegation} ({t('dilaporkan', 'reported')} {formatDate(d.reportedOn, lang)})
          </dd>
          {d.examination && (
            <>
              <dt>{t('Pemeriksaan', 'Examination')}</dt>
              <dd>
                {formatDate(d.examination.examinedOn, lang)}; {t('tim', 'team')}: {d.examination.team.map((m) => m.name).join(', ') || '-'};{' '}
                {t('BAP', 'minutes')}: {d.examination.minutes}
              </dd>
            </>
          )}
          {d.decided && (
            <>
              <dt>{t('Keputusan PPK', 'PPK decision')}</dt>
              <dd data-testid="disc-decided">
                {choice(d.decided)}, {formatDate(d.decided.decidedOn, lang)}
              </dd>
            </>
          )}
          {d.decree && (
            <>
              <dt>{t('SK', 'Decree')}</dt>
              <dd>
                {d.decree.number}, {formatDate(d.decree.date, lang)}, TMT {formatDate(d.decree.effectiveDate, lang)}
              </dd>
            </>
          )}
          {d.appealWindow && (
            <>
              <dt>{t('Masa upaya administratif', 'Appeal window')}</dt>
              <dd data-testid="disc-appeal-window" data-closed={d.appealWindow.closed}>
                {appealKindLabel(d.appealWindow.kind, lang)}: {formatDate(d.appealWindow.opensOn, lang)} –{' '}
                {formatDate(d.appealWindow.endsOn, lang)}{' '}
                {d.appealWindow.closed
                  ? t('(berakhir)', '(closed)')
                  : `(${t('berakhir', 'closes')} ${formatTime(d.appealWindow.closesAt, lang)})`}
              </dd>
            </>
          )}
          {d.appeal && (
            <>
              <dt>{t('Upaya administratif', 'Appeal')}</dt>
              <dd>
                {appealKindLabel(d.appeal.kind, lang)} {formatDate(d.appeal.filedOn, lang)}:{' '}
                {d.appeal.outcome ? appealOutcomeLabel(d.appeal.outcome, lang) : t('menunggu keputusan', 'pending')}
                {d.appeal.changedTo ? ` → ${choice(d.appeal.changedTo)}` : ''}
              </dd>
            </>
          )}
          {d.inForce && (
            <>
              <dt>{t('Hukuman berlaku', 'Sanction in force')}</dt>
              <dd data-testid="disc-in-force">
                {choice(d.inForce)}: {formatDate(d.inForce.imposedOn, lang)}
                {d.inForce.endsOn ? ` – ${formatDate(d.inForce.endsOn, lang)}` : ''}
                {d.termEndsAt ? ` (${t('pengatur waktu berakhir', 'timer ends')} ${formatTime(d.termEndsAt, lang)})` : ''}
              </dd>
            </>
          )}
        </dl>
        {d.registerChanges.length > 0 && (
          <>
            <h3>{t('Perubahan register', 'Register changes')}</h3>
            <ul data-testid="disc-register-changes">
              {d.registerChanges.map((r, i) => (
                <li key={i}>
                  {r.kind === 'effect' ? t('Hukuman', 'Sanction') : t('Pemulihan', 'Restoration')} ({formatTime(r.recordedAt, lang)}):{' '}
                  {r.drafts.map((x, j) => (
                    <span key={j}>
                      {j > 0 ? '; ' : ''}
                      {registerEventLabel(x.type, lang)} #{r.eventIds[j] ?? '-'}
                      {changeDetail(x.payload, lang)}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {/* The SK of the sanction follows the PPK's decide_sanction. */}
      {d.decided && <CaseDecree caseId={d.workflowId} session={session} />}
      <AllowedDecisionForms
        allowed={d.allowedDecisions}
        registry={DISCIPLINE_FORMS}
        ctx={{
          caseId: d.workflowId,
          decisionsPath: `/v1/discipline-cases/${enc(d.workflowId)}/decisions`,
          agencyCode: d.agencyCode,
          sop: d.sop,
          session,
          onDone: reload,
          decree: drafted,
        }}
      />
      <DisciplineActions d={d} session={session} reload={reload} />
    </>
  );
}

type Level = (typeof SANCTION_LEVELS)[number];

const SANCTION_FIELDS = z
  .object({
    level: z.enum(SANCTION_LEVELS),
    sanction: fields.required(),
    reason: fields.required(),
    post: z.object({ postCode: z.string().trim(), title: z.string().trim(), unitCode: z.string().trim() }),
  })
  .superRefine((v, ctx) => {
    if (!(SANCTIONS[v.level] as readonly string[]).includes(v.sanction))
      ctx.addIssue({
        code: 'custom',
        path: ['sanction'],
        message: msg('Hukuman ini bukan dari tingkat itu', 'Not a sanction of that level'),
      });
    if (v.sanction !== 'pembebasan_jabatan_pelaksana_12_bulan') return;
    for (const k of ['postCode', 'title', 'unitCode'] as const)
      if (v.post[k] === '') ctx.addIssue({ code: 'custom', path: ['post', k], message: msg('Wajib diisi', 'Required') });
  });

const RESTORATION_FIELDS = z.object({ decree: z.string().trim(), file: fields.file() });

/**
 * The decisions the console takes on a discipline case: the PPK's level and sanction (the sanction
 * list follows the level, from the domain's own table; a destructive decision, so confirmed first)
 * and HR's restoration after the timer.
 */
function DisciplineActions({ d, session, reload }: { d: DisciplineCase; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const sanctionForm = useZodForm(SANCTION_FIELDS, {
    level: 'light',
    sanction: SANCTIONS.light[0],
    reason: '',
    post: { postCode: '', title: '', unitCode: '' },
  });
  const restorationForm = useZodForm(RESTORATION_FIELDS, { decree: '', file: null });
  const [level, sanction] = sanctionForm.watch(['level', 'sanction']);
  const decree = restorationForm.watch('decree');
  // The sanction list follows the level: a sanction of another level gives way to the level's first.
  useEffect(() => {
    if (!(SANCTIONS[level] as readonly string[]).includes(sanctionForm.getValues('sanction')))
      sanctionForm.setValue('sanction', SANCTIONS[level][0], { shouldValidate: true });
  }, [level, sanctionForm]);
  const may = (x: string) => d.allowedDecisions.some((a) => a.decision === x && a.roles.includes(session.role));
  const decide = (body: Record<string, unknown>) => api('POST', `/v1/discipline-cases/${enc(d.workflowId)}/decisions`, body);
  const common = { caseId: d.workflowId, session, sop: d.sop, onDone: reload };
  const toPelaksana = sanction === 'pembebasan_jabatan_pelaksana_12_bulan';
  const title = t('Tetapkan tingkat dan jenis hukuman', 'Decide the level and the sanction');
  const lines = [
    { label: t('Tingkat', 'Level'), value: sanctionLevelLabel(level, lang) },
    { label: t('Hukuman', 'Sanction'), value: sanctionLabel(sanction, lang) },
  ];
  const { ensure, dialog } = useDecisionConfirm('decide_sanction', title, lines, t('Ya, tetapkan hukuman', 'Yes, decide the sanction'));
  return (
    <>
      {may('decide_sanction') && (
        <ActionForm
          {...common}
          title={title}
          decision="decide_sanction"
          lines={lines}
          submitLabel={t('Tetapkan', 'Decide')}
          onSubmit={submitWith(sanctionForm, lang, async (v) => {
            await ensure();
            return decide({
              decision: 'decide_sanction',
              level: v.level,
              sanction: v.sanction,
              reason: v.reason.trim(),
              ...(v.sanction === 'pembebasan_jabatan_pelaksana_12_bulan' ? { pelaksanaPost: v.post } : {}),
            });
          })}
          testId="decide-sanction"
        >
          <FormSelect
            form={sanctionForm}
            name="level"
            label={t('Tingkat hukuman', 'Level')}
            options={SANCTION_LEVELS.map((l) => ({ value: l, label: sanctionLevelLabel(l, lang) }))}
          />
          <FormSelect
            form={sanctionForm}
            name="sanction"
            label={t('Jenis hukuman', 'Sanction')}
            options={SANCTIONS[level].map((x) => ({ value: x, label: sanctionLabel(x, lang) }))}
          />
          {toPelaksana && (
            <>
              <FormText form={sanctionForm} name="post.postCode" label={t('Kode jabatan pelaksana', 'Pelaksana post code')} />
              <FormText form={sanctionForm} name="post.title" label={t('Nama jabatan pelaksana', 'Pelaksana post title')} />
              <FormText form={sanctionForm} name="post.unitCode" label={t('Kode unit', 'Unit code')} />
            </>
          )}
          <FormText form={sanctionForm} name="reason" label={t('Alasan', 'Reason')} multiline />
          {dialog}
        </ActionForm>
      )}
      {may('record_restoration') && (
        <ActionForm
          {...common}
          title={t('Catat pemulihan', 'Record the restoration')}
          decision="record_restoration"
          lines={[{ label: t('SK pemulihan', 'Restoring decree'), value: decree || '—' }]}
          submitLabel={t('Catat pemulihan', 'Record the restoration')}
          onSubmit={submitWith(restorationForm, lang, async (v) => {
            const evidence = [await uploadEvidence(v.file!, 'sk_pemulihan', d.agencyCode)];
            return decide({ decision: 'record_restoration', evidence, ...(v.decree ? { restorationDecreeNumber: v.decree } : {}) });
          })}
          testId="record-restoration"
        >
          <FormText
            form={restorationForm}
            name="decree"
            label={t('Nomor SK pemulihan (pangkat/jabatan)', 'Restoring decree number (grade/post)')}
          />
          <FormFile form={restorationForm} name="file" label={t('Bukti pemulihan', 'Restoration evidence')} />
        </ActionForm>
      )}
    </>
  );
}
