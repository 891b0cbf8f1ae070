import { useState } from 'react';
import { z } from 'zod';
import { CASE_TYPE_LIST } from '@meritflow/contracts';
import { listSops } from '@meritflow/domain';
import { api, enc, uploadEvidence, type Session } from './api';
import { ConfirmDialog } from './confirm';
import { formatDate } from './dates';
import { FormSelect, FormText, applyServerErrors, fields, msg, useZodForm } from './forms';
import { useI18n } from './i18n';
import { stepLabel, statusLabel } from './labels';
import { useApiMutation, useApiQuery } from './query';
import { Refusal } from './refusal';

// SOP migration of running cases (four eyes), README "SOP migration of running cases": the first
// administrator lists the running cases an SOP version affects and asks to keep or migrate one case
// or a batch, citing the legal basis; a second administrator approves or rejects the batch.

/** The SOP ids whose running cases may be kept or migrated, from the case-type registry. */
const SOP_IDS = [...new Set(CASE_TYPE_LIST.filter((e) => e.acceptsSopMigration).flatMap((e) => e.sopIds))];
const versionsOf = (sopId: string) => listSops().filter((s) => s.id === sopId && !s.variant);

interface ImpactItem {
  caseId: string;
  caseType: string;
  agencyCode: string;
  title: string;
  sop: { id: string; version: string };
  step: string;
  status: string;
  migratable: boolean;
  toStep: string | null;
  refusal: { code: string; message: { id: string; en: string } } | null;
}
interface Impact {
  sop: { id: string; version: string };
  items: ImpactItem[];
  total: number;
}

/** A request of a case still waiting for its second administrator. */
interface Pending {
  batchId: string;
  caseId: string;
  title: string;
  outcome: string;
  toVersion: string;
  reason: string | null;
  requestedBy: string;
}

/** GET /v1/sop-migrations?status=pending: batches waiting for a second administrator, each with its cases. */
interface PendingBatches {
  items: {
    batchId: string;
    outcome: string;
    toVersion: string;
    reason: string | null;
    requestedBy: { id: string; name: string | null };
    cases: { caseId: string; title: string }[];
  }[];
  total: number;
}

const requestSchema = z.object({
  outcome: z.enum(['migrate', 'keep']),
  reason: fields.required(),
});

