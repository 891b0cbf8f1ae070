import type { DataSource } from 'typeorm';

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
    await this.ds.query(
      `INSERT INTO idempotency_keys (actor_id, idempotency_key, fingerprint, method, path)
       VALUES ($1, $2, decode($3, 'hex'), $4, $5) ON CONFLICT (actor_id, idempotency_key) DO NOTHING`,
      [c.actorId, c.key, c.fingerprint, c.method, c.path.slice(0, 2000)],
    );
    const rows: { fingerprint: string }[] = await this.ds.query(
      `SELECT encode(fingerprint, 'hex') AS fingerprint FROM idempotency_keys WHERE actor_id = $1 AND idempotency_key = $2`,
      [c.actorId, c.key],
    );
    return rows[0]?.fingerprint === c.fingerprint;
  }
}
