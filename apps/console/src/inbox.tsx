import { Link } from 'react-router';
import type { InboxCounts, InboxView } from '@meritflow/contracts';
import { casePath, typeLabelOf, useCaseTypes } from './case-list';
import { formatTime } from './dates';
import { useI18n } from './i18n';
import { decisionLabel, roleLabel, statusLabel, stepLabel } from './labels';
import { keys, useApiQuery } from './query';
import { useSignedIn } from './session';
import { Refusal } from './ui';

/** The caller's tasks across open cases: counts per case type, who must act, by when, overdue marked. */
export function Inbox() {
  const { t, lang } = useI18n();
  const session = useSignedIn();
  const registry = useCaseTypes();
  const inbox = useApiQuery<InboxView>(keys.inbox, '/v1/inbox', { everyMs: 5000 });
  const counts = useApiQuery<InboxCounts>(keys.inboxCounts, '/v1/inbox/counts', { everyMs: 15000 });
  const data = inbox.data;
  const who = (x: { role: string; actorId?: string }) => `${roleLabel(x.role, lang)}${x.actorId ? ` (${x.actorId})` : ''}`;
  const taskText = (x: { decision: string; options?: string[] }) =>
    (x.options ?? [x.decision]).map((d) => decisionLabel(d, lang)).join(t(' atau ', ' or '));
  const byType = Object.entries(counts.data?.byCaseType ?? {}).filter(([, c]) => c.total > 0);
  return (
    <section aria-labelledby="inbox-h">
      <div className="row">
        <h1 id="inbox-h">{t('Kotak tugas', 'Inbox')}</h1>
        <button type="button" className="secondary" onClick={() => void Promise.all([inbox.refetch(), counts.refetch()])}>
          {t('Muat ulang', 'Reload')}
        </button>
      </div>
      {counts.data && (
        <ul className="counts" aria-label={t('Ringkasan tugas', 'Task summary')} data-testid="inbox-counts">
          <li>
            <span className="count-n">{counts.data.total}</span> {t('tugas menunggu Anda', 'tasks wait for you')}
          </li>
          <li className={counts.data.overdue > 0 ? 'count-danger' : undefined}>
            <span className="count-n">{counts.data.overdue}</span> {t('terlambat', 'overdue')}
          </li>
          {byType.map(([type, c]) => (
            <li key={type}>
              <Link to={`/cases?caseType=${encodeURIComponent(type)}`}>
                <span className="count-n">{c.total}</span> {typeLabelOf(registry, type, lang)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Refusal error={inbox.error} />
      {inbox.isPending && <p>{t('Memuat…', 'Loading…')}</p>}
      {data && (
        <>
          <h2>
            {t('Tugas Anda', 'Your tasks')} ({data.tasks.length})
          </h2>
          {data.tasks.length === 0 ? (
            <div className="empty" data-testid="inbox-empty">
              <p>
                <strong>{t('Tidak ada tugas yang menunggu Anda.', 'Nothing is waiting for you.')}</strong>
              </p>
              {session.role === 'hr_officer' ? (
                <p>
                  {t('Langkah berikutnya: ', 'Next: ')}
                  <Link to="/vacancies/new">{t('buat usulan lowongan jabatan', 'draft a vacancy proposal')}</Link>
                  {t(', atau lihat ', ', or see ')}
                  <Link to="/cases">{t('semua kasus', 'every case')}</Link>.
                </p>
              ) : (
                <p>
                  {t('Tugas baru muncul di sini sendiri. Sementara itu, ', 'New tasks appear here by themselves. Meanwhile, ')}
                  <Link to="/cases">{t('lihat semua kasus', 'see every case')}</Link>.
                </p>
              )}
            </div>
          ) : (
            <table className="cards" data-testid="inbox-tasks">
              <caption className="sr-only">{t('Tugas Anda', 'Your tasks')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Kasus', 'Case')}</th>
                  <th scope="col">{t('Tugas', 'Task')}</th>
                  <th scope="col">{t('Siapa yang harus bertindak', 'Who must act')}</th>
                  <th scope="col">{t('Batas waktu', 'Due by')}</th>
                </tr>
              </thead>
              <tbody>
                {data.tasks.map((task, i) => (
                  <tr
                    key={`${task.workflowId}:${task.decision}:${task.subject ?? ''}:${i}`}
                    className={task.overdue ? 'overdue' : undefined}
                  >
                    <td data-label={t('Kasus', 'Case')}>
                      <Link to={casePath(task.caseId)}>{task.title}</Link>
                      <div className="sub id">{task.caseId}</div>
                      <div className="sub">
                        {typeLabelOf(registry, task.caseType, lang)} ·{' '}
                        {stepLabel(task.step, lang, data.cases.find((c) => c.caseId === task.caseId)?.sop.id)}
                      </div>
                    </td>
                    <td data-label={t('Tugas', 'Task')}>
                      {taskText(task)}
                      {task.subject && <div className="sub">{task.subject}</div>}
                    </td>
                    <td data-label={t('Siapa', 'Who')}>{who(task)}</td>
                    <td data-label={t('Batas waktu', 'Due by')}>
                      {formatTime(task.dueAt, lang)}
                      {task.overdue && <span className="badge danger">{t('Terlambat', 'Overdue')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>
            {t('Kasus terbuka', 'Open cases')} ({data.openCases}
            {data.truncated ? t(', 100 terbaru ditampilkan', ', newest 100 shown') : ''})
          </h2>
          {data.cases.length === 0 ? (
            <p className="empty">{t('Tidak ada kasus terbuka dalam cakupan Anda.', 'No open case in your scope.')}</p>
          ) : (
            <ul className="cases">
              {data.cases.map((c) => (
                <li key={c.caseId}>
                  <Link to={casePath(c.caseId)}>{c.title}</Link> <span className="sub id">{c.caseId}</span> —{' '}
                  <span className="step" data-step={c.step}>
                    {stepLabel(c.step, lang, c.sop.id)}
                  </span>{' '}
                  <span className="sub">({statusLabel(c.status, lang)})</span>
                  {c.unavailable && <span className="badge">{t('status tidak terbaca', 'state unavailable')}</span>}
                  {c.pendingTasks.length > 0 && (
                    <ul>
                      {c.pendingTasks.map((p, i) => (
                        <li key={i}>
                          {taskText(p)}
                          {p.subject ? ` (${p.subject})` : ''} — {who(p)} — {formatTime(p.dueAt, lang)}
                          {p.overdue && <span className="badge danger">{t('Terlambat', 'Overdue')}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
