import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DelegationEntity, DelegationRevocationEntity, SecurityEventEntity } from './entities/access-control.entity';
import type { EvidenceRef } from '@meritflow/domain';

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

  private events() {
    return this.ds.getRepository(SecurityEventEntity);
  }

  async record(e: SecurityEvent): Promise<void> {
    await this.events().save(this.events().create({ ...e, path: e.path.slice(0, 2000) }), { reload: false });
  }

  async list(filter: { actorId?: string; caseId?: string; code?: string; limit: number; offset: number }) {
    const where = {
      ...(filter.actorId !== undefined ? { actorId: filter.actorId } : {}),
      ...(filter.caseId !== undefined ? { caseId: filter.caseId } : {}),
      ...(filter.code !== undefined ? { code: filter.code } : {}),
    };
    const [rows, total] = await this.events().findAndCount({ where, order: { id: 'DESC' }, take: filter.limit, skip: filter.offset });
    // The client address stays in the table for investigators; the listing leaves it out.
    const items = rows.map(({ clientIp: _ip, ...row }) => row);
    return { items, total };
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

/** A timestamp as delegations present it: UTC, to the second. */
const toSecond = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const toDelegation = (d: DelegationEntity, r: DelegationRevocationEntity | null): Delegation => ({
  id: d.id,
  agencyCode: d.agencyCode,
  delegatorId: d.delegatorId,
  delegatorName: d.delegatorName,
  role: d.role,
  delegateId: d.delegateId,
  delegateName: d.delegateName,
  kind: d.kind,
  validFrom: toSecond(d.validFrom),
  validUntil: toSecond(d.validUntil),
  legalBasis: d.legalBasis,
  reason: d.reason,
  createdAt: d.createdAt.toISOString(),
  revocation: r ? { revokedAt: r.revokedAt.toISOString(), revokedBy: r.revokedBy, revokedByRole: r.revokedByRole, reason: r.reason } : null,
});

/** Plt/Plh delegations: created once, revoked by a second row, never changed. */
export class DelegationRepository {
  constructor(private readonly ds: DataSource) {}

  private delegations() {
    return this.ds.getRepository(DelegationEntity);
  }

  /** Each delegation with its revocation, if any. */
  private withRevocation() {
    return this.delegations()
      .createQueryBuilder('d')
      .leftJoinAndMapOne('d.revocationRow', DelegationRevocationEntity, 'r', 'r.delegation_id = d.id');
  }

  private present(rows: (DelegationEntity & { revocationRow?: DelegationRevocationEntity })[]): Delegation[] {
    return rows.map((d) => toDelegation(d, d.revocationRow ?? null));
  }

  async create(d: NewDelegation): Promise<Delegation> {
    const id = randomUUID();
    await this.delegations().insert({ ...d, id, validFrom: new Date(d.validFrom), validUntil: new Date(d.validUntil) });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Delegation | null> {
    return this.present(await this.withRevocation().where('d.id = :id', { id }).getMany())[0] ?? null;
  }

  /** Delegations where `personId` is the delegator or the delegate, newest first; `agency` '*' lists all. */
  async list(filter: { agency: string; personId?: string; activeAt?: string; limit: number; offset: number }): Promise<Delegation[]> {
    const qb = this.withRevocation();
    if (filter.agency !== '*') qb.andWhere('d.agency_code = :agency', { agency: filter.agency });
    if (filter.personId) qb.andWhere('(d.delegator_id = :person OR d.delegate_id = :person)', { person: filter.personId });
    if (filter.activeAt) qb.andWhere('r.delegation_id IS NULL AND d.valid_from <= :at AND d.valid_until > :at', { at: filter.activeAt });
    return this.present(await qb.orderBy('d.created_at', 'DESC').take(filter.limit).skip(filter.offset).getMany());
  }

  /** Whether `personId` holds `role` only by someone's delegation that is active at `at`. */
  async holdsByDelegation(personId: string, at: string): Promise<boolean> {
    return this.withRevocation()
      .where('d.delegate_id = :personId AND r.delegation_id IS NULL AND d.valid_from <= :at AND d.valid_until > :at', { personId, at })
      .getExists();
  }

  /** Revokes once; a second revocation of the same delegation writes nothing and answers false. */
  async revoke(id: string, by: { id: string; role: string }, reason: string): Promise<boolean> {
    const result = await this.ds
      .getRepository(DelegationRevocationEntity)
      .createQueryBuilder()
      .insert()
      .values({ delegationId: id, revokedBy: by.id, revokedByRole: by.role, reason })
      .orIgnore()
      .returning('delegation_id')
      .execute();
    return result.raw.length > 0;
  }
}
