import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

/**
 * Talent reviews (issue 15, item 3), beside the ledger that records their decisions:
 * - `talent_review_placements`: each official's computed 9-box placement in a review, as axis levels
 *   plus the inputs and sources it came from, under the settings version it ran under; written once
 *   per review and NIP (a retry writes nothing more) and never changed: the committee's adjustments
 *   are ledger decisions.
 * - `talent_pools`: the pool a committee approved, one row per member, with the pool's validity
 *   period; what the talent-promotion route reads. Append-only like the ledger.
 * - `register_posts.critical`: the posts succession lists are kept for.
 */
export class TalentReview1764910000000 implements MigrationInterface {
  name = 'TalentReview1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE talent_review_placements (
        review_id text NOT NULL,
        agency_code text NOT NULL,
        period text NOT NULL,
        nip text NOT NULL CHECK (nip ~ '^[0-9]{18}$'),
        as_of date NOT NULL,
        placed boolean NOT NULL,
        performance text CHECK (performance IN ('below', 'meets', 'above')),
        potential text CHECK (potential IN ('low', 'medium', 'high')),
        box smallint CHECK (box BETWEEN 1 AND 9),
        detail jsonb NOT NULL,
        settings_version text NOT NULL,
        register_version bigint,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (review_id, nip),
        CHECK (placed = (box IS NOT NULL AND performance IS NOT NULL AND potential IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX talent_review_placements_agency_idx ON talent_review_placements (agency_code, period)`);
    await q.query(`
      CREATE TABLE talent_pools (
        review_id text NOT NULL,
        agency_code text NOT NULL,
        period text NOT NULL,
        nip text NOT NULL CHECK (nip ~ '^[0-9]{18}$'),
        performance text NOT NULL CHECK (performance IN ('below', 'meets', 'above')),
        potential text NOT NULL CHECK (potential IN ('low', 'medium', 'high')),
        box smallint NOT NULL CHECK (box BETWEEN 1 AND 9),
        adjusted boolean NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL CHECK (valid_to >= valid_from),
        approved_by text NOT NULL,
        approved_at timestamptz NOT NULL,
        PRIMARY KEY (review_id, nip)
      )`);
    await q.query(`CREATE INDEX talent_pools_member_idx ON talent_pools (agency_code, nip, valid_from, valid_to)`);
    await q.query(`
      CREATE FUNCTION talent_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const t of ['talent_review_placements', 'talent_pools']) {
      await q.query(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION talent_refuse_change()`);
    }
    await q.query(`ALTER TABLE register_posts ADD COLUMN critical boolean NOT NULL DEFAULT false`);

    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) {
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON talent_review_placements, talent_pools FROM ${APP_ROLE}`);
      await q.query(`GRANT SELECT, INSERT ON talent_review_placements, talent_pools TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_posts DROP COLUMN critical`);
    await q.query(`DROP TABLE talent_pools`);
    await q.query(`DROP TABLE talent_review_placements`);
    await q.query(`DROP FUNCTION talent_refuse_change()`);
  }
}
