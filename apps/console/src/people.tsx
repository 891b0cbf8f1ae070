import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { GOLONGAN_CODES, SERVICE_STATUSES, type ServiceStatus } from '@meritflow/domain';
import { api, enc, type Session } from './api';
import { useI18n } from './i18n';
import { golonganLabel, POST_TYPE_CODES, postTypeLabel, serviceStatusLabel } from './labels';
import { Refusal, SelectField, TextField, useLoad } from './ui';

/** One official as the register's search answers (`GET /v1/register/people`). */
export interface PersonSummary {
  nip: string;
  employmentType: string;
  name: string;
  unitCode: string;
  source: string;
  golongan: string | null;
  postCode: string | null;
  postType: string | null;
  postTitle: string | null;
  serviceStatus: ServiceStatus;
  serviceEndedOn: string | null;
  version: number;
}
interface PeoplePage {
  agencyCode: string;
  page: number;
  pageSize: number;
  total: number;
  items: PersonSummary[];
}
export interface Unit {
  code: string;
  name: string;
  parentCode: string | null;
}
export interface Post {
  code: string;
  title: string;
  postType: string;
  unitCode: string;
  competencyStandard: { type: string; name: string; level: number }[];
}

/** Roles that read the register (the API's REGISTER_READER_ROLES); committee members and assessors do not. */
export const REGISTER_READERS = ['hr_officer', 'ppk', 'overseer', 'auditor', 'admin'];
export const isNationalSession = (s: Session): boolean => s.actor.agency === '*';

/** `?agencyCode=` for a national body, which must name the register it reads; nothing for an agency's own officers. */
export const agencyParam = (session: Session, agencyCode: string | undefined): string =>
  isNationalSession(session) && agencyCode ? `agencyCode=${encodeURIComponent(agencyCode)}` : '';
const query = (parts: Record<string, string | number | undefined>) =>
  Object.entries(parts)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

export const profileHref = (nip: string, agencyCode?: string): string =>
  `#/people/${enc(nip)}${agencyCode ? `?agencyCode=${encodeURIComponent(agencyCode)}` : ''}`;

/** The agency's units and posts, for filters and labels; empty until a national body names an agency. */
export function useReference(session: Session, agencyCode: string) {
  const scope = agencyParam(session, agencyCode);
  const blocked = isNationalSession(session) && !agencyCode;
  const units = useLoad(
    () => (blocked ? Promise.resolve({ units: [] as Unit[] }) : api<{ units: Unit[] }>('GET', `/v1/register/units?${scope}`)),
    [scope],
  );
  const posts = useLoad(
    () => (blocked ? Promise.resolve({ posts: [] as Post[] }) : api<{ posts: Post[] }>('GET', `/v1/register/posts?${scope}`)),
    [scope],
  );
  return { units: units.data?.units ?? [], posts: posts.data?.posts ?? [] };
}

