import type { DataSource } from 'typeorm';
import type { Actor } from '@meritflow/domain';
import { AuditReadEntity } from './entities/audit-read.entity';

export interface AuditReadRecord {
  requestedAt: Date;
  actor: Actor;
  method: string;
  path: string;
  query: Record<string, unknown>;
  statusCode: number;
  completed: boolean;
  caseId: string | null;
}

export interface AuditReadFilter {
  actorId?: string;
  /** Requests made in [from, to). */
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Appends to and reads the log of auditors' requests; nothing else can be done to it. */
export class AuditReadRepository {
  constructor(private readonly ds: DataSource) {}

  async append(r: AuditReadRecord): Promise<void> {
    await this.ds.query(
      `INSERT INTO audit_reads (requested_at, actor_id, actor_role, actor_name, method, path, query, status_code, completed, case_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        r.requestedAt,
        r.actor.id,
        r.actor.role,
        r.actor.name ?? null,
        r.method,
        r.path,
        JSON.stringify(r.query),
        r.statusCode,
        r.completed,
        r.caseId,
      ],
    );
  }

  async list(filter: AuditReadFilter): Promise<{ items: AuditReadEntity[]; total: number }> {
    const qb = this.ds.getRepository(AuditReadEntity).createQueryBuilder('a');
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.from) qb.andWhere('a.requested_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.requested_at < :to', { to: filter.to });
    const [items, total] = await qb
      .orderBy('a.requested_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total };
  }
}
