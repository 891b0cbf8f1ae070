import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { api, ApiError, download, enc, loadSession } from './api';
import { applyServerErrors, FormDate, FormText, fields, msg, useZodForm } from './forms';
import { useI18n } from './i18n';
import { Refusal } from './ui';

/** The decree the API drafted (GET/POST /v1/cases/{id}/decree): what the panel shows of it. */
export interface DecreeDraft {
  decreeNumber: string;
  decreeDate: string;
  effectiveDate: string;
  postCode: string | null;
  template: { id: string; version: string };
  evidence: { kind: string; uri: string; sha256: string };
  reproducible?: boolean;
  citedBy?: string[];
}

/** Today as a WIB calendar date (YYYY-MM-DD): a decree is dated in Indonesian time. */
const todayWib = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

const DATE_TEXT = (iso: string, lang: 'id' | 'en') =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** The stored PDF as a blob URL (the API wants the bearer token, so a plain link cannot fetch it). */
async function pdfUrl(path: string): Promise<string> {
  const s = loadSession();
  const headers: Record<string, string> = { Accept: 'application/pdf' };
  if (s) {
    headers.Authorization = `Bearer ${s.token}`;
    if (s.roles.length > 1 || s.sendRole) headers['X-Acting-Role'] = s.role;
  }
  const res = await fetch(`/api${path}`, { headers });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      code?: string;
      messages?: { id: string; en: string };
      details?: Record<string, unknown>;
    };
    throw new ApiError(
      res.status,
      body.code ?? 'INTERNAL',
      body.messages ?? { id: `Gagal (${res.status})`, en: `Failed (${res.status})` },
      body.details ?? {},
    );
  }
  return URL.createObjectURL(await res.blob());
}

/** Optional text of 2–`max` characters on one line, as the API takes it (left empty: not sent). */
const optionalLine = (min: number, max: number, rule = msg(`${min}–${max} karakter`, `${min}–${max} characters`)) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (v.length >= min && v.length <= max), rule);

/** The drafting form, as the API's DraftDecreeDto checks it. */
const draftSchema = z.object({
  decreeNumber: optionalLine(3, 120).refine(
    (v) => v === '' || /^[A-Za-z0-9][A-Za-z0-9./ _-]*$/.test(v),
    msg('Nomor SK: huruf, angka, . / _ - dan spasi', 'Decree number: letters, digits, . / _ - and spaces'),
  ),
  decreeDate: fields.date(),
  effectiveDate: fields.date(),
  place: z
    .string()
    .trim()
    .min(2, msg('Wajib diisi (minimal 2 huruf)', 'Required (2 letters at least)'))
    .max(100, msg('Paling banyak 100 karakter', 'At most 100 characters')),
  signatory: z.object({ office: optionalLine(2, 200), name: optionalLine(2, 200) }),
});

/**
 * "Buat SK / Cetak SK": drafts the decree (SK) of the case's appointing decision as a PDF, then
 * downloads or prints it. The draft is stored as evidence; its reference is shown to cite when the
 * decree is recorded (record_decree). For the case page: HR and the PPK draft, readers print.
 */
