import { useState } from 'react';
import { z } from 'zod';
import { EVIDENCE_KIND_PATTERN } from '@meritflow/domain';
import { uploadEvidence, type EvidenceRef, type Session } from './api';
import { FormText, applyServerErrors, msg, useZodForm } from './forms';
import { useI18n } from './i18n';
import { useApiMutation } from './query';
import { Refusal } from './refusal';

const schema = z.object({
  kind: z
    .string()
    .trim()
    .regex(
      EVIDENCE_KIND_PATTERN,
      msg(
        'Diawali huruf kecil; lalu huruf kecil, angka atau garis bawah',
        'Starts with a lower-case letter; then lower-case letters, digits or underscores',
      ),
    ),
});

/** Upload a document; its reference (URI and SHA-256) is what a decision cites. */
export function EvidenceUpload({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const form = useZodForm(schema, { kind: 'nota_dinas' });
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState(false);
  const [refs, setRefs] = useState<EvidenceRef[]>([]);
  const agency = session.actor.agency ?? '';
  const upload = useApiMutation((v: z.output<typeof schema>) => uploadEvidence(file!, v.kind, agency), {
    onSuccess: (ref) => setRefs((r) => [ref, ...r]),
    onError: (e) => applyServerErrors(form, e, lang),
  });
  return (
    <section aria-labelledby="ev-h" className="card">
      <h1 id="ev-h">{t('Unggah dokumen bukti', 'Upload evidence')}</h1>
      <form
        onSubmit={form.handleSubmit((v) => {
          setFileError(!file);
          if (file) upload.mutate(v);
        })}
      >
        <FormText
          form={form}
          name="kind"
          label={t('Jenis dokumen', 'Document kind')}
          hint={t('mis. sk_pansel, pengumuman, ba_seleksi_administrasi', 'e.g. sk_pansel, pengumuman, ba_seleksi_administrasi')}
        />
        <div className="field">
          <label htmlFor="ev-file">{t('Berkas (PDF atau gambar)', 'File (PDF or image)')}</label>
          <input
            id="ev-file"
            type="file"
            accept="application/pdf,image/*"
            aria-invalid={fileError || undefined}
            aria-describedby={fileError ? 'ev-file-err' : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {fileError && (
            <small id="ev-file-err" className="field-error" role="alert">
              {t('Pilih berkas', 'Choose a file')}
            </small>
          )}
        </div>
        <p className="hint">
          {t(
            'Mengunggah menyimpan berkas dan sidik SHA-256-nya; belum ada keputusan yang dicatat.',
            'Uploading stores the file and its SHA-256; no decision is recorded yet.',
          )}
        </p>
        <button type="submit" disabled={upload.isPending}>
          {t('Unggah', 'Upload')}
        </button>
        <Refusal error={upload.error} />
      </form>
      {refs.length > 0 && (
        <ul aria-label={t('Dokumen terunggah', 'Uploaded documents')} data-testid="evidence-uploaded">
          {refs.map((r) => (
            <li key={r.uri}>
              <code>{r.uri}</code> SHA-256 <code>{r.sha256}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
