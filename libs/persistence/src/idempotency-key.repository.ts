import type { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';

export interface IdempotencyClaim {
  actorId: string;
  key: string;
  /** Lower-case hex SHA-256 of the request's canonical form. */
  fingerprint: string;
  method: string;
  path: string;
}

/** Remembers, per caller and Idempotency-Key, which request the key was first used for. */
export class IdempotencyKeyRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Claims the key for this request. Returns true when the key is new or was first used for the same
   * request (a repeat), false when it was first used for a different one. Concurrent claims are
   * settled by the primary key: ON CONFLICT waits for the first to commit, then both read its row.
   */
  async claim(c: IdempotencyClaim): Promise<boolean> {
    const repo = this.ds.getRepository(IdempotencyKeyEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        actorId: c.actorId,
        idempotencyKey: c.key,
        fingerprint: Buffer.from(c.fingerprint, 'hex'),
        method: c.method,
        path: c.path.slice(0, 2000),
      })
      .orIgnore()
      .execute();
    const first = await repo.findOneBy({ actorId: c.actorId, idempotencyKey: c.key });
    return first?.fingerprint.toString('hex') === c.fingerprint;
  }
}
