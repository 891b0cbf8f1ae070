import { useState } from 'react';
import { api, type Session } from './api';
import { useI18n } from './i18n';
import { MOVE_KIND_CODES, moveKindLabel, POST_CLASS_CODES, postClassLabel, SCOPE_CODES, scopeLabel } from './labels';
import { PersonPicker, type PersonSummary } from './people';
import { ActionForm, DateField, SelectField, TextField } from './ui';

// HR opens a move (mutation, rotation, talent promotion) or a bulk move from the console. The moved
// officials are picked from the agency's register: the API reads their name, grade, tenure and
// sanctions from it, so the form sends the NIP and the posts only.

export interface PostDraft {
  agencyCode: string;
  regionCode: string;
  positionCode: string;
  positionClass: string;
  level: string;
}

const classOf = (postType: string | null): string =>
  postType && (POST_CLASS_CODES as string[]).includes(postType) ? postType : postType?.startsWith('jf') ? 'functional' : 'pelaksana';

/** The post a picked official holds now, as the register says. */
export const fromRegister = (p: PersonSummary, agencyCode: string, regionCode: string): PostDraft => ({
  agencyCode,
  regionCode,
  positionCode: p.postCode ?? '',
  positionClass: classOf(p.postType),
  level: p.postType ?? classOf(p.postType),
});

const emptyPost = (agencyCode: string): PostDraft => ({
  agencyCode,
  regionCode: '',
  positionCode: '',
  positionClass: 'administrator',
  level: 'administrator',
});

/** The fields of one post (left or entered). */
export function PostFields({
  legend,
  post,
  onChange,
  id,
}: {
  legend: string;
  post: PostDraft;
  onChange: (p: PostDraft) => void;
  id: string;
}) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<PostDraft>) => onChange({ ...post, ...patch });
  return (
    <fieldset className="row" data-testid={id}>
      <legend>{legend}</legend>
      <TextField
        label={`${t('Kode instansi', 'Agency code')} (${legend})`}
        value={post.agencyCode}
        onChange={(v) => set({ agencyCode: v.toUpperCase() })}
        required
      />
      <TextField
        label={`${t('Kode wilayah', 'Region code')} (${legend})`}
        value={post.regionCode}
        onChange={(v) => set({ regionCode: v.toUpperCase() })}
        required
      />
      <TextField
        label={`${t('Kode jabatan', 'Position code')} (${legend})`}
        value={post.positionCode}
        onChange={(v) => set({ positionCode: v.toUpperCase() })}
        required
      />
      <SelectField
        label={`${t('Kelas jabatan', 'Post class')} (${legend})`}
        value={post.positionClass}
        onChange={(v) => set({ positionClass: v, level: v })}
        options={POST_CLASS_CODES.map((c) => ({ value: c, label: postClassLabel(c, lang) }))}
      />
    </fieldset>
  );
}

const TALENT_FIELDS = [
  ['performanceMain', 'Kinerja utama (0–100)', 'Performance, main (0–100)'],
  ['performanceSupporting', 'Kinerja pendukung (0–100)', 'Performance, supporting (0–100)'],
  ['competency', 'Kompetensi (0–100)', 'Competency (0–100)'],
  ['potential', 'Potensi (0–100)', 'Potential (0–100)'],
  ['qualification', 'Kualifikasi (0–100)', 'Qualification (0–100)'],
  ['integrity', 'Integritas (0–100)', 'Integrity (0–100)'],
] as const;
type TalentKey = (typeof TALENT_FIELDS)[number][0];

