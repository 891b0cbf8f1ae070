import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  locateIssue,
  orderPersonDrafts,
  projectProfile,
  REGISTER_RULES_VERSION,
  type Actor,
  type FieldIssue,
  type ImportRowIssue,
  type PlannedDraft,
  type RegisterEvent,
} from '@meritflow/domain';
import { contentSha256, RegisterRepository } from '../register.repository';
import { detectFormat } from './import-file';
import { parseImport, rowIssue, type ParsedFile, type PersonRows } from './parse-import';
import { applyReferenceRows } from './import-reference';
import { BATCH_COLUMNS, toView, type BatchRow, type ImportBatchView, type ImportErrorsPage } from './import-batch';

export interface ImportRequest {
  agencyCode: string;
  fileName: string;
  content: Buffer;
  actor: Actor;
  /** Today's WIB date: what the register's rules and the read model take as now. */
  today: string;
}

export interface ImportSettings {
  /** Persons per transaction. */
  chunkPersons: number;
  maxRows: number;
  /** Row errors kept in the batch row; the rest are counted. */
  maxStoredErrors: number;
  /** A running batch untouched this long was abandoned; the same file may take it over. */
  staleAfterMs: number;
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = {
  chunkPersons: 500,
  maxRows: 2_000_000,
  maxStoredErrors: 10_000,
  staleAfterMs: 10 * 60_000,
};

const ALL_KNOWN = '9999-12-31';

interface PersonPlan {
  nip: string;
  /** Each with its content hash (hex), computed once for the skip and the insert. */
  drafts: (PlannedDraft & { sha256Hex: string })[];
  issues: ImportRowIssue[];
}

/**
 * Imports an agency's SIASN/SIMPEG export into its register: one recorded batch per file (agency +
 * SHA-256, unique), every row validated, each person applied whole or not at all, facts the
 * register already holds skipped. Persons go in chunks: per chunk one transaction takes the
 * persons' locks, loads their events in one query, checks every draft in memory
 * (RegisterRepository.check), inserts the accepted persons' events in one statement, refreshes
 * their read-model rows and advances the batch's counters.
 */
export class RegisterImporter {
  readonly settings: ImportSettings;
  private readonly repo: RegisterRepository;

  constructor(
    private readonly ds: DataSource,
    settings: Partial<ImportSettings> = {},
  ) {
    this.settings = { ...DEFAULT_IMPORT_SETTINGS, ...settings };
    this.repo = new RegisterRepository(ds);
  }

  static sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

  /**
   * Records the batch, or finds the one for the same agency and file. A failed or abandoned batch of
   * the same file is taken over (its committed persons are then skipped as already held).
   */
  async claim(req: ImportRequest): Promise<{ batch: ImportBatchView; claimed: boolean }> {
    const format = detectFormat(req.content, req.fileName);
    const hash = RegisterImporter.sha256(req.content);
    const createdBy = { id: req.actor.id, role: req.actor.role, ...(req.actor.name ? { name: req.actor.name } : {}) };
    const inserted: BatchRow[] = await this.ds.query(
      `INSERT INTO register_import_batches (agency_code, file_name, file_sha256, format, status, rules_version, created_by)
       VALUES ($1, $2, decode($3, 'hex'), $4, 'running', $5, $6::jsonb)
       ON CONFLICT (agency_code, file_sha256) DO NOTHING RETURNING ${BATCH_COLUMNS}`,
      [req.agencyCode, req.fileName.slice(0, 255), hash, format, REGISTER_RULES_VERSION, JSON.stringify(createdBy)],
    );
    if (inserted.length) return { batch: toView(inserted[0]), claimed: true };
    const [taken]: BatchRow[][] = await this.ds.query(
      `UPDATE register_import_batches SET status = 'running', rows_total = 0, rows_done = 0, persons_total = 0, persons_applied = 0,
         persons_unchanged = 0, persons_rejected = 0, events_recorded = 0, errors = '[]', errors_total = 0, finished_at = NULL,
         started_at = now(), updated_at = now(), file_name = $3, created_by = $4::jsonb, rules_version = $5
       WHERE agency_code = $1 AND file_sha256 = decode($2, 'hex')
         AND (status = 'failed' OR (status = 'running' AND updated_at < now() - make_interval(secs => $6)))
       RETURNING ${BATCH_COLUMNS}`,
      [
        req.agencyCode,
        hash,
        req.fileName.slice(0, 255),
        JSON.stringify(createdBy),
        REGISTER_RULES_VERSION,
        this.settings.staleAfterMs / 1000,
      ],
    );
    if (taken.length) return { batch: toView(taken[0]), claimed: true };
    const [existing]: BatchRow[] = await this.ds.query(
      `SELECT ${BATCH_COLUMNS} FROM register_import_batches WHERE agency_code = $1 AND file_sha256 = decode($2, 'hex')`,
      [req.agencyCode, hash],
    );
    return { batch: toView(existing), claimed: false };
  }

