import { In, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import {
  canonicalJson,
  checkElectionWindowDates,
  checkRegionHierarchy,
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
  type Region,
} from '@meritflow/domain';
import { EvidenceEntity } from './entities/evidence.entity';
import {
  AgencyMeritEntity,
  ElectionWindowEntity,
  MinisterApprovalEntity,
  ReferenceDataChangeEntity,
  RegionEntity,
  type ReferenceTable,
  type RegisterReferenceTable,
} from './entities/reference-data.entity';

export type { Region };

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

/**
 * Regions, the Pilkada calendar, the Minister of Home Affairs' approvals and agency merit: the facts
 * the mobility rules read. Every write records its before and after, who and why, in
 * reference_data_changes in the same transaction, and records nothing when nothing changed.
 */
export class MobilityReferenceRepository {
  constructor(private readonly ds: DataSource) {}

  // ---- reads ----

  async regions(): Promise<Region[]> {
    return (await this.ds.getRepository(RegionEntity).find({ order: { regionCode: 'ASC' } })).map(toRegion);
  }

  region(regionCode: string): Promise<Region | null> {
    return regionIn(this.ds.manager, regionCode);
  }

  /** The windows recorded for these regions (every region when left out); a region without one is left out. */
  async electionWindows(regionCodes?: readonly string[]): Promise<ElectionWindowFacts[]> {
    const rows = await this.ds.getRepository(ElectionWindowEntity).find({ where: ofRegions(regionCodes), order: { regionCode: 'ASC' } });
    return rows.map(toWindow);
  }

  /** The approvals recorded for these regions (every region when left out), oldest approval first. */
  async ministerApprovals(regionCodes?: readonly string[]): Promise<MinisterApprovalRecord[]> {
    const rows = await this.ds.getRepository(MinisterApprovalEntity).find({
      where: ofRegions(regionCodes),
      order: { approvedOn: 'ASC', recordedAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toApproval);
  }

  async agencyMerit(agencyCode: string): Promise<AgencyMerit | null> {
    const row = await this.ds.getRepository(AgencyMeritEntity).findOneBy({ agencyCode });
    return row && toMerit(row);
  }

  /** Recorded changes in order, optionally for one table, one key and a period [from, to). */
  async changes(filter: ChangeFilter = {}): Promise<{ items: ReferenceDataChange[]; total: number }> {
    // An agency's units and posts (agency_code set) are that agency's to read, through the register.
    const qb = this.ds.getRepository(ReferenceDataChangeEntity).createQueryBuilder('c').where('c.agency_code IS NULL');
    if (filter.table) qb.andWhere('c.table_name = :table', { table: filter.table });
    if (filter.key) qb.andWhere('c.key = :key', { key: filter.key });
    if (filter.from) qb.andWhere('c.changed_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('c.changed_at < :to', { to: filter.to });
    const [rows, total] = await qb
      .orderBy('c.id', 'ASC')
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0)
      .getManyAndCount();
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
      const issues = checkRegionHierarchy(next, current, {
        province: next.provinceCode === null || next.provinceCode === next.regionCode ? null : await regionIn(em, next.provinceCode),
        members: current ? await em.countBy(RegionEntity, { provinceCode: next.regionCode }) : 0,
      });
      if (issues.length > 0) throw invalid(...issues);
      const before = current && regionFacts(current);
      const after = regionFacts(next);
      if (current && same(before, after)) return { value: current, change: null };
      await em
        .createQueryBuilder()
        .insert()
        .into(RegionEntity)
        .values(next)
        .orUpdate(['name', 'kind', 'province_code', 'updated_at'], ['region_code'])
        .execute();
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
      const row = await em.findOneBy(ElectionWindowEntity, { regionCode });
      const current = row && toWindow(row);
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
      await em
        .createQueryBuilder()
        .insert()
        .into(ElectionWindowEntity)
        .values(next)
        .orUpdate(['candidate_pair_determination', 'term_end', 'head_inaugurated_on', 'updated_at'], ['region_code'])
        .execute();
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
      const facts = {
        documentRef: approval.documentRef,
        title: approval.title,
        approvedOn: approval.approvedOn,
        scope: approval.scope,
        evidence,
      };
      const existing = await em.findOneBy(MinisterApprovalEntity, { regionCode: approval.regionCode, documentRef: approval.documentRef });
      if (existing) {
        const stored = toApproval(existing);
        if (same(approvalFacts(stored), facts)) return { value: stored, change: null };
        throw new DomainError('ALREADY_DECIDED', { what: `Persetujuan Mendagri ${approval.documentRef} (${approval.regionCode})` });
      }
      const row = em.create(MinisterApprovalEntity, {
        regionCode: approval.regionCode,
        ...facts,
        recordedById: actor.id,
        recordedByRole: actor.role,
        recordedByName: actor.name ?? null,
      });
      // The insert fills in the generated id and recorded_at.
      await em.insert(MinisterApprovalEntity, row);
      const value = toApproval(row);
      return {
        value,
        change: await record(em, 'minister_approvals', approval.regionCode, null, { id: value.id, ...approvalFacts(value) }, reason, actor),
      };
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
      const row = await em.findOneBy(AgencyMeritEntity, { agencyCode });
      const current = row && toMerit(row);
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
      if (current && same(before, after)) return { value: current, change: null };
      await em
        .createQueryBuilder()
        .insert()
        .into(AgencyMeritEntity)
        .values({ ...next, score: String(next.score) })
        .orUpdate(['region_code', 'scheme', 'score', 'category', 'assessed_on', 'updated_at'], ['agency_code'])
        .execute();
      return { value: next, change: await record(em, 'agency_merit', agencyCode, before, after, reason, actor) };
    });
  }
}

/** Serialises writes to one row so concurrent edits are recorded in the order they were applied. */
const lock = (em: EntityManager, table: ReferenceTable, key: string) =>
  em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`reference:${table}:${key}`]);

