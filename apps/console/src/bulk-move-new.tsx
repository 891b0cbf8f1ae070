import { useRef, useState } from 'react';
import { z } from 'zod';
import { api, ApiError, type Session } from './api';
import {
  BULK_MOVE_MAX_PEOPLE,
  BULK_MOVE_PAGE_MAX,
  pageKey,
  pageRequests,
  parseMemberList,
  rowOfField,
  type PageRequest,
} from './bulk-pages';
import { FormDate, FormSelect, FormText, fields, msg, showMsg, submitWith, useZodForm } from './forms';
import { useI18n, type Lang } from './i18n';
import { moveKindLabel } from './labels';
import { codeField, emptyPost, FormPost, fromRegister, levelOf, postSchema, type PostDraft } from './move-new';
import { PersonPicker, type PersonSummary } from './people';
import { ActionForm } from './ui';

const KINDS = ['rotation', 'mutation'] as const;
type Kind = (typeof KINDS)[number];

interface Row {
  nip: string;
  name: string;
  kind: Kind;
  from: PostDraft;
  to: PostDraft;
}

const bulkSchema = z.object({
  batchCode: codeField(),
  title: z.string().trim().min(3, msg('Minimal 3 huruf', 'At least 3 letters')),
  regionCode: codeField(),
  intendedEffectiveDate: fields.optionalDate(),
  reason: z.string(),
  // Not `moves`: a page's refusal names `moves.<i>` within that page, which the form maps to its rows
  // itself (refusedRows); submitWith attaches only the batch's own fields.
  people: z
    .array(z.custom<Row>())
    .min(1, msg('Tambahkan minimal satu pegawai', 'Add at least one person'))
    .max(BULK_MOVE_MAX_PEOPLE, msg(`Paling banyak ${BULK_MOVE_MAX_PEOPLE} pegawai`, `At most ${BULK_MOVE_MAX_PEOPLE} people`)),
});

/** Rows listed before "show all" (a refused row is always shown): a batch runs to 2,000 people. */
const SHOWN = 20;

const draftSchema = z.object({ kind: z.enum(KINDS), to: postSchema });
const listSchema = z.object({ kind: z.enum(KINDS), list: z.string() });

/** What one page of a paged proposal is doing. */
type PageState = 'waiting' | 'sending' | 'sent' | 'refused';

/** The refusal of one page, with the rows it names (index in the whole list → the reason). */
const refusedRows = (e: unknown, offset: number, lang: Lang): Map<number, string> => {
  const rows = new Map<number, string>();
  if (!(e instanceof ApiError)) return rows;
  const list = Array.isArray(e.details.fields)
    ? (e.details.fields as { field: string; message?: { id: string; en: string } }[])
    : e.field
      ? [{ field: e.field, message: e.messages }]
      : [];
  for (const f of list) {
    const row = rowOfField(f.field, offset);
    if (row !== null) rows.set(row, (f.message ?? e.messages)[lang]);
  }
  return rows;
};

/** The agency's register, a page of 200 at a time, until every NIP asked for is found (or the register ends). */
async function findInRegister(nips: readonly string[]): Promise<Map<string, PersonSummary>> {
  const wanted = new Set(nips);
  const found = new Map<string, PersonSummary>();
  for (let page = 1; page <= 10_000 / 200 && found.size < wanted.size; page++) {
    const res = await api<{ items: PersonSummary[]; total: number }>('GET', `/v1/register/people?page=${page}&pageSize=200`);
    for (const p of res.items) if (wanted.has(p.nip)) found.set(p.nip, p);
    if (page * 200 >= res.total || res.items.length === 0) break;
  }
  return found;
}

/**
 * HR proposes a collective decree: people picked from the register one by one, or pasted as a list
 * (NIP and post entered), each with the post they enter. Up to 200 people go in one request; a longer
 * list goes in pages of 200 (the first opens the batch, the last closes its list), in order, the
 * progress shown, and a refused page shows its reason on the row it names; sending again resumes at
 * that page, each page under its own Idempotency-Key.
 */