/** Search the agency's officials by name, NIP, unit, grade, post or post type, a page at a time. */
export function People({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const national = isNationalSession(session);
  const [agency, setAgency] = useState('');
  const [form, setForm] = useState({ q: '', unitCode: '', golongan: '', postCode: '', postType: '', serviceStatus: '' });
  const [applied, setApplied] = useState(form);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState('25');
  const { units, posts } = useReference(session, agency);
  const scope = agencyParam(session, agency);
  const blocked = national && !agency;
  const { data, error, loading } = useLoad(
    () =>
      blocked
        ? Promise.resolve(null)
        : api<PeoplePage>('GET', `/v1/register/people?${query({ ...applied, page, pageSize })}${scope ? `&${scope}` : ''}`),
    [applied, page, pageSize, scope],
  );
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const unitName = (code: string) => units.find((u) => u.code === code)?.name;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const any = { value: '', label: t('Semua', 'All') };
  return (
    <section aria-labelledby="people-h">
      <h1 id="people-h">{t('Pencarian pegawai', 'Find officials')}</h1>
      <form
        className="card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setApplied(form);
        }}
      >
        {national && (
          <TextField
            label={t('Kode instansi', 'Agency code')}
            value={agency}
            onChange={(v) => setAgency(v.toUpperCase())}
            hint={t('Lembaga nasional memilih register instansi yang dibaca', 'National bodies name the register they read')}
          />
        )}
        <TextField
          label={t('Nama atau NIP', 'Name or NIP')}
          value={form.q}
          onChange={set('q')}
          hint={t('Sebagian nama, atau digit awal NIP', 'Part of a name, or the first digits of a NIP')}
        />
        <div className="row">
          <SelectField
            label={t('Unit kerja', 'Unit')}
            value={form.unitCode}
            onChange={set('unitCode')}
            options={[any, ...units.map((u) => ({ value: u.code, label: u.name }))]}
          />
          <SelectField
            label={t('Golongan', 'Grade')}
            value={form.golongan}
            onChange={set('golongan')}
            options={[any, ...GOLONGAN_CODES.map((g) => ({ value: g, label: golonganLabel(g) }))]}
          />
          <SelectField
            label={t('Jabatan', 'Post')}
            value={form.postCode}
            onChange={set('postCode')}
            options={[any, ...posts.map((p) => ({ value: p.code, label: p.title }))]}
          />
          <SelectField
            label={t('Jenis jabatan', 'Post type')}
            value={form.postType}
            onChange={set('postType')}
            options={[any, ...POST_TYPE_CODES.map((p) => ({ value: p, label: postTypeLabel(p, lang) }))]}
          />
          <SelectField
            label={t('Status kepegawaian', 'Service')}
            value={form.serviceStatus}
            onChange={set('serviceStatus')}
            options={[any, ...SERVICE_STATUSES.map((s) => ({ value: s, label: serviceStatusLabel(s, lang) }))]}
          />
        </div>
        <button type="submit">{t('Cari', 'Search')}</button>
      </form>
      <Refusal error={error} />
      {loading && !data && !blocked && <p>{t('Memuat…', 'Loading…')}</p>}
      {data && (
        <>
          <p role="status" data-testid="people-total">
            {t(`${data.total} pegawai ditemukan`, `${data.total} officials found`)}
          </p>
          <div className="table-wrap">
            <table data-testid="people">
              <thead>
                <tr>
                  <th scope="col">{t('Nama', 'Name')}</th>
                  <th scope="col">NIP</th>
                  <th scope="col">{t('Golongan', 'Grade')}</th>
                  <th scope="col">{t('Jabatan', 'Post')}</th>
                  <th scope="col">{t('Unit kerja', 'Unit')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.nip}>
                    <td>
                      <a href={profileHref(p.nip, national ? agency : undefined)}>{p.name}</a>
                      {p.source === 'external' && <span className="badge">{t('instansi lain', 'other agency')}</span>}
                      {p.serviceStatus === 'ended' && (
                        <span className="badge" title={p.serviceEndedOn ?? undefined}>
                          {serviceStatusLabel(p.serviceStatus, lang)}
                        </span>
                      )}
                    </td>
                    <td>
                      <code>{p.nip}</code>
                    </td>
                    <td>{golonganLabel(p.golongan)}</td>
                    <td>
                      {p.postTitle ?? '—'}
                      {p.postType && <div className="sub">{postTypeLabel(p.postType, lang)}</div>}
                    </td>
                    <td>{unitName(p.unitCode) ?? p.unitCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="row" aria-label={t('Halaman hasil', 'Result pages')}>
            <button type="button" onClick={() => setPage((n) => n - 1)} disabled={page <= 1}>
              {t('Sebelumnya', 'Previous')}
            </button>
            <span>{t(`Halaman ${page} dari ${pages}`, `Page ${page} of ${pages}`)}</span>
            <button type="button" onClick={() => setPage((n) => n + 1)} disabled={page >= pages}>
              {t('Berikutnya', 'Next')}
            </button>
            <SelectField
              label={t('Per halaman', 'Per page')}
              value={pageSize}
              onChange={(v) => {
                setPageSize(v);
                setPage(1);
              }}
              options={['10', '25', '50'].map((v) => ({ value: v, label: v }))}
            />
          </nav>
        </>
      )}
    </section>
  );
}

/**
 * Type-ahead search of the register that fills a form from the official picked: a combobox over
 * `GET /v1/register/people` (name or the first digits of a NIP). Arrow keys move, Enter picks, Escape
 * closes; Enter never sends the surrounding form.
 */
export function PersonPicker(props: {
  label: string;
  onPick: (p: PersonSummary) => void;
  session: Session;
  agencyCode?: string;
  hint?: string;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [term, setTerm] = useState('');
  const [items, setItems] = useState<PersonSummary[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<unknown>(null);
  const scope = agencyParam(props.session, props.agencyCode);
  useEffect(() => {
    const q = term.trim();
    if (q.length < 2) {
      setItems([]);
      setOpen(false);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      api<PeoplePage>('GET', `/v1/register/people?${query({ q, pageSize: 8 })}${scope ? `&${scope}` : ''}`).then(
        (res) => {
          if (stale) return;
          setItems(res.items);
          setActive(res.items.length > 0 ? 0 : -1);
          setOpen(true);
          setError(null);
        },
        (err: unknown) => !stale && setError(err),
      );
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [term, scope]);
  const choose = (p: PersonSummary) => {
    props.onPick(p);
    setTerm('');
    setOpen(false);
    setItems([]);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (open && active >= 0 && items[active]) choose(items[active]);
    } else if (e.key === 'ArrowDown' && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length > 0) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const listId = `${id}-list`;
  return (
    <div className="field picker">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        onKeyDown={onKey}
        onBlur={() => setOpen(false)}
      />
      <small id={`${id}-hint`} className="hint">
        {props.hint ??
          t('Ketik sebagian nama atau NIP, lalu pilih dari register', 'Type part of a name or NIP, then pick from the register')}
      </small>
      {open && (
        <ul id={listId} role="listbox" aria-label={props.label} className="picker-list">
          {items.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="sub">
              {t('Tidak ada pegawai yang cocok di register', 'No official in the register matches')}
            </li>
          )}
          {items.map((p, i) => (
            <li
              key={p.nip}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              <strong>{p.name}</strong> <code>{p.nip}</code>
              <div className="sub">
                {golonganLabel(p.golongan)} · {p.postTitle ?? postTypeLabel(p.postType, lang)}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Refusal error={error} />
    </div>
  );
}
