import { useState } from 'react';
import { caseHref } from './case-list';
import { api, type Session } from './api';
import { useI18n } from './i18n';
import { competencyTypeLabel, fillingMethodLabel, positionClassLabel } from './labels';
import { ActionForm, SelectField, TextField } from './ui';

// Sign-in lives in signin.tsx; re-exported for the shell.
export { ROLES, SignIn } from './signin';

// The inbox and the case list live in inbox.tsx and case-list.tsx; re-exported for the pages that import them here.
export { Inbox } from './inbox';
export { Cases, caseHref } from './case-list';
export { EvidenceUpload } from './evidence-upload';
export { NewSelection } from './new-selection';
export { SOP_VERSIONS } from './sop-versions';

const GOLONGAN = ['III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];
const POSITION_CLASSES = ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'functional'];
const FILLING = ['open_selection', 'talent_pool', 'mutation_rotation'];
const COMPETENCY_TYPES = ['managerial', 'technical', 'socio_cultural'];

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