  /** Claims and runs in one go (the CLI and the benchmark); the same file again answers with the earlier batch. */
  async import(
    req: ImportRequest,
    onProgress?: (b: ImportBatchView) => void,
  ): Promise<{ batch: ImportBatchView; alreadyImported: boolean }> {
    const { batch, claimed } = await this.claim(req);
    if (!claimed) return { batch, alreadyImported: true };
    return { batch: await this.run(batch.id, req, onProgress), alreadyImported: false };
  }

  /**
   * Reads, validates and applies a claimed batch's file. A file that cannot be read (not XLSX/CSV, a
   * missing column, too many rows) fails the batch with that reason and changes nothing else.
   */
  async run(batchId: string, req: ImportRequest, onProgress?: (b: ImportBatchView) => void): Promise<ImportBatchView> {
    try {
      const parsed = await this.parse(req);
      await this.ds.query(`UPDATE register_import_batches SET rows_total = $2, persons_total = $3, updated_at = now() WHERE id = $1`, [
        batchId,
        parsed.rows,
        parsed.persons.size,
      ]);
      let stored = 0;
      const keep = async (m: EntityManager, issues: ImportRowIssue[]) => {
        const room = Math.max(0, this.settings.maxStoredErrors - stored);
        const kept = issues.slice(0, room);
        stored += kept.length;
        await m.query(
          `UPDATE register_import_batches SET errors = errors || $2::jsonb, errors_total = errors_total + $3, updated_at = now() WHERE id = $1`,
          [batchId, JSON.stringify(kept), issues.length],
        );
      };
      const refused = await applyReferenceRows(this.ds, req.agencyCode, parsed.units, parsed.posts, req.actor, this.reason(req));
      await this.ds.transaction(async (m) => {
        const refRows = parsed.units.length + parsed.posts.length + parsed.orphans.length;
        await m.query(`UPDATE register_import_batches SET rows_done = rows_done + $2 WHERE id = $1`, [batchId, refRows]);
        await keep(m, [...parsed.orphans, ...refused]);
      });
      const nips = [...parsed.persons.keys()];
      for (let i = 0; i < nips.length; i += this.settings.chunkPersons) {
        const chunk = nips.slice(i, i + this.settings.chunkPersons);
        await this.ds.transaction((m) => this.applyChunk(m, batchId, req, chunk, parsed, keep));
        if (onProgress) onProgress(await this.view(batchId));
      }
      await this.ds.query(
        `UPDATE register_import_batches SET status = 'completed', finished_at = now(), updated_at = now() WHERE id = $1`,
        [batchId],
      );
    } catch (err) {
      const fields: FieldIssue[] =
        err instanceof DomainError && err.params.fields
          ? err.params.fields
          : [
              {
                field: 'file',
                rule: 'import.failed',
                message: { id: `impor gagal: ${String(err)}`, en: `the import failed: ${String(err)}` },
              },
            ];
      await this.ds.query(
        `UPDATE register_import_batches SET status = 'failed', finished_at = now(), updated_at = now(), errors = errors || $2::jsonb,
           errors_total = errors_total + $3 WHERE id = $1`,
        [batchId, JSON.stringify(fields.map((f) => rowIssue({ sheet: 'file', row: 0 }, null, f))), fields.length],
      );
      if (!(err instanceof DomainError)) throw err;
    }
    return this.view(batchId);
  }

