import { useState } from 'react';
import { listSops } from '@meritflow/domain';
import type { CaseListItem } from '@meritflow/contracts';
import { caseHref } from './case-list';
import { api, type Session } from './api';
import { roleLabel, useI18n } from './i18n';
import { competencyTypeLabel, fillingMethodLabel, positionClassLabel } from './labels';
import { ActionForm, Refusal, SelectField, TextField, useLoad } from './ui';

// Sign-in lives in signin.tsx; re-exported for the shell.
export { ROLES, SignIn } from './signin';

// The inbox and the case list live in inbox.tsx and case-list.tsx; re-exported for the pages that import them here.
export { Inbox } from './inbox';
export { Cases, caseHref } from './case-list';
export { EvidenceUpload } from './evidence-upload';
type CaseItem = CaseListItem;

const GOLONGAN = ['III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];
const POSITION_CLASSES = ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'functional'];
const FILLING = ['open_selection', 'talent_pool', 'mutation_rotation'];
const COMPETENCY_TYPES = ['managerial', 'technical', 'socio_cultural'];
/**
 * The open-selection versions HR may pin, read from the SOP registry (the senior chains' variants are
 * chosen by the post, not here); the server refuses test-only versions unless it allows them.
 */
export const SOP_VERSIONS = [
  { value: '', label: 'Versi berlaku / current version' },
  ...listSops()
    .filter((s) => s.id === 'open-selection' && !s.variant)
    .map((s) => ({
      value: s.version,
      label: s.testOnly
        ? `${s.version} (uji, tenggat singkat / test, short timers)`
        : `${s.version} (berlaku ${s.effectiveFrom} / from ${s.effectiveFrom})`,
    })),
];

