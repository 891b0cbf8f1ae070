import { useState } from 'react';
import type { CandidateStatus } from '@meritflow/contracts';
import { api, enc, type Session } from './api';
import { formatDate, todayIso } from './dates';
import { decisionLabel, formatTime, roleLabel, useI18n } from './i18n';
import { MemberPicker } from './pickers';
import { ChainForms } from './selection-chain';
import { ActionForm, DateField, FileField, SelectField, TextField } from './ui';

import type { Member, Ranked, Post, Selection, Common, Decide, EligibilityReason } from './selection-shared';
import { evidenceOf, EvidenceDecision, ReasonDecision } from './selection-shared';
import { RegisterForm, ScreeningForms } from './selection-register';
import { AssessmentForms, ReviewPanel } from './selection-review';
import { ShortlistTable, RecommendForms, PickForms, AppointmentForms } from './selection-decide';

export function SelectionBody({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const role = session.role;
  const me = session.actor.id;
  const isChair = s.committee.some((m) => m.isChair && m.id === me);
  const decide = (body: Record<string, unknown>) => api('POST', `/v1/selections/${enc(s.workflowId)}/decisions`, body);
  const common = { caseId: s.workflowId, session, sop: s.sop, onDone: reload };
  const nameOf = (nip: string) => s.candidates.find((c) => c.nip === nip)?.name ?? nip;
  return (
    <>
      <section aria-labelledby="pending-h">
        <h2 id="pending-h">{t('Menunggu', 'Waiting for')}</h2>
        {s.pendingTasks.length === 0 ? (
          <p>{t('Tidak ada tugas tertunda.', 'No pending task.')}</p>
        ) : (
          <ul>
            {s.pendingTasks.map((p, i) => {
              const overdue = p.dueAt !== undefined && Date.parse(p.dueAt) < Date.now();
              return (
                <li key={i}>
                  {decisionLabel(p.decision, lang, s.sop.id)}
                  {p.subject ? ` — ${nameOf(p.subject)} (${p.subject})` : ''} · {roleLabel(p.role, lang)}
                  {p.actorId ? ` (${p.actorId})` : ''} · {t('paling lambat', 'by')} {formatTime(p.dueAt, lang)}
                  {overdue && <span className="badge danger">{t('Terlambat', 'Overdue')}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {s.committee.length > 0 && (
        <section aria-labelledby="committee-h">
          <h2 id="committee-h">{t('Panitia seleksi', 'Selection committee')}</h2>
          <ul>
            {s.committee.map((m) => (
              <li key={m.id}>
                {m.name} ({m.id}) · {m.affiliation === 'internal' ? t('internal', 'internal') : t('eksternal', 'external')}
                {m.isChair && ` · ${t('ketua', 'chair')}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      {s.candidates.length > 0 && <CandidatesTable s={s} />}

      {role === 'ppk' && s.step === 'committee_formation' && <CommitteeForm s={s} common={common} decide={decide} />}
      {role === 'committee_chair' && isChair && s.step === 'announcement' && <AnnounceForm s={s} common={common} decide={decide} />}
      {role === 'hr_officer' && s.step === 'registration' && <RegisterForm s={s} common={common} decide={decide} />}
      {role === 'hr_officer' && s.step === 'screening' && <ScreeningForms s={s} common={common} decide={decide} />}
      {role === 'committee_chair' && isChair && s.step === 'screening' && !s.candidates.some((c) => c.status === 'registered') && (
        <EvidenceDecision
          common={common}
          decide={decide}
          decision="close_screening"
          kind="ba_seleksi_administrasi"
          title={t('Tutup seleksi administrasi', 'Close screening')}
          fileLabel={t('Berita acara seleksi administrasi (PDF)', 'Screening minutes (PDF)')}
          agency={s.agencyCode}
        />
      )}
      {role === 'assessor' && s.step === 'assessment' && <AssessmentForms s={s} session={session} reload={reload} />}
      {(role === 'committee_member' || role === 'committee_chair') && s.step === 'committee_review' && (
        <ReviewPanel s={s} session={session} reload={reload} />
      )}
      {role === 'committee_chair' && isChair && s.step === 'ranking' && (
        <EvidenceDecision
          common={common}
          decide={decide}
          decision="sign_ranking"
          kind="ba_pemeringkatan"
          title={t('Tandatangani berita acara peringkat', 'Sign the ranking')}
          fileLabel={t('Berita acara pemeringkatan (PDF)', 'Ranking minutes (PDF)')}
          agency={s.agencyCode}
        />
      )}
      {s.shortlist && <ShortlistTable s={s} />}
      {role === 'overseer' && s.step === 'external_review' && <RecommendForms s={s} common={common} decide={decide} />}
      {role === 'ppk' &&
        s.step === 'external_review' &&
        s.allowedDecisions.some((a) => a.decision === 'proceed_without_recommendation' && a.roles.includes('ppk')) && (
          <ReasonDecision
            common={common}
            decide={decide}
            decision="proceed_without_recommendation"
            title={t('Lanjut tanpa rekomendasi', 'Proceed without recommendation')}
          />
        )}
      {role === 'ppk' && s.step === 'ppk_decision' && <PickForms s={s} common={common} decide={decide} />}
      {role === 'ppk' && s.step === 'low_applicants' && (
        <>
          <ReasonDecision
            common={common}
            decide={decide}
            decision="proceed"
            title={t('Lanjutkan dengan pelamar yang ada', 'Proceed with the applicants there are')}
          />
          <ReasonDecision
            common={common}
            decide={decide}
            decision="cancel_selection"
            title={t('Batalkan seleksi', 'Cancel the selection')}
          />
        </>
      )}
      <ChainForms s={s} session={session} reload={reload} />
      {role === 'hr_officer' && s.step === 'appointment' && <AppointmentForms s={s} session={session} reload={reload} />}
    </>
  );
}

/**
 * The chair announces the selection with its registration window: both dates or neither (then the
 * SOP's duration runs from the announcement), the opening not before today, the closing not before it.
 */
function AnnounceForm({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const [opens, setOpens] = useState('');
  const [closes, setCloses] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const today = todayIso();
  const problem =
    (opens === '') !== (closes === '')
      ? t('Isi kedua tanggal pendaftaran, atau kosongkan keduanya.', 'Give both registration dates, or neither.')
      : opens !== '' && opens < today
        ? t('Pendaftaran tidak dapat dibuka sebelum hari ini.', 'Registration cannot open before today.')
        : opens !== '' && closes < opens
          ? t('Penutupan tidak boleh sebelum pembukaan.', 'Closing cannot come before opening.')
          : null;
  const title = t('Umumkan seleksi', 'Announce the selection');
  return (
    <ActionForm
      {...common}
      title={title}
      decision="announce"
      lines={[
        {
          label: t('Masa pendaftaran', 'Registration window'),
          value: opens
            ? `${formatDate(opens, lang)} – ${formatDate(closes, lang)}`
            : t('menurut durasi SOP sejak pengumuman', 'the SOP duration from the announcement'),
        },
        { label: t('Bukti', 'Evidence'), value: file ? `pengumuman: ${file.name}` : t('pengumuman (wajib)', 'announcement (required)') },
      ]}
      submitLabel={title}
      disabled={problem !== null}
      onSubmit={async () =>
        decide({
          decision: 'announce',
          ...(opens ? { registrationOpensOn: opens, registrationClosesOn: closes } : {}),
          evidence: await evidenceOf(file, 'pengumuman', s.agencyCode, t),
        })
      }
      testId="decide-announce"
    >
      <div className="row">
        <DateField label={t('Pendaftaran dibuka', 'Registration opens')} value={opens} onChange={setOpens} error={problem} />
        <DateField label={t('Pendaftaran ditutup', 'Registration closes')} value={closes} onChange={setCloses} />
      </div>
      <FileField label={t('Pengumuman seleksi (PDF)', 'Announcement (PDF)')} onChange={setFile} required />
    </ActionForm>
  );
}

/** The reasons a candidate is ineligible, in the reader's language. */
export function eligibilityReasons(reasons: readonly EligibilityReason[], lang: 'id' | 'en'): string[] {
  return reasons.map((r) => {
    if (typeof r === 'string') return r;
    const text = r.message ?? (r.id !== undefined && r.en !== undefined ? { id: r.id, en: r.en } : undefined);
    return text ? (lang === 'id' ? text.id : text.en) : (r.rule ?? '');
  });
}

const CANDIDATE_STATUS: Record<CandidateStatus, readonly [string, string]> = {
  ineligible: ['Tidak memenuhi syarat', 'Ineligible'],
  registered: ['Terdaftar', 'Registered'],
  screened_out: ['Tidak lulus seleksi administrasi', 'Screened out'],
  screened_in: ['Lulus seleksi administrasi', 'Screened in'],
  assessed: ['Sudah diasesmen', 'Assessed'],
  scored: ['Sudah dinilai panitia', 'Scored'],
  no_quorum: ['Kuorum penilaian tidak tercapai', 'No scoring quorum'],
  ranked: ['Diperingkat', 'Ranked'],
};
const candidateStatusLabel = (code: string, lang: 'id' | 'en'): string =>
  code in CANDIDATE_STATUS ? CANDIDATE_STATUS[code as CandidateStatus][lang === 'id' ? 0 : 1] : code;

function CandidatesTable({ s }: { s: Selection }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="cand-h">
      <h2 id="cand-h">
        {t('Pelamar', 'Candidates')} ({s.candidates.length})
      </h2>
      <div className="table-wrap">
        <table data-testid="candidates">
          <thead>
            <tr>
              <th scope="col">NIP</th>
              <th scope="col">{t('Nama', 'Name')}</th>
              <th scope="col">{t('Jabatan', 'Post')}</th>
              <th scope="col">{t('Status', 'Status')}</th>
              <th scope="col">{t('Seleksi administrasi', 'Screening')}</th>
              <th scope="col">{t('Asesmen (JPM)', 'Assessment (JPM)')}</th>
            </tr>
          </thead>
          <tbody>
            {s.candidates.map((c) => (
              <tr key={c.nip}>
                <td>
                  <code>{c.nip}</code>
                </td>
                <td>{c.name}</td>
                <td>{c.postCode}</td>
                <td>
                  {candidateStatusLabel(c.status, lang)}
                  {!c.eligibility.eligible && (
                    <ul className="sub reasons" data-testid={`ineligible-${c.nip}`}>
                      {eligibilityReasons(c.eligibility.messages ?? c.eligibility.reasons, lang).map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {c.screening
                    ? `${c.screening.passed ? t('lulus', 'passed') : t('tidak lulus', 'failed')} ${c.screening.administrativeScore ?? ''}`
                    : '—'}
                </td>
                <td>{c.assessment ? `${c.assessment.jpmPercent}% (${c.assessment.category})` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CommitteeForm({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const { t } = useI18n();
  const blank = (i: number): Member => ({ id: '', name: '', affiliation: i < 3 ? 'external' : 'internal', isChair: i === 0 });
  const [members, setMembers] = useState<Member[]>([0, 1, 2, 3, 4].map(blank));
  const [file, setFile] = useState<File | null>(null);
  const set = (i: number, patch: Partial<Member>) =>
    setMembers((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : patch.isChair ? { ...m, isChair: false } : m)));
  const internal = members.filter((m) => m.affiliation === 'internal').length;
  return (
    <ActionForm
      {...common}
      title={t('Bentuk panitia seleksi', 'Form the selection committee')}
      decision="form_committee"
      lines={[
        {
          label: t('Anggota', 'Members'),
          value: members.map((m) => `${m.name || '?'}${m.isChair ? ` (${t('ketua', 'chair')})` : ''}`).join(', '),
        },
        {
          label: t('Komposisi', 'Composition'),
          value: t(
            `${members.length} orang, ${internal} internal (${Math.round((100 * internal) / members.length)}%); aturan: 5–9, ganjil, internal ≤ 45%`,
            `${members.length} people, ${internal} internal (${Math.round((100 * internal) / members.length)}%); rule: 5–9, odd, internal ≤ 45%`,
          ),
        },
        { label: t('Bukti', 'Evidence'), value: file ? `SK Pansel: ${file.name}` : t('SK Pansel (wajib)', 'SK Pansel (required)') },
      ]}
      submitLabel={t('Bentuk panitia', 'Form the committee')}
      onSubmit={async () => decide({ decision: 'form_committee', members, evidence: await evidenceOf(file, 'sk_pansel', s.agencyCode, t) })}
      testId="form-committee"
    >
      {members.map((m, i) => (
        <fieldset key={i} className="row">
          <legend>
            {t('Anggota', 'Member')} {i + 1}
          </legend>
          <MemberPicker session={common.session} agencyCode={s.agencyCode} index={i} onPick={(picked) => set(i, picked)} />
          <TextField label={`${t('ID anggota', 'Member id')} ${i + 1}`} value={m.id} onChange={(v) => set(i, { id: v })} required />
          <TextField label={`${t('Nama anggota', 'Member name')} ${i + 1}`} value={m.name} onChange={(v) => set(i, { name: v })} required />
          <SelectField
            label={`${t('Asal', 'Affiliation')} ${i + 1}`}
            value={m.affiliation}
            onChange={(v) => set(i, { affiliation: v as Member['affiliation'] })}
            options={[
              { value: 'external', label: t('eksternal', 'external') },
              { value: 'internal', label: t('internal', 'internal') },
            ]}
          />
          <div className="check">
            <input type="radio" name="chair" id={`chair-${i}`} checked={m.isChair} onChange={() => set(i, { isChair: true })} />
            <label htmlFor={`chair-${i}`}>
              {t('Ketua', 'Chair')} {i + 1}
            </label>
          </div>
        </fieldset>
      ))}
      <div className="row">
        <button type="button" onClick={() => setMembers((ms) => [...ms, blank(ms.length)])} disabled={members.length >= 9}>
          {t('Tambah anggota', 'Add a member')}
        </button>
        <button type="button" onClick={() => setMembers((ms) => ms.slice(0, -1))} disabled={members.length <= 1}>
          {t('Hapus anggota terakhir', 'Remove the last member')}
        </button>
      </div>
      <FileField label={t('SK Pansel (PDF)', 'Committee decree, SK Pansel (PDF)')} onChange={setFile} required />
    </ActionForm>
  );
}