  /** Reads the whole file and maps every row; a person's rows are grouped by the NIP as written. */
  parse(req: ImportRequest): Promise<ParsedFile> {
    return parseImport(req.content, req.fileName, req.agencyCode, this.settings.maxRows);
  }

  /** Recorded with every event and reference change the import makes. */
  private reason(req: ImportRequest): string {
    return `Impor dari sistem kepegawaian (SIASN/SIMPEG), berkas ${req.fileName.slice(0, 200)}`;
  }

  private async applyChunk(
    m: EntityManager,
    batchId: string,
    req: ImportRequest,
    chunk: string[],
    parsed: ParsedFile,
    keep: (m: EntityManager, issues: ImportRowIssue[]) => Promise<void>,
  ): Promise<void> {
    const wellFormed = chunk.filter((n) => /^\d{18}$/.test(n));
    await this.repo.lockPersons(m, req.agencyCode, wellFormed);
    const events = await this.repo.loadEvents(m, req.agencyCode, wellFormed);
    const hashes = await this.repo.liveContentHashes(m, req.agencyCode, events);
    const byNip = new Map<string, RegisterEvent[]>();
    for (const e of events) {
      const list = byNip.get(e.nip);
      if (list) list.push(e);
      else byNip.set(e.nip, [e]);
    }
    const inserts: { nip: string; draft: PlannedDraft['draft']; sha256Hex: string }[] = [];
    const issues: ImportRowIssue[] = [];
    const changed: string[] = [];
    let applied = 0;
    let unchanged = 0;
    let rejected = 0;
    let rows = 0;
    for (const nip of chunk) {
      const rowsOf = parsed.persons.get(nip)!;
      rows += rowsOf.rows;
      const plan = this.plan(req, nip, rowsOf, byNip.get(nip) ?? [], hashes.get(nip) ?? new Set());
      if (plan.issues.length > 0) {
        rejected++;
        issues.push(...plan.issues);
      } else if (plan.drafts.length === 0) {
        unchanged++;
      } else {
        applied++;
        changed.push(nip);
        for (const d of plan.drafts) inserts.push({ nip, draft: d.draft, sha256Hex: d.sha256Hex });
      }
    }
    const recorded = await this.repo.insertMany(
      m,
      req.agencyCode,
      inserts,
      {
        actor: req.actor,
        reason: this.reason(req),
        evidence: [],
        importBatchId: batchId,
      },
      req.today,
    );
    await this.repo.refreshPeople(m, req.agencyCode, changed, req.today);
    await m.query(
      `UPDATE register_import_batches SET rows_done = rows_done + $2, persons_applied = persons_applied + $3,
         persons_unchanged = persons_unchanged + $4, persons_rejected = persons_rejected + $5, events_recorded = events_recorded + $6
       WHERE id = $1`,
      [batchId, rows, applied, unchanged, rejected, recorded],
    );
    await keep(m, issues);
  }

