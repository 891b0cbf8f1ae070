import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { listSops } from '@meritflow/domain';
import type { CaseListPage, CaseListSortField } from '@meritflow/contracts';
import { caseTypes, enc, type CaseTypeInfo } from './api';
import { formatDate, formatTime } from './dates';
import { FormDate, FormSelect, FormText, fields, msg, useZodForm } from './forms';
import { useI18n, type Lang } from './i18n';
import { stepLabel, statusLabel } from './labels';
import { keys, useApiQuery } from './query';
import { useSignedIn } from './session';
import { Refusal } from './ui';

export const caseHref = (id: string): string => `#/case/${enc(id)}`;
export const casePath = (id: string): string => `/case/${enc(id)}`;

const PAGE_SIZES = [10, 25, 50, 100];
const SORTS: { value: `${CaseListSortField}:${'asc' | 'desc'}`; id: string; en: string }[] = [
  { value: 'createdAt:desc', id: 'Terbaru dibuka', en: 'Newest opened' },
  { value: 'createdAt:asc', id: 'Terlama dibuka', en: 'Oldest opened' },
  { value: 'updatedAt:desc', id: 'Terakhir diperbarui', en: 'Last updated' },
  { value: 'title:asc', id: 'Judul A–Z', en: 'Title A–Z' },
  { value: 'title:desc', id: 'Judul Z–A', en: 'Title Z–A' },
  { value: 'caseType:asc', id: 'Jenis kasus', en: 'Case type' },
  { value: 'step:asc', id: 'Tahap', en: 'Step' },
  { value: 'agencyCode:asc', id: 'Instansi', en: 'Agency' },
];

