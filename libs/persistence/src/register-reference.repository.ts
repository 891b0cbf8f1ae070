import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  canonicalJson,
  checkRegisterPost,
  checkRegisterUnit,
  DomainError,
  type Actor,
  type PostHolder,
  type RegisterPost,
  type RegisterUnit,
} from '@meritflow/domain';
import { ReferenceDataChangeEntity, type RegisterReferenceTable } from './entities/reference-data.entity';
import { RegisterPostEntity, RegisterUnitEntity } from './entities/register.entity';
import { recordReferenceChange } from './mobility-reference.repository';
import { postHoldersOf } from './register-post-holders';

/** One recorded change to an agency's units or posts: who, in what role, before, after, why. */
export interface RegisterReferenceChange {
  id: string;
  table: RegisterReferenceTable;
  key: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string;
  actor: { id: string; role: string; name: string | null };
  changedAt: Date;
}

/** The stored value after a write, and the recorded change; `change` is null when nothing changed. */
export interface RegisterReferenceWrite<T> {
  value: T;
  change: RegisterReferenceChange | null;
}

const toUnit = (r: RegisterUnitEntity): RegisterUnit => ({ code: r.code, name: r.name, parentCode: r.parentCode });
const toPost = (r: RegisterPostEntity): RegisterPost => ({
  code: r.code,
  title: r.title,
  postType: r.postType as RegisterPost['postType'],
  unitCode: r.unitCode,
  competencyStandard: r.competencyStandard,
  ...(r.critical ? { critical: true } : {}),
});
// The recorded before/after: the facts in a fixed key order, so equal facts compare equal.
const unitFacts = (u: RegisterUnit) => ({ name: u.name, parentCode: u.parentCode });
const postFacts = (p: RegisterPost) => ({
  title: p.title,
  postType: p.postType,
  unitCode: p.unitCode,
  competencyStandard: p.competencyStandard.map((c) => ({ type: c.type, name: c.name.trim(), level: c.level })),
  // Only when set, so the facts of posts recorded before the flag existed compare equal.
  ...(p.critical ? { critical: true } : {}),
});
const same = (a: object | null, b: object | null): boolean => canonicalJson(a) === canonicalJson(b);
const toChange = (r: ReferenceDataChangeEntity): RegisterReferenceChange => ({
  id: r.id,
  table: r.tableName as RegisterReferenceTable,
  key: r.key,
  before: r.before,
  after: r.after,
  reason: r.reason,
  actor: { id: r.actorId, role: r.actorRole, name: r.actorName },
  changedAt: r.changedAt,
});

/**
 * An agency's units and posts, beside its register: what profiles point to and what a competency
 * gap is measured against. Every write is checked by the domain's rules against the agency's own
 * units, and recorded in reference_data_changes (before, after, who, why) in the same transaction;
 * a write that changes nothing records nothing, and a refused one stores nothing.
 */
export class RegisterReferenceRepository {
  constructor(private readonly ds: DataSource) {}

  /** The agency's units, or only those of `codes`. */
  async units(agencyCode: string, codes?: readonly string[]): Promise<RegisterUnit[]> {
    const where = codes === undefined ? { agencyCode } : { agencyCode, code: In([...codes]) };
    return (await this.ds.getRepository(RegisterUnitEntity).find({ where, order: { code: 'ASC' } })).map(toUnit);
  }

  async posts(agencyCode: string, filter: { unitCode?: string; postType?: string; critical?: boolean } = {}): Promise<RegisterPost[]> {
    const where = {
      agencyCode,
      ...(filter.critical !== undefined ? { critical: filter.critical } : {}),
      ...(filter.unitCode ? { unitCode: filter.unitCode } : {}),
      ...(filter.postType ? { postType: filter.postType } : {}),
    };
    const rows = await this.ds.getRepository(RegisterPostEntity).find({ where, order: { code: 'ASC' } });
    return rows.map(toPost);
  }

  /** Who holds the post on `asOf`, by the register's post history (register-post-holders.ts). */
  postHolders(agencyCode: string, postCode: string, asOf: string): Promise<PostHolder[]> {
    return postHoldersOf(this.ds, agencyCode, postCode, asOf);
  }

  async post(agencyCode: string, code: string): Promise<RegisterPost | null> {
    const row = await this.ds.getRepository(RegisterPostEntity).findOneBy({ agencyCode, code });
    return row && toPost(row);
  }

