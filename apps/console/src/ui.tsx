import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Session } from './api';
import { DateInput } from './date-field';
import { decisionLabel, roleLabel, useI18n } from './i18n';

// Refusals are explained in refusal.tsx; re-exported for the pages that import them here.
import { Refusal } from './refusal';
export { Refusal };

export interface PreviewLine {
  label: string;
  value: ReactNode;
}

/** States what a click will record, before the click. */
export function RecordPreview({
  decision,
  caseId,
  session,
  sop,
  lines,
}: {
  decision: string;
  caseId?: string;
  session: Session;
  sop?: { id: string; version: string };
  lines?: PreviewLine[];
}) {
  const { t, lang } = useI18n();
  return (
    <div className="preview" aria-label={t('Yang akan dicatat', 'What will be recorded')}>
      <p className="preview-title">{t('Yang akan dicatat di buku besar keputusan', 'What will be recorded in the decision ledger')}</p>
      <dl>
        <dt>{t('Keputusan', 'Decision')}</dt>
        <dd>{decisionLabel(decision, lang, sop?.id)}</dd>
        {caseId && (
          <>
            <dt>{t('Kasus', 'Case')}</dt>
            <dd>
              <code>{caseId}</code>
            </dd>
          </>
        )}
        <dt>{t('Oleh', 'By')}</dt>
        <dd>
          {session.actor.name ?? session.actor.id} ({session.actor.id}), {roleLabel(session.role, lang)}
        </dd>
        {sop && (
          <>
            <dt>SOP</dt>
            <dd>
              {sop.id}@{sop.version}
            </dd>
          </>
        )}
        {(lines ?? []).map((l, i) => (
          <div key={i} className="pair">
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
        <dt>{t('Waktu', 'Time')}</dt>
        <dd>
          {t(
            'saat Anda menekan tombol; catatan tidak dapat diubah atau dihapus',
            'when you click; the record can never be changed or deleted',
          )}
        </dd>
      </dl>
    </div>
  );
}

/** A form that takes one decision: preview, one submit button, its refusal or its success. */
export function ActionForm(props: {
  title: string;
  decision: string;
  caseId?: string;
  session: Session;
  sop?: { id: string; version: string };
  lines?: PreviewLine[];
  submitLabel: string;
  onSubmit: () => Promise<unknown>;
  onDone?: () => void;
  children?: ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const headingId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await props.onSubmit();
      setDone(true);
      props.onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="action" aria-labelledby={headingId} data-testid={props.testId}>
      <h3 id={headingId}>{props.title}</h3>
      <form onSubmit={submit}>
        {props.children}
        <RecordPreview decision={props.decision} caseId={props.caseId} session={props.session} sop={props.sop} lines={props.lines} />
        <button type="submit" disabled={busy || props.disabled} aria-busy={busy}>
          {busy ? t('Mengirim…', 'Sending…') : props.submitLabel}
        </button>
        <div aria-live="polite">
          {done && !error && (
            <p className="ok" role="status">
              {t('Tercatat.', 'Recorded.')}
            </p>
          )}
        </div>
        <Refusal error={error} />
      </form>
    </section>
  );
}

/** A labelled field. */
export function Field({
  label,
  hint,
  error,
  children,
  id,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (id: string, describedBy?: string) => ReactNode;
  id?: string;
}) {
  const auto = useId();
  const fid = id ?? auto;
  const hintId = hint ? `${fid}-hint` : undefined;
  const errId = error ? `${fid}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      {children(fid, describedBy)}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  error?: string | null;
  type?: string;
  required?: boolean;
  multiline?: boolean;
  inputMode?: 'numeric' | 'text';
  name?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(id, describedBy) =>
        props.multiline ? (
          <textarea
            id={id}
            name={props.name}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={props.error ? true : undefined}
            required={props.required}
            rows={3}
          />
        ) : (
          <input
            id={id}
            name={props.name}
            type={props.type ?? 'text'}
            inputMode={props.inputMode}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={props.error ? true : undefined}
            required={props.required}
          />
        )
      }
    </Field>
  );
}

/** A date (date-field.tsx): shown "6 Desember 2026", typed or picked from a calendar, held as YYYY-MM-DD. */
export function DateField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  error?: string | null;
  required?: boolean;
  min?: string;
  max?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(id, describedBy) => (
        <DateInput
          id={id}
          label={props.label}
          value={props.value}
          onChange={props.onChange}
          required={props.required}
          min={props.min}
          max={props.max}
          describedBy={describedBy}
          invalid={Boolean(props.error)}
        />
      )}
    </Field>
  );
}

export function SelectField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint}>
      {(id, describedBy) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-describedby={describedBy}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A document to upload as evidence when the form is sent. */
export function FileField({
  label,
  onChange,
  required,
  hint,
}: {
  label: string;
  onChange: (f: File | null) => void;
  required?: boolean;
  hint?: string;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          required={required}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}

/**
 * Loads data through TanStack Query, keyed by this component instance and `deps`, and polls every
 * `everyMs` while mounted. The older pages' shape ({ data, error, loading, reload }); new code calls
 * useApiQuery (query.ts) with a named key so mutations can invalidate it.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], everyMs?: number) {
  const instance = useId();
  const loadRef = useRef(load);
  loadRef.current = load;
  const q = useQuery<T>({
    queryKey: ['load', instance, ...deps],
    queryFn: () => loadRef.current(),
    refetchInterval: everyMs,
    // As the hand-written hook did: a page left open behind another keeps following its case.
    refetchIntervalInBackground: true,
  });
  const reload = useCallback(async () => {
    await q.refetch();
  }, [q.refetch]);
  return { data: q.data ?? null, error: q.error, loading: q.isPending, reload };
}

// The decision timeline lives in timeline.tsx; re-exported for the pages that import it here.
export { Timeline, type DecisionRow } from './timeline';
export { TableWrap } from './table-wrap';
