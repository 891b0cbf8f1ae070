import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { DecisionView } from '@meritflow/domain';
import { ApiError, type Session } from './api';
import { decisionLabel, formatTime, roleLabel, stepLabel, useI18n, type Lang } from './i18n';

type T = (id: string, en: string) => string;

/** Plain words for each refusal code: what happened, and what to do next. */
function explain(e: ApiError, t: T, lang: Lang): { title: string; way: string; rule: string[] } {
  const d = e.details ?? {};
  const list = (v: unknown): string =>
    Array.isArray(v)
      ? v.map((x) => (typeof x === 'string' ? x : ((x as { decision?: string }).decision ?? JSON.stringify(x)))).join(', ')
      : '';
  const allowed = Array.isArray(d.allowed)
    ? (d.allowed as unknown[]).map((a) => (typeof a === 'string' ? a : (a as { decision: string }).decision))
    : [];
  // Codes stay machine-readable on the element (data-code); a person reads labels only.
  const rule: string[] = [];
  if (typeof d.step === 'string') rule.push(`${t('Tahap saat ini', 'Current step')}: ${stepLabel(d.step, lang)}`);
  if (typeof d.decision === 'string') rule.push(`${t('Keputusan yang dicoba', 'Decision tried')}: ${decisionLabel(d.decision, lang)}`);
  if (allowed.length)
    rule.push(`${t('Keputusan yang boleh sekarang', 'Decisions allowed now')}: ${allowed.map((a) => decisionLabel(a, lang)).join(', ')}`);
  if (Array.isArray(d.roles) && d.roles.length)
    rule.push(`${t('Peran yang diizinkan', 'Roles allowed')}: ${(d.roles as string[]).map((r) => roleLabel(r, lang)).join(', ')}`);
  if (typeof d.rule === 'string') rule.push(`${t('Aturan', 'Rule')}: ${d.rule}`);
  if (typeof d.ruleVersion === 'string') rule.push(`${t('Versi aturan', 'Rule version')}: ${d.ruleVersion}`);
  const stepWay = allowed.length
    ? t(
        `Kasus ada di tahap ${stepLabel(String(d.step ?? ''), 'id')}; sekarang hanya ${allowed.map((a) => decisionLabel(a, 'id')).join(', ')} yang boleh. Tunggu tahap yang sesuai atau minta pemegang peran yang berwenang.`,
        `The case is at step ${stepLabel(String(d.step ?? ''), 'en')}; only ${allowed.map((a) => decisionLabel(a, 'en')).join(', ')} may be taken now. Wait for the right step or ask whoever holds the role that may act.`,
      )
    : t(
        'Keputusan ini tidak dapat diambil pada tahap ini. Muat ulang kasus untuk melihat tahap dan tugas yang tertunda.',
        'This decision cannot be taken at this step. Reload the case to see its step and pending tasks.',
      );
  switch (e.code) {
    case 'UNAUTHENTICATED':
      return {
        title: t('Anda belum masuk atau sesi berakhir', 'You are not signed in or the session expired'),
        way: t('Masuk kembali, lalu ulangi.', 'Sign in again, then retry.'),
        rule,
      };
    case 'ACCESS_DENIED':
      return {
        title: t('Peran Anda tidak diizinkan', 'Your role is not allowed'),
        way: t(
          'Masuk dengan peran yang diizinkan, atau minta pejabat yang berwenang melakukannya.',
          'Sign in with an allowed role, or ask an official who holds it.',
        ),
        rule,
      };
    case 'ROLE_NOT_ALLOWED':
      return {
        title: t('SOP tidak memberi peran Anda langkah ini', 'The SOP does not give your role this step'),
        way: t(
          'Minta pemegang peran yang tertera untuk mengambil keputusan ini.',
          'Ask a holder of the role listed to take this decision.',
        ),
        rule,
      };
    case 'SEPARATION_OF_DUTIES':
      return {
        title: t(
          'Pemisahan tugas: orang yang sama tidak boleh memegang dua peran ini dalam satu kasus',
          'Separation of duties: one person may not hold both duties in one case',
        ),
        way: t('Keputusan ini harus diambil oleh orang lain yang berwenang.', 'Another authorised person must take this decision.'),
        rule,
      };
    case 'DECISION_NOT_ALLOWED':
      return { title: t('Belum waktunya atau sudah lewat tahapnya', 'Out of order for this step'), way: stepWay, rule };
    case 'ALREADY_DECIDED':
      return {
        title: t('Sudah diputuskan sebelumnya', 'Already decided'),
        way: t('Tidak perlu diulang; lihat linimasa kasus.', 'Nothing to repeat; see the case timeline.'),
        rule,
      };
    case 'RULE_BLOCKED':
      return {
        title: t('Ditolak oleh aturan', 'Blocked by a rule'),
        way: t('Penuhi syarat aturan yang disebut, lalu ajukan lagi.', 'Meet the rule named, then try again.'),
        rule,
      };
    case 'CONFLICT_OF_INTEREST':
      return {
        title: t('Anda menyatakan konflik kepentingan atas calon ini', 'You declared a conflict of interest for this candidate'),
        way: t('Anggota panitia lain yang tidak berkonflik yang menilai calon ini.', 'Members without a conflict score this candidate.'),
        rule,
      };
    case 'ACTOR_NOT_ASSIGNED':
      return {
        title: t('Anda tidak ditugaskan pada kasus atau calon ini', 'You are not assigned to this case or candidate'),
        way: t(
          'Hanya orang yang ditugaskan yang dapat bertindak; hubungi ketua panitia atau SDM.',
          'Only the assigned person may act; contact the committee chair or HR.',
        ),
        rule,
      };
    case 'VALIDATION_FAILED':
      return {
        title: t('Isian belum benar', 'Some fields are not right'),
        way: t(
          'Perbaiki isian yang disebut di atas, lalu kirim lagi. Tidak ada yang tercatat.',
          'Fix the fields listed above and send again. Nothing was recorded.',
        ),
        rule,
      };
    case 'DECISION_INCOMPLETE':
      return {
        title: t('Keputusan belum lengkap', 'The decision is incomplete'),
        way: t(
          'Lengkapi data atau bukti yang diminta SOP, lalu kirim lagi.',
          'Add the data or evidence the SOP requires, then send again.',
        ),
        rule,
      };
    case 'CASE_NOT_FOUND':
      return {
        title: t('Kasus tidak ditemukan', 'Case not found'),
        way: t('Periksa nomor kasus. Kasus instansi lain tidak terlihat.', 'Check the case id. Cases of other agencies are not visible.'),
        rule,
      };
    case 'CASE_ALREADY_EXISTS':
      return {
        title: t('Kasus dengan kode ini sudah berjalan', 'A case with this code is already running'),
        way: t('Gunakan kode lain, atau buka kasus yang sudah ada.', 'Use another code, or open the existing case.'),
        rule,
      };
    case 'EVIDENCE_NOT_FOUND':
      return {
        title: t('Dokumen bukti tidak ditemukan', 'Evidence not found'),
        way: t('Unggah ulang dokumennya.', 'Upload the document again.'),
        rule,
      };
    case 'VACANCY_NOT_READY':
      return {
        title: t('Lowongan belum siap', 'The vacancy is not ready'),
        way: t(
          'Lowongan harus disetujui PPK untuk seleksi terbuka terlebih dahulu.',
          'The PPK must first approve the vacancy for open selection.',
        ),
        rule,
      };
    case 'RATE_LIMITED':
      return {
        title: t('Terlalu banyak permintaan', 'Too many requests'),
        way: t(`Tunggu ${e.retryAfter ?? 'beberapa'} detik, lalu coba lagi.`, `Wait ${e.retryAfter ?? 'a few'} seconds, then retry.`),
        rule,
      };
    case 'DELEGATION_INVALID':
      return {
        title: t('Pendelegasian tidak berlaku', 'The delegation is not valid'),
        way: t(
          'Periksa masa berlaku pendelegasian, atau bertindak atas nama sendiri.',
          'Check the delegation period, or act in your own name.',
        ),
        rule,
      };
    case 'UPSTREAM_UNAVAILABLE':
      return {
        title: t('Layanan sementara tidak tersedia', 'A service is unavailable for now'),
        way: t('Coba lagi sebentar lagi. Tidak ada yang tercatat.', 'Retry in a moment. Nothing was recorded.'),
        rule,
      };
    default:
      return {
        title: t('Permintaan ditolak', 'The request was refused'),
        way: t('Periksa pesan di atas, lalu coba lagi.', 'Check the message above, then retry.'),
        rule,
      };
  }
}