/** HR proposes one move; a talent promotion carries the talent inputs and the vacancy it fills. */
export function NewMove({ session, kind: initialKind = 'mutation' }: { session: Session; kind?: string }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const [kind, setKind] = useState(initialKind);
  const [scope, setScope] = useState('intra_agency');
  const [atOwnRequest, setAtOwnRequest] = useState(false);
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [from, setFrom] = useState<PostDraft>(emptyPost(agency));
  const [to, setTo] = useState<PostDraft>(emptyPost(agency));
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [vacancyId, setVacancyId] = useState('');
  const [talent, setTalent] = useState<Record<TalentKey, string>>(
    Object.fromEntries(TALENT_FIELDS.map(([k]) => [k, ''])) as Record<TalentKey, string>,
  );
  const [created, setCreated] = useState<string | null>(null);
  const isTalent = kind === 'talent_promotion';
  const talentMissing = isTalent && Object.values(talent).some((v) => v.trim() === '');
  const postMissing = (p: PostDraft) => !p.agencyCode || !p.regionCode || !p.positionCode;
  return (
    <section aria-labelledby="nm-h">
      <h1 id="nm-h">
        {isTalent ? t('Usulkan promosi talenta', 'Propose a talent promotion') : t('Usulkan mutasi atau rotasi', 'Propose a move')}
      </h1>
      <ActionForm
        title={t('Data usulan', 'The proposal')}
        decision="propose"
        session={session}
        caseId={person ? `move:${to.agencyCode}:${person.nip}` : undefined}
        lines={[
          { label: t('Pegawai', 'Official'), value: person ? `${person.name} (${person.nip})` : '—' },
          { label: t('Jenis / cakupan', 'Kind / scope'), value: `${moveKindLabel(kind, lang)} · ${scopeLabel(scope, lang)}` },
          { label: t('Dari → ke', 'From → to'), value: `${from.positionCode || '?'} → ${to.positionCode || '?'}` },
          {
            label: t('Aturan', 'Rules'),
            value: t('diperiksa otomatis per rencana TMT saat usulan dicatat', 'checked at once as of the intended effective date'),
          },
        ]}
        submitLabel={t('Usulkan', 'Propose')}
        disabled={!person || postMissing(from) || postMissing(to) || talentMissing}
        onSubmit={async () => {
          const res = await api<{ workflowId: string }>('POST', '/v1/moves', {
            kind,
            scope,
            atOwnRequest,
            person: { nip: person!.nip },
            from,
            to,
            ...(date ? { intendedEffectiveDate: date } : {}),
            ...(reason.trim() ? { reason: reason.trim() } : {}),
            ...(isTalent
              ? {
                  talent: {
                    ...(vacancyId.trim() ? { vacancyId: vacancyId.trim() } : {}),
                    ...Object.fromEntries(Object.entries(talent).map(([k, v]) => [k, Number(v)])),
                  },
                }
              : {}),
          });
          setCreated(res.workflowId);
        }}
        testId="propose-move"
      >
        <div className="row">
          <SelectField
            label={t('Jenis pemindahan', 'Kind of move')}
            value={kind}
            onChange={setKind}
            options={MOVE_KIND_CODES.map((k) => ({ value: k, label: moveKindLabel(k, lang) }))}
          />
          <SelectField
            label={t('Cakupan', 'Scope')}
            value={scope}
            onChange={setScope}
            options={SCOPE_CODES.map((s) => ({ value: s, label: scopeLabel(s, lang) }))}
          />
        </div>
        <div className="check">
          <input type="checkbox" id="own-request" checked={atOwnRequest} onChange={(e) => setAtOwnRequest(e.target.checked)} />
          <label htmlFor="own-request">{t('Atas permintaan sendiri', 'At the official’s own request')}</label>
        </div>
        <PersonPicker
          label={t('Cari pegawai di register', 'Find the official in the register')}
          session={session}
          agencyCode={agency}
          onPick={(p) => {
            setPerson(p);
            setFrom((f) => fromRegister(p, f.agencyCode || agency, f.regionCode));
          }}
        />
        {person && (
          <p data-testid="picked-person">
            {person.name} <span className="nip">{person.nip}</span> · {person.postTitle ?? person.postCode ?? '—'}
          </p>
        )}
        <PostFields legend={t('Jabatan asal', 'Post left')} post={from} onChange={setFrom} id="move-from" />
        <PostFields legend={t('Jabatan tujuan', 'Post entered')} post={to} onChange={setTo} id="move-to" />
        <DateField label={t('Rencana TMT', 'Intended effective date')} value={date} onChange={setDate} />
        {isTalent && (
          <fieldset className="row">
            <legend>{t('Nilai talenta', 'Talent inputs')}</legend>
            <TextField
              label={t('Nomor usulan lowongan (pengisian dari kelompok rencana suksesi)', 'Vacancy id (filled from the talent pool)')}
              value={vacancyId}
              onChange={setVacancyId}
            />
            {TALENT_FIELDS.map(([k, id, en]) => (
              <TextField
                key={k}
                label={t(id, en)}
                value={talent[k]}
                onChange={(v) => setTalent((x) => ({ ...x, [k]: v }))}
                inputMode="numeric"
                required
              />
            ))}
          </fieldset>
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
