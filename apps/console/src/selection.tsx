import type { CandidateStatus } from '@meritflow/contracts';
import type { Session } from './api';
import { decisionLabel, formatTime, roleLabel, useI18n } from './i18n';
import type { Selection, EligibilityReason } from './selection-shared';
import { ShortlistTable } from './selection-decide';
import { SelectionChildForms, SelectionDecisionForms } from './selection-forms';

export function SelectionBody({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
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

      {s.shortlist && <ShortlistTable s={s} />}
      {/* One form per decision the case allows the session next (selection-forms.tsx), then the child cases' own. */}
      <SelectionDecisionForms s={s} session={session} reload={reload} />
      <SelectionChildForms s={s} session={session} reload={reload} />
    </>
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