async function regionIn(em: EntityManager, regionCode: string): Promise<Region | null> {
  const row = await em.findOneBy(RegionEntity, { regionCode });
  return row && toRegion(row);
}

/** Rows of these regions, or of every region when left out; none for an empty list. */
const ofRegions = <T extends { regionCode: string }>(regionCodes?: readonly string[]): FindOptionsWhere<T> =>
  (regionCodes === undefined ? {} : { regionCode: In([...regionCodes]) }) as FindOptionsWhere<T>;

/**
 * The evidence an approval cites: the references given, plus the letter itself when documentRef is
 * `evidence:<id>` (with the stored SHA-256). Every `evidence:` reference must resolve, with its hash.
 */
async function citedEvidence(em: EntityManager, documentRef: string, given: readonly EvidenceRef[]): Promise<EvidenceRef[]> {
  const issues: FieldIssue[] = [];
  const refs = given.map((r) => ({ ...r, ...(r.sha256 ? { sha256: r.sha256.toLowerCase() } : {}) }));
  const ids = [documentRef, ...refs.map((r) => r.uri)].map((u) => evidenceIdOf(u)).filter((id): id is string => id !== null);
  const found = ids.length === 0 ? [] : await em.find(EvidenceEntity, { select: { id: true, sha256: true }, where: { id: In(ids) } });
  const stored = new Map(found.map((e) => [e.id, e.sha256]));
  if (isEvidenceUri(documentRef)) {
    const id = evidenceIdOf(documentRef);
    const sha256 = id === null ? undefined : stored.get(id);
    if (sha256 === undefined) {
      issues.push({
        field: 'documentRef',
        rule: 'evidenceExists',
        message: { id: `bukti ${documentRef} tidak ditemukan`, en: `evidence ${documentRef} was not found` },
      });
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
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  reason: string,
  actor: Actor,
): Promise<ReferenceDataChange> {
  return toChange(await recordReferenceChange(em, { table, key, agencyCode: null, before, after, reason, actor }));
}

/**
 * Appends one change to reference_data_changes in the caller's transaction: the mobility reference
 * data (no agency) and each agency's units and posts (their agency) share the record.
 */
export async function recordReferenceChange(
  em: EntityManager,
  c: {
    table: ReferenceTable | RegisterReferenceTable;
    key: string;
    agencyCode: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    reason: string;
    actor: Actor;
  },
): Promise<ReferenceDataChangeEntity> {
  const row = em.create(ReferenceDataChangeEntity, {
    tableName: c.table,
    key: c.key,
    agencyCode: c.agencyCode,
    before: c.before,
    after: c.after,
    reason: c.reason,
    actorId: c.actor.id,
    actorRole: c.actor.role,
    actorName: c.actor.name ?? null,
  });
  // A new row, so save inserts it, and fills in the generated id and changed_at.
  return em.save(ReferenceDataChangeEntity, row);
}

// The recorded before/after of each table: its facts in a fixed key order, so equal facts compare equal.
const regionFacts = (r: Region) => ({ name: r.name, kind: r.kind, provinceCode: r.provinceCode });
const windowFacts = (w: ElectionWindowFacts) => ({
  candidatePairDetermination: w.candidatePairDetermination,
  termEnd: w.termEnd,
  headInauguratedOn: w.headInauguratedOn,
});
const approvalFacts = (a: MinisterApprovalRecord) => ({
  documentRef: a.documentRef,
  title: a.title,
  approvedOn: a.approvedOn,
  scope: a.scope,
  evidence: a.evidence,
});
const meritFacts = (m: AgencyMerit) => ({
  regionCode: m.regionCode,
  scheme: m.scheme,
  score: m.score,
  category: m.category,
  assessedOn: m.assessedOn,
});
const NO_WINDOW: ElectionWindowFacts = Object.freeze({
  regionCode: '',
  candidatePairDetermination: null,
  termEnd: null,
  headInauguratedOn: null,
});

// jsonb reorders keys, so values read back compare in canonical form.
const same = (a: object | null, b: object | null): boolean => canonicalJson(a) === canonicalJson(b);

const toRegion = (r: RegionEntity): Region => ({ regionCode: r.regionCode, name: r.name, kind: r.kind, provinceCode: r.provinceCode });
const toWindow = (r: ElectionWindowEntity): ElectionWindowFacts => ({
  regionCode: r.regionCode,
  candidatePairDetermination: r.candidatePairDetermination,
  termEnd: r.termEnd,
  headInauguratedOn: r.headInauguratedOn,
});
const toApproval = (r: MinisterApprovalEntity): MinisterApprovalRecord => ({
  id: r.id,
  regionCode: r.regionCode,
  documentRef: r.documentRef,
  title: r.title,
  approvedOn: r.approvedOn,
  scope: r.scope,
  evidence: r.evidence,
  recordedBy: { id: r.recordedById, role: r.recordedByRole, name: r.recordedByName },
  recordedAt: r.recordedAt,
});
const toMerit = (r: AgencyMeritEntity): AgencyMerit => ({
  agencyCode: r.agencyCode,
  regionCode: r.regionCode,
  scheme: r.scheme,
  score: Number(r.score),
  category: r.category,
  assessedOn: r.assessedOn,
});
const toChange = (r: ReferenceDataChangeEntity): ReferenceDataChange => ({
  id: r.id,
  // Rows without an agency are always of the mobility tables (the agency check constraint).
  table: r.tableName as ReferenceTable,
  key: r.key,
  before: r.before,
  after: r.after,
  reason: r.reason,
  actorId: r.actorId,
  actorRole: r.actorRole,
  actorName: r.actorName,
  changedAt: r.changedAt,
});