/** Shows any error; an API refusal in plain words with its rule and the way forward. */
export function Refusal({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="refusal" role="alert">
        <strong>{t('Gagal', 'Failed')}:</strong> {String((error as Error)?.message ?? error)}
      </div>
    );
  }
  const x = explain(error, t, lang);
  const fields = Array.isArray(error.details.fields)
    ? (error.details.fields as { field: string; message?: { id: string; en: string } }[])
    : [];
  return (
    <div className="refusal" role="alert" data-code={error.code}>
      <p className="refusal-title">
        <strong>{t('Ditolak', 'Refused')}:</strong> {x.title}
      </p>
      <p>{lang === 'id' ? error.messages.id : error.messages.en}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>
              {f.message ? (lang === 'id' ? f.message.id : f.message.en) : t('Isian ini belum benar', 'This field is not right')}
            </li>
          ))}
        </ul>
      )}
      <p>
        <strong>{t('Aturan', 'Rule')}:</strong>{' '}
        {x.rule.length > 0 ? x.rule.join(' · ') : t('sebagaimana ditetapkan SOP kasus ini', "as the case's SOP sets it")}
      </p>
      <p>
        <strong>{t('Langkah selanjutnya', 'Way forward')}:</strong> {x.way}
      </p>
    </div>
  );
}

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
        <dd>{decisionLabel(decision, lang)}</dd>
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
  });
  const reload = useCallback(async () => {
    await q.refetch();
  }, [q.refetch]);
  return { data: q.data ?? null, error: q.error, loading: q.isPending, reload };
}

