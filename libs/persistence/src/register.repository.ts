import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  canonicalJson,
  checkRegisterEvent,
  DomainError,
  effectiveDateOf,
  projectProfile,
  REGISTER_RULES_VERSION,
  registerFacts,
  type Actor,
  type EvidenceRef,
  type FactsSnapshot,
  type FieldIssue,
  type PersonProfile,
  type RegisterEvent,
  type RegisterEventDraft,
  type RegisterFacts,
  type ServiceStatus,
} from '@meritflow/domain';

/** Who records a register change, why and on what evidence. */
export interface RegisterWrite {
  actor: Actor;
  reason: string;
  evidence: EvidenceRef[];
  importBatchId?: string | null;
}

export interface PeopleFilter {
  agencyCode: string;
  /** Part of a name, or the start of a NIP. */
  q?: string;
  unitCode?: string;
  golongan?: string;
  postCode?: string;
  postType?: string;
  /** Serving officials, or those whose service has ended, as of the read model's date. */
  serviceStatus?: ServiceStatus;
  page: number;
  pageSize: number;
}

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

/** The latest date: what validation reads, so a change is checked against everything already recorded. */
const ALL_KNOWN = '9999-12-31';

export const contentSha256 = (draft: RegisterEventDraft): Buffer =>
  createHash('sha256')
    .update(canonicalJson({ type: draft.type, payload: draft.payload }))
    .digest();

export const factsSha256 = (facts: RegisterFacts): string => createHash('sha256').update(canonicalJson(facts)).digest('hex');

interface EventRow {
  id: string;
  agency_code: string;
  nip: string;
  event_type: RegisterEvent['type'];
  effective_date: string;
  payload: RegisterEvent['payload'];
  actor_id: string;
  actor_role: RegisterEvent['actor']['role'];
  actor_name: string | null;
  acting_for: RegisterEvent['actor']['actingFor'] | null;
  reason: string;
  evidence: EvidenceRef[];
  import_batch_id: string | null;
  recorded_at: Date;
}

const EVENT_COLUMNS = `id, agency_code, nip, event_type, to_char(effective_date, 'YYYY-MM-DD') AS effective_date, payload, actor_id,
  actor_role, actor_name, acting_for, reason, evidence, import_batch_id, recorded_at`;

const toEvent = (r: EventRow): RegisterEvent =>
  ({
    id: Number(r.id),
    agencyCode: r.agency_code,
    nip: r.nip,
    type: r.event_type,
    payload: r.payload,
    effectiveDate: r.effective_date,
    recordedAt: r.recorded_at.toISOString(),
    actor: {
      id: r.actor_id,
      role: r.actor_role,
      ...(r.actor_name ? { name: r.actor_name } : {}),
      ...(r.acting_for ? { actingFor: r.acting_for } : {}),
    },
    reason: r.reason,
    evidence: r.evidence,
    importBatchId: r.import_batch_id,
  }) as RegisterEvent;

/**
 * The ASN register: append-only events per agency and NIP, profiles derived from them as of any
 * date, and the read model that search uses. Every write validates the whole change against the
 * person's record first and stores all of it or none of it.
 */
export class RegisterRepository {
  constructor(private readonly ds: DataSource) {}

  /** Validates `drafts` in order against the record and stores them together; refuses all on any issue. */
  async record(
    agencyCode: string,
    nip: string,
    drafts: RegisterEventDraft[],
    write: RegisterWrite,
    today: string,
  ): Promise<RegisterEvent[]> {
    return this.ds.transaction(async (m) => {
      await this.lockPerson(m, agencyCode, nip);
      const existing = await this.loadEvents(m, agencyCode, [nip]);
      const registers = drafts.some((d) => d.type === 'person_registered');
      if (existing.length > 0 && registers) throw new DomainError('PERSON_ALREADY_REGISTERED', { nip });
      if (existing.length === 0 && !registers) throw new DomainError('PERSON_NOT_FOUND', { nip });
      const issues = this.check(agencyCode, nip, existing, drafts, today);
      if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
      const stored = await this.insert(m, agencyCode, nip, drafts, write, today);
      await this.refreshPeople(m, agencyCode, [nip], today);
      return stored;
    });
  }