export function SopMigrations({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const [sopId, setSopId] = useState(SOP_IDS[0] ?? 'vacancy');
  const versions = versionsOf(sopId);
  const [toVersion, setToVersion] = useState('');
  const target = toVersion || versions.at(-1)?.version || '';
  const agencyParam = session.actor.agency && session.actor.agency !== '*' ? `&agencyCode=${enc(session.actor.agency)}` : '';
  const impactPath = `/v1/sop-migrations/impact?sopId=${enc(sopId)}&toVersion=${enc(target)}${agencyParam}`;
  const impact = useApiQuery<Impact>(['sop-migrations', 'impact', sopId, target], target ? impactPath : null, { everyMs: 3000 });
  const items = impact.data?.items ?? [];

  // The API lists the batches waiting for a second administrator (the ledger's request rows not yet decided).
  const pendingPath = `/v1/sop-migrations?status=pending&sopId=${enc(sopId)}&limit=200${agencyParam}`;
  const batches = useApiQuery<PendingBatches>(['sop-migrations', 'pending', sopId], pendingPath, { everyMs: 3000 });
  const pending: Pending[] = (batches.data?.items ?? []).flatMap((b) =>
    b.cases.map((c) => ({
      batchId: b.batchId,
      caseId: c.caseId,
      title: c.title,
      outcome: b.outcome,
      toVersion: b.toVersion,
      reason: b.reason,
      requestedBy: b.requestedBy.name ?? b.requestedBy.id,
    })),
  );
  const pendingIds = new Set(pending.map((p) => p.caseId));

  return (
    <section aria-labelledby="mig-h">
      <h1 id="mig-h">{t('Migrasi SOP kasus berjalan', 'SOP migration of running cases')}</h1>
      <p className="hint">
        {t(
          'Kasus berjalan tetap pada versi SOP-nya sampai dua administrator berbeda memutuskan: satu mengusulkan (tetap atau migrasi, dengan dasar hukum), yang lain menyetujui atau menolak.',
          'A running case keeps its SOP version until two different administrators decide: one asks (keep or migrate, with the legal basis), the other approves or rejects.',
        )}
      </p>
      <div className="row">
        <div className="field">
          <label htmlFor="mig-sop">{t('SOP', 'SOP')}</label>
          <select
            id="mig-sop"
            value={sopId}
            onChange={(e) => {
              setSopId(e.target.value);
              setToVersion('');
            }}
          >
            {SOP_IDS.map((id) => {
              const title = versionsOf(id).at(-1)?.title;
              return (
                <option key={id} value={id}>
                  {title ? (lang === 'id' ? title.id : title.en) : id}
                </option>
              );
            })}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mig-version">{t('Versi tujuan', 'Target version')}</label>
          <select id="mig-version" value={target} onChange={(e) => setToVersion(e.target.value)}>
            {versions.map((s) => (
              <option key={s.version} value={s.version}>
                {s.testOnly
                  ? `${s.version} ${t('(uji, tenggat singkat)', '(test, short timers)')}`
                  : `${s.version} (${t('berlaku', 'from')} ${formatDate(s.effectiveFrom, lang)})`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Refusal error={impact.error} />
      <Refusal error={batches.error} />
      <PendingRequests pending={pending} />
      <ImpactList items={items} pendingIds={pendingIds} sopId={sopId} target={target} lang={lang} />
    </section>
  );
}

function ImpactList(props: { items: ImpactItem[]; pendingIds: Set<string>; sopId: string; target: string; lang: 'id' | 'en' }) {
  const { t } = useI18n();
  const { items, lang } = props;
  const [chosen, setChosen] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const selectable = items.filter((i) => !props.pendingIds.has(i.caseId));
  const picked = chosen.filter((id) => selectable.some((i) => i.caseId === id));
  return (
    <section aria-labelledby="mig-impact-h">
      <h2 id="mig-impact-h">{t('Kasus berjalan yang terdampak', 'Running cases affected')}</h2>
      {items.length === 0 ? (
        <p data-testid="mig-empty">
          {t('Tidak ada kasus berjalan pada versi lain SOP ini.', 'No running case is on another version of this SOP.')}
        </p>
      ) : (
        <table className="cards" data-testid="mig-impact">
          <caption className="sr-only">{t('Kasus berjalan yang terdampak', 'Running cases affected')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Pilih', 'Select')}</th>
              <th scope="col">{t('Kasus', 'Case')}</th>
              <th scope="col">{t('Versi dan tahap', 'Version and step')}</th>
              <th scope="col">{t('Dapat dimigrasikan?', 'Can it migrate?')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <tr key={it.caseId} data-case={it.caseId}>
                <td data-label={t('Pilih', 'Select')}>
                  {props.pendingIds.has(it.caseId) ? (
                    <span>{t('Menunggu persetujuan', 'Awaiting approval')}</span>
                  ) : (
                    <input
                      type="checkbox"
                      aria-label={`${t('Pilih', 'Select')} ${it.caseId}`}
                      checked={picked.includes(it.caseId)}
                      onChange={(e) => setChosen((c) => (e.target.checked ? [...c, it.caseId] : c.filter((x) => x !== it.caseId)))}
                    />
                  )}
                </td>
                <td data-label={t('Kasus', 'Case')}>
                  {it.title}
                  <div className="sub id">{it.caseId}</div>
                </td>
                <td data-label={t('Versi dan tahap', 'Version and step')}>
                  {it.sop.version} · {stepLabel(it.step, lang, it.sop.id)} <span className="sub">({statusLabel(it.status, lang)})</span>
                </td>
                <td data-label={t('Dapat dimigrasikan?', 'Can it migrate?')} data-migratable={it.migratable}>
                  {it.migratable
                    ? `${t('Ya, ke tahap', 'Yes, to step')} ${stepLabel(it.toStep, lang, it.sop.id)}`
                    : `${t('Tidak', 'No')}: ${it.refusal ? (lang === 'id' ? it.refusal.message.id : it.refusal.message.en) : ''}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RequestForm
        caseIds={picked}
        items={items}
        target={props.target}
        onDone={(batchId) => {
          setChosen([]);
          setDone(batchId);
        }}
      />
      {done && (
        <p role="status" data-testid="mig-requested">
          {t('Usulan terkirim; menunggu administrator kedua. Batch', 'Request sent; awaiting a second administrator. Batch')}{' '}
          <code>{done}</code>
        </p>
      )}
    </section>
  );
}

function RequestForm(props: { caseIds: string[]; items: ImpactItem[]; target: string; onDone: (batchId: string) => void }) {
  const { t, lang } = useI18n();
  const form = useZodForm(requestSchema, { outcome: 'migrate', reason: '' });
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState(false);
  const [fileKey, setFileKey] = useState(0);
  const agencies = [...new Set(props.items.filter((i) => props.caseIds.includes(i.caseId)).map((i) => i.agencyCode))];
  const send = useApiMutation(
    async (v: z.output<typeof requestSchema>) => {
      const evidence = [await uploadEvidence(file!, 'dasar_hukum', agencies[0])];
      return api<{ batchId: string }>('POST', '/v1/sop-migrations', {
        caseIds: props.caseIds,
        outcome: v.outcome,
        toVersion: props.target,
        reason: v.reason,
        evidence,
      });
    },
    {
      invalidate: [['sop-migrations'], ['case']],
      onSuccess: (r) => {
        form.reset();
        setFile(null);
        setFileKey((k) => k + 1);
        props.onDone(r.batchId);
      },
      onError: (e) => applyServerErrors(form, e, lang),
    },
  );
  return (
    <form
      className="card"
      data-testid="mig-request"
      aria-labelledby="mig-req-h"
      onSubmit={form.handleSubmit((v) => {
        setFileError(!file);
        if (file && props.caseIds.length > 0 && agencies.length === 1) send.mutate(v);
      })}
    >
      <h2 id="mig-req-h">{t('Usulkan keputusan migrasi', 'Ask for a migration decision')}</h2>
      <p data-testid="mig-picked">
        {props.caseIds.length === 0
          ? t('Pilih satu kasus atau lebih pada daftar di atas.', 'Select one case or more in the list above.')
          : `${t('Kasus terpilih', 'Cases selected')}: ${props.caseIds.length} (${t('versi tujuan', 'target version')} ${props.target})`}
      </p>
      {agencies.length > 1 && (
        <p role="alert">{t('Satu usulan hanya untuk kasus dari satu instansi.', 'One request covers the cases of one agency only.')}</p>
      )}
      <FormSelect
        form={form}
        name="outcome"
        label={t('Keputusan yang diusulkan', 'Outcome asked for')}
        options={[
          { value: 'migrate', label: t('Migrasikan ke versi tujuan', 'Migrate to the target version') },
          { value: 'keep', label: t('Tetap pada versi sekarang', 'Keep on the current version') },
        ]}
      />
      <FormText
        form={form}
        name="reason"
        multiline
        label={t('Dasar hukum', 'Legal basis')}
        hint={t('Peraturan yang berubah, dalam kata-kata', 'The regulation that changed, in words')}
      />
      <div className="field">
        <label htmlFor="mig-file">{t('Dokumen dasar hukum (PDF atau gambar)', 'Legal basis document (PDF or image)')}</label>
        <input
          key={fileKey}
          id="mig-file"
          type="file"
          accept="application/pdf,image/*"
          aria-invalid={fileError || undefined}
          aria-describedby={fileError ? 'mig-file-err' : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {fileError && (
          <small id="mig-file-err" className="field-error" role="alert">
            {t('Unggah dokumen dasar hukum', 'Upload the legal basis document')}
          </small>
        )}
      </div>
      <button type="submit" disabled={props.caseIds.length === 0 || send.isPending}>
        {t('Kirim usulan', 'Send the request')}
      </button>
      <Refusal error={send.error} />
    </form>
  );
}

function PendingRequests({ pending }: { pending: Pending[] }) {
  const { t } = useI18n();
  const batches = [...new Set(pending.map((p) => p.batchId))].map((id) => pending.filter((p) => p.batchId === id));
  return (
    <section aria-labelledby="mig-pending-h">
      <h2 id="mig-pending-h">{t('Usulan menunggu persetujuan', 'Requests awaiting approval')}</h2>
      {batches.length === 0 ? (
        <p>{t('Tidak ada usulan yang menunggu.', 'No request is waiting.')}</p>
      ) : (
        batches.map((b) => <Batch key={b[0].batchId} cases={b} />)
      )}
    </section>
  );
}

const decideSchema = z.object({ reason: z.string().trim().min(1, msg('Tuliskan alasannya', 'Give the reason')) });

function Batch({ cases }: { cases: Pending[] }) {
  const { t, lang } = useI18n();
  const first = cases[0];
  const form = useZodForm(decideSchema, { reason: '' });
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const decide = useApiMutation(
    (v: { action: 'approve' | 'reject'; reason: string }) =>
      api('POST', `/v1/sop-migrations/${enc(first.batchId)}/${v.action}`, { reason: v.reason }),
    {
      invalidate: [['sop-migrations'], ['case']],
      onSuccess: (_r, v) => setDone(v.action),
      onError: (e) => applyServerErrors(form, e, lang),
    },
  );
  const submit = (action: 'approve' | 'reject') =>
    form.handleSubmit((v) => (action === 'reject' ? setConfirming(true) : decide.mutate({ action, reason: v.reason })))();
  return (
    <form className="card" data-testid="mig-batch" data-batch={first.batchId} onSubmit={(e) => e.preventDefault()}>
      <p>
        <strong>
          {first.outcome === 'keep'
            ? t('Tetap pada versi sekarang', 'Keep on the current version')
            : `${t('Migrasi ke versi', 'Migrate to version')} ${first.toVersion}`}
        </strong>
        {' · '}
        {t('diusulkan oleh', 'asked by')} {first.requestedBy}
      </p>
      <p>
        {t('Dasar hukum', 'Legal basis')}: {first.reason ?? '—'}
      </p>
      <ul>
        {cases.map((c) => (
          <li key={c.caseId}>
            {c.title} <code>{c.caseId}</code>
          </li>
        ))}
      </ul>
      <FormText form={form} name="reason" multiline label={t('Alasan keputusan', 'Reason for the decision')} />
      <div className="row">
        <button type="button" disabled={decide.isPending} onClick={() => void submit('approve')}>
          {t('Setujui', 'Approve')}
        </button>
        <button type="button" className="danger" disabled={decide.isPending} onClick={() => void submit('reject')}>
          {t('Tolak', 'Reject')}
        </button>
      </div>
      <Refusal error={decide.error} />
      {done && (
        <p role="status" data-testid="mig-decided">
          {done === 'approve'
            ? t('Disetujui; kasus bermigrasi.', 'Approved; the cases migrate.')
            : t('Ditolak; kasus tetap.', 'Rejected; the cases stay.')}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('Tolak usulan migrasi?', 'Reject the migration request?')}
        body={t('Kasus tetap pada versi SOP-nya.', 'The cases stay on their SOP version.')}
        confirmLabel={t('Tolak usulan', 'Reject the request')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          decide.mutate({ action: 'reject', reason: form.getValues('reason') });
        }}
      />
    </form>
  );
}
