import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

/**
 * What each Idempotency-Key was first used for: the SHA-256 of the request's canonical form (method,
 * path, actor, canonical JSON body). A key sent again with another request is refused (422), as the
 * IETF Idempotency-Key draft describes. Keyed by caller and key; a row is written once and never
 * changed, so it is append-only like the ledger.
 */
export class IdempotencyKeys1764700000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id text NOT NULL,
        idempotency_key text NOT NULL,
        fingerprint bytea NOT NULL CHECK (octet_length(fingerprint) = 32),
        method text NOT NULL,
        path text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, idempotency_key)
      )`);
    await q.query(`
      CREATE FUNCTION idempotency_keys_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'idempotency_keys is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER idempotency_keys_append_only BEFORE UPDATE OR DELETE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION idempotency_keys_refuse_change()`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON idempotency_keys FROM PUBLIC`);
    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) {
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON idempotency_keys FROM ${APP_ROLE}`);
      await q.query(`GRANT SELECT, INSERT ON idempotency_keys TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP FUNCTION idempotency_keys_refuse_change()`);
  }
}
