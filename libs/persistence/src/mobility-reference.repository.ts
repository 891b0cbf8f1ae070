import type { DataSource, EntityManager } from 'typeorm';
import {
  canonicalJson,
  checkElectionWindowDates,
  DomainError,
  evidenceIdOf,
  isEvidenceUri,
  resolveMeritCategory,
  type Actor,
  type ElectionWindowFacts,
  type EvidenceRef,
  type FieldIssue,
  type MeritCategory,
  type MeritScheme,
  type MinisterApproval,
  type RegionKind,
} from '../../domain/src';
import type { ReferenceTable } from './entities/reference-data.entity';


export interface Region {
  regionCode: string;
  name: string;
  kind: RegionKind;
  /** The province a regency or city belongs to; null for a province. */
  provinceCode: string | null;
}

export interface MinisterApprovalRecord extends MinisterApproval {
  id: string;
  title: string;
  scope: string;
  evidence: EvidenceRef[];
  recordedBy: { id: string; role: string; name: string | null };
  recordedAt: Date;
}

export interface AgencyMerit {
  agencyCode: string;
  regionCode: string;
  scheme: MeritScheme;
  score: number;
  category: MeritCategory;
  assessedOn: string;
}

export interface ReferenceDataChange {
  id: string;
  table: ReferenceTable;
  key: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  changedAt: Date;
}

/** The stored value after a write, and the recorded change; `change` is null when nothing changed. */
export interface ReferenceWrite<T> {
  value: T;
  change: ReferenceDataChange | null;
}

export interface ChangeFilter {
  table?: ReferenceTable;
  key?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit?: number;
  offset?: number;
}

const invalid = (...fields: FieldIssue[]) => new DomainError('VALIDATION_FAILED', { fields });
const unknownRegion = (field: string, code: string) =>
  invalid({ field, rule: 'regionExists', message: { id: `wilayah ${code} belum terdaftar`, en: `region ${code} is not registered` } });

const REGION_COLUMNS = `region_code, name, kind, province_code`;
const WINDOW_COLUMNS = `region_code,
  to_char(candidate_pair_determination, 'YYYY-MM-DD') AS candidate_pair_determination,
  to_char(term_end, 'YYYY-MM-DD') AS term_end,
  to_char(head_inaugurated_on, 'YYYY-MM-DD') AS head_inaugurated_on`;
const APPROVAL_COLUMNS = `id, region_code, document_ref, title, to_char(approved_on, 'YYYY-MM-DD') AS approved_on, scope, evidence,
  recorded_by_id, recorded_by_role, recorded_by_name, recorded_at`;
const MERIT_COLUMNS = `agency_code, region_code, scheme, score::text AS score, category, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on`;
const CHANGE_COLUMNS = `id, table_name, key, before, after, reason, actor_id, actor_role, actor_name, changed_at`;

type Row = Record<string, unknown>;

/**
 * Regions, the Pilkada calendar, the Minister of Home Affairs' approvals and agency merit: the facts
 * the mobility rules read. Every write records its before and after, who and why, in
 * reference_data_changes in the same transaction, and records nothing when nothing changed.
 */
export class MobilityReferenceRepository {
  constructor(private readonly ds: DataSource) {}

  // ---- reads ----

  async regions(): Promise<Region[]> {
    return (await this.ds.query(`SELECT ${REGION_COLUMNS} FROM regions ORDER BY region_code`)).map(toRegion);
  }

  async region(regionCode: string): Promise<Region | null> {
    const [row] = await this.ds.query(`SELECT ${REGION_COLUMNS} FROM regions WHERE region_code = $1`, [regionCode]);
    return row ? toRegion(row) : null;
  }

  /** The windows recorded for these regions (every region when left out); a region without one is left out. */
  async electionWindows(regionCodes?: readonly string[]): Promise<ElectionWindowFacts[]> {
    const rows = await this.ds.query(
      `SELECT ${WINDOW_COLUMNS} FROM election_windows WHERE $1::text[] IS NULL OR region_code = ANY($1) ORDER BY region_code`,
      [regionCodes ? [...regionCodes] : null],
    );
    return rows.map(toWindow);
  }