  /** Registers a unit or changes its name or parent. */
  putUnit(agencyCode: string, unit: RegisterUnit, reason: string, actor: Actor): Promise<RegisterReferenceWrite<RegisterUnit>> {
    return this.ds.transaction(async (m) => {
      // One writer of an agency's units at a time, so two moves cannot close a loop between them.
      await lock(m, agencyCode, 'register_units', '*');
      const parentChain = unit.parentCode === null ? [] : await this.chainOf(m, agencyCode, unit.parentCode);
      const issues = checkRegisterUnit(unit, { parentChain });
      if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
      const row = await m.findOneBy(RegisterUnitEntity, { agencyCode, code: unit.code });
      const before = row && unitFacts(toUnit(row));
      const after = unitFacts(unit);
      if (before && same(before, after)) return { value: toUnit(row!), change: null };
      await m.query(
        `INSERT INTO register_units (agency_code, code, name, parent_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_code, code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code, updated_at = now()`,
        [agencyCode, unit.code, unit.name, unit.parentCode],
      );
      return { value: unit, change: await record(m, agencyCode, 'register_units', unit.code, before, after, reason, actor) };
    });
  }

  /** Registers a post or changes its title, type, unit or competency standard. */
  putPost(agencyCode: string, post: RegisterPost, reason: string, actor: Actor): Promise<RegisterReferenceWrite<RegisterPost>> {
    return this.ds.transaction(async (m) => {
      await lock(m, agencyCode, 'register_posts', post.code);
      const unitKnown = (await m.countBy(RegisterUnitEntity, { agencyCode, code: post.unitCode })) > 0;
      const issues = checkRegisterPost(post, { unitKnown });
      if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
      const row = await m.findOneBy(RegisterPostEntity, { agencyCode, code: post.code });
      const before = row && postFacts(toPost(row));
      const after = postFacts(post);
      if (before && same(before, after)) return { value: toPost(row!), change: null };
      await m.query(
        `INSERT INTO register_posts (agency_code, code, title, post_type, unit_code, competency_standard, critical) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (agency_code, code) DO UPDATE SET title = EXCLUDED.title, post_type = EXCLUDED.post_type, unit_code = EXCLUDED.unit_code,
           competency_standard = EXCLUDED.competency_standard, critical = EXCLUDED.critical, updated_at = now()`,
        [agencyCode, post.code, post.title, post.postType, post.unitCode, JSON.stringify(after.competencyStandard), post.critical === true],
      );
      return {
        value: { code: post.code, ...after },
        change: await record(m, agencyCode, 'register_posts', post.code, before, after, reason, actor),
      };
    });
  }

  /** Recorded changes to the agency's units and posts, oldest first, optionally of one table and one code. */
  async changes(
    agencyCode: string,
    filter: { table?: RegisterReferenceTable; key?: string; limit: number; offset: number },
  ): Promise<{ items: RegisterReferenceChange[]; total: number }> {
    const qb = this.ds
      .getRepository(ReferenceDataChangeEntity)
      .createQueryBuilder('c')
      .where('c.agency_code = :agencyCode', { agencyCode });
    if (filter.table) qb.andWhere('c.table_name = :table', { table: filter.table });
    if (filter.key) qb.andWhere('c.key = :key', { key: filter.key });
    const [rows, total] = await qb.orderBy('c.id', 'ASC').limit(filter.limit).offset(filter.offset).getManyAndCount();
    return { items: rows.map(toChange), total };
  }

  /** `code` and the units above it, nearest first; null when `code` is not one of the agency's units. */
  private async chainOf(m: EntityManager, agencyCode: string, code: string): Promise<string[] | null> {
    const rows: { code: string }[] = await m.query(
      `WITH RECURSIVE up (code, parent_code, depth) AS (
         SELECT code, parent_code, 0 FROM register_units WHERE agency_code = $1 AND code = $2
         UNION ALL
         SELECT u.code, u.parent_code, up.depth + 1 FROM register_units u JOIN up ON u.agency_code = $1 AND u.code = up.parent_code
         WHERE up.depth < 100
       )
       SELECT code FROM up ORDER BY depth`,
      [agencyCode, code],
    );
    return rows.length === 0 ? null : rows.map((r) => r.code);
  }
}

const lock = (m: EntityManager, agencyCode: string, table: RegisterReferenceTable, key: string) =>
  m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`reference:${table}:${agencyCode}:${key}`]);

const record = async (
  m: EntityManager,
  agencyCode: string,
  table: RegisterReferenceTable,
  key: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  reason: string,
  actor: Actor,
): Promise<RegisterReferenceChange> => toChange(await recordReferenceChange(m, { table, key, agencyCode, before, after, reason, actor }));