  /**
   * One person's drafts, with the facts the register already holds (same content hash among live
   * events) or that the file repeats left out, and every issue: the rows' own, then the register's
   * rules over the rest in order. Any issue rejects the whole person.
   */
  plan(req: ImportRequest, nip: string, rows: PersonRows, existing: RegisterEvent[], held: Set<string>): PersonPlan {
    const issues: ImportRowIssue[] = rows.invalid.flatMap((r) => r.issues.map((f) => rowIssue(r.ref, nip, f)));
    if (!/^\d{18}$/.test(nip)) return { nip, drafts: [], issues };
    const profile = existing.length ? projectProfile(existing, ALL_KNOWN) : null;
    const planned: PlannedDraft[] = [];
    const [person, ...again] = rows.person;
    for (const dup of again) {
      issues.push(
        rowIssue(dup.ref, nip, {
          field: 'nip',
          rule: 'register.duplicatePerson',
          message: {
            id: `NIP ${nip} muncul lebih dari sekali di lembar pegawai (pertama di baris ${person.ref.row})`,
            en: `NIP ${nip} appears more than once in sheet pegawai (first on row ${person.ref.row})`,
          },
        }),
      );
    }
    if (person && !profile) planned.push({ draft: person.draft, refs: [person.ref] });
    if (person && profile) {
      const p = person.draft.payload;
      const fixed = [
        ['employmentType', 'jenis_pegawai'],
        ['birthDate', 'tgl_lahir'],
        ['sex', 'jenis_kelamin'],
      ] as const;
      for (const [key, column] of fixed) {
        if (p[key] !== profile[key]) {
          issues.push(
            rowIssue(person.ref, nip, {
              field: column,
              rule: 'register.identityMismatch',
              message: {
                id: `${column} "${p[key]}" berbeda dengan register ("${profile[key]}"); perbaiki dengan peristiwa koreksi, bukan impor`,
                en: `${column} "${p[key]}" differs from the register ("${profile[key]}"); correct it with an event, not an import`,
              },
            }),
          );
        }
      }
      const change = {
        ...(p.name !== profile.name ? { name: p.name } : {}),
        ...(p.unitCode !== profile.unitCode ? { unitCode: p.unitCode } : {}),
      };
      if (Object.keys(change).length) planned.push({ draft: { type: 'identity_changed', payload: change }, refs: [person.ref] });
    }
    planned.push(...orderPersonDrafts(rows.history));
    const seen = new Set(held);
    const drafts = planned
      .map((d) => ({ ...d, sha256Hex: contentSha256(d.draft).toString('hex') }))
      .filter((d) => {
        if (d.draft.type === 'identity_changed') return true;
        if (seen.has(d.sha256Hex)) return false;
        seen.add(d.sha256Hex);
        return true;
      });
    // A person named in the file whose registration is refused: their history would only repeat "not registered".
    const registrationFailed = (found: { field: string; rule: string }[]) =>
      rows.named && !profile && (!person || found.some((f) => f.field.startsWith('events.0.')));
    const found = this.repo.check(
      req.agencyCode,
      nip,
      existing,
      drafts.map((d) => d.draft),
      req.today,
    );
    const cascade = registrationFailed(found);
    for (const f of found) {
      const [, index, field] = /^events\.(\d+)\.(.*)$/s.exec(f.field) ?? [];
      if (cascade && f.rule === 'register.unknownNip') continue;
      const { ref, column } = locateIssue(drafts[Number(index)], field);
      issues.push(rowIssue(ref, nip, { ...f, field: column }));
    }
    return { nip, drafts, issues };
  }

  async view(batchId: string): Promise<ImportBatchView> {
    const [row]: BatchRow[] = await this.ds.query(`SELECT ${BATCH_COLUMNS} FROM register_import_batches WHERE id = $1`, [batchId]);
    return toView(row);
  }

  /** A batch of any agency, or null; the caller decides whether its agency may see it. */
  async find(batchId: string): Promise<ImportBatchView | null> {
    const [row]: BatchRow[] = await this.ds.query(`SELECT ${BATCH_COLUMNS} FROM register_import_batches WHERE id = $1`, [batchId]);
    return row ? toView(row) : null;
  }

  async errors(batchId: string, offset: number, limit: number): Promise<ImportErrorsPage> {
    const [row]: { items: ImportRowIssue[] | null; stored: number; total: number }[] = await this.ds.query(
      `SELECT (SELECT jsonb_agg(e ORDER BY i) FROM jsonb_array_elements(errors) WITH ORDINALITY AS x(e, i) WHERE i > $2 AND i <= $2 + $3) AS items,
         jsonb_array_length(errors) AS stored, errors_total AS total
       FROM register_import_batches WHERE id = $1`,
      [batchId, offset, limit],
    );
    return { offset, limit, total: row.total, stored: row.stored, items: row.items ?? [] };
  }

  async list(agencyCode: string, page: number, pageSize: number): Promise<{ items: ImportBatchView[]; total: number }> {
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM register_import_batches WHERE agency_code = $1`, [
      agencyCode,
    ]);
    const rows: BatchRow[] = await this.ds.query(
      `SELECT ${BATCH_COLUMNS} FROM register_import_batches WHERE agency_code = $1 ORDER BY started_at DESC, id LIMIT $2 OFFSET $3`,
      [agencyCode, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), total };
  }
}