  /** The approvals recorded for these regions (every region when left out), oldest approval first. */
  async ministerApprovals(regionCodes?: readonly string[]): Promise<MinisterApprovalRecord[]> {
    const rows = await this.ds.query(
      `SELECT ${APPROVAL_COLUMNS} FROM minister_approvals WHERE $1::text[] IS NULL OR region_code = ANY($1)
        ORDER BY approved_on, recorded_at, id`,
      [regionCodes ? [...regionCodes] : null],
    );
    return rows.map(toApproval);
  }

  async agencyMerit(agencyCode: string): Promise<AgencyMerit | null> {
    const [row] = await this.ds.query(`SELECT ${MERIT_COLUMNS} FROM agency_merit WHERE agency_code = $1`, [agencyCode]);
    return row ? toMerit(row) : null;
  }

  /** Recorded changes in order, optionally for one table, one key and a period [from, to). */
  async changes(filter: ChangeFilter = {}): Promise<{ items: ReferenceDataChange[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.table) add('table_name = ?', filter.table);
    if (filter.key) add('key = ?', filter.key);
    if (filter.from) add('changed_at >= ?', filter.from);
    if (filter.to) add('changed_at < ?', filter.to);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM reference_data_changes ${clause}`, params);
    const rows = await this.ds.query(
      `SELECT ${CHANGE_COLUMNS} FROM reference_data_changes ${clause} ORDER BY id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit ?? 100, filter.offset ?? 0],
    );
    return { items: rows.map(toChange), total };
  }

  // ---- writes ----

  /** Registers a region or changes its name, kind or province. */
  async upsertRegion(region: Region, reason: string, actor: Actor): Promise<ReferenceWrite<Region>> {
    return this.ds.transaction(async (em) => {
      // Hold the province too, so it cannot stop being a province while a region joins it (in code order: no deadlock).
      for (const key of [...new Set([region.regionCode, region.provinceCode ?? region.regionCode])].sort()) await lock(em, 'regions', key);
      const current = await regionIn(em, region.regionCode);
      const next: Region = { regionCode: region.regionCode, name: region.name, kind: region.kind, provinceCode: region.provinceCode };
      const issues = await this.regionIssues(em, next, current);
      if (issues.length > 0) throw invalid(...issues);
      const before = current && regionFacts(current);
      const after = regionFacts(next);
      if (same(before, after)) return { value: current!, change: null };
      await em.query(
        `INSERT INTO regions (region_code, name, kind, province_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (region_code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
           province_code = EXCLUDED.province_code, updated_at = now()`,
        [next.regionCode, next.name, next.kind, next.provinceCode],
      );
      return { value: next, change: await record(em, 'regions', next.regionCode, before, after, reason, actor) };
    });
  }

  /**
   * Sets a region's election window. A field left undefined keeps its stored value; null clears it.
   * The merged window is checked as a whole (the term ends after the determination).
   */
  async setElectionWindow(
    regionCode: string,
    facts: Partial<Omit<ElectionWindowFacts, 'regionCode'>>,
    reason: string,
    actor: Actor,
  ): Promise<ReferenceWrite<ElectionWindowFacts>> {
    return this.ds.transaction(async (em) => {
      await lock(em, 'election_windows', regionCode);
      if (!(await regionIn(em, regionCode))) throw unknownRegion('regionCode', regionCode);
      const [row] = await em.query(`SELECT ${WINDOW_COLUMNS} FROM election_windows WHERE region_code = $1`, [regionCode]);
      const current = row ? toWindow(row) : null;
      const keep = (k: keyof Omit<ElectionWindowFacts, 'regionCode'>) => (facts[k] === undefined ? (current?.[k] ?? null) : facts[k]);
      const next: ElectionWindowFacts = {
        regionCode,
        candidatePairDetermination: keep('candidatePairDetermination'),
        termEnd: keep('termEnd'),
        headInauguratedOn: keep('headInauguratedOn'),
      };
      const issues = checkElectionWindowDates(next);
      if (issues.length > 0) throw invalid(...issues);
      const before = current && windowFacts(current);
      const after = windowFacts(next);
      // No window and nothing to set is no change either.
      if (same(before ?? windowFacts(NO_WINDOW), after)) return { value: next, change: null };
      await em.query(
        `INSERT INTO election_windows (region_code, candidate_pair_determination, term_end, head_inaugurated_on)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (region_code) DO UPDATE SET candidate_pair_determination = EXCLUDED.candidate_pair_determination,
           term_end = EXCLUDED.term_end, head_inaugurated_on = EXCLUDED.head_inaugurated_on, updated_at = now()`,
        [regionCode, next.candidatePairDetermination, next.termEnd, next.headInauguratedOn],
      );
      return { value: next, change: await record(em, 'election_windows', regionCode, before, after, reason, actor) };
    });
  }

  /**
   * Records a written approval; approvals are never changed. The same letter for the same region again
   * returns the first record and records nothing; the same letter with different details is refused.
   * A letter cited as `evidence:<id>` must be in the evidence store, and is cited with its SHA-256.
   */
  async recordMinisterApproval(
    approval: MinisterApproval & { title: string; scope: string; evidence?: EvidenceRef[] },
    reason: string,
    actor: Actor,
  ): Promise<ReferenceWrite<MinisterApprovalRecord>> {
    return this.ds.transaction(async (em) => {
      await lock(em, 'minister_approvals', `${approval.regionCode}|${approval.documentRef}`);
      if (!(await regionIn(em, approval.regionCode))) throw unknownRegion('regionCode', approval.regionCode);
      const evidence = await citedEvidence(em, approval.documentRef, approval.evidence ?? []);
      const facts = { documentRef: approval.documentRef, title: approval.title, approvedOn: approval.approvedOn, scope: approval.scope, evidence };
      const [existing] = await em.query(`SELECT ${APPROVAL_COLUMNS} FROM minister_approvals WHERE region_code = $1 AND document_ref = $2`, [
        approval.regionCode,
        approval.documentRef,
      ]);
      if (existing) {
        const stored = toApproval(existing);
        if (same(approvalFacts(stored), facts)) return { value: stored, change: null };
        throw new DomainError('ALREADY_DECIDED', { what: `Persetujuan Mendagri ${approval.documentRef} (${approval.regionCode})` });
      }
      const [row] = await em.query(
        `INSERT INTO minister_approvals (region_code, document_ref, title, approved_on, scope, evidence, recorded_by_id, recorded_by_role, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${APPROVAL_COLUMNS}`,
        [approval.regionCode, approval.documentRef, approval.title, approval.approvedOn, approval.scope, JSON.stringify(evidence), actor.id, actor.role, actor.name ?? null],
      );
      const value = toApproval(row);
      return { value, change: await record(em, 'minister_approvals', approval.regionCode, null, { id: value.id, ...approvalFacts(value) }, reason, actor) };
    });
  }

  /**
   * Sets an agency's merit assessment. The category is derived from the score; a category given with
   * it must match (a mismatch names the field).
   */
  async setAgencyMerit(
    agencyCode: string,
    merit: { regionCode: string; scheme: MeritScheme; score: number; category?: string; assessedOn: string },
    reason: string,
    actor: Actor,
  ): Promise<ReferenceWrite<AgencyMerit>> {
    const resolved = resolveMeritCategory(merit.scheme, merit.score, merit.category);
    if (!resolved.ok) throw invalid(...resolved.issues);
    return this.ds.transaction(async (em) => {
      await lock(em, 'agency_merit', agencyCode);
      if (!(await regionIn(em, merit.regionCode))) throw unknownRegion('regionCode', merit.regionCode);
      const [row] = await em.query(`SELECT ${MERIT_COLUMNS} FROM agency_merit WHERE agency_code = $1`, [agencyCode]);
      const current = row ? toMerit(row) : null;
      const next: AgencyMerit = {
        agencyCode,
        regionCode: merit.regionCode,
        scheme: merit.scheme,
        score: merit.score,
        category: resolved.category as MeritCategory,
        assessedOn: merit.assessedOn,
      };
      const before = current && meritFacts(current);
      const after = meritFacts(next);
      if (same(before, after)) return { value: current!, change: null };
      await em.query(
        `INSERT INTO agency_merit (agency_code, region_code, scheme, score, category, assessed_on) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (agency_code) DO UPDATE SET region_code = EXCLUDED.region_code, scheme = EXCLUDED.scheme, score = EXCLUDED.score,
           category = EXCLUDED.category, assessed_on = EXCLUDED.assessed_on, updated_at = now()`,
        [agencyCode, next.regionCode, next.scheme, String(next.score), next.category, next.assessedOn],
      );
      return { value: next, change: await record(em, 'agency_merit', agencyCode, before, after, reason, actor) };
    });
  }

  /** A regency or city names an existing province; a province stops being one only when nothing names it. */
  private async regionIssues(em: EntityManager, next: Region, current: Region | null): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    if (next.kind === 'province' && next.provinceCode !== null) {
      issues.push({
        field: 'provinceCode',
        rule: 'provinceHasNone',
        message: { id: 'provinsi tidak berada di provinsi lain; kosongkan provinceCode', en: 'a province belongs to no province; leave provinceCode out' },
      });
    } else if (next.provinceCode !== null) {
      const province = next.provinceCode === next.regionCode ? null : await regionIn(em, next.provinceCode);
      if (!province || province.kind !== 'province') {
        issues.push({
          field: 'provinceCode',
          rule: 'provinceExists',
          message: { id: `${next.provinceCode} bukan provinsi yang terdaftar`, en: `${next.provinceCode} is not a registered province` },
        });
      }
    }
    if (current?.kind === 'province' && next.kind !== 'province') {
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM regions WHERE province_code = $1`, [next.regionCode]);
      if (n > 0) {
        issues.push({
          field: 'kind',
          rule: 'provinceInUse',
          message: { id: `${n} kabupaten/kota masih berada di provinsi ini`, en: `${n} regencies or cities still belong to this province` },
        });
      }
    }
    return issues;
  }
}

/** Serialises writes to one row so concurrent edits are recorded in the order they were applied. */
const lock = (em: EntityManager, table: ReferenceTable, key: string) =>
  em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`reference:${table}:${key}`]);

async function regionIn(em: EntityManager, regionCode: string): Promise<Region | null> {
  const [row] = await em.query(`SELECT ${REGION_COLUMNS} FROM regions WHERE region_code = $1`, [regionCode]);
  return row ? toRegion(row) : null;
}

/**
 * The evidence an approval cites: the references given, plus the letter itself when documentRef is
 * `evidence:<id>` (with the stored SHA-256). Every `evidence:` reference must resolve, with its hash.
 */
async function citedEvidence(em: EntityManager, documentRef: string, given: readonly EvidenceRef[]): Promise<EvidenceRef[]> {
  const issues: FieldIssue[] = [];
  const refs = given.map((r) => ({ ...r, ...(r.sha256 ? { sha256: r.sha256.toLowerCase() } : {}) }));
  const ids = [documentRef, ...refs.map((r) => r.uri)].map((u) => evidenceIdOf(u)).filter((id): id is string => id !== null);
  const stored = new Map<string, string>(
    ids.length === 0
      ? []
      : (await em.query(`SELECT id::text AS id, sha256 FROM evidence WHERE id = ANY($1::uuid[])`, [ids])).map((r: Row) => [r.id as string, r.sha256 as string]),
  );
  if (isEvidenceUri(documentRef)) {
    const id = evidenceIdOf(documentRef);
    const sha256 = id === null ? undefined : stored.get(id);
    if (sha256 === undefined) {
      issues.push({ field: 'documentRef', rule: 'evidenceExists', message: { id: `bukti ${documentRef} tidak ditemukan`, en: `evidence ${documentRef} was not found` } });
    } else if (!refs.some((r) => r.uri === documentRef)) {
      refs.unshift({ kind: 'persetujuan_mendagri', uri: documentRef, sha256 });
    }
  }
  refs.forEach((r, i) => {
    if (!isEvidenceUri(r.uri)) return;
    const id = evidenceIdOf(r.uri);
    if (id === null || r.sha256 === undefined || stored.get(id) !== r.sha256) {
      issues.push({
        field: `evidence.${i}`,
        rule: 'evidenceExists',
        message: { id: `bukti ${r.uri} tidak ditemukan atau hash-nya berbeda`, en: `evidence ${r.uri} was not found or its hash differs` },
      });
    }
  });
  if (issues.length > 0) throw invalid(...issues);
  return refs;
}

async function record(
  em: EntityManager,
  table: ReferenceTable,
  key: string,
  before: object | null,
  after: object | null,
  reason: string,
  actor: Actor,
): Promise<ReferenceDataChange> {
  const [row] = await em.query(
    `INSERT INTO reference_data_changes (table_name, key, before, after, reason, actor_id, actor_role, actor_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${CHANGE_COLUMNS}`,
    [table, key, before && JSON.stringify(before), after && JSON.stringify(after), reason, actor.id, actor.role, actor.name ?? null],
  );
  return toChange(row);
}

// The recorded before/after of each table: its facts in a fixed key order, so equal facts compare equal.
const regionFacts = (r: Region) => ({ name: r.name, kind: r.kind, provinceCode: r.provinceCode });
const windowFacts = (w: ElectionWindowFacts) => ({
  candidatePairDetermination: w.candidatePairDetermination,
  termEnd: w.termEnd,
  headInauguratedOn: w.headInauguratedOn,
});
const approvalFacts = (a: MinisterApprovalRecord) => ({ documentRef: a.documentRef, title: a.title, approvedOn: a.approvedOn, scope: a.scope, evidence: a.evidence });
const meritFacts = (m: AgencyMerit) => ({ regionCode: m.regionCode, scheme: m.scheme, score: m.score, category: m.category, assessedOn: m.assessedOn });
const NO_WINDOW: ElectionWindowFacts = Object.freeze({ regionCode: '', candidatePairDetermination: null, termEnd: null, headInauguratedOn: null });

// jsonb reorders keys, so values read back compare in canonical form.
const same = (a: object | null, b: object | null): boolean => canonicalJson(a) === canonicalJson(b);

const toRegion = (r: Row): Region => ({
  regionCode: r.region_code as string,
  name: r.name as string,
  kind: r.kind as RegionKind,
  provinceCode: (r.province_code as string | null) ?? null,
});
const toWindow = (r: Row): ElectionWindowFacts => ({
  regionCode: r.region_code as string,
  candidatePairDetermination: (r.candidate_pair_determination as string | null) ?? null,
  termEnd: (r.term_end as string | null) ?? null,
  headInauguratedOn: (r.head_inaugurated_on as string | null) ?? null,
});
const toApproval = (r: Row): MinisterApprovalRecord => ({
  id: r.id as string,
  regionCode: r.region_code as string,
  documentRef: r.document_ref as string,
  title: r.title as string,
  approvedOn: r.approved_on as string,
  scope: r.scope as string,
  evidence: r.evidence as EvidenceRef[],
  recordedBy: { id: r.recorded_by_id as string, role: r.recorded_by_role as string, name: (r.recorded_by_name as string | null) ?? null },
  recordedAt: new Date(r.recorded_at as string),
});
const toMerit = (r: Row): AgencyMerit => ({
  agencyCode: r.agency_code as string,
  regionCode: r.region_code as string,
  scheme: r.scheme as MeritScheme,
  score: Number(r.score),
  category: r.category as MeritCategory,
  assessedOn: r.assessed_on as string,
});
const toChange = (r: Row): ReferenceDataChange => ({
  id: String(r.id),
  table: r.table_name as ReferenceTable,
  key: r.key as string,
  before: r.before as Record<string, unknown> | null,
  after: r.after as Record<string, unknown> | null,
  reason: r.reason as string,
  actorId: r.actor_id as string,
  actorRole: r.actor_role as string,
  actorName: (r.actor_name as string | null) ?? null,
  changedAt: new Date(r.changed_at as string),
});