/** A ledger row as the API presents it; its evidence is read defensively, as whatever JSON was recorded. */
export type DecisionRow = Pick<
  DecisionView,
  'id' | 'workflowId' | 'sequence' | 'decision' | 'stepBefore' | 'stepAfter' | 'actor' | 'reason' | 'sop' | 'ruleVersion' | 'decidedAt'
> & {
  evidence: { uri: string; sha256: string; kind?: string; filename?: string; name?: string }[] | null;
};

/** The decision timeline: who, in what role, what, why, with what evidence, under which SOP. */
export function Timeline({ decisions, rootId }: { decisions: DecisionRow[]; rootId: string }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('Linimasa keputusan', 'Decision timeline')}</h2>
      {decisions.length === 0 ? (
        <p>{t('Belum ada keputusan tercatat.', 'No decision recorded yet.')}</p>
      ) : (
        <div className="table-wrap">
          <table className="timeline">
            <caption className="sr-only">
              {t('Setiap keputusan kasus ini dan alur turunannya', 'Every decision of this case and its child workflows')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Waktu', 'Time')}</th>
                <th scope="col">{t('Keputusan', 'Decision')}</th>
                <th scope="col">{t('Pelaku', 'Actor')}</th>
                <th scope="col">{t('Peran', 'Role')}</th>
                <th scope="col">{t('Alasan', 'Reason')}</th>
                <th scope="col">{t('Bukti', 'Evidence')}</th>
                <th scope="col">{t('SOP / aturan', 'SOP / rule')}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={`${d.workflowId}:${d.sequence}:${d.id}`}>
                  <td data-label={t('Waktu', 'Time')}>{formatTime(d.decidedAt, lang)}</td>
                  <td data-label={t('Keputusan', 'Decision')}>
                    <span data-decision={d.decision}>{decisionLabel(d.decision, lang)}</span>
                    {d.workflowId !== rootId && <div className="sub">{d.workflowId.slice(rootId.length + 1)}</div>}
                    <div className="sub">
                      {stepLabel(d.stepBefore, lang, d.sop.id)} → {stepLabel(d.stepAfter, lang, d.sop.id)}
                    </div>
                  </td>
                  <td data-label={t('Pelaku', 'Actor')}>
                    {d.actor.name ?? d.actor.id}
                    <div className="sub">{d.actor.id}</div>
                    {d.actor.actingFor && (
                      <div className="sub">
                        {t('atas nama', 'acting for')} {d.actor.actingFor.name ?? d.actor.actingFor.id}
                      </div>
                    )}
                  </td>
                  <td data-label={t('Peran', 'Role')}>{roleLabel(d.actor.role, lang)}</td>
                  <td data-label={t('Alasan', 'Reason')}>{d.reason ?? '—'}</td>
                  <td data-label={t('Bukti', 'Evidence')}>
                    {(d.evidence ?? []).length === 0
                      ? '—'
                      : (d.evidence ?? []).map((e) => (
                          <div key={e.uri}>
                            {e.kind ?? e.filename ?? e.uri} <code title={e.sha256}>{e.sha256?.slice(0, 12)}</code>
                          </div>
                        ))}
                  </td>
                  <td data-label={t('SOP / aturan', 'SOP / rule')}>
                    {d.sop.id}@{d.sop.version}
                    {d.ruleVersion && <div className="sub">{d.ruleVersion}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
