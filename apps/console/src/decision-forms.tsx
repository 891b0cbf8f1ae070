import { useEffect, useState, type ReactNode } from 'react';
import type { AllowedDecision, FillingMethod } from '@meritflow/domain';
import { api, uploadEvidence, type Session } from './api';
import { ConfirmDialog, isDestructive } from './confirm';
import type { DecreeDraft } from './decree';
import { useI18n } from './i18n';
import { fillingMethodLabel } from './labels';
import { ActionForm, FileField, SelectField, TextField, type PreviewLine } from './ui';

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

interface Values {
  reason: string;
  file: File | null;
  decreeNumber: string;
  decreeDate: string;
  effectiveDate: string;
  overrideRules: string[];
  jpm: string;
  exclusions: Record<string, string>;
  fillingMethod: string;
}

const EMPTY: Values = {
  reason: '',
  file: null,
  decreeNumber: '',
  decreeDate: '',
  effectiveDate: '',
  overrideRules: [],
  jpm: '',
  exclusions: {},
  fillingMethod: '',
};

const FILLING_METHODS = ['open_selection', 'talent_pool', 'mutation_rotation'] as const satisfies readonly FillingMethod[];

function DecisionForm({ allowed, spec, ctx }: { allowed: AllowedDecision; spec: DecisionFormSpec; ctx: DecisionContext }) {
  const { t, lang } = useI18n();
  const start = { ...EMPTY, fillingMethod: ctx.fillingMethod ?? '' };
  const [v, setV] = useState<Values>(start);
  const set = (patch: Partial<Values>) => setV((x) => ({ ...x, ...patch }));
  // The drafted SK fills the number, date and TMT it carries; the clerk may still type over them.
  const drafted = spec.citesDecree ? (ctx.decree ?? null) : null;
  useEffect(() => {
    if (drafted)
      setV((x) => ({
        ...x,
        decreeNumber: drafted.decreeNumber,
        decreeDate: drafted.decreeDate,
        effectiveDate: drafted.effectiveDate,
      }));
  }, [drafted]);
  const fields = spec.fields ?? [];
  const needsReason = allowed.requires.includes('reason');
  const needsEvidence = allowed.requires.includes('evidence');
  const offersEvidence = needsEvidence || spec.evidenceKind !== undefined;
  const title = t(...spec.title);
  const has = (f: ExtraField) => fields.includes(f) && (f !== 'competencyFit' || ctx.needsCompetencyFit);
  const excluded = Object.entries(v.exclusions).filter(([, r]) => r !== undefined);
  const missing =
    (needsReason && v.reason.trim() === '') ||
    (needsEvidence && !v.file && !drafted) ||
    (has('decreeNumber') && v.decreeNumber.trim() === '') ||
    (has('decreeDate') && v.decreeDate === '') ||
    (has('effectiveDate') && v.effectiveDate === '') ||
    (has('overrideRules') && v.overrideRules.length === 0) ||
    (has('competencyFit') && v.jpm.trim() === '') ||
    (has('fillingMethod') && v.fillingMethod === '') ||
    excluded.some(([, r]) => r.trim().length < 3);
  // A destructive decision (the shared dictionary's list) is sent only after the confirmation dialog.
  const [confirming, setConfirming] = useState<null | ((ok: boolean) => void)>(null);
  const confirmed = () =>
    isDestructive(allowed.decision) ? new Promise<boolean>((resolve) => setConfirming(() => resolve)) : Promise.resolve(true);
  const answer = (ok: boolean) => {
    confirming?.(ok);
    setConfirming(null);
  };

  const lines: PreviewLine[] = [];
  if (has('fillingMethod')) lines.push({ label: t('Cara pengisian', 'Filling method'), value: fillingMethodLabel(v.fillingMethod, lang) });
  if (has('decreeNumber')) lines.push({ label: t('Nomor SK', 'Decree number'), value: v.decreeNumber || '—' });
  if (has('decreeDate')) lines.push({ label: t('Tanggal SK', 'Decree date'), value: v.decreeDate || '—' });
  if (has('effectiveDate')) lines.push({ label: t('TMT', 'Effective date (TMT)'), value: v.effectiveDate || '—' });
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
      value: excluded.length
        ? excluded.map(([nip, r]) => `${ctx.members?.find((m) => m.nip === nip)?.name ?? nip}: ${r || '?'}`).join('; ')
        : '—',
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

  const submit = async () => {
    if (!(await confirmed())) throw new Error(t('Dibatalkan: tidak ada yang dicatat.', 'Cancelled: nothing was recorded.'));
    const evidence = v.file
      ? [await uploadEvidence(v.file, spec.evidenceKind ?? allowed.decision, ctx.agencyCode)]
      : drafted
        ? [drafted.evidence]
        : undefined;
    const body: Record<string, unknown> = { decision: allowed.decision };
    if (v.reason.trim()) body.reason = v.reason.trim();
    if (evidence) body.evidence = evidence;
    if (has('fillingMethod')) body.fillingMethod = v.fillingMethod;
    if (has('decreeNumber')) body.decreeNumber = v.decreeNumber.trim();
    if (has('decreeDate')) body.decreeDate = v.decreeDate;
    if (has('effectiveDate')) body.effectiveDate = v.effectiveDate;
    if (has('overrideRules')) body.overrideRules = v.overrideRules;
    if (has('competencyFit')) body.competencyFit = { jpmPercent: Number(v.jpm) };
    if (has('exclusions') && excluded.length) body.exclusions = excluded.map(([nip, reason]) => ({ nip, reason: reason.trim() }));
    await api('POST', ctx.decisionsPath, body);
    setV(start);
  };

  let extra: ReactNode = null;
  if (has('overrideRules'))
    extra = (
      <fieldset>
        <legend>{t('Aturan yang dikesampingkan dasar hukumnya', 'Rules the legal basis lifts')}</legend>
        {(ctx.failedRules ?? []).map((f) => (
          <div className="check" key={f.rule}>
            <input
              type="checkbox"
              id={`ovr-${f.rule}`}
              checked={v.overrideRules.includes(f.rule)}
              onChange={(e) =>
                set({ overrideRules: e.target.checked ? [...v.overrideRules, f.rule] : v.overrideRules.filter((r) => r !== f.rule) })
              }
            />
            <label htmlFor={`ovr-${f.rule}`}>{f.label}</label>
          </div>
        ))}
      </fieldset>
    );
  return (
    <ActionForm
      title={title}
      decision={allowed.decision}
      caseId={ctx.caseId}
      session={ctx.session}
      sop={ctx.sop}
      lines={lines}
      submitLabel={title}
      disabled={missing}
      onSubmit={submit}
      onDone={ctx.onDone}
      testId={`decide-${allowed.decision}`}
    >
      {extra}
      {has('exclusions') && (
        <fieldset>
          <legend>{t('Kecualikan pegawai dari SK (dengan alasan)', 'Leave people out of the decree (with a reason)')}</legend>
          {(ctx.members ?? []).map((m) => {
            const on = v.exclusions[m.nip] !== undefined;
            return (
              <div key={m.nip}>
                <div className="check">
                  <input
                    type="checkbox"
                    id={`excl-${m.nip}`}
                    checked={on}
                    onChange={(e) => {
                      const next = { ...v.exclusions };
                      if (e.target.checked) next[m.nip] = '';
                      else delete next[m.nip];
                      set({ exclusions: next });
                    }}
                  />
                  <label htmlFor={`excl-${m.nip}`}>
                    {t('Kecualikan', 'Exclude')} {m.name} <span className="nip">{m.nip}</span>
                  </label>
                </div>
                {on && (
                  <TextField
                    label={`${t('Alasan pengecualian', 'Reason for leaving out')} ${m.name}`}
                    value={v.exclusions[m.nip] ?? ''}
                    onChange={(r) => set({ exclusions: { ...v.exclusions, [m.nip]: r } })}
                    required
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      {has('fillingMethod') && (
        <SelectField
          label={t('Cara pengisian yang disetujui', 'Filling method approved')}
          value={v.fillingMethod}
          onChange={(fillingMethod) => set({ fillingMethod })}
          options={FILLING_METHODS.map((m) => ({ value: m, label: fillingMethodLabel(m, lang) }))}
        />
      )}
      {has('competencyFit') && (
        <TextField
          label={t('Kesesuaian kompetensi (JPM, 0–100)', 'Competency fit (JPM, 0–100)')}
          value={v.jpm}
          onChange={(jpm) => set({ jpm })}
          inputMode="numeric"
          required
        />
      )}
      {has('decreeNumber') && (
        <TextField label={t('Nomor SK', 'Decree number')} value={v.decreeNumber} onChange={(d) => set({ decreeNumber: d })} required />
      )}
      {has('decreeDate') && (
        <TextField
          label={t('Tanggal SK', 'Decree date')}
          type="date"
          value={v.decreeDate}
          onChange={(d) => set({ decreeDate: d })}
          required
        />
      )}
      {has('effectiveDate') && (
        <TextField
          label={t('TMT (terhitung mulai tanggal)', 'Effective date (TMT)')}
          type="date"
          value={v.effectiveDate}
          onChange={(d) => set({ effectiveDate: d })}
          required
        />
      )}
      {(needsReason || fields.length > 0 || !offersEvidence) && (
        <TextField
          label={needsReason ? t('Alasan', 'Reason') : t('Alasan (tidak wajib)', 'Reason (optional)')}
          value={v.reason}
          onChange={(reason) => set({ reason })}
          multiline
          required={needsReason}
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
      {offersEvidence && (
        <FileField
          label={`${t('Dokumen', 'Document')}: ${title} (PDF)`}
          onChange={(file) => set({ file })}
          required={needsEvidence && !drafted}
        />
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={`${title}?`}
        body={
          <dl className="facts">
            {lines.map((l, i) => (
              <div key={i} className="pair">
                <dt>{l.label}</dt>
                <dd>{l.value}</dd>
              </div>
            ))}
          </dl>
        }
        confirmLabel={t(`Ya, ${title.toLowerCase()}`, `Yes, ${title.toLowerCase()}`)}
        onConfirm={() => answer(true)}
        onCancel={() => answer(false)}
      />
    </ActionForm>
  );
}