  /**
   * Every issue the drafts would raise, each draft checked against the record with the drafts before
   * it applied; fields are prefixed `events.<i>.`.
   */
  check(
    agencyCode: string,
    nip: string,
    existing: readonly RegisterEvent[],
    drafts: readonly RegisterEventDraft[],
    today: string,
  ): FieldIssue[] {
    const working: RegisterEvent[] = [...existing];
    let nextId = existing.reduce((max, e) => Math.max(max, e.id), 0) + 1;
    const issues: FieldIssue[] = [];
    drafts.forEach((draft, i) => {
      const person = projectProfile(working, ALL_KNOWN);
      // A retraction names facts; withdrawing a retraction would silently do nothing, so it is not offered.
      const retractable = new Set(working.filter((e) => e.type !== 'events_retracted').map((e) => e.id));
      const found = checkRegisterEvent(draft, { nip, person, eventIds: retractable, today });
      issues.push(...found.map((f) => ({ ...f, field: `events.${i}.${f.field}` })));
      if (found.length === 0) {
        working.push({
          ...draft,
          id: nextId++,
          agencyCode,
          nip,
          effectiveDate: effectiveDateOf(draft, today),
          recordedAt: today,
          actor: { id: 'check', role: 'system' },
          reason: '-',
          evidence: [],
        } as RegisterEvent);
      }
    });
    return issues;
  }

