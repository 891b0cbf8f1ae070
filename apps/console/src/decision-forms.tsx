import { useEffect } from 'react';
import { z } from 'zod';
import type { AllowedDecision, FillingMethod } from '@meritflow/domain';
import { api, uploadEvidence, type Session } from './api';
import { useDecisionConfirm } from './confirm';
import { formatDate } from './dates';
import type { DecreeDraft } from './decree';
import { useI18n } from './i18n';
import { fillingMethodLabel } from './labels';
import { FormChecks, FormDate, FormFile, FormSelect, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm, type PreviewLine } from './ui';

/** What a decision's form may ask for beyond the SOP's own requirements (reason, evidence). */
export type ExtraField =
  'decreeNumber' | 'decreeDate' | 'effectiveDate' | 'overrideRules' | 'competencyFit' | 'exclusions' | 'fillingMethod';

/** One decision's form: its title, the document it cites, its extra fields, whether it ends or undoes something. */
export interface DecisionFormSpec {
  title: readonly [id: string, en: string];
  /** The evidence kind cited when the SOP requires (or the form offers) a document. */
  evidenceKind?: string;
  fields?: readonly ExtraField[];
  /** The decision records the SK: it cites the SK drafted on the case page (number, TMT, PDF hash) unless a signed scan is uploaded. */
  citesDecree?: boolean;
}

/** A case type's forms, keyed by decision code; a decision without an entry has no form (the API still takes it). */
export type DecisionFormRegistry = Readonly<Record<string, DecisionFormSpec>>;

/** What the form knows about the case it decides on. */
export interface DecisionContext {
  caseId: string;
  /** The collection path that takes the case's decisions: `/v1/<resource>/<id>/decisions`. */
  decisionsPath: string;
  agencyCode: string;
  sop: { id: string; version: string };
  session: Session;
  onDone: () => void;
  /** Rules an override may lift (the failed verdicts), for the override form. */
  failedRules?: { rule: string; label: string }[];
  /** People a batch approval may leave out, for the exclusions field. */
  members?: { nip: string; name: string }[];
  /** A competency fit is required for this case (rotations). */
  needsCompetencyFit?: boolean;
  /** The filling method a vacancy's approval starts from (the one HR requested), for the fillingMethod field. */
  fillingMethod?: string;
  /** The SK drafted for the case (case-decree.tsx), cited by the decision that records the decree. */
  decree?: DecreeDraft | null;
}

/**
 * The forms for the decisions the case allows next for the session's role, in the SOP's order. Which
 * forms show follows the case state's allowed decisions, not role-and-step conditions.
 */
export function AllowedDecisionForms({
  allowed,
  registry,
  ctx,
}: {
  allowed: readonly AllowedDecision[];
  registry: DecisionFormRegistry;
  ctx: DecisionContext;
}) {
  const seen = new Set<string>();
  const mine = allowed.filter((a) => {
    if (!a.roles.includes(ctx.session.role) || !registry[a.decision] || seen.has(a.decision)) return false;
    seen.add(a.decision);
    return true;
  });
  if (mine.length === 0) return null;
  return (
    <div className="decisions" data-testid="allowed-decisions">
      {mine.map((a) => (
        <DecisionForm key={a.decision} allowed={a} spec={registry[a.decision]} ctx={ctx} />
      ))}
    </div>
  );
}

const FILLING_METHODS = ['open_selection', 'talent_pool', 'mutation_rotation'] as const satisfies readonly FillingMethod[];

/** The decision's schema: what its SOP transition requires plus the fields its registry entry asks for. */
function decisionSchema(o: { needsReason: boolean; needsFile: boolean; has: (f: ExtraField) => boolean }) {
  return z
    .object({
      reason: o.needsReason ? fields.required() : z.string(),
      file: fields.file(!o.needsFile),
      decreeNumber: o.has('decreeNumber') ? fields.required() : z.string(),
      decreeDate: o.has('decreeDate') ? fields.date() : z.string(),
      effectiveDate: o.has('effectiveDate') ? fields.date() : z.string(),
      overrideRules: o.has('overrideRules')
        ? z.array(z.string()).min(1, msg('Pilih aturan yang dikesampingkan', 'Choose the rules lifted'))
        : z.array(z.string()),
      jpm: o.has('competencyFit') ? fields.score() : z.string(),
      exclusions: z.array(z.object({ on: z.boolean(), reason: z.string() })),
      fillingMethod: o.has('fillingMethod') ? fields.required() : z.string(),
    })
    .superRefine((v, ctx) => {
      v.exclusions.forEach((x, i) => {
        if (x.on && x.reason.trim().length < 3)
          ctx.addIssue({
            code: 'custom',
            path: ['exclusions', i, 'reason'],
            message: msg('Tulis alasannya (minimal 3 huruf)', 'Give the reason (3 letters at least)'),
          });
      });
    });
}

