import { useState } from 'react';
import { registerFacts, type PersonProfile, type RegisterFacts } from '@meritflow/domain';
import { api, enc, type Session } from './api';
import { useI18n } from './i18n';
import { golonganLabel, postTypeLabel, predicateLabel } from './labels';
import { agencyParam, PersonPicker, REGISTER_READERS, type PersonSummary } from './people';
import { TextField } from './ui';

// The case forms' register-backed pickers: a candidate, a committee member, an assessor, filled
// from the agency's register. Shown only to roles that read the register; everyone can still type.

export const readsRegister = (session: Session): boolean => REGISTER_READERS.includes(session.role);

/** The facts eligibility reads about `nip`, from the register as of today. */
async function factsOf(session: Session, agencyCode: string, nip: string): Promise<RegisterFacts> {
  const scope = agencyParam(session, agencyCode);
  const profile = await api<PersonProfile>('GET', `/v1/register/people/${enc(nip)}${scope ? `?${scope}` : ''}`);
  return registerFacts(profile);
}

/** Picks a candidate from the register and hands back their facts, as the register holds them today. */
export function CandidatePicker({
  session,
  agencyCode,
  onPick,
}: {
  session: Session;
  agencyCode: string;
  onPick: (f: RegisterFacts) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  if (!readsRegister(session)) return null;
  return (
    <>
      <PersonPicker
        label={t('Cari pelamar di register', 'Find the candidate in the register')}
        session={session}
        agencyCode={agencyCode}
        onPick={(p: PersonSummary) => {
          setError(null);
          factsOf(session, agencyCode, p.nip).then(onPick, (e: unknown) => setError(String((e as Error).message ?? e)));
        }}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** What the register says about a picked candidate, in words, so the clerk sees what will be sent. */
export function FactsSummary({ facts, onClear }: { facts: RegisterFacts; onClear: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="preview" data-testid="register-facts">
      <p className="preview-title">
        {t('Data dari register', 'From the register')} ({t('versi', 'version')} {facts.registerVersion}, {facts.asOf})
      </p>
      <p>
        {golonganLabel(facts.golongan)} · {postTypeLabel(facts.currentPostType, lang)} {t('sejak', 'since')} {facts.currentPostSince ?? '—'}{' '}
        · {facts.education ?? '—'} ·{' '}
        {t(`${facts.cumulativeExperienceYears} tahun pengalaman`, `${facts.cumulativeExperienceYears} years' experience`)}
      </p>
      <p>
        {t('Predikat kinerja', 'Performance')}:{' '}
        {facts.performance.length ? facts.performance.map((p) => `${p.year} ${predicateLabel(p.predicate, lang)}`).join(', ') : '—'} ·{' '}
        {t('Hukuman disiplin', 'Sanctions')}: {facts.sanctions.length}
      </p>
      <button type="button" onClick={onClear}>
        {t('Isi manual', 'Fill in by hand')}
      </button>
    </div>
  );
}

/** A committee member picked from the register: an official of the agency, so internal. */
export function MemberPicker(props: {
  session: Session;
  agencyCode: string;
  index: number;
  onPick: (m: { id: string; name: string; affiliation: 'internal' }) => void;
}) {
  const { t } = useI18n();
  if (!readsRegister(props.session)) return null;
  return (
    <PersonPicker
      label={`${t('Cari anggota di register', 'Find the member in the register')} ${props.index + 1}`}
      session={props.session}
      agencyCode={props.agencyCode}
      onPick={(p) => props.onPick({ id: p.nip, name: p.name, affiliation: 'internal' })}
    />
  );
}

/** The assessors a screening assigns: picked from the register, or typed (an assessor from outside the agency). */
export function AssessorsField(props: {
  session: Session;
  agencyCode: string;
  subject: string;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const add = (id: string) => {
    const v = id.trim();
    if (v && !props.value.includes(v)) props.onChange([...props.value, v]);
  };
  return (
    <fieldset>
      <legend>
        {t('Asesor yang ditugaskan', 'Assessors assigned')} {props.subject}
      </legend>
      {props.value.length === 0 ? (
        <p className="sub">{t('Belum ada: asesor mana pun boleh menilai.', 'None yet: any assessor may assess.')}</p>
      ) : (
        <ul aria-label={`${t('Asesor', 'Assessors')} ${props.subject}`}>
          {props.value.map((id) => (
            <li key={id}>
              <code>{id}</code>{' '}
              <button type="button" onClick={() => props.onChange(props.value.filter((x) => x !== id))}>
                {t('Hapus', 'Remove')} {id}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        {readsRegister(props.session) && (
          <PersonPicker
            label={`${t('Cari asesor di register', 'Find an assessor in the register')} ${props.subject}`}
            session={props.session}
            agencyCode={props.agencyCode}
            onPick={(p) => add(p.nip)}
          />
        )}
        <TextField label={`${t('ID asesor', 'Assessor id')} ${props.subject}`} value={typed} onChange={setTyped} />
        <button
          type="button"
          onClick={() => {
            add(typed);
            setTyped('');
          }}
          disabled={!typed.trim()}
        >
          {t('Tambah asesor', 'Add the assessor')}
        </button>
      </div>
    </fieldset>
  );
}