export function DecreePanel({
  caseId,
  postCode,
  canDraft,
  defaultPlace = '',
  onDrafted,
}: {
  caseId: string;
  /** Open selection filling several posts: the post whose appointment the SK decrees. */
  postCode?: string;
  /** HR and the PPK draft; auditors and oversight only read and print. */
  canDraft: boolean;
  defaultPlace?: string;
  onDrafted?: (d: DecreeDraft) => void;
}) {
  const { t, lang } = useI18n();
  const base = `/v1/cases/${enc(caseId)}/decree`;
  const query = postCode ? `?postCode=${encodeURIComponent(postCode)}` : '';
  const [draft, setDraft] = useState<DecreeDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useZodForm(draftSchema, {
    decreeNumber: '',
    decreeDate: todayWib(),
    effectiveDate: todayWib(),
    place: defaultPlace,
    signatory: { office: '', name: '' },
  });
  const frame = useRef<HTMLIFrameElement>(null);

  const load = useCallback(async () => {
    try {
      setDraft(await api<DecreeDraft>('GET', `${base}${query}`));
    } catch (e) {
      // Nothing drafted yet is the ordinary start, not an error.
      if (!(e instanceof ApiError && e.code === 'DECREE_NOT_FOUND')) setError(e);
    }
  }, [base, query]);
  useEffect(() => {
    void load();
  }, [load]);

  // Validated by the schema first (nothing is sent while a field is marked); a refusal naming a field
  // is shown on that field, any other refusal below the form.
  const submit = form.handleSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const signatory = {
        ...(v.signatory.office ? { office: v.signatory.office } : {}),
        ...(v.signatory.name ? { name: v.signatory.name } : {}),
      };
      const made = await api<DecreeDraft>('POST', base, {
        ...(postCode ? { postCode } : {}),
        ...(v.decreeNumber ? { decreeNumber: v.decreeNumber } : {}),
        decreeDate: v.decreeDate,
        effectiveDate: v.effectiveDate,
        place: v.place,
        ...(Object.keys(signatory).length ? { signatory } : {}),
      });
      setDraft(made);
      onDrafted?.(made);
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) setError(e);
    } finally {
      setBusy(false);
    }
  });

  async function print() {
    setError(null);
    try {
      const url = await pdfUrl(`${base}.pdf${query}`);
      const f = frame.current!;
      f.onload = () => f.contentWindow?.print();
      f.src = url;
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="decree-h" className="card" data-testid="decree-panel">
      <h2 id="decree-h">{t('Surat Keputusan (SK)', 'Decree (SK)')}</h2>
      {draft ? (
        <dl className="facts" data-testid="decree-draft">
          <dt>{t('Nomor SK', 'Decree number')}</dt>
          <dd>{draft.decreeNumber}</dd>
          <dt>{t('Tanggal SK / TMT', 'Decree date / effective')}</dt>
          <dd>
            {DATE_TEXT(draft.decreeDate, lang)} / {DATE_TEXT(draft.effectiveDate, lang)}
          </dd>
          <dt>{t('Templat', 'Template')}</dt>
          <dd>
            {draft.template.id} {t('versi', 'version')} {draft.template.version}
          </dd>
          <dt>{t('Sidik (SHA-256)', 'Fingerprint (SHA-256)')}</dt>
          <dd className="id">{draft.evidence.sha256}</dd>
          {draft.reproducible !== undefined && (
            <>
              <dt>{t('Dapat dibuat ulang sama persis', 'Renders again identically')}</dt>
              <dd>{draft.reproducible ? t('ya', 'yes') : t('TIDAK', 'NO')}</dd>
            </>
          )}
          <dt>{t('Dirujuk keputusan', 'Cited by decisions')}</dt>
          <dd>
            {draft.citedBy?.length
              ? draft.citedBy.length
              : t('belum: rujuk SK ini sebagai bukti saat mencatat SK', 'not yet: cite this decree as evidence when recording it')}
          </dd>
        </dl>
      ) : (
        <p className="sub">{t('Belum ada SK yang dibuat untuk kasus ini.', 'No decree has been drafted for this case yet.')}</p>
      )}
      {draft && (
        <div className="row">
          <button type="button" onClick={() => void print()}>
            {t('Cetak SK', 'Print decree')}
          </button>
          <button
            type="button"
            onClick={() =>
              void download(`${base}.pdf${query}`, `SK-${draft.decreeNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`).catch(setError)
            }
          >
            {t('Unduh PDF', 'Download PDF')}
          </button>
        </div>
      )}
      {canDraft && (
        <form onSubmit={(e) => void submit(e)} aria-label={t('Buat SK', 'Draft the decree')} noValidate>
          <FormText
            form={form}
            name="decreeNumber"
            label={t('Nomor SK (kosongkan untuk penomoran otomatis)', 'Decree number (leave empty to number it automatically)')}
          />
          <FormDate form={form} name="decreeDate" label={t('Tanggal SK', 'Decree date')} />
          <FormDate form={form} name="effectiveDate" label={t('TMT (terhitung mulai tanggal)', 'Effective date (TMT)')} />
          <FormText form={form} name="place" label={t('Ditetapkan di', 'Signed at (place)')} />
          <FormText
            form={form}
            name="signatory.office"
            label={t('Jabatan penandatangan (mis. Bupati Sleman)', 'Signatory’s office (e.g. Bupati Sleman)')}
          />
          <FormText form={form} name="signatory.name" label={t('Nama penandatangan', 'Signatory’s name')} />
          <button type="submit" disabled={busy} aria-busy={busy}>
            {draft ? t('Buat ulang SK', 'Draft the decree again') : t('Buat SK', 'Draft the decree')}
          </button>
        </form>
      )}
      {error !== null && <Refusal error={error} />}
      <iframe ref={frame} title={t('SK untuk dicetak', 'Decree to print')} hidden />
    </section>
  );
}