  /** Serialises writes to one person's record for the rest of the transaction. */
  async lockPerson(m: EntityManager, agencyCode: string, nip: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('register:' || $1 || ':' || $2))`, [agencyCode, nip]);
  }

  async loadEvents(m: EntityManager, agencyCode: string, nips: readonly string[]): Promise<RegisterEvent[]> {
    const rows: EventRow[] = await m.query(
      `SELECT ${EVENT_COLUMNS} FROM register_events WHERE agency_code = $1 AND nip = ANY($2::text[]) ORDER BY id`,
      [agencyCode, nips],
    );
    return rows.map(toEvent);
  }

  /** Inserts validated drafts in one statement; the caller holds the person's lock. */
  async insert(
    m: EntityManager,
    agencyCode: string,
    nip: string,
    drafts: readonly RegisterEventDraft[],
    write: RegisterWrite,
    today: string,
  ): Promise<RegisterEvent[]> {
    if (drafts.length === 0) return [];
    const cols = 13;
    const params: unknown[] = [];
    const values = drafts.map((d, i) => {
      params.push(
        agencyCode,
        nip,
        d.type,
        effectiveDateOf(d, today),
        JSON.stringify(d.payload),
        contentSha256(d),
        write.actor.id,
        write.actor.role,
        write.actor.name ?? null,
        write.actor.actingFor ? JSON.stringify(write.actor.actingFor) : null,
        write.reason,
        JSON.stringify(write.evidence),
        write.importBatchId ?? null,
      );
      const b = i * cols;
      return `(${Array.from({ length: cols }, (_, k) => `$${b + k + 1}`).join(', ')}, '${REGISTER_RULES_VERSION}')`;
    });
    const rows: EventRow[] = await m.query(
      `INSERT INTO register_events (agency_code, nip, event_type, effective_date, payload, content_sha256, actor_id, actor_role,
         actor_name, acting_for, reason, evidence, import_batch_id, rules_version)
       VALUES ${values.join(', ')} RETURNING ${EVENT_COLUMNS}`,
      params,
    );
    return rows.map(toEvent);
  }

  /**
   * Inserts validated drafts of many persons in one statement (arrays unnested server-side, so the
   * statement size does not grow with the row count); ids follow the order given. The caller holds
   * every person's lock. Returns the number of rows written.
   */
  async insertMany(
    m: EntityManager,
    agencyCode: string,
    rows: readonly { nip: string; draft: RegisterEventDraft; sha256Hex?: string }[],
    write: RegisterWrite,
    today: string,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result: { n: number }[] = await m.query(
      `WITH ins AS (
         INSERT INTO register_events (agency_code, nip, event_type, effective_date, payload, content_sha256, actor_id, actor_role,
           actor_name, acting_for, reason, evidence, import_batch_id, rules_version)
         SELECT $1, u.nip, u.type, u.effective::date, u.payload::jsonb, decode(u.hash, 'hex'), $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::uuid, $9
         FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) WITH ORDINALITY AS u(nip, type, effective, payload, hash, i)
         ORDER BY u.i
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [
        agencyCode,
        write.actor.id,
        write.actor.role,
        write.actor.name ?? null,
        write.actor.actingFor ? JSON.stringify(write.actor.actingFor) : null,
        write.reason,
        JSON.stringify(write.evidence),
        write.importBatchId ?? null,
        REGISTER_RULES_VERSION,
        rows.map((r) => r.nip),
        rows.map((r) => r.draft.type),
        rows.map((r) => effectiveDateOf(r.draft, today)),
        rows.map((r) => JSON.stringify(r.draft.payload)),
        rows.map((r) => r.sha256Hex ?? contentSha256(r.draft).toString('hex')),
      ],
    );
    return result[0].n;
  }

  /**
   * The content hashes (hex) of each person's live events: not retracted, and not retractions. An
   * import skips a draft whose hash is here, so a newer export records only the new facts.
   */
  async liveContentHashes(m: EntityManager, agencyCode: string, events: readonly RegisterEvent[]): Promise<Map<string, Set<string>>> {
    const retracted = new Set<number>();
    for (const e of events) if (e.type === 'events_retracted') for (const id of e.payload.eventIds) retracted.add(id);
    const nips = [...new Set(events.map((e) => e.nip))];
    const rows: { id: string; nip: string; hash: string; event_type: string }[] = nips.length
      ? await m.query(
          `SELECT id, nip, encode(content_sha256, 'hex') AS hash, event_type FROM register_events WHERE agency_code = $1 AND nip = ANY($2::text[])`,
          [agencyCode, nips],
        )
      : [];
    const live = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.event_type === 'events_retracted' || retracted.has(Number(r.id))) continue;
      const set = live.get(r.nip) ?? new Set<string>();
      set.add(r.hash);
      live.set(r.nip, set);
    }
    return live;
  }

  /** Serialises writes to many persons' records for the rest of the transaction, in one order so two imports never deadlock. */
  async lockPersons(m: EntityManager, agencyCode: string, nips: readonly string[]): Promise<void> {
    const sorted = [...new Set(nips)].sort();
    if (sorted.length === 0) return;
    await m.query(
      `SELECT count(pg_advisory_xact_lock(hashtext('register:' || $1 || ':' || n))) FROM unnest($2::text[]) WITH ORDINALITY AS u(n, i)`,
      [agencyCode, sorted],
    );
  }

  /** Re-derives the read-model rows of `nips` as of `today` from their events. */
  async refreshPeople(m: EntityManager, agencyCode: string, nips: readonly string[], today: string): Promise<void> {
    if (nips.length === 0) return;
    const events = await this.loadEvents(m, agencyCode, nips);
    const byNip = new Map<string, RegisterEvent[]>();
    for (const e of events) (byNip.get(e.nip) ?? byNip.set(e.nip, []).get(e.nip)!).push(e);
    const rows: unknown[][] = [];
    for (const [nip, list] of byNip) {
      const p = projectProfile(list, today);
      if (!p) continue;
      const future = list.filter((e) => e.effectiveDate > today).map((e) => e.effectiveDate);
      const next = future.length ? future.reduce((a, b) => (a < b ? a : b)) : null;
      rows.push([
        agencyCode,
        nip,
        p.employmentType,
        p.name,
        p.birthDate,
        p.sex,
        p.unitCode,
        p.source,
        p.rank?.golongan ?? null,
        p.position?.postCode ?? null,
        p.position?.postType ?? null,
        p.position?.title ?? null,
        p.version,
        today,
        next,
        p.serviceEnded?.endedOn ?? null,
      ]);
    }
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const params = chunk.flat();
      const values = chunk.map((_, r) => `(${Array.from({ length: 16 }, (_, k) => `$${r * 16 + k + 1}`).join(', ')})`);
      await m.query(
        `INSERT INTO register_people (agency_code, nip, employment_type, name, birth_date, sex, unit_code, source, golongan, post_code,
           post_type, post_title, version, as_of, next_effective_date, service_ended_on)
         VALUES ${values.join(', ')}
         ON CONFLICT (agency_code, nip) DO UPDATE SET employment_type = EXCLUDED.employment_type, name = EXCLUDED.name,
           birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex, unit_code = EXCLUDED.unit_code, source = EXCLUDED.source,
           golongan = EXCLUDED.golongan, post_code = EXCLUDED.post_code, post_type = EXCLUDED.post_type, post_title = EXCLUDED.post_title,
           version = EXCLUDED.version, as_of = EXCLUDED.as_of, next_effective_date = EXCLUDED.next_effective_date,
           service_ended_on = EXCLUDED.service_ended_on, updated_at = now()`,
        params,
      );
    }
  }

  /** Brings rows whose profile changed since they were derived (a TMT that has now arrived) up to `today`. */
  async refreshDue(agencyCode: string, today: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      const due: { nip: string }[] = await m.query(
        `SELECT nip FROM register_people WHERE agency_code = $1 AND next_effective_date <= $2 LIMIT 5000`,
        [agencyCode, today],
      );
      await this.refreshPeople(
        m,
        agencyCode,
        due.map((d) => d.nip),
        today,
      );
      return due.length;
    });
  }

  async events(agencyCode: string, nip: string): Promise<RegisterEvent[]> {
    const events = await this.loadEvents(this.ds.manager, agencyCode, [nip]);
    if (events.length === 0) throw new DomainError('PERSON_NOT_FOUND', { nip });
    return events;
  }

  /** The profile as of `asOf`, optionally as the register knew it at `version` (an event id). */
  async profile(agencyCode: string, nip: string, asOf: string, version?: number): Promise<PersonProfile> {
    const p = projectProfile(await this.loadEvents(this.ds.manager, agencyCode, [nip]), asOf, version);
    if (!p) throw new DomainError('PERSON_NOT_FOUND', { nip });
    return p;
  }

  /** The NIPs of `nips` this agency's register does not hold. */
  async missing(agencyCode: string, nips: readonly string[]): Promise<string[]> {
    const rows: { nip: string }[] = await this.ds.query(
      `SELECT nip FROM register_people WHERE agency_code = $1 AND nip = ANY($2::text[])`,
      [agencyCode, [...new Set(nips)]],
    );
    const held = new Set(rows.map((r) => r.nip));
    return [...new Set(nips)].filter((n) => !held.has(n));
  }

  /** The facts rules read for each of `nips` as of `asOf`, with version and hash; NIPs not held are listed in `missing`. */
  async snapshots(agencyCode: string, nips: readonly string[], asOf: string): Promise<{ snapshots: FactsSnapshot[]; missing: string[] }> {
    const events = await this.loadEvents(this.ds.manager, agencyCode, nips);
    const byNip = new Map<string, typeof events>();
    for (const e of events) (byNip.get(e.nip) ?? byNip.set(e.nip, []).get(e.nip)!).push(e);
    const snapshots: FactsSnapshot[] = [];
    const missing: string[] = [];
    for (const nip of new Set(nips)) {
      const p = projectProfile(byNip.get(nip) ?? [], asOf);
      if (!p) {
        missing.push(nip);
        continue;
      }
      const facts = registerFacts(p);
      snapshots.push({ nip, asOf, registerVersion: p.version, sha256: factsSha256(facts), facts });
    }
    return { snapshots, missing };
  }

  async search(f: PeopleFilter): Promise<{ items: PersonSummary[]; total: number }> {
    const where = ['agency_code = $1'];
    const params: unknown[] = [f.agencyCode];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.q) {
      const q = f.q.trim();
      if (/^\d+$/.test(q)) add(`nip LIKE ?`, `${q}%`);
      else add(`lower(name) LIKE ?`, `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (f.unitCode) add('unit_code = ?', f.unitCode);
    if (f.golongan) add('golongan = ?', f.golongan);
    if (f.postCode) add('post_code = ?', f.postCode);
    if (f.postType) add('post_type = ?', f.postType);
    if (f.serviceStatus) where.push(`service_ended_on IS ${f.serviceStatus === 'ended' ? 'NOT ' : ''}NULL`);
    const clause = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM register_people WHERE ${clause}`, params);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT nip, employment_type, name, unit_code, source, golongan, post_code, post_type, post_title, version,
         to_char(service_ended_on, 'YYYY-MM-DD') AS service_ended_on
       FROM register_people WHERE ${clause} ORDER BY lower(name), nip LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    );
    return {
      total,
      items: rows.map((r) => ({
        nip: r.nip as string,
        employmentType: r.employment_type as string,
        name: r.name as string,
        unitCode: r.unit_code as string,
        source: r.source as string,
        golongan: (r.golongan as string) ?? null,
        postCode: (r.post_code as string) ?? null,
        postType: (r.post_type as string) ?? null,
        postTitle: (r.post_title as string) ?? null,
        serviceStatus: r.service_ended_on ? ('ended' as const) : ('active' as const),
        serviceEndedOn: (r.service_ended_on as string) ?? null,
        version: Number(r.version),
      })),
    };
  }
}