export function NewBulkMove({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const agency = session.actor.agency ?? '';
  const form = useZodForm(
    bulkSchema,
    { batchCode: '', title: '', regionCode: '', intendedEffectiveDate: '', reason: '', people: [] as Row[] },
    'onChange',
  );
  const draftForm = useZodForm(draftSchema, { kind: 'rotation', to: emptyPost(agency) }, 'onChange');
  const listForm = useZodForm(listSchema, { kind: 'rotation', list: '' }, 'onChange');
  const [draft, setDraft] = useState<{ person: PersonSummary; from: PostDraft } | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pages, setPages] = useState<PageState[]>([]);
  const [rowErrors, setRowErrors] = useState<Map<number, string>>(new Map());
  const [reading, setReading] = useState(false);
  const [showAll, setShowAll] = useState(false);
  // Once the first page is recorded the batch exists: later sends add the remaining pages to it.
  const sent = useRef<{ batch: { agencyCode: string; batchCode: string; title: string; reason?: string }; pages: number } | null>(null);
  const v = form.watch();
  const rows = v.people;
  const locked = (i: number) => sent.current !== null && i < sent.current.pages * BULK_MOVE_PAGE_MAX;
  const setRows = (next: Row[]) => {
    form.setValue('people', next, { shouldValidate: true });
    setRowErrors(new Map());
  };
  const addDraft = draftForm.handleSubmit((d) => {
    if (!draft || rows.some((r) => r.nip === draft.person.nip)) return;
    setRows([...rows, { nip: draft.person.nip, name: draft.person.name, kind: d.kind, from: draft.from, to: d.to }]);
    setDraft(null);
  });
  const addList = listForm.handleSubmit(async ({ kind, list }) => {
    const parsed = parseMemberList(list);
    const problems = parsed.issues.map((i) => `${t('Baris', 'Line')} ${i.line}: ${i.message[lang]}`);
    const fresh = parsed.moves.filter((m) => !rows.some((r) => r.nip === m.nip));
    setReading(true);
    try {
      const found = await findInRegister(fresh.map((m) => m.nip));
      const added: Row[] = [];
      for (const m of fresh) {
        const p = found.get(m.nip);
        // The post left comes from the register: someone it shows without a post, or out of service, cannot be moved.
        const problem = !p
          ? t('NIP tidak ada di register instansi', 'the NIP is not in the agency’s register')
          : p.serviceStatus === 'ended'
            ? t('masa kerja pegawai ini telah berakhir', 'this official’s service has ended')
            : !p.postCode
              ? t('pegawai ini tidak sedang menduduki jabatan', 'this official holds no post')
              : null;
        if (!p || problem) {
          problems.push(`${t('Baris', 'Line')} ${m.line}: ${problem}`);
          continue;
        }
        const from = fromRegister(p, agency, form.getValues('regionCode'));
        added.push({ nip: p.nip, name: p.name, kind, from, to: { ...from, positionCode: m.positionCode } });
      }
      setRows([...rows, ...added]);
      if (problems.length) listForm.setError('list', { type: 'list', message: problems.join(' · ') });
      else listForm.reset({ kind, list: '' });
    } finally {
      setReading(false);
    }
  });

  const send = submitWith(form, lang, async (x) => {
    const region = x.regionCode;
    const moves = x.people.map((r) => ({
      kind: r.kind,
      scope: 'intra_agency',
      atOwnRequest: false,
      person: { nip: r.nip },
      from: { ...r.from, regionCode: r.from.regionCode || region, level: levelOf(r.from) },
      to: { ...r.to, regionCode: r.to.regionCode || region, level: levelOf(r.to) },
      ...(x.intendedEffectiveDate ? { intendedEffectiveDate: x.intendedEffectiveDate } : {}),
    }));
    const batch = sent.current?.batch ?? {
      agencyCode: agency,
      batchCode: x.batchCode,
      title: x.title.trim(),
      ...(x.reason.trim() ? { reason: x.reason.trim() } : {}),
    };
    const done = sent.current?.pages ?? 0;
    const requests: PageRequest<unknown>[] = pageRequests(batch, moves, BULK_MOVE_PAGE_MAX, done);
    const states: PageState[] = requests.map((_, i) => (i < done ? 'sent' : 'waiting'));
    setPages([...states]);
    setRowErrors(new Map());
    for (const r of requests.slice(done)) {
      states[r.index] = 'sending';
      setPages([...states]);
      try {
        // A page is sent under a key of its own content: sent again as it was, it is recorded once.
        const res = await api<{ workflowId?: string }>(
          'POST',
          r.path,
          r.body,
          undefined,
          r.starts ? {} : { 'Idempotency-Key': pageKey(r) },
        );
        if (r.starts && res.workflowId) setCreated(res.workflowId);
      } catch (e) {
        states[r.index] = 'refused';
        setPages([...states]);
        setRowErrors(refusedRows(e, r.offset, lang));
        throw e;
      }
      states[r.index] = 'sent';
      setPages([...states]);
      if (requests.length > 1) sent.current = { batch, pages: r.index + 1 };
    }
    sent.current = null;
  });

  const sentPages = pages.filter((p) => p === 'sent').length;
  const refused = pages.indexOf('refused');
  const paged = rows.length > BULK_MOVE_PAGE_MAX || pages.length > 1;
  return (
    <section aria-labelledby="nb-h">
      <h1 id="nb-h">{t('Usulkan mutasi/rotasi massal', 'Propose a bulk move')}</h1>
      <ActionForm
        title={t('SK kolektif', 'Collective decree')}
        decision="propose_batch"
        session={session}
        caseId={v.batchCode ? `bulk-move:${agency}:${v.batchCode.trim().toUpperCase()}` : undefined}
        lines={[
          { label: t('Judul', 'Title'), value: v.title || '—' },
          {
            label: t('Pegawai', 'People'),
            value: rows.length
              ? rows.length <= 5
                ? rows.map((r) => `${r.name}: ${r.from.positionCode} → ${r.to.positionCode}`).join('; ')
                : t(`${rows.length} pegawai (daftar di atas)`, `${rows.length} people (listed above)`)
              : '—',
          },
          ...(paged
            ? [
                {
                  label: t('Pengiriman', 'Sending'),
                  value: t(
                    `${Math.ceil(rows.length / BULK_MOVE_PAGE_MAX)} halaman berisi paling banyak ${BULK_MOVE_PAGE_MAX} pegawai, berurutan`,
                    `${Math.ceil(rows.length / BULK_MOVE_PAGE_MAX)} pages of at most ${BULK_MOVE_PAGE_MAX} people, in order`,
                  ),
                },
              ]
            : []),
          {
            label: t('Aturan', 'Rules'),
            value: t('diperiksa per pegawai, per rencana TMT', 'checked person by person, as of the intended date'),
          },
        ]}
        submitLabel={
          sent.current
            ? t('Kirim halaman berikutnya lagi', 'Send the remaining pages again')
            : t(`Usulkan ${rows.length} pegawai`, `Propose ${rows.length} people`)
        }
        disabled={!form.formState.isValid}
        onSubmit={send}
        testId="propose-bulk-move"
      >
        <p>
          {t('Instansi', 'Agency')}: <strong>{agency}</strong>
        </p>
        <div className="row">
          <FormText form={form} name="batchCode" label={t('Kode SK kolektif', 'Batch code')} hint="SK-ROTASI-2026-12" />
          <FormText form={form} name="title" label={t('Judul', 'Title')} />
          <FormText form={form} name="regionCode" label={t('Kode wilayah', 'Region code')} />
          <FormDate form={form} name="intendedEffectiveDate" label={t('Rencana TMT', 'Intended effective date')} />
        </div>
        <fieldset>
          <legend>{t('Tambah pegawai', 'Add a person')}</legend>
          <PersonPicker
            label={t('Cari pegawai di register', 'Find the official in the register')}
            session={session}
            agencyCode={agency}
            onPick={(p) => {
              const from = fromRegister(p, agency, form.getValues('regionCode').trim().toUpperCase());
              setDraft({ person: p, from });
              draftForm.reset({ kind: 'rotation', to: { ...from, positionCode: '' } });
            }}
          />
          {draft && (
            <div data-testid="bulk-draft">
              <p>
                {draft.person.name} <span className="nip">{draft.person.nip}</span> · {draft.from.positionCode || '—'}
              </p>
              <FormSelect
                form={draftForm}
                name="kind"
                label={t('Jenis', 'Kind')}
                options={KINDS.map((k) => ({ value: k, label: moveKindLabel(k, lang) }))}
              />
              <FormPost form={draftForm} name="to" legend={t('Jabatan tujuan', 'Post entered')} id="bulk-to" />
              <button
                type="button"
                disabled={!draftForm.formState.isValid || rows.some((r) => r.nip === draft.person.nip)}
                onClick={() => void addDraft()}
              >
                {t('Tambahkan ke SK', 'Add to the decree')}
              </button>
            </div>
          )}
        </fieldset>
        <fieldset data-testid="bulk-list">
          <legend>{t('Tambah banyak pegawai sekaligus', 'Add many people at once')}</legend>
          <FormSelect
            form={listForm}
            name="kind"
            label={t('Jenis (untuk daftar)', 'Kind (for the list)')}
            options={KINDS.map((k) => ({ value: k, label: moveKindLabel(k, lang) }))}
          />
          <FormText
            form={listForm}
            name="list"
            label={t('Daftar pegawai (NIP dan kode jabatan tujuan)', 'List of people (NIP and post entered)')}
            hint={t(
              'satu pegawai per baris, disalin dari lembar kerja: NIP, tab atau titik koma, kode jabatan tujuan',
              'one person a line, copied from a spreadsheet: NIP, a tab or semicolon, the post entered',
            )}
            multiline
          />
          <button type="button" disabled={reading} aria-busy={reading} onClick={() => void addList()}>
            {reading ? t('Mencari di register…', 'Looking in the register…') : t('Tambahkan daftar', 'Add the list')}
          </button>
        </fieldset>
        {rows.length > 0 && (
          <>
            <p data-testid="bulk-count">
              {t(`${rows.length} pegawai dalam SK`, `${rows.length} people in the decree`)}
              {paged &&
                t(
                  `; dikirim dalam ${Math.ceil(rows.length / BULK_MOVE_PAGE_MAX)} halaman`,
                  `; sent in ${Math.ceil(rows.length / BULK_MOVE_PAGE_MAX)} pages`,
                )}
            </p>
            <ul aria-label={t('Pegawai dalam SK', 'People in the decree')} data-testid="bulk-rows">
              {rows
                .map((r, i) => ({ r, i }))
                .filter(({ i }) => showAll || i < SHOWN || rowErrors.has(i))
                .map(({ r, i }) => (
                  <li key={r.nip} data-member={r.nip} data-refused={rowErrors.has(i) || undefined}>
                    {r.name} <span className="nip">{r.nip}</span>: {r.from.positionCode} → {r.to.positionCode}{' '}
                    <button
                      type="button"
                      disabled={locked(i)}
                      onClick={() => setRows(rows.filter((x) => x !== r))}
                      aria-label={`${t('Hapus', 'Remove')} ${r.name}`}
                    >
                      {t('Hapus', 'Remove')}
                    </button>
                    {rowErrors.has(i) && (
                      <small className="field-error row-error" role="alert">
                        {rowErrors.get(i)}
                      </small>
                    )}
                  </li>
                ))}
            </ul>
            {rows.length > SHOWN && (
              <button type="button" aria-expanded={showAll} onClick={() => setShowAll((x) => !x)}>
                {showAll
                  ? t(`Tampilkan ${SHOWN} pertama saja`, `Show the first ${SHOWN} only`)
                  : t(`Tampilkan semua ${rows.length} pegawai`, `Show all ${rows.length} people`)}
              </button>
            )}
          </>
        )}
        {showMsg(form.formState.errors.people?.message, lang) && rows.length > 0 && (
          <p className="field-error" role="alert">
            {showMsg(form.formState.errors.people?.message, lang)}
          </p>
        )}
        <FormText form={form} name="reason" label={t('Alasan', 'Reason')} multiline />
        {pages.length > 1 && (
          <div data-testid="bulk-progress" aria-live="polite">
            <progress max={pages.length} value={sentPages} aria-label={t('Halaman terkirim', 'Pages sent')} />
            <p role="status">
              {refused >= 0
                ? t(
                    `Halaman ${refused + 1} dari ${pages.length} ditolak; ${sentPages} halaman sudah tercatat. Perbaiki baris yang ditandai, lalu kirim lagi: pengiriman dilanjutkan dari halaman ${refused + 1}.`,
                    `Page ${refused + 1} of ${pages.length} was refused; ${sentPages} pages are recorded. Fix the rows marked, then send again: sending resumes at page ${refused + 1}.`,
                  )
                : t(`${sentPages} dari ${pages.length} halaman terkirim`, `${sentPages} of ${pages.length} pages sent`)}
            </p>
          </div>
        )}
      </ActionForm>
      {created && (
        <p role="status">
          {t('Usulan dicatat:', 'Proposal recorded:')} <a href={`#/case/${encodeURIComponent(created)}`}>{created}</a>
        </p>
      )}
    </section>
  );
}