/** The filters live in the URL (#/cases?q=…&page=2), so a list can be shared and the back button works. */
const FILTERS = ['q', 'caseType', 'agencyCode', 'step', 'status', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const filterSchema = z
  .object({
    q: z.string().trim().max(100, msg('Paling banyak 100 huruf', 'At most 100 characters')),
    caseType: z.string(),
    agencyCode: z.string().trim().toUpperCase(),
    step: z.string(),
    status: z.string(),
    from: fields.optionalDate(),
    to: fields.optionalDate(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: msg('Tanggal akhir tidak boleh sebelum tanggal awal', 'The end date must not be before the start date'),
  });

/** The case-type registry (labels, SOPs of each type), read once per session. */
export const useCaseTypes = (): CaseTypeInfo[] | undefined =>
  useQuery({ queryKey: keys.caseTypes, queryFn: caseTypes, staleTime: Infinity }).data;

export const typeLabelOf = (types: readonly CaseTypeInfo[] | undefined, code: string, lang: Lang): string => {
  const found = types?.find((x) => x.type === code);
  return found ? (lang === 'id' ? found.label.id : found.label.en) : code;
};

/** Steps and statuses a filter can offer: those of the chosen case type's SOPs, or of every SOP. */
function stepsAndStatuses(types: readonly CaseTypeInfo[] | undefined, caseType: string) {
  const sopIds = caseType ? (types?.find((t) => t.type === caseType)?.sopIds ?? []) : null;
  const sops = listSops().filter((s) => !s.testOnly && (!sopIds || sopIds.includes(s.id)));
  return {
    steps: [...new Set(sops.flatMap((s) => s.steps.map((st) => st.id)))],
    statuses: [...new Set(sops.flatMap((s) => s.steps.map((st) => st.status)))],
  };
}

/** Every case in scope, searched, filtered, sorted and paged by the API. */
export function Cases() {
  const { t, lang } = useI18n();
  const session = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const national = session.actor.agency === '*';
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const sort = params.get('sort') ?? 'createdAt:desc';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 25;
  const filtered = FILTERS.some((k) => filters[k] !== '');

  const registry = useCaseTypes();

  const query = new URLSearchParams({ ...Object.fromEntries(FILTERS.filter((k) => filters[k]).map((k) => [k, filters[k]])) });
  query.set('sort', sort);
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  const list = useApiQuery<CaseListPage>(keys.cases(Object.fromEntries(query)), `/v1/cases?${query}`, {
    placeholderData: keepPreviousData,
  });

  const form = useZodForm(filterSchema, filters);
  // Back and forward move through the URL's filters: the form follows them.
  const urlFilters = JSON.stringify(filters);
  useEffect(() => form.reset(JSON.parse(urlFilters) as Filters), [urlFilters]);
  const chosenType = form.watch('caseType');
  const { steps, statuses } = useMemo(() => stepsAndStatuses(registry, chosenType), [registry, chosenType]);
  // With one case type chosen, its steps read as its SOP names them.
  const soleSop = chosenType ? registry?.find((x) => x.type === chosenType)?.sopIds[0] : undefined;
  const apply = (next: Partial<Filters> & { sort?: string; page?: number; pageSize?: number }) => {
    const merged = { ...filters, sort, page, pageSize, ...next };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(merged)) if (v !== '' && v !== undefined) out.set(k, String(v));
    if (out.get('sort') === 'createdAt:desc') out.delete('sort');
    if (out.get('page') === '1') out.delete('page');
    if (out.get('pageSize') === '25') out.delete('pageSize');
    setParams(out);
  };
  const clear = () => {
    // Clearing the filters keeps the sort and the page size.
    form.reset(Object.fromEntries(FILTERS.map((k) => [k, ''])) as Filters);
    const kept = new URLSearchParams();
    for (const k of ['sort', 'pageSize']) if (params.get(k)) kept.set(k, params.get(k)!);
    setParams(kept);
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;
  const [openId, setOpenId] = useState('');

  return (
    <section aria-labelledby="cases-h">
      <h1 id="cases-h">{t('Daftar kasus', 'Cases')}</h1>
      <form
        className="filters"
        role="search"
        aria-label={t('Cari dan saring kasus', 'Search and filter cases')}
        onSubmit={form.handleSubmit((f) => apply({ ...f, page: 1 }))}
      >
        <div className="filters-grid">
          <FormText
            form={form}
            name="q"
            label={t('Cari', 'Search')}
            hint={t('Nomor kasus, judul, jabatan atau NIP', 'Case id, title, post or NIP')}
          />
          <FormSelect
            form={form}
            name="caseType"
            label={t('Jenis kasus', 'Case type')}
            options={[
              { value: '', label: t('Semua jenis', 'Every type') },
              ...(registry ?? []).map((x) => ({ value: x.type, label: lang === 'id' ? x.label.id : x.label.en })),
            ]}
          />
          <FormSelect
            form={form}
            name="step"
            label={t('Tahap', 'Step')}
            options={[
              { value: '', label: t('Semua tahap', 'Every step') },
              ...steps.map((s) => ({ value: s, label: stepLabel(s, lang, soleSop) })),
            ]}
          />
          <FormSelect
            form={form}
            name="status"
            label={t('Status', 'Status')}
            options={[
              { value: '', label: t('Semua status', 'Every status') },
              ...statuses.map((s) => ({ value: s, label: statusLabel(s, lang) })),
            ]}
          />
          {national && <FormText form={form} name="agencyCode" label={t('Kode instansi', 'Agency code')} />}
          <FormDate form={form} name="from" label={t('Dibuka sejak', 'Opened from')} />
          <FormDate form={form} name="to" label={t('Dibuka sampai', 'Opened until')} />
        </div>
        <div className="row">
          <button type="submit">{t('Terapkan', 'Apply')}</button>
          {filtered && (
            <button type="button" className="secondary" onClick={clear}>
              {t('Hapus semua filter', 'Clear every filter')}
            </button>
          )}
        </div>
      </form>

      <div className="row list-bar">
        <p role="status" aria-live="polite" data-testid="case-count">
          {data
            ? data.total === 0
              ? t('Tidak ada kasus', 'No case')
              : t(`${first}–${last} dari ${data.total} kasus`, `${first}–${last} of ${data.total} cases`)
            : t('Memuat…', 'Loading…')}
        </p>
        <div className="field inline">
          <label htmlFor="sort">{t('Urutkan', 'Sort by')}</label>
          <select id="sort" value={sort} onChange={(e) => apply({ sort: e.target.value, page: 1 })}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {lang === 'id' ? s.id : s.en}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="page-size">{t('Per halaman', 'Per page')}</label>
          <select id="page-size" value={pageSize} onChange={(e) => apply({ pageSize: Number(e.target.value), page: 1 })}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>

      <Refusal error={list.error} />
      {data && data.items.length === 0 && (
        <div className="empty" data-testid="cases-empty">
          {filtered ? (
            <>
              <p>
                <strong>{t('Tidak ada kasus yang cocok dengan filter ini.', 'No case matches these filters.')}</strong>
              </p>
              <p>
                {t(
                  'Longgarkan pencarian atau hapus filter untuk melihat semua kasus.',
                  'Widen the search or clear the filters to see every case.',
                )}
              </p>
              <button type="button" onClick={clear}>
                {t('Hapus semua filter', 'Clear every filter')}
              </button>
            </>
          ) : (
            <>
              <p>
                <strong>{t('Belum ada kasus.', 'No case yet.')}</strong>
              </p>
              {session.role === 'hr_officer' ? (
                <p>
                  <Link to="/vacancies/new">{t('Buat usulan lowongan jabatan', 'Draft a vacancy proposal')}</Link>{' '}
                  {t('untuk memulai kasus pertama.', 'to start the first case.')}
                </p>
              ) : (
                <p>
                  {t(
                    'Kasus muncul di sini setelah petugas SDM mengusulkannya; tugas Anda tampil di Kotak tugas.',
                    'Cases appear here once HR starts them; your tasks show in the Inbox.',
                  )}
                </p>
              )}
            </>
          )}
        </div>
      )}
      {data && data.items.length > 0 && (
        <table className="cards" data-testid="case-list" aria-busy={list.isFetching}>
          <caption className="sr-only">{t('Kasus', 'Cases')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Kasus', 'Case')}</th>
              <th scope="col">{t('Jenis', 'Type')}</th>
              <th scope="col">{t('Instansi', 'Agency')}</th>
              <th scope="col">{t('Tahap', 'Step')}</th>
              <th scope="col">{t('Dibuka', 'Opened')}</th>
              <th scope="col">{t('Diperbarui', 'Updated')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.workflowId}>
                <td data-label={t('Kasus', 'Case')}>
                  <Link to={casePath(c.workflowId)}>{c.title}</Link>
                  <div className="sub id">{c.workflowId}</div>
                </td>
                <td data-label={t('Jenis', 'Type')} data-case-type={c.caseType}>
                  {typeLabelOf(registry, c.caseType, lang)}
                </td>
                <td data-label={t('Instansi', 'Agency')} className="nowrap">
                  {c.agencyCode}
                </td>
                <td data-label={t('Tahap', 'Step')} data-step={c.step}>
                  {stepLabel(c.step, lang, c.sop.id)} <span className="sub">({statusLabel(c.status, lang)})</span>
                </td>
                <td data-label={t('Dibuka', 'Opened')}>{formatDate(c.createdAt, lang)}</td>
                <td data-label={t('Diperbarui', 'Updated')}>{formatTime(c.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > data.pageSize && (
        <nav className="pager row" aria-label={t('Halaman', 'Pages')}>
          <button type="button" disabled={data.page <= 1} onClick={() => apply({ page: data.page - 1 })}>
            {t('← Sebelumnya', '← Previous')}
          </button>
          <span data-testid="page-of">{t(`Halaman ${data.page} dari ${pages}`, `Page ${data.page} of ${pages}`)}</span>
          <button type="button" disabled={data.page >= pages} onClick={() => apply({ page: data.page + 1 })}>
            {t('Berikutnya →', 'Next →')}
          </button>
        </nav>
      )}

      <form
        className="row open-by-id"
        onSubmit={(e) => {
          e.preventDefault();
          if (openId.trim()) navigate(casePath(openId.trim()));
        }}
      >
        <div className="field">
          <label htmlFor="open-id">{t('Buka kasus dengan nomornya', 'Open a case by its id')}</label>
          <input id="open-id" value={openId} onChange={(e) => setOpenId(e.target.value)} />
        </div>
        <button type="submit">{t('Buka', 'Open')}</button>
      </form>
    </section>
  );
}
