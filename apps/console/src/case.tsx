import { useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import type { CandidateStatus, CaseType, CommitteeReviewState } from '@meritflow/contracts';
import { getSop, type RegisterFacts, type SopRef } from '@meritflow/domain';
import { api, caseTypeOfId, caseTypes, download, enc, uploadEvidence, type CaseTypeInfo, type EvidenceRef, type Session } from './api';
import { formatDate, todayIso } from './dates';
import { decisionLabel, formatTime, roleLabel, useI18n } from './i18n';
import { parseNip } from './nip';
import { AssessorsField, CandidatePicker, FactsSummary, MemberPicker } from './pickers';
import { DisciplineBody, type DisciplineCase } from './discipline';
import { BulkBody, MoveBody } from './move';
import { CaseDecree, useDecreeDraft } from './case-decree';
import { ChainForms } from './selection-chain';
import { ActionForm, FileField, Refusal, SelectField, TextField, Timeline, useLoad, type DecisionRow } from './ui';
import { TalentReviewBody, type TalentReview } from './talent';
import { statusLabel } from './labels';
import { Stepper } from './stepper';

/** The SOP a case pinned, by its title and version, not its code. */
const sopTitle = (sop: SopRef, lang: 'id' | 'en'): string => {
  try {
    const def = getSop(sop);
    return `${lang === 'id' ? def.title.id : def.title.en}, ${lang === 'id' ? 'versi' : 'version'} ${sop.version}`;
  } catch {
    return `${sop.id} ${sop.version}`;
  }
};

interface Allowed {
  decision: string;
  roles: string[];
  requires: string[];
}
interface Pending {
  role: string;
  actorId?: string;
  decision: string;
  subject?: string;
  dueAt?: string;
  workflowId: string;
}
interface CaseBase {
  workflowId: string;
  runId: string;
  sop: { id: string; version: string };
  step: string;
  stepLabel: { id: string; en: string };
  status: string;
  terminal: boolean;
  allowedDecisions: Allowed[];
  deadline: { step: string; dueAt: string } | null;
  decisions: DecisionRow[];
}
interface Member {
  id: string;
  name: string;
  affiliation: 'internal' | 'external';
  isChair: boolean;
}
interface Candidate {
  nip: string;
  name: string;
  postCode: string;
  status: string;
  eligibility: { eligible: boolean; reasons: EligibilityReason[]; messages?: EligibilityReason[] };
  screening: { passed: boolean; reason: string; administrativeScore: number | null } | null;
  assessment: { jpmPercent: number; category: string } | null;
  review: { paper: number | null; interview: number | null; quorumMet: boolean; votes: number; quorum: number } | null;
}
interface Ranked {
  nip: string;
  postCode: string;
  total: number;
  rank: number;
  components: { administrative: number; assessment: number; paper: number; interview: number };
}
interface Post {
  vacancyId: string;
  positionCode: string;
  title: string;
  requiredCompetencies: { type: string; name: string; level: number }[];
}
interface Selection extends CaseBase {
  agencyCode: string;
  title: string;
  posts: Post[];
  committee: Member[];
  candidates: Candidate[];
  ranking: Record<string, Ranked[]> | null;
  shortlist: Record<string, Ranked[]> | null;
  recommendations: Record<string, { recommended: string[]; by: string }>;
  picks: Record<string, { nip: string; rank: number; justification: string | null }>;
  appointments: Record<string, unknown>;
  /** Senior posts' chains: what each outside body decided per post. */
  chain?: { name: string; posts: Record<string, { governorProposal?: { nominees: string[] } }> };
  pendingTasks: Pending[];
}
interface Vacancy extends CaseBase {
  proposal: {
    agencyCode: string;
    positionCode: string;
    title: string;
    organisationalUnit: string;
    positionClass: string;
    gradeMin: string;
    gradeMax: string;
    requestedFillingMethod: string;
    reason?: string;
  };
  approvedFillingMethod: string | null;
}

type Move = ComponentProps<typeof MoveBody>['m'];
type BulkMove = ComponentProps<typeof BulkBody>['b'];
type AnyCase = Selection | Vacancy | Move | BulkMove | (CaseBase & DisciplineCase);

const REPORT_READERS = ['hr_officer', 'ppk', 'overseer', 'auditor', 'admin'];
const AUDITORS = ['auditor', 'admin'];

/** One case: its type from the registry, then its state from the API that serves that type. */
export function CaseView({ id, session }: { id: string; session: Session }) {
  const { data: types, error } = useLoad(() => caseTypes(), []);
  const { t } = useI18n();
  if (error && !types) return <Refusal error={error} />;
  if (!types) return <p>{t('Memuat…', 'Loading…')}</p>;
  const type = caseTypeOfId(types, id);
  if (!type) return <p role="alert">{t(`Bukan nomor kasus: ${id}`, `Not a case id: ${id}`)}</p>;
  return <CaseOfType id={id} type={type} session={session} />;
}

type CaseBodyProps = { data: AnyCase; session: Session; reload: () => void };

/**
 * How the console shows each case type: its title and its page body. Keyed by the registry's case
 * types, so a type added to libs/contracts/src/case-types.ts does not compile until it has a view.
 */
const CASE_VIEWS: Record<CaseType, { title(data: AnyCase): string; Body(p: CaseBodyProps): ReactNode }> = {
  vacancy: {
    title: (data) => (data as Vacancy).proposal.title,
    Body: ({ data, session, reload }) => <VacancyBody v={data as Vacancy} session={session} reload={reload} />,
  },
  'open-selection': {
    title: (data) => (data as Selection).title,
    Body: ({ data, session, reload }) => <SelectionBody s={data as Selection} session={session} reload={reload} />,
  },
  move: {
    title: (data) => {
      const m = (data as Move).move;
      return `${m.person.name}: ${m.from.positionCode} → ${m.to.positionCode}`;
    },
    Body: ({ data, session, reload }) => <MoveBody m={data as Move} session={session} reload={reload} />,
  },
  'bulk-move': {
    title: (data) => `SK kolektif ${data.workflowId.split(':')[2] ?? data.workflowId}`,
    Body: ({ data, session, reload }) => <BulkBody b={data as BulkMove} session={session} reload={reload} />,
  },
  discipline: {
    title: (data) => `Kasus disiplin ${(data as DisciplineCase).caseCode}`,
    Body: ({ data, session, reload }) => <DisciplineBody d={data as DisciplineCase} session={session} reload={reload} />,
  },
  'talent-review': {
    title: (data) => {
      const r = data as unknown as TalentReview;
      return `Reviu talenta ${r.agencyCode} ${r.period}`;
    },
    Body: ({ data, session, reload }) => <TalentReviewBody r={data as unknown as TalentReview} session={session} reload={reload} />,
  },
};

function CaseOfType({ id, type, session }: { id: string; type: CaseTypeInfo; session: Session }) {
  const { data, error, reload } = useLoad(() => api<AnyCase>('GET', `/v1/${type.resource}/${enc(id)}`), [id], 3000);
  const { t, lang } = useI18n();
  if (error && !data) return <Refusal error={error} />;
  if (!data) return <p>{t('Memuat…', 'Loading…')}</p>;
  const view = CASE_VIEWS[type.type as CaseType] as (typeof CASE_VIEWS)[CaseType] | undefined;
  const body = view && <view.Body data={data} session={session} reload={reload} />;
  return (
    <article aria-labelledby="case-h">
      <header className="case-head">
        <h1 id="case-h">{view ? view.title(data) : data.workflowId}</h1>
        <p>
          <code>{data.workflowId}</code>
        </p>
        <dl className="facts">
          <dt>{t('Jenis kasus', 'Case type')}</dt>
          <dd data-testid="case-type" data-case-type={type.type}>
            {lang === 'id' ? type.label.id : type.label.en}
          </dd>
          <dt>{t('Tahap', 'Step')}</dt>
          <dd data-testid="case-step" data-step={data.step}>
            {lang === 'id' ? data.stepLabel.id : data.stepLabel.en}
          </dd>
          <dt>{t('Status', 'Status')}</dt>
          <dd data-status={data.status}>{statusLabel(data.status, lang)}</dd>
          <dt>SOP</dt>
          <dd>{sopTitle(data.sop, lang)}</dd>
          {data.deadline && (
            <>
              <dt>{t('Batas waktu tahap', 'Step due by')}</dt>
              <dd>{formatTime(data.deadline.dueAt, lang)}</dd>
            </>
          )}
        </dl>
        <Stepper sop={data.sop} step={data.step} />
      </header>
      {body}
      {REPORT_READERS.includes(session.role) && <ReportsPanel caseId={data.workflowId} session={session} />}
      <Timeline decisions={data.decisions} rootId={data.workflowId} />
    </article>
  );
}

function VacancyBody({ v, session, reload }: { v: Vacancy; session: Session; reload: () => void }) {
  const { t } = useI18n();
  const [method, setMethod] = useState(v.proposal.requestedFillingMethod);
  const [reason, setReason] = useState('');
  const may = (d: string) => v.allowedDecisions.some((a) => a.decision === d && a.roles.includes(session.role));
  const decide = (body: Record<string, unknown>) => api('POST', `/v1/vacancies/${enc(v.workflowId)}/decisions`, body);
  return (
    <>
      <section aria-labelledby="prop-h">
        <h2 id="prop-h">{t('Usulan', 'Proposal')}</h2>
        <p>
          {v.proposal.organisationalUnit} · {v.proposal.positionClass} · {v.proposal.gradeMin}–{v.proposal.gradeMax} ·{' '}
          {t('cara pengisian diminta', 'filling requested')}: {v.proposal.requestedFillingMethod}
          {v.approvedFillingMethod && ` · ${t('disetujui', 'approved')}: ${v.approvedFillingMethod}`}
        </p>
      </section>
      {may('approve') && (
        <ActionForm
          title={t('Setujui lowongan', 'Approve the vacancy')}
          decision="approve"
          caseId={v.workflowId}
          session={session}
          sop={v.sop}
          lines={[{ label: t('Cara pengisian', 'Filling method'), value: method }]}
          submitLabel={t('Setujui', 'Approve')}
          onSubmit={() => decide({ decision: 'approve', fillingMethod: method })}
          onDone={reload}
          testId="approve-vacancy"
        >
          <SelectField
            label={t('Cara pengisian yang disetujui', 'Filling method approved')}
            value={method}
            onChange={setMethod}
            options={['open_selection', 'talent_pool', 'mutation_rotation'].map((m) => ({ value: m, label: m }))}
          />
        </ActionForm>
      )}
      {may('reject') && (
        <ActionForm
          title={t('Tolak lowongan', 'Reject the vacancy')}
          decision="reject"
          caseId={v.workflowId}
          session={session}
          sop={v.sop}
          lines={[{ label: t('Alasan', 'Reason'), value: reason || '—' }]}
          submitLabel={t('Tolak', 'Reject')}
          onSubmit={() => decide({ decision: 'reject', reason })}
          onDone={reload}
        >
          <TextField label={t('Alasan penolakan', 'Reason for rejecting')} value={reason} onChange={setReason} multiline required />
        </ActionForm>
      )}
    </>
  );
}

/** Uploads the chosen document and answers its reference, or refuses plainly when none was chosen. */
async function evidenceOf(file: File | null, kind: string, agency: string, t: (a: string, b: string) => string): Promise<EvidenceRef[]> {
  if (!file) throw new Error(t('Pilih berkas bukti terlebih dahulu.', 'Choose the evidence file first.'));
  const ref = await uploadEvidence(file, kind, agency);
  return [ref];
}

function SelectionBody({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
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
        <TextField label={t('Pendaftaran dibuka', 'Registration opens')} type="date" value={opens} onChange={setOpens} error={problem} />
        <TextField label={t('Pendaftaran ditutup', 'Registration closes')} type="date" value={closes} onChange={setCloses} />
      </div>
      <FileField label={t('Pengumuman seleksi (PDF)', 'Announcement (PDF)')} onChange={setFile} required />
    </ActionForm>
  );
}

type Common = { caseId: string; session: Session; sop: { id: string; version: string }; onDone: () => void };
type Decide = (body: Record<string, unknown>) => Promise<unknown>;

/** A failed eligibility check as the API sends it (the check with its message); older rows may carry text only. */
type EligibilityReason = { rule?: string; message?: { id: string; en: string }; id?: string; en?: string } | string;

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

function EvidenceDecision(props: {
  common: Common;
  decide: Decide;
  decision: string;
  kind: string;
  title: string;
  fileLabel: string;
  agency: string;
  extra?: Record<string, unknown>;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  return (
    <ActionForm
      {...props.common}
      title={props.title}
      decision={props.decision}
      lines={[{ label: t('Bukti', 'Evidence'), value: file ? `${props.kind}: ${file.name}` : `${props.kind} (${t('wajib', 'required')})` }]}
      submitLabel={props.title}
      onSubmit={async () =>
        props.decide({ decision: props.decision, ...(props.extra ?? {}), evidence: await evidenceOf(file, props.kind, props.agency, t) })
      }
      testId={`decide-${props.decision}`}
    >
      <FileField label={props.fileLabel} onChange={setFile} required />
    </ActionForm>
  );
}

function ReasonDecision({ common, decide, decision, title }: { common: Common; decide: Decide; decision: string; title: string }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      {...common}
      title={title}
      decision={decision}
      lines={[{ label: t('Alasan', 'Reason'), value: reason || '—' }]}
      submitLabel={title}
      onSubmit={() => decide({ decision, reason })}
    >
      <TextField label={t('Alasan', 'Reason')} value={reason} onChange={setReason} multiline required />
    </ActionForm>
  );
}

const PREDICATES = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'];
const POST_TYPES = ['administrator', 'jpt_pratama', 'jpt_madya', 'pengawas', 'jf_ahli_utama', 'jf_ahli_madya', 'jf_ahli_muda'];
const EDUCATION = ['S3', 'S2', 'S1', 'D4', 'D3', 'SMA'];
const GOLONGAN = ['III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];

interface Draft {
  postCode: string;
  nip: string;
  name: string;
  golongan: string;
  education: string;
  currentPostType: string;
  currentPostSince: string;
  years: string;
  perf1: string;
  perf2: string;
  /** The register's facts when the candidate was picked from it; what is sent instead of the fields typed. */
  facts?: RegisterFacts;
}

/** NIP checked as it is typed, with the domain's own rules (18 digits, birth date, TMT, sex digit). */
export function nipProblem(nip: string, lang: 'id' | 'en'): string | null {
  if (nip === '') return null;
  const r = parseNip(nip);
  if (r.ok) return null;
  return r.issues.map((i) => (lang === 'id' ? i.message.id : i.message.en)).join('; ');
}

/** A candidate's profile from the register's facts; a fact the register lacks falls back to the field typed. */
const fromRegister = (d: Draft) => {
  const f = d.facts!;
  return {
    nip: f.nip,
    ...(f.nipKind === 'pppk' ? { nipKind: f.nipKind } : {}),
    name: f.name,
    golongan: f.golongan ?? d.golongan,
    education: f.education ?? d.education,
    currentPostType: f.currentPostType ?? d.currentPostType,
    currentPostSince: f.currentPostSince ?? d.currentPostSince,
    cumulativeExperienceYears: f.cumulativeExperienceYears,
    performance: f.performance,
    sanctions: f.sanctions,
    credentials: f.credentials,
  };
};

function RegisterForm({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const { t, lang } = useI18n();
  const year = new Date().getFullYear();
  const fresh = (): Draft => ({
    postCode: s.posts[0]?.positionCode ?? '',
    nip: '',
    name: '',
    golongan: 'IV/b',
    education: 'S2',
    currentPostType: 'administrator',
    currentPostSince: '2020-01-02',
    years: '9',
    perf1: 'baik',
    perf2: 'sangat_baik',
  });
  const [draft, setDraft] = useState<Draft>(fresh);
  const [list, setList] = useState<Draft[]>([]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const problem = nipProblem(draft.nip, lang);
  const valid = draft.nip !== '' && !problem && !list.some((d) => d.nip === draft.nip);
  // Facts come from the ASN register as of the registration date; the form names candidates by NIP.
  const toRegistration = (d: Draft) => ({ postCode: d.postCode, nip: d.nip });
  return (
    <ActionForm
      {...common}
      title={t('Daftarkan pelamar', 'Register candidates')}
      decision="register_candidates"
      lines={[
        { label: t('Pelamar', 'Candidates'), value: list.length ? list.map((d) => `${d.name} (${d.nip})`).join(', ') : '—' },
        {
          label: t('Syarat', 'Eligibility'),
          value: t(
            'diperiksa otomatis menurut versi aturan yang berlaku; yang tidak memenuhi syarat dicatat beserta alasannya',
            'checked automatically by the rule version in force; ineligible candidates are recorded with their reasons',
          ),
        },
      ]}
      submitLabel={t(`Daftarkan ${list.length} pelamar`, `Register ${list.length} candidates`)}
      disabled={list.length === 0}
      onSubmit={async () => {
        await decide({ decision: 'register_candidates', candidates: list.map(toRegistration) });
        setList([]);
      }}
      testId="register-candidates"
    >
      <fieldset>
        <legend>{t('Pelamar baru', 'New candidate')}</legend>
        <CandidatePicker
          session={common.session}
          agencyCode={s.agencyCode}
          onPick={(f) =>
            set({
              nip: f.nip,
              name: f.name,
              golongan: f.golongan ?? draft.golongan,
              education: f.education ?? draft.education,
              currentPostType: f.currentPostType ?? draft.currentPostType,
              currentPostSince: f.currentPostSince ?? draft.currentPostSince,
              years: String(f.cumulativeExperienceYears),
              facts: f,
            })
          }
        />
        {draft.facts && <FactsSummary facts={draft.facts} onClear={() => set({ facts: undefined })} />}
        {s.posts.length > 1 && (
          <SelectField
            label={t('Jabatan yang dilamar', 'Post applied for')}
            value={draft.postCode}
            onChange={(v) => set({ postCode: v })}
            options={s.posts.map((p) => ({ value: p.positionCode, label: `${p.title} (${p.positionCode})` }))}
          />
        )}
        <TextField
          label="NIP"
          value={draft.nip}
          onChange={(v) => set({ nip: v.replace(/\s+/g, ''), facts: undefined })}
          inputMode="numeric"
          error={problem}
          hint={t(
            '18 digit: tanggal lahir (8), TMT CPNS (6), jenis kelamin (1), nomor urut (3)',
            '18 digits: birth date (8), CPNS TMT (6), sex (1), sequence (3)',
          )}
        />
        <div aria-live="polite" className="sub">
          {draft.nip !== '' && !problem && t('NIP sah.', 'NIP is valid.')}
        </div>
        <p className="sub">
          {t(
            'Data jabatan, golongan, pendidikan, kinerja dan hukuman disiplin diambil dari register ASN per tanggal pendaftaran.',
            'Post, grade, education, ratings and sanctions are read from the ASN register as of the registration date.',
          )}
        </p>
        <button
          type="button"
          disabled={!valid}
          onClick={() => {
            setList((l) => [...l, draft]);
            setDraft({ ...fresh(), postCode: draft.postCode });
          }}
        >
          {t('Tambahkan ke daftar', 'Add to the list')}
        </button>
      </fieldset>
      {list.length > 0 && (
        <ul aria-label={t('Daftar pelamar yang akan didaftarkan', 'Candidates to register')}>
          {list.map((d) => (
            <li key={d.nip}>
              {d.name} <code>{d.nip}</code>{' '}
              <button
                type="button"
                onClick={() => setList((l) => l.filter((x) => x.nip !== d.nip))}
                aria-label={`${t('Hapus', 'Remove')} ${d.name}`}
              >
                {t('Hapus', 'Remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </ActionForm>
  );
}

function ScreeningForms({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const open = s.candidates.filter((c) => c.status === 'registered');
  return (
    <>
      {open.map((c) => (
        <ScreenOne key={c.nip} c={c} agencyCode={s.agencyCode} common={common} decide={decide} />
      ))}
    </>
  );
}

/**
 * One candidate's screening. It starts empty: the officer chooses the result and types the reason
 * (a score too when passed), so nothing is recorded that nobody decided or wrote.
 */
function ScreenOne({ c, agencyCode, common, decide }: { c: Candidate; agencyCode: string; common: Common; decide: Decide }) {
  const { t } = useI18n();
  const [assessors, setAssessors] = useState<string[]>([]);
  const [passed, setPassed] = useState<'' | 'true' | 'false'>('');
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const scoreValue = Number(score);
  const scoreProblem =
    passed === 'true' && score.trim() !== '' && !(Number.isFinite(scoreValue) && scoreValue >= 0 && scoreValue <= 100)
      ? t('Nilai administrasi harus 0–100.', 'The administrative score must be 0–100.')
      : null;
  const incomplete = passed === '' || reason.trim() === '' || (passed === 'true' && (score.trim() === '' || scoreProblem !== null));
  return (
    <ActionForm
      {...common}
      title={`${t('Seleksi administrasi', 'Screening')}: ${c.name} (${c.nip})`}
      decision="screen_candidate"
      lines={[
        {
          label: t('Hasil', 'Result'),
          value:
            passed === ''
              ? t('belum dipilih (wajib)', 'not chosen yet (required)')
              : passed === 'true'
                ? t(`lulus, nilai administrasi ${score || '?'}`, `passed, administrative score ${score || '?'}`)
                : t('tidak lulus', 'failed'),
        },
        { label: t('Alasan', 'Reason'), value: reason || t('wajib diisi', 'required') },
        ...(passed === 'true' && assessors.length
          ? [{ label: t('Asesor yang ditugaskan', 'Assessors assigned'), value: assessors.join(', ') }]
          : []),
      ]}
      submitLabel={t(`Catat hasil ${c.name}`, `Record ${c.name}'s screening`)}
      disabled={incomplete}
      onSubmit={() =>
        decide({
          decision: 'screen_candidate',
          nip: c.nip,
          passed: passed === 'true',
          ...(passed === 'true' ? { administrativeScore: scoreValue } : {}),
          ...(passed === 'true' && assessors.length ? { assessorIds: assessors } : {}),
          reason: reason.trim(),
        })
      }
      testId={`screen-${c.nip}`}
    >
      <fieldset>
        <legend>
          {t('Hasil seleksi administrasi', 'Screening result')} {c.nip}
        </legend>
        {(
          [
            ['true', t('Lulus', 'Passed')],
            ['false', t('Tidak lulus', 'Failed')],
          ] as const
        ).map(([value, label]) => (
          <div className="check" key={value}>
            <input
              type="radio"
              name={`screen-${c.nip}`}
              id={`screen-${c.nip}-${value}`}
              checked={passed === value}
              onChange={() => setPassed(value)}
              required
            />
            <label htmlFor={`screen-${c.nip}-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <div className="row">
        {passed === 'true' && (
          <TextField
            label={`${t('Nilai administrasi', 'Administrative score')} ${c.nip}`}
            value={score}
            onChange={setScore}
            inputMode="numeric"
            error={scoreProblem}
            required
          />
        )}
        <TextField label={`${t('Alasan', 'Reason')} ${c.nip}`} value={reason} onChange={setReason} multiline required />
      </div>
      {passed === 'true' && (
        <AssessorsField session={common.session} agencyCode={agencyCode} subject={c.nip} value={assessors} onChange={setAssessors} />
      )}
    </ActionForm>
  );
}

function AssessmentForms({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const { t } = useI18n();
  const open = s.pendingTasks.filter((p) => p.decision === 'record_assessment' && p.subject);
  if (open.length === 0) return <p>{t('Tidak ada asesmen yang menunggu.', 'No assessment waiting.')}</p>;
  return (
    <>
      {open.map((p) => {
        const c = s.candidates.find((x) => x.nip === p.subject)!;
        const post = s.posts.find((x) => x.positionCode === c?.postCode);
        return (
          <AssessOne
            key={p.subject}
            s={s}
            nip={p.subject!}
            name={c?.name ?? p.subject!}
            competencies={post?.requiredCompetencies ?? []}
            session={session}
            reload={reload}
          />
        );
      })}
    </>
  );
}

function AssessOne({
  s,
  nip,
  name,
  competencies,
  session,
  reload,
}: {
  s: Selection;
  nip: string;
  name: string;
  competencies: Post['requiredCompetencies'];
  session: Session;
  reload: () => void;
}) {
  const { t } = useI18n();
  const [levels, setLevels] = useState<Record<string, string>>(Object.fromEntries(competencies.map((c) => [c.name, String(c.level)])));
  const [file, setFile] = useState<File | null>(null);
  return (
    <ActionForm
      caseId={`${s.workflowId}:assessment:${nip}`}
      session={session}
      sop={s.sop}
      onDone={reload}
      title={`${t('Asesmen kompetensi', 'Competency assessment')}: ${name} (${nip})`}
      decision="record_assessment"
      lines={[
        {
          label: t('Level tercapai', 'Levels achieved'),
          value: competencies.map((c) => `${c.name} ${levels[c.name] ?? '?'}/${c.level}`).join(', '),
        },
        {
          label: t('Bukti', 'Evidence'),
          value: file ? `laporan_asesor: ${file.name}` : t('laporan asesor (wajib)', "assessor's report (required)"),
        },
      ]}
      submitLabel={t(`Catat asesmen ${name}`, `Record ${name}'s assessment`)}
      onSubmit={async () =>
        api('POST', `/v1/selections/${enc(s.workflowId)}/assessments/${nip}/decisions`, {
          decision: 'record_assessment',
          achieved: Object.fromEntries(Object.entries(levels).map(([k, v]) => [k, Number(v)])),
          evidence: await evidenceOf(file, 'laporan_asesor', s.agencyCode, t),
        })
      }
      testId={`assess-${nip}`}
    >
      <div className="row">
        {competencies.map((c) => (
          <TextField
            key={c.name}
            label={`${c.name} (${t('level dipersyaratkan', 'level required')} ${c.level}) ${nip}`}
            value={levels[c.name] ?? ''}
            onChange={(v) => setLevels((l) => ({ ...l, [c.name]: v }))}
            inputMode="numeric"
          />
        ))}
      </div>
      <FileField label={`${t('Laporan asesor (PDF)', "Assessor's report (PDF)")} ${nip}`} onChange={setFile} required />
    </ActionForm>
  );
}

type Review = CommitteeReviewState;

/** Quorum per candidate as the API counts it: every member not conflicted, the undeclared named as pending. */
export function quorumRows(r: Pick<Review, 'progress'>) {
  return r.progress.map((p) => ({
    nip: p.nip,
    scored: p.scored,
    eligible: p.eligibleMembers,
    quorum: p.quorum,
    met: p.quorumMet,
    pending: p.pending.map((m) => m.name),
  }));
}

/** Committee review: declare conflicts, score the candidates one may score; sealed until every eligible member scored. */
function ReviewPanel({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const me = session.actor.id;
  const {
    data: r,
    error,
    reload: reloadReview,
  } = useLoad(() => api<Review>('GET', `/v1/selections/${enc(s.workflowId)}/committee-review`), [s.workflowId], 3000);
  const [conflicts, setConflicts] = useState<Record<string, boolean>>({});
  const [scores, setScores] = useState<Record<string, { paper: string; interview: string }>>({});
  const post = (body: Record<string, unknown>) => api('POST', `/v1/selections/${enc(s.workflowId)}/committee-review/decisions`, body);
  const done = () => {
    void reloadReview();
    reload();
  };
  if (error && !r) return <Refusal error={error} />;
  if (!r) return <p>{t('Memuat penilaian…', 'Loading the review…')}</p>;
  const candidates = s.candidates.filter((c) => r.progress.some((p) => p.nip === c.nip));
  const myPending = r.pending.find((p) => p.memberId === me);
  const mayScore = myPending?.task === 'score' ? myPending.nips : [];
  const declared = r.declarations.some((d) => d.memberId === me);
  const common = { caseId: `${s.workflowId}:committee-review`, session, sop: s.sop, onDone: done };
  return (
    <section aria-labelledby="review-h">
      <h2 id="review-h">{t('Penilaian panitia', 'Committee review')}</h2>
      <p className={r.sealed ? 'badge' : 'badge ok'} data-testid="review-sealed" data-sealed={String(r.sealed)}>
        {r.sealed
          ? t(
              'Nilai tersegel: Anda hanya melihat nilai Anda sendiri sampai semua anggota yang berhak menilai selesai atau tenggat lewat.',
              'Scores are sealed: you see only your own until every eligible member has scored or the deadline passes.',
            )
          : t('Segel dibuka: semua nilai terlihat.', 'Unsealed: every score is visible.')}
      </p>
      {r.deadline && (
        <p>
          {t('Tenggat penilaian', 'Scoring due by')}: {formatTime(r.deadline.dueAt, lang)}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="quorum">
          <caption>{t('Kuorum per pelamar', 'Quorum per candidate')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Pelamar', 'Candidate')}</th>
              <th scope="col">{t('Penilaian', 'Scoring')}</th>
              <th scope="col">{t('Belum menilai', 'Not scored yet')}</th>
            </tr>
          </thead>
          <tbody>
            {quorumRows(r).map((q) => (
              <tr key={q.nip} data-nip={q.nip} data-met={String(q.met)}>
                <td>
                  {s.candidates.find((c) => c.nip === q.nip)?.name} <span className="nip">{q.nip}</span>
                </td>
                <td>
                  {t(
                    `${q.scored} dari ${q.eligible} sudah menilai, kuorum ${q.quorum}`,
                    `${q.scored} of ${q.eligible} scored, quorum ${q.quorum}`,
                  )}
                  {q.met && <span className="badge ok">{t('kuorum tercapai', 'quorum met')}</span>}
                </td>
                <td>{q.pending.length === 0 ? '—' : q.pending.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.votes && r.votes.length > 0 && (
        <div className="table-wrap">
          <table data-testid="votes">
            <caption>{r.sealed ? t('Nilai Anda', 'Your scores') : t('Semua nilai', 'All scores')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Anggota', 'Member')}</th>
                <th scope="col">{t('Pelamar', 'Candidate')}</th>
                <th scope="col">{t('Makalah', 'Paper')}</th>
                <th scope="col">{t('Wawancara', 'Interview')}</th>
              </tr>
            </thead>
            <tbody>
              {r.votes.map((v, i) => (
                <tr key={i}>
                  <td>{v.memberId}</td>
                  <td>{v.nip}</td>
                  <td>{v.paper}</td>
                  <td>{v.interview}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!declared && myPending?.task === 'declare_interests' && (
        <ActionForm
          {...common}
          title={t('Nyatakan konflik kepentingan', 'Declare conflicts of interest')}
          decision="declare_interests"
          lines={[
            {
              label: t('Pernyataan', 'Declarations'),
              value: candidates
                .map((c) => `${c.name}: ${conflicts[c.nip] ? t('berkonflik', 'conflicted') : t('tidak berkonflik', 'no conflict')}`)
                .join('; '),
            },
          ]}
          submitLabel={t('Kirim pernyataan', 'Send the declaration')}
          onSubmit={() =>
            post({
              decision: 'declare_interests',
              declarations: candidates.map((c) => ({ nip: c.nip, conflicted: Boolean(conflicts[c.nip]) })),
            })
          }
          testId="declare-interests"
        >
          <fieldset>
            <legend>
              {t('Centang pelamar yang memiliki hubungan kepentingan dengan Anda', 'Tick candidates you have a conflict of interest with')}
            </legend>
            {candidates.map((c) => (
              <div className="check" key={c.nip}>
                <input
                  type="checkbox"
                  id={`coi-${c.nip}`}
                  checked={Boolean(conflicts[c.nip])}
                  onChange={(e) => setConflicts((x) => ({ ...x, [c.nip]: e.target.checked }))}
                />
                <label htmlFor={`coi-${c.nip}`}>
                  {t('Konflik dengan', 'Conflict with')} {c.name} ({c.nip})
                </label>
              </div>
            ))}
          </fieldset>
        </ActionForm>
      )}
      {mayScore.length > 0 && (
        <ActionForm
          {...common}
          title={t('Lembar nilai', 'Score sheet')}
          decision="score"
          lines={[
            {
              label: t('Nilai', 'Scores'),
              value: mayScore
                .map(
                  (n) =>
                    `${s.candidates.find((c) => c.nip === n)?.name ?? n}: ${t('makalah', 'paper')} ${scores[n]?.paper ?? '?'}, ${t('wawancara', 'interview')} ${scores[n]?.interview ?? '?'}`,
                )
                .join('; '),
            },
            {
              label: t('Kerahasiaan', 'Secrecy'),
              value: t('tersegel sampai semua anggota yang berhak selesai menilai', 'sealed until every eligible member has scored'),
            },
          ]}
          submitLabel={t('Kirim nilai', 'Send the scores')}
          onSubmit={() =>
            post({
              decision: 'score',
              scores: mayScore.map((nip) => ({ nip, paper: Number(scores[nip]?.paper), interview: Number(scores[nip]?.interview) })),
            })
          }
          testId="score-sheet"
        >
          <p className="hint">
            {t(
              'Hanya pelamar yang boleh Anda nilai (tanpa konflik) yang tampil.',
              'Only candidates you may score (no conflict) are listed.',
            )}
          </p>
          {mayScore.map((nip) => (
            <div className="row" key={nip}>
              <TextField
                label={`${t('Nilai makalah', 'Paper score')} ${nip}`}
                value={scores[nip]?.paper ?? ''}
                onChange={(v) => setScores((x) => ({ ...x, [nip]: { paper: v, interview: x[nip]?.interview ?? '' } }))}
                inputMode="numeric"
                required
              />
              <TextField
                label={`${t('Nilai wawancara', 'Interview score')} ${nip}`}
                value={scores[nip]?.interview ?? ''}
                onChange={(v) => setScores((x) => ({ ...x, [nip]: { interview: v, paper: x[nip]?.paper ?? '' } }))}
                inputMode="numeric"
                required
              />
            </div>
          ))}
        </ActionForm>
      )}
      {declared && mayScore.length === 0 && (
        <p role="status">{t('Anda sudah menyelesaikan penilaian Anda.', 'You have finished your part of the review.')}</p>
      )}
    </section>
  );
}

function ShortlistTable({ s }: { s: Selection }) {
  const { t } = useI18n();
  const nameOf = (nip: string) => s.candidates.find((c) => c.nip === nip)?.name ?? nip;
  return (
    <section aria-labelledby="short-h">
      <h2 id="short-h">{t('Tiga besar per jabatan', 'Shortlist per post')}</h2>
      {Object.entries(s.shortlist ?? {}).map(([post, list]) => (
        <div className="table-wrap" key={post}>
          <table data-testid={`shortlist-${post}`}>
            <caption>{post}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Peringkat', 'Rank')}</th>
                <th scope="col">{t('Pelamar', 'Candidate')}</th>
                <th scope="col">{t('Administrasi', 'Administrative')}</th>
                <th scope="col">{t('Asesmen', 'Assessment')}</th>
                <th scope="col">{t('Makalah', 'Paper')}</th>
                <th scope="col">{t('Wawancara', 'Interview')}</th>
                <th scope="col">{t('Total', 'Total')}</th>
                <th scope="col">{t('Rekomendasi', 'Recommended')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.nip}>
                  <td>{c.rank}</td>
                  <td>
                    {nameOf(c.nip)} <code>{c.nip}</code>
                  </td>
                  <td>{c.components.administrative}</td>
                  <td>{c.components.assessment}</td>
                  <td>{c.components.paper}</td>
                  <td>{c.components.interview}</td>
                  <td>
                    <strong>{c.total}</strong>
                  </td>
                  <td data-testid={`recommended-${c.nip}`}>{recommendedPlace(s, post, c.nip)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The place the overseer gave a candidate in its recommendation (1 = first), or a dash. */
const recommendedPlace = (s: Selection, post: string, nip: string): string => {
  const i = s.recommendations[post]?.recommended.indexOf(nip) ?? -1;
  return i >= 0 ? String(i + 1) : '—';
};

function RecommendForms({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const open = Object.keys(s.shortlist ?? {}).filter((p) => !s.recommendations[p]);
  return (
    <>
      {open.map((post) => (
        <RecommendOne key={post} s={s} post={post} common={common} decide={decide} />
      ))}
    </>
  );
}

/** The overseer picks the names it recommends from the shortlist, and puts them in its order (best first). */
function RecommendOne({ s, post, common, decide }: { s: Selection; post: string; common: Common; decide: Decide }) {
  const { t } = useI18n();
  const list = s.shortlist?.[post] ?? [];
  const [chosen, setChosen] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const nameOf = (n: string) => s.candidates.find((c) => c.nip === n)?.name ?? n;
  const move = (i: number, by: -1 | 1) =>
    setChosen((c) => {
      const next = [...c];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });
  const title = `${t('Beri rekomendasi', 'Recommend')} ${post}`;
  return (
    <ActionForm
      {...common}
      title={title}
      decision="recommend"
      lines={[
        {
          label: t('Direkomendasikan (urut)', 'Recommended (in order)'),
          value: chosen.length ? chosen.map((n, i) => `${i + 1}. ${nameOf(n)}`).join(', ') : t('pilih minimal satu', 'choose at least one'),
        },
        {
          label: t('Bukti', 'Evidence'),
          value: file ? `rekomendasi_bkn: ${file.name}` : t('surat rekomendasi (wajib)', 'letter (required)'),
        },
      ]}
      submitLabel={title}
      disabled={chosen.length === 0 || !file}
      onSubmit={async () =>
        decide({
          decision: 'recommend',
          postCode: post,
          recommended: chosen,
          evidence: await evidenceOf(file, 'rekomendasi_bkn', s.agencyCode, t),
        })
      }
      testId="decide-recommend"
    >
      <fieldset>
        <legend>{t('Calon dari tiga besar yang direkomendasikan', 'Shortlisted candidates recommended')}</legend>
        {list.map((c) => (
          <div className="check" key={c.nip}>
            <input
              type="checkbox"
              id={`rec-${post}-${c.nip}`}
              checked={chosen.includes(c.nip)}
              onChange={(e) => setChosen((x) => (e.target.checked ? [...x, c.nip] : x.filter((n) => n !== c.nip)))}
            />
            <label htmlFor={`rec-${post}-${c.nip}`}>
              {t('Rekomendasikan', 'Recommend')} {nameOf(c.nip)} ({t('peringkat', 'rank')} {c.rank}, total {c.total})
            </label>
          </div>
        ))}
      </fieldset>
      {chosen.length > 1 && (
        <ol aria-label={t('Urutan rekomendasi', 'Order of recommendation')} data-testid={`recommend-order-${post}`}>
          {chosen.map((n, i) => (
            <li key={n}>
              {nameOf(n)}{' '}
              <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${t('Naikkan', 'Move up')} ${nameOf(n)}`}>
                ↑
              </button>
              <button
                type="button"
                disabled={i === chosen.length - 1}
                onClick={() => move(i, 1)}
                aria-label={`${t('Turunkan', 'Move down')} ${nameOf(n)}`}
              >
                ↓
              </button>
            </li>
          ))}
        </ol>
      )}
      <FileField label={t(`Surat rekomendasi ${post} (PDF)`, `Recommendation letter ${post} (PDF)`)} onChange={setFile} required />
    </ActionForm>
  );
}

function PickForms({ s, common, decide }: { s: Selection; common: Common; decide: Decide }) {
  const open = Object.keys(s.shortlist ?? {}).filter((p) => !s.picks[p]);
  return (
    <>
      {open.map((post) => (
        <PickOne key={post} s={s} post={post} common={common} decide={decide} />
      ))}
    </>
  );
}

function PickOne({ s, post, common, decide }: { s: Selection; post: string; common: Common; decide: Decide }) {
  const { t } = useI18n();
  const list = s.shortlist?.[post] ?? [];
  const [nip, setNip] = useState(list[0]?.nip ?? '');
  const [reason, setReason] = useState('');
  const chosen = list.find((c) => c.nip === nip);
  const needsReason = chosen !== undefined && chosen.rank !== 1;
  const nameOf = (n: string) => s.candidates.find((c) => c.nip === n)?.name ?? n;
  return (
    <ActionForm
      {...common}
      title={`${t('Pilih calon untuk', 'Pick the candidate for')} ${post}`}
      decision="pick"
      lines={[
        {
          label: t('Calon dipilih', 'Candidate picked'),
          value: chosen ? `${nameOf(chosen.nip)} (${chosen.nip}), ${t('peringkat', 'rank')} ${chosen.rank}` : '—',
        },
        {
          label: t('Alasan', 'Justification'),
          value: needsReason
            ? reason || t('wajib, karena bukan peringkat pertama', 'required, as not the top-ranked')
            : t('tidak wajib (peringkat pertama)', 'not required (top-ranked)'),
        },
      ]}
      submitLabel={t('Tetapkan pilihan', 'Record the pick')}
      disabled={!chosen || (needsReason && reason.trim() === '')}
      onSubmit={() => decide({ decision: 'pick', postCode: post, nip, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
      testId={`pick-${post}`}
    >
      <fieldset>
        <legend>{t('Tiga besar', 'Shortlist')}</legend>
        {list.map((c) => (
          <div className="check" key={c.nip}>
            <input type="radio" name={`pick-${post}`} id={`pick-${c.nip}`} checked={nip === c.nip} onChange={() => setNip(c.nip)} />
            <label htmlFor={`pick-${c.nip}`}>
              {c.rank}. {nameOf(c.nip)} ({c.nip}) — total {c.total}
            </label>
          </div>
        ))}
      </fieldset>
      {needsReason && (
        <TextField
          label={t('Alasan memilih selain peringkat pertama', 'Why not the top-ranked candidate')}
          value={reason}
          onChange={setReason}
          multiline
          required
        />
      )}
    </ActionForm>
  );
}

interface Appointment {
  step: string;
  allowedDecisions: Allowed[];
  result: { nip: string; decreeNumber: string | null; effectiveDate: string | null; inauguratedOn: string | null };
}

function AppointmentForms({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const posts = s.pendingTasks.filter((p) => p.decision === 'record_decree' && p.subject).map((p) => p.subject!);
  return (
    <>
      {posts.map((post) => (
        <AppointmentOne key={post} s={s} post={post} session={session} reload={reload} />
      ))}
    </>
  );
}

function AppointmentOne({ s, post, session, reload }: { s: Selection; post: string; session: Session; reload: () => void }) {
  const { t } = useI18n();
  const path = `/v1/selections/${enc(s.workflowId)}/appointments/${enc(post)}`;
  const { data: a, error, reload: reloadA } = useLoad(() => api<Appointment>('GET', path), [path], 3000);
  const [number, setNumber] = useState('');
  const [tmt, setTmt] = useState('');
  const [on, setOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [file2, setFile2] = useState<File | null>(null);
  const drafted = useDecreeDraft(s.workflowId, post);
  // The drafted SK fills the number and TMT it carries; the clerk may still type over them.
  useEffect(() => {
    if (drafted) {
      setNumber(drafted.decreeNumber);
      setTmt(drafted.effectiveDate);
    }
  }, [drafted]);
  const common = {
    caseId: `${s.workflowId}:appointment:${post}`,
    session,
    sop: s.sop,
    onDone: () => {
      void reloadA();
      reload();
    },
  };
  if (error && !a) return <Refusal error={error} />;
  if (!a) return null;
  const may = (d: string) => a.allowedDecisions.some((x) => x.decision === d);
  const name = s.candidates.find((c) => c.nip === a.result.nip)?.name ?? a.result.nip;
  return (
    <section aria-labelledby={`appt-${post}`}>
      <h2 id={`appt-${post}`}>
        {t('Pengangkatan', 'Appointment')} {post}: {name}
      </h2>
      {/* The SK follows the PPK's pick for this post: drafted here, cited by record_decree below. */}
      {(may('record_decree') || a.result.decreeNumber) && <CaseDecree caseId={s.workflowId} postCode={post} session={session} />}
      {may('record_decree') && (
        <ActionForm
          {...common}
          title={t('Catat SK pengangkatan', 'Record the decree')}
          decision="record_decree"
          lines={[
            { label: t('Nomor SK', 'Decree number'), value: number || '—' },
            { label: 'TMT', value: tmt || '—' },
            {
              label: t('Bukti', 'Evidence'),
              value: file
                ? `sk_pengangkatan: ${file.name}`
                : drafted
                  ? `${t('SK yang dibuat', 'The drafted decree')} ${drafted.decreeNumber} (SHA-256 ${drafted.evidence.sha256})`
                  : t('SK (wajib)', 'decree (required)'),
            },
          ]}
          submitLabel={t('Catat SK', 'Record the decree')}
          onSubmit={async () =>
            api('POST', `${path}/decisions`, {
              decision: 'record_decree',
              decreeNumber: number,
              effectiveDate: tmt,
              evidence: !file && drafted ? [drafted.evidence] : await evidenceOf(file, 'sk_pengangkatan', s.agencyCode, t),
            })
          }
          testId="record-decree"
        >
          <TextField label={t('Nomor SK', 'Decree number')} value={number} onChange={setNumber} required />
          <TextField
            label={t('TMT (terhitung mulai tanggal)', 'Effective date (TMT)')}
            type="date"
            value={tmt}
            onChange={setTmt}
            required
          />
          {drafted && (
            <p data-testid="cited-decree">
              {t('Bukti: SK yang dibuat di halaman ini', 'Evidence: the decree drafted on this page')} {drafted.decreeNumber}, SHA-256{' '}
              <span className="nip" data-testid="cited-decree-sha256">
                {drafted.evidence.sha256}
              </span>
              . {t('Unggah pindaian bertanda tangan hanya untuk menggantinya.', 'Upload a signed scan only to cite it instead.')}
            </p>
          )}
          <FileField label={t('SK pengangkatan (PDF)', 'Appointment decree (PDF)')} onChange={setFile} required={!drafted} />
        </ActionForm>
      )}
      {may('record_inauguration') && (
        <ActionForm
          {...common}
          title={t('Catat pelantikan', 'Record the inauguration')}
          decision="record_inauguration"
          lines={[
            { label: t('Tanggal pelantikan', 'Inaugurated on'), value: on || '—' },
            {
              label: t('Bukti', 'Evidence'),
              value: file2 ? `ba_pelantikan: ${file2.name}` : t('berita acara (wajib)', 'minutes (required)'),
            },
          ]}
          submitLabel={t('Catat pelantikan', 'Record the inauguration')}
          onSubmit={async () =>
            api('POST', `${path}/decisions`, {
              decision: 'record_inauguration',
              inauguratedOn: on,
              evidence: await evidenceOf(file2, 'ba_pelantikan', s.agencyCode, t),
            })
          }
          testId="record-inauguration"
        >
          <TextField label={t('Tanggal pelantikan', 'Inauguration date')} type="date" value={on} onChange={setOn} required />
          <FileField label={t('Berita acara pelantikan (PDF)', 'Inauguration minutes (PDF)')} onChange={setFile2} required />
        </ActionForm>
      )}
    </section>
  );
}

/** Dossier downloads for report readers; ledger verification and history replay for auditors. */
function ReportsPanel({ caseId, session }: { caseId: string; session: Session }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [verify, setVerify] = useState<Record<string, unknown> | null>(null);
  const [replay, setReplay] = useState<Record<string, unknown> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const file = caseId.replace(/[^A-Za-z0-9._-]+/g, '_');
  const auditor = AUDITORS.includes(session.role);
  const verifyOk = verify ? isIntact(verify) : null;
  return (
    <section aria-labelledby="audit-h" className="card">
      <h2 id="audit-h">{auditor ? t('Audit (hanya baca)', 'Audit (read-only)') : t('Berkas kasus', 'Case dossier')}</h2>
      <div className="row">
        {(['pdf', 'json', 'csv'] as const).map((ext) => (
          <button
            key={ext}
            type="button"
            disabled={busy !== null}
            onClick={() => void run(ext, () => download(`/v1/cases/${enc(caseId)}/dossier.${ext}`, `dossier-${file}.${ext}`))}
          >
            {t('Unduh berkas', 'Download dossier')} {ext.toUpperCase()}
          </button>
        ))}
      </div>
      {auditor && (
        <>
          <div className="row">
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('verify', async () => setVerify(await api('GET', `/v1/ledger/verify/${enc(caseId)}`)))}
            >
              {t('Verifikasi rantai hash buku besar', 'Verify the ledger hash chain')}
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('replay', async () => setReplay(await api('GET', `/v1/cases/${enc(caseId)}/replay`)))}
            >
              {t('Putar ulang riwayat alur kerja', 'Replay the workflow histories')}
            </button>
          </div>
          <p className="hint">
            {t(
              'Keduanya hanya membaca; tidak ada keputusan yang dicatat. Permintaan baca auditor dicatat di log audit.',
              "Both only read; no decision is recorded. Auditors' reads are kept in the audit-read log.",
            )}
          </p>
          {busy && (
            <p role="status">
              {t('Memproses…', 'Working…')} ({busy})
            </p>
          )}
          {verify && (
            <div className={verifyOk ? 'result ok' : 'result bad'} data-testid="verify-result" data-ok={String(verifyOk)}>
              <p>
                <strong>{t('Verifikasi buku besar', 'Ledger verification')}:</strong>{' '}
                {verifyOk
                  ? t('utuh — setiap tautan hash cocok', 'intact — every hash link matches')
                  : t('TIDAK utuh — lihat rinciannya', 'NOT intact — see the details')}
              </p>
              <details>
                <summary>{t('Rincian', 'Details')}</summary>
                <pre>{JSON.stringify(verify, null, 2)}</pre>
              </details>
            </div>
          )}
          {replay && (
            <div
              className={replay.verdict === 'consistent' ? 'result ok' : 'result bad'}
              data-testid="replay-result"
              data-verdict={String(replay.verdict)}
            >
              <p>
                <strong>{t('Putar ulang', 'Replay')}:</strong> {String(replay.verdict)} —{' '}
                {replay.verdict === 'consistent'
                  ? t('setiap riwayat dapat diputar ulang dan cocok dengan buku besar', 'every history replays and matches the ledger')
                  : t('ada perbedaan antara riwayat dan buku besar', 'the histories and the ledger differ')}
              </p>
              <ReplaySummary replay={replay} />
            </div>
          )}
        </>
      )}
      <Refusal error={error} />
    </section>
  );
}

function isIntact(v: Record<string, unknown>): boolean {
  if (typeof v.valid === 'boolean') return v.valid;
  if (typeof v.intact === 'boolean') return v.intact;
  if (typeof v.ok === 'boolean') return v.ok;
  if (Array.isArray(v.broken)) return v.broken.length === 0;
  if (typeof v.broken === 'number') return v.broken === 0;
  return false;
}

function ReplaySummary({ replay }: { replay: Record<string, unknown> }) {
  const { t } = useI18n();
  const runs =
    (replay.replay as { workflowId: string; runId: string; ok: boolean; error?: { name: string; message: string } }[] | undefined) ?? [];
  const sources = new Map(((replay.sources as { runId: string; source: string }[] | undefined) ?? []).map((s) => [s.runId, s.source]));
  const archive = new Map(
    ((replay.archive as { runId: string; ok: boolean; sha256: string; problem?: string }[] | undefined) ?? []).map((a) => [a.runId, a]),
  );
  const fromArchive = [...sources.values()].filter((s) => s !== 'temporal').length;
  const sourceLabel = (s: string | undefined) =>
    s === 'archive'
      ? t('arsip PostgreSQL', 'PostgreSQL archive')
      : s === 'archive-snapshot'
        ? t('cuplikan di arsip', 'archived snapshot')
        : t('Temporal', 'Temporal');
  const c = (replay.comparison as Record<string, unknown[] | number> | undefined) ?? {};
  const n = (k: string) => (Array.isArray(c[k]) ? (c[k] as unknown[]).length : typeof c[k] === 'number' ? (c[k] as number) : 0);
  return (
    <>
      <p>
        {t('Cocok', 'Matches')}: {n('matches')} · {t('hilang', 'missing')}: {n('missing')} · {t('tambahan', 'extra')}: {n('extra')} ·{' '}
        {t('berubah', 'altered')}: {n('altered')}
      </p>
      <p data-testid="replay-sources">
        {t('Riwayat dari arsip', 'Histories from the archive')}: {fromArchive} · {t('dari Temporal', 'from Temporal')}:{' '}
        {runs.length - fromArchive}
      </p>
      <ul>
        {runs.map((r) => {
          const a = archive.get(r.runId);
          return (
            <li key={r.runId}>
              <code>{r.workflowId}</code> ({sourceLabel(sources.get(r.runId))}):{' '}
              {r.ok ? t('deterministik', 'deterministic') : `${t('gagal', 'failed')}: ${r.error?.message ?? ''}`}
              {a &&
                (a.ok
                  ? ` · ${t('hash arsip cocok dengan rantai', 'archive hash matches the chain')}`
                  : ` · ${t('HASH ARSIP TIDAK COCOK dengan rantai', 'ARCHIVE HASH DOES NOT MATCH the chain')} (${a.problem})`)}
            </li>
          );
        })}
      </ul>
    </>
  );
}