function DecisionForm({ allowed, spec, ctx }: { allowed: AllowedDecision; spec: DecisionFormSpec; ctx: DecisionContext }) {
  const { t, lang } = useI18n();
  // The drafted SK fills the number, date and TMT it carries; the clerk may still type over them.
  const drafted = spec.citesDecree ? (ctx.decree ?? null) : null;
  const extra = spec.fields ?? [];
  const needsReason = allowed.requires.includes('reason');
  const needsEvidence = allowed.requires.includes('evidence');
  const offersEvidence = needsEvidence || spec.evidenceKind !== undefined;
  const title = t(...spec.title);
  const has = (f: ExtraField) => extra.includes(f) && (f !== 'competencyFit' || Boolean(ctx.needsCompetencyFit));
  const members = ctx.members ?? [];
  const start = {
    reason: '',
    file: null,
    decreeNumber: drafted?.decreeNumber ?? '',
    decreeDate: drafted?.decreeDate ?? '',
    effectiveDate: drafted?.effectiveDate ?? '',
    overrideRules: [] as string[],
    jpm: '',
    exclusions: members.map(() => ({ on: false, reason: '' })),
    fillingMethod: ctx.fillingMethod ?? '',
  };
  const form = useZodForm(decisionSchema({ needsReason, needsFile: needsEvidence && !drafted, has }), start);
  useEffect(() => {
    if (!drafted) return;
    form.setValue('decreeNumber', drafted.decreeNumber, { shouldValidate: true });
    form.setValue('decreeDate', drafted.decreeDate, { shouldValidate: true });
    form.setValue('effectiveDate', drafted.effectiveDate, { shouldValidate: true });
  }, [drafted, form]);
  const v = form.watch();
  const excluded = members.map((m, i) => ({ ...m, ...v.exclusions[i] })).filter((x) => x.on);
  const lines: PreviewLine[] = [];
  if (has('fillingMethod')) lines.push({ label: t('Cara pengisian', 'Filling method'), value: fillingMethodLabel(v.fillingMethod, lang) });
  if (has('decreeNumber')) lines.push({ label: t('Nomor SK', 'Decree number'), value: v.decreeNumber || '—' });
  if (has('decreeDate')) lines.push({ label: t('Tanggal SK', 'Decree date'), value: v.decreeDate ? formatDate(v.decreeDate, lang) : '—' });
  if (has('effectiveDate'))
    lines.push({ label: t('TMT', 'Effective date (TMT)'), value: v.effectiveDate ? formatDate(v.effectiveDate, lang) : '—' });
  if (has('overrideRules'))
    lines.push({
      label: t('Aturan yang dikesampingkan', 'Rules lifted'),
      value: v.overrideRules.map((r) => ctx.failedRules?.find((f) => f.rule === r)?.label ?? r).join(', ') || '—',
    });
  if (has('competencyFit'))
    lines.push({ label: t('Kesesuaian kompetensi (JPM)', 'Competency fit (JPM)'), value: v.jpm ? `${v.jpm}%` : '—' });
  if (has('exclusions'))
    lines.push({
      label: t('Dikecualikan', 'Excluded'),
      value: excluded.length ? excluded.map((x) => `${x.name}: ${x.reason || '?'}`).join('; ') : '—',
    });
  if (needsReason || v.reason) lines.push({ label: t('Alasan', 'Reason'), value: v.reason || '—' });
  if (offersEvidence)
    lines.push({
      label: t('Bukti', 'Evidence'),
      value: v.file
        ? v.file.name
        : drafted
          ? `${t('SK yang dibuat', 'The drafted decree')} ${drafted.decreeNumber} (SHA-256 ${drafted.evidence.sha256.slice(0, 16)}…)`
          : needsEvidence
            ? t('dokumen (wajib)', 'document (required)')
            : '—',
    });

  const { ensure, dialog } = useDecisionConfirm(allowed.decision, title, lines);

  const submit = submitWith(form, lang, async (x) => {
    // A destructive decision (the domain's registry) is sent only after the confirmation dialog.
    await ensure();
    const evidence = x.file
      ? [await uploadEvidence(x.file, spec.evidenceKind ?? allowed.decision, ctx.agencyCode)]
      : drafted
        ? [drafted.evidence]
        : undefined;
    const body: Record<string, unknown> = { decision: allowed.decision };
    if (x.reason.trim()) body.reason = x.reason.trim();
    if (evidence) body.evidence = evidence;
    if (has('fillingMethod')) body.fillingMethod = x.fillingMethod;
    if (has('decreeNumber')) body.decreeNumber = x.decreeNumber.trim();
    if (has('decreeDate')) body.decreeDate = x.decreeDate;
    if (has('effectiveDate')) body.effectiveDate = x.effectiveDate;
    if (has('overrideRules')) body.overrideRules = x.overrideRules;
    if (has('competencyFit')) body.competencyFit = { jpmPercent: Number(x.jpm) };
    const out = members.map((m, i) => ({ nip: m.nip, ...x.exclusions[i] })).filter((e) => e.on);
    if (has('exclusions') && out.length) body.exclusions = out.map((e) => ({ nip: e.nip, reason: e.reason.trim() }));
    await api('POST', ctx.decisionsPath, body);
    form.reset(start);
  });

  return (
    <ActionForm
      title={title}
      decision={allowed.decision}
      caseId={ctx.caseId}
      session={ctx.session}
      sop={ctx.sop}
      lines={lines}
      submitLabel={title}
      disabled={!form.formState.isValid}
      onSubmit={submit}
      onDone={ctx.onDone}
      testId={`decide-${allowed.decision}`}
    >
      {has('overrideRules') && (
        <FormChecks
          form={form}
          name="overrideRules"
          idPrefix="ovr"
          label={t('Aturan yang dikesampingkan dasar hukumnya', 'Rules the legal basis lifts')}
          options={(ctx.failedRules ?? []).map((f) => ({ value: f.rule, label: f.label }))}
        />
      )}
      {has('exclusions') && (
        <fieldset>
          <legend>{t('Kecualikan pegawai dari SK (dengan alasan)', 'Leave people out of the decree (with a reason)')}</legend>
          {members.map((m, i) => (
            <div key={m.nip}>
              <div className="check">
                <input type="checkbox" id={`excl-${m.nip}`} {...form.register(`exclusions.${i}.on`)} />
                <label htmlFor={`excl-${m.nip}`}>
                  {t('Kecualikan', 'Exclude')} {m.name} <span className="nip">{m.nip}</span>
                </label>
              </div>
              {v.exclusions[i]?.on && (
                <FormText
                  form={form}
                  name={`exclusions.${i}.reason`}
                  label={`${t('Alasan pengecualian', 'Reason for leaving out')} ${m.name}`}
                />
              )}
            </div>
          ))}
        </fieldset>
      )}
      {has('fillingMethod') && (
        <FormSelect
          form={form}
          name="fillingMethod"
          label={t('Cara pengisian yang disetujui', 'Filling method approved')}
          options={FILLING_METHODS.map((m) => ({ value: m, label: fillingMethodLabel(m, lang) }))}
        />
      )}
      {has('competencyFit') && (
        <FormText
          form={form}
          name="jpm"
          label={t('Kesesuaian kompetensi (JPM, 0–100)', 'Competency fit (JPM, 0–100)')}
          inputMode="numeric"
        />
      )}
      {has('decreeNumber') && <FormText form={form} name="decreeNumber" label={t('Nomor SK', 'Decree number')} />}
      {has('decreeDate') && <FormDate form={form} name="decreeDate" label={t('Tanggal SK', 'Decree date')} />}
      {has('effectiveDate') && (
        <FormDate form={form} name="effectiveDate" label={t('TMT (terhitung mulai tanggal)', 'Effective date (TMT)')} />
      )}
      {(needsReason || extra.length > 0 || !offersEvidence) && (
        <FormText
          form={form}
          name="reason"
          label={needsReason ? t('Alasan', 'Reason') : t('Alasan (tidak wajib)', 'Reason (optional)')}
          multiline
        />
      )}
      {drafted && (
        <p data-testid="cited-decree">
          {t('Bukti: SK yang dibuat di halaman ini', 'Evidence: the decree drafted on this page')} {drafted.decreeNumber}, SHA-256{' '}
          <span className="id" data-testid="cited-decree-sha256">
            {drafted.evidence.sha256}
          </span>
          . {t('Unggah pindaian bertanda tangan hanya untuk menggantinya.', 'Upload a signed scan only to cite it instead.')}
        </p>
      )}
      {offersEvidence && <FormFile form={form} name="file" label={`${t('Dokumen', 'Document')}: ${title} (PDF)`} />}
      {dialog}
    </ActionForm>
  );
}
