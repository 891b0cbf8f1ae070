import { useState } from 'react';
import { api, type Session } from './api';
import { useI18n } from './i18n';
import { fromRegister, PostFields, type PostDraft } from './move-new';
import { moveKindLabel } from './labels';
import { PersonPicker, type PersonSummary } from './people';
import { ActionForm, DateField, SelectField, TextField } from './ui';

interface Row {
  person: PersonSummary;
  kind: 'rotation' | 'mutation';
  from: PostDraft;
  to: PostDraft;
}

/** HR proposes a collective decree: people picked from the register one by one, each with the post they enter. */
export function NewBulkMove({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const [batchCode, setBatchCode] = useState('');
  const [title, setTitle] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [draft, setDraft] = useState<Row | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const complete = (r: Row) => !!(r.to.positionCode && r.to.regionCode && r.from.positionCode && r.from.regionCode);
  return (
    <section aria-labelledby="nb-h">
      <h1 id="nb-h">{t('Usulkan mutasi/rotasi massal', 'Propose a bulk move')}</h1>
      <ActionForm
        title={t('SK kolektif', 'Collective decree')}
        decision="propose_batch"
        session={session}
        caseId={batchCode ? `bulk-move:${agency}:${batchCode}` : undefined}
        lines={[
          { label: t('Judul', 'Title'), value: title || '—' },
          {
            label: t('Pegawai', 'People'),
            value: rows.length ? rows.map((r) => `${r.person.name}: ${r.from.positionCode} → ${r.to.positionCode}`).join('; ') : '—',
          },
          {
            label: t('Aturan', 'Rules'),
            value: t('diperiksa per pegawai, per rencana TMT', 'checked person by person, as of the intended date'),
          },
        ]}
        submitLabel={t(`Usulkan ${rows.length} pegawai`, `Propose ${rows.length} people`)}
        disabled={rows.length === 0 || !batchCode || title.trim().length < 3}
        onSubmit={async () => {
          const res = await api<{ workflowId: string }>('POST', '/v1/bulk-moves', {
            agencyCode: agency,
            batchCode,
            title: title.trim(),
            moves: rows.map((r) => ({
              kind: r.kind,
              scope: 'intra_agency',
              atOwnRequest: false,
              person: { nip: r.person.nip },
              from: r.from,
              to: r.to,
              ...(date ? { intendedEffectiveDate: date } : {}),
            })),
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          });
          setCreated(res.workflowId);
        }}
        testId="propose-bulk-move"
      >
        <p>
          {t('Instansi', 'Agency')}: <strong>{agency}</strong>
        </p>
        <div className="row">
          <TextField
            label={t('Kode SK kolektif', 'Batch code')}
            value={batchCode}
            onChange={(v) => setBatchCode(v.toUpperCase())}
            hint="SK-ROTASI-2026-12"
            required
          />
          <TextField label={t('Judul', 'Title')} value={title} onChange={setTitle} required />
          <TextField
            label={t('Kode wilayah', 'Region code')}
            value={regionCode}
            onChange={(v) => setRegionCode(v.toUpperCase())}
            required
          />
          <DateField label={t('Rencana TMT', 'Intended effective date')} value={date} onChange={setDate} />
        </div>
        <fieldset>
          <legend>{t('Tambah pegawai', 'Add a person')}</legend>
          <PersonPicker
            label={t('Cari pegawai di register', 'Find the official in the register')}
            session={session}
            agencyCode={agency}
            onPick={(p) => {
              const from = fromRegister(p, agency, regionCode);
              setDraft({ person: p, kind: 'rotation', from, to: { ...from, positionCode: '' } });
            }}
          />
          {draft && (
            <div data-testid="bulk-draft">
              <p>
                {draft.person.name} <span className="nip">{draft.person.nip}</span> · {draft.from.positionCode || '—'}
              </p>
              <SelectField
                label={t('Jenis', 'Kind')}
                value={draft.kind}
                onChange={(k) => setDraft({ ...draft, kind: k as Row['kind'] })}
                options={(['rotation', 'mutation'] as const).map((k) => ({ value: k, label: moveKindLabel(k, lang) }))}
              />
              <PostFields
                legend={t('Jabatan tujuan', 'Post entered')}
                post={draft.to}
                onChange={(to) => setDraft({ ...draft, to })}
                id="bulk-to"
              />
              <button
                type="button"
                disabled={!complete(draft) || rows.some((r) => r.person.nip === draft.person.nip)}
                onClick={() => {
                  setRows((rs) => [...rs, draft]);
                  setDraft(null);
                }}
              >
                {t('Tambahkan ke SK', 'Add to the decree')}
              </button>
            </div>
          )}
        </fieldset>
        {rows.length > 0 && (
          <ul aria-label={t('Pegawai dalam SK', 'People in the decree')} data-testid="bulk-rows">
            {rows.map((r) => (
              <li key={r.person.nip}>
                {r.person.name} <span className="nip">{r.person.nip}</span>: {r.from.positionCode} → {r.to.positionCode}{' '}
                <button
                  type="button"
                  onClick={() => setRows((rs) => rs.filter((x) => x !== r))}
                  aria-label={`${t('Hapus', 'Remove')} ${r.person.name}`}
                >
                  {t('Hapus', 'Remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <TextField label={t('Alasan', 'Reason')} value={reason} onChange={setReason} multiline />
      </ActionForm>
      {created && (
        <p role="status">
          {t('Usulan dicatat:', 'Proposal recorded:')} <a href={`#/case/${encodeURIComponent(created)}`}>{created}</a>
        </p>
      )}
    </section>
  );
}
