import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EvidenceRef } from '../../domain/src';

export interface SecurityEvent {
  code: string;
  actorId: string | null;
  actorRole: string | null;
  actorAgency: string | null;
  actingFor: string | null;
  method: string;
  path: string;
  caseId: string | null;
  clientIp: string | null;
  detail: Record<string, unknown>;
}

/** The append-only log of refused attempts. */
export class SecurityEventRepository {
  constructor(private readonly ds: DataSource) {}

  async record(e: SecurityEvent): Promise<void> {
    await this.ds.query(
      `INSERT INTO security_events (code, actor_id, actor_role, actor_agency, acting_for, method, path, case_id, client_ip, detail)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [e.code, e.actorId, e.actorRole, e.actorAgency, e.actingFor, e.method, e.path.slice(0, 2000), e.caseId, e.clientIp, JSON.stringify(e.detail)],
    );
  }

  async list(filter: { actorId?: string; caseId?: string; code?: string; limit: number; offset: number }) {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [col, v] of [['actor_id', filter.actorId], ['case_id', filter.caseId], ['code', filter.code]] as const) {
      if (v !== undefined) where.push(`${col} = $${args.push(v)}`);
    }
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.ds.query(
      `SELECT id::text, occurred_at AS "occurredAt", code, actor_id AS "actorId", actor_role AS "actorRole", actor_agency AS "actorAgency",
              acting_for AS "actingFor", method, path, case_id AS "caseId", detail
       FROM security_events ${sql} ORDER BY id DESC LIMIT $${args.push(filter.limit)} OFFSET $${args.push(filter.offset)}`,
      args,
    );
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM security_events ${sql}`, args.slice(0, args.length - 2));
    return { items: rows as Record<string, unknown>[], total: total as number };
  }
}

export interface Delegation {
  id: string;
  agencyCode: string;
  delegatorId: string;
  delegatorName: string | null;
  role: 'ppk' | 'committee_chair';
  delegateId: string;
  delegateName: string;
  kind: 'plt' | 'plh';
  validFrom: string;
  validUntil: string;
  legalBasis: EvidenceRef[];
  reason: string;
  createdAt: string;
  revocation: { revokedAt: string; revokedBy: string; revokedByRole: string; reason: string } | null;
}

export type NewDelegation = Omit<Delegation, 'id' | 'createdAt' | 'revocation'>;

const SELECT = `
  SELECT d.id, d.agency_code AS "agencyCode", d.delegator_id AS "delegatorId", d.delegator_name AS "delegatorName", d.role,
         d.delegate_id AS "delegateId", d.delegate_name AS "delegateName", d.kind,
         to_char(d.valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "validFrom",
         to_char(d.valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "validUntil",
         d.legal_basis AS "legalBasis", d.reason, d.created_at AS "createdAt",
         CASE WHEN r.delegation_id IS NULL THEN NULL ELSE json_build_object(
           'revokedAt', r.revoked_at, 'revokedBy', r.revoked_by, 'revokedByRole', r.revoked_by_role, 'reason', r.reason) END AS revocation
  FROM delegations d LEFT JOIN delegation_revocations r ON r.delegation_id = d.id`;

/** Plt/Plh delegations: created once, revoked by a second row, never changed. */
export class DelegationRepository {
  constructor(private readonly ds: DataSource) {}

  async create(d: NewDelegation): Promise<Delegation> {
    const id = randomUUID();
    await this.ds.query(
      `INSERT INTO delegations (id, agency_code, delegator_id, delegator_name, role, delegate_id, delegate_name, kind, valid_from, valid_until, legal_basis, reason)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [id, d.agencyCode, d.delegatorId, d.delegatorName, d.role, d.delegateId, d.delegateName, d.kind, d.validFrom, d.validUntil, JSON.stringify(d.legalBasis), d.reason],
    );
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Delegation | null> {
    const rows = await this.ds.query(`${SELECT} WHERE d.id = $1`, [id]);
    return (rows[0] as Delegation | undefined) ?? null;
  }

  /** Delegations where `personId` is the delegator or the delegate, newest first; `agency` '*' lists all. */
  async list(filter: { agency: string; personId?: string; activeAt?: string; limit: number; offset: number }): Promise<Delegation[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.agency !== '*') where.push(`d.agency_code = $${args.push(filter.agency)}`);
    if (filter.personId) where.push(`(d.delegator_id = $${args.push(filter.personId)} OR d.delegate_id = $${args.length})`);
    if (filter.activeAt) where.push(`r.delegation_id IS NULL AND d.valid_from <= $${args.push(filter.activeAt)} AND d.valid_until > $${args.length}`);
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.ds.query(`${SELECT} ${sql} ORDER BY d.created_at DESC LIMIT $${args.push(filter.limit)} OFFSET $${args.push(filter.offset)}`, args);
  }

  /** Whether `personId` holds `role` only by someone's delegation that is active at `at`. */
  async holdsByDelegation(personId: string, at: string): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT 1 FROM delegations d LEFT JOIN delegation_revocations r ON r.delegation_id = d.id
       WHERE d.delegate_id = $1 AND r.delegation_id IS NULL AND d.valid_from <= $2 AND d.valid_until > $2 LIMIT 1`,
      [personId, at],
    );
    return rows.length > 0;
  }

  /** Revokes once; a second revocation of the same delegation writes nothing and answers false. */
  async revoke(id: string, by: { id: string; role: string }, reason: string): Promise<boolean> {
    const rows = await this.ds.query(
      `INSERT INTO delegation_revocations (delegation_id, revoked_by, revoked_by_role, reason) VALUES ($1,$2,$3,$4)
       ON CONFLICT (delegation_id) DO NOTHING RETURNING delegation_id`,
      [id, by.id, by.role, reason],
    );
    return rows.length > 0;
  }
}