/** HR proposes a vacancy; the PPK decides it. */
export function NewVacancy({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const [positionCode, setPositionCode] = useState('');
  const [title, setTitle] = useState('');
  const [unit, setUnit] = useState('');
  const [positionClass, setPositionClass] = useState('jpt_pratama');
  const [gradeMin, setGradeMin] = useState('IV/b');
  const [gradeMax, setGradeMax] = useState('IV/c');
  const [filling, setFilling] = useState('open_selection');
  const [reason, setReason] = useState('');
  const [comps, setComps] = useState([
    { type: 'managerial', name: 'integritas', level: '4' },
    { type: 'managerial', name: 'kerjasama', level: '4' },
    { type: 'technical', name: '', level: '4' },
  ]);
  const [created, setCreated] = useState<string | null>(null);
  const setComp = (i: number, k: 'type' | 'name' | 'level', v: string) =>
    setComps((cs) => cs.map((c, j) => (j === i ? { ...c, [k]: v } : c)));
  return (
    <section aria-labelledby="nv-h">
      <h1 id="nv-h">{t('Usulkan lowongan jabatan', 'Propose a vacancy')}</h1>
      <ActionForm
        title={t('Data lowongan', 'Vacancy details')}
        decision="propose"
        session={session}
        caseId={positionCode ? `vacancy:${agency}:${positionCode}` : undefined}
        lines={[
          { label: t('Jabatan', 'Post'), value: `${title || '—'} (${positionClassLabel(positionClass, lang)}, ${gradeMin}–${gradeMax})` },
          { label: t('Cara pengisian yang diminta', 'Filling method requested'), value: fillingMethodLabel(filling, lang) },
          { label: t('Alasan', 'Reason'), value: reason || '—' },
        ]}
        submitLabel={t('Usulkan lowongan', 'Propose the vacancy')}
        onSubmit={async () => {
          const res = await api<{ workflowId: string }>('POST', '/v1/vacancies', {
            agencyCode: agency,
            positionCode,
            title,
            organisationalUnit: unit,
            positionClass,
            gradeMin,
            gradeMax,
            requiredCompetencies: comps
              .filter((c) => c.name.trim())
              .map((c) => ({ type: c.type, name: c.name.trim(), level: Number(c.level) })),
            requestedFillingMethod: filling,
            ...(reason ? { reason } : {}),
          });
          setCreated(res.workflowId);
        }}
      >
        <p>
          {t('Instansi', 'Agency')}: <strong>{agency}</strong>
        </p>
        <TextField
          label={t('Kode jabatan', 'Position code')}
          value={positionCode}
          onChange={(v) => setPositionCode(v.toUpperCase())}
          hint={t('Huruf besar, angka, titik, garis bawah atau tanda hubung', 'Capitals, digits, dot, underscore or hyphen')}
          required
        />
        <TextField label={t('Nama jabatan', 'Post title')} value={title} onChange={setTitle} required />
        <TextField label={t('Unit organisasi', 'Organisational unit')} value={unit} onChange={setUnit} required />
        <SelectField
          label={t('Kelas jabatan', 'Post class')}
          value={positionClass}
          onChange={setPositionClass}
          options={POSITION_CLASSES.map((v) => ({ value: v, label: positionClassLabel(v, lang) }))}
        />
        <div className="row">
          <SelectField
            label={t('Golongan terendah', 'Lowest grade')}
            value={gradeMin}
            onChange={setGradeMin}
            options={GOLONGAN.map((v) => ({ value: v, label: v }))}
          />
          <SelectField
            label={t('Golongan tertinggi', 'Highest grade')}
            value={gradeMax}
            onChange={setGradeMax}
            options={GOLONGAN.map((v) => ({ value: v, label: v }))}
          />
        </div>
        <fieldset>
          <legend>{t('Kompetensi yang dipersyaratkan', 'Required competencies')}</legend>
          {comps.map((c, i) => (
            <div className="row" key={i}>
              <SelectField
                label={`${t('Jenis', 'Type')} ${i + 1}`}
                value={c.type}
                onChange={(v) => setComp(i, 'type', v)}
                options={COMPETENCY_TYPES.map((v) => ({ value: v, label: competencyTypeLabel(v, lang) }))}
              />
              <TextField label={`${t('Kompetensi', 'Competency')} ${i + 1}`} value={c.name} onChange={(v) => setComp(i, 'name', v)} />
              <TextField
                label={`${t('Level', 'Level')} ${i + 1}`}
                value={c.level}
                onChange={(v) => setComp(i, 'level', v)}
                inputMode="numeric"
              />
            </div>
          ))}
        </fieldset>
        <SelectField
          label={t('Cara pengisian', 'Filling method')}
          value={filling}
          onChange={setFilling}
          options={FILLING.map((v) => ({ value: v, label: fillingMethodLabel(v, lang) }))}
        />
        <TextField label={t('Alasan', 'Reason')} value={reason} onChange={setReason} multiline />
      </ActionForm>
      {created && (
        <p role="status">
          {t('Lowongan diusulkan:', 'Vacancy proposed:')} <a href={caseHref(created)}>{created}</a>
        </p>
      )}
    </section>
  );
}

/** HR opens an open selection for vacancies the PPK approved for it. */
export function NewSelection({ session }: { session: Session }) {
  const { t } = useI18n();
  const agency = session.actor.agency ?? '';
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('Seleksi Terbuka JPT Pratama');
  const [chosen, setChosen] = useState<string[]>([]);
  const [sopVersion, setSopVersion] = useState('');
  const [blind, setBlind] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const { data, error } = useLoad(() => api<{ items: CaseItem[] }>('GET', `/v1/vacancies?status=approved&limit=100`), []);
  return (
    <section aria-labelledby="ns-h">
      <h1 id="ns-h">{t('Buka seleksi terbuka', 'Open a selection')}</h1>
      <Refusal error={error} />
      <ActionForm
        title={t('Data seleksi', 'Selection details')}
        decision="open_selection"
        session={session}
        caseId={code ? `open-selection:${agency}:${code}` : undefined}
        lines={[
          { label: t('Lowongan yang diisi', 'Vacancies filled'), value: chosen.join(', ') || '—' },
          { label: t('Versi SOP', 'SOP version'), value: sopVersion || t('versi berlaku', 'current version') },
          {
            label: t('Penilaian tersamar', 'Blind scoring'),
            value: blind
              ? t('Ya: panitia dan asesor melihat kode peserta', 'Yes: the committee and assessors see candidate codes')
              : t('Tidak', 'No'),
          },
        ]}
        submitLabel={t('Buka seleksi', 'Open the selection')}
        disabled={chosen.length === 0}
        onSubmit={async () => {
          const res = await api<{ workflowId: string }>('POST', '/v1/selections', {
            agencyCode: agency,
            selectionCode: code,
            title,
            vacancyIds: chosen,
            ...(sopVersion ? { sopVersion } : {}),
            ...(blind ? { blindScoring: true } : {}),
          });
          setCreated(res.workflowId);
          location.hash = caseHref(res.workflowId);
        }}
      >
        <TextField label={t('Kode seleksi', 'Selection code')} value={code} onChange={(v) => setCode(v.toUpperCase())} required />
        <TextField label={t('Judul', 'Title')} value={title} onChange={setTitle} required />
        <fieldset>
          <legend>{t('Lowongan yang disetujui untuk seleksi terbuka', 'Vacancies approved for open selection')}</legend>
          {(data?.items ?? []).length === 0 && <p>{t('Belum ada lowongan yang disetujui.', 'No approved vacancy yet.')}</p>}
          {(data?.items ?? []).map((v) => (
            <div key={v.workflowId} className="check">
              <input
                type="checkbox"
                id={`vac-${v.workflowId}`}
                checked={chosen.includes(v.workflowId)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, v.workflowId] : c.filter((x) => x !== v.workflowId)))}
              />
              <label htmlFor={`vac-${v.workflowId}`}>
                {v.title} <code>{v.workflowId}</code>
              </label>
            </div>
          ))}
        </fieldset>
        <SelectField label={t('Versi SOP', 'SOP version')} value={sopVersion} onChange={setSopVersion} options={SOP_VERSIONS} />
        <div className="check">
          <input
            type="checkbox"
            id="ns-blind"
            checked={blind}
            aria-describedby="ns-blind-hint"
            onChange={(e) => setBlind(e.target.checked)}
          />
          <label htmlFor="ns-blind">{t('Penilaian tersamar (blind scoring)', 'Blind scoring')}</label>
        </div>
        <small id="ns-blind-hint" className="hint">
          {t(
            'Anggota panitia, ketua dan asesor melihat kode peserta (K-01, …), bukan NIP dan nama, sampai ketua menandatangani peringkat.',
            'Committee members, the chair and assessors see candidate codes (K-01, …), not NIPs and names, until the chair signs the ranking.',
          )}
        </small>
      </ActionForm>
      {created && <p role="status">{created}</p>}
    </section>
  );
}
