import { keepPreviousData } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ROOT_CASE_TYPES, type InboxCounts, type InboxView } from '@meritflow/contracts';
import { casePath, typeLabelOf, useCaseTypes } from './case-list';
import { formatTime } from './dates';
import { useI18n } from './i18n';
import { decisionLabel, roleLabel, statusLabel, stepLabel } from './labels';
import { keys, useApiQuery } from './query';
import { useSignedIn } from './session';
import { Refusal } from './ui';

/** Tasks a page of the inbox shows; the API pages them (at most 200). */
const PAGE_SIZE = 25;
const OVERDUE_CHOICES = ['', 'true', 'false'] as const;

/**
 * The caller's tasks across every open case in scope: counts per case type, then a page of tasks (who
 * must act, by when, overdue marked), filtered by case type and overdue. Filters and page live in the
 * URL (#/inbox?caseType=vacancy&overdue=true&page=2), so Back works and a view can be shared.
 */
export function Inbox() {
  const { t, lang } = useI18n();
  const session = useSignedIn();
  const registry = useCaseTypes();
  const [params, setParams] = useSearchParams();
  const caseType = (ROOT_CASE_TYPES as readonly string[]).includes(params.get('caseType') ?? '') ? params.get('caseType')! : '';
  const overdue = (OVERDUE_CHOICES as readonly string[]).includes(params.get('overdue') ?? '') ? params.get('overdue')! : '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(caseType ? { caseType } : {}), ...(overdue ? { overdue } : {}) };
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const inbox = useApiQuery<InboxView>(keys.inboxPage(query), `/v1/inbox?${search}`, { everyMs: 5000, placeholderData: keepPreviousData });
  const counts = useApiQuery<InboxCounts>(keys.inboxCounts, '/v1/inbox/counts', { everyMs: 15000 });
  const data = inbox.data;
  const filtered = caseType !== '' || overdue !== '';
  /** Changes the filters or the page; a new filter starts again at page 1. */
  const apply = (change: { caseType?: string; overdue?: string; page?: number }) => {
    const next = { caseType, overdue, ...change, page: String(change.page ?? 1) };
    setParams(Object.fromEntries(Object.entries(next).filter(([k, v]) => v !== '' && !(k === 'page' && v === '1'))));
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.limit)) : 1;
  const first = data && data.total > 0 ? data.offset + 1 : 0;
  const last = data ? data.offset + data.tasks.length : 0;
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
      {counts.data?.truncated && (
        <p className="sub" role="status">
          {t(
            `Status ${counts.data.unavailableCases ?? ''} kasus tidak terbaca saat ini; tugasnya belum dihitung.`,
            `The state of ${counts.data.unavailableCases ?? ''} cases could not be read just now; their tasks are not counted.`,
          )}
        </p>
      )}
      <Refusal error={inbox.error} />
      {inbox.isPending && <p>{t('Memuat…', 'Loading…')}</p>}
      {data && (
        <>
          <h2>
            {t('Tugas Anda', 'Your tasks')} ({data.total})
          </h2>
          <div className="row list-bar">
            <div className="field inline">
              <label htmlFor="inbox-case-type">{t('Jenis kasus', 'Case type')}</label>
              <select id="inbox-case-type" value={caseType} onChange={(e) => apply({ caseType: e.target.value })}>
                <option value="">{t('Semua jenis', 'Every type')}</option>
                {(registry ?? [])
                  .filter((r) => (ROOT_CASE_TYPES as readonly string[]).includes(r.type))
                  .map((r) => (
                    <option key={r.type} value={r.type}>
                      {typeLabelOf(registry, r.type, lang)}
                    </option>
                  ))}
              </select>
            </div>
            <div className="field inline">
              <label htmlFor="inbox-overdue">{t('Batas waktu', 'Due')}</label>
              <select id="inbox-overdue" value={overdue} onChange={(e) => apply({ overdue: e.target.value })}>
                <option value="">{t('Semua tugas', 'Every task')}</option>
                <option value="true">{t('Hanya yang terlambat', 'Overdue only')}</option>
                <option value="false">{t('Yang belum terlambat', 'Not yet overdue')}</option>
              </select>
            </div>
            <p role="status" aria-live="polite" data-testid="inbox-range">
              {data.total === 0 ? '' : t(`${first}–${last} dari ${data.total} tugas`, `${first}–${last} of ${data.total} tasks`)}
            </p>
          </div>
          {data.tasks.length === 0 && filtered ? (
            <div className="empty" data-testid="inbox-empty-filtered">
              <p>
                <strong>{t('Tidak ada tugas yang cocok dengan saringan ini.', 'No task matches these filters.')}</strong>
              </p>
              <button type="button" className="secondary" onClick={() => setParams({})}>
                {t('Hapus saringan', 'Clear the filters')}
              </button>
            </div>
          ) : data.tasks.length === 0 ? (
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
          {data.total > data.limit && (
            <nav className="pager row" aria-label={t('Halaman tugas', 'Task pages')}>
              <button type="button" disabled={page <= 1} onClick={() => apply({ page: page - 1 })}>
                {t('← Sebelumnya', '← Previous')}
              </button>
              <span data-testid="inbox-page-of">{t(`Halaman ${page} dari ${pages}`, `Page ${page} of ${pages}`)}</span>
              <button type="button" disabled={page >= pages} onClick={() => apply({ page: page + 1 })}>
                {t('Berikutnya →', 'Next →')}
              </button>
            </nav>
          )}
          <h2>
            {t('Kasus terbuka', 'Open cases')} ({data.openCases})
          </h2>
          {data.cases.length < data.openCases && (
            <p className="sub">
              {t(
                `Ditampilkan ${data.cases.length}: kasus dari tugas di halaman ini, lalu yang terakhir berubah. `,
                `${data.cases.length} shown: the cases of this page's tasks, then the most recently changed. `,
              )}
              <Link to="/cases">{t('Lihat semua kasus', 'See every case')}</Link>
            </p>
          )}
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
