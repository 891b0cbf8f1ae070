import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

// Same shape as BUSINESS_CODE_PATTERN in libs/domain (personnel/position.ts).
const CODE = `'^[A-Z0-9][A-Z0-9._-]{0,63}$'`;
const APPEND_ONLY = ['minister_approvals', 'reference_data_changes'] as const;

/**
 * Reference data the mobility rules read: regions and their Pilkada calendar, the Minister of Home
 * Affairs' written approvals, and each agency's merit category. Mobility verdicts depend on them, so
 * every change is recorded in reference_data_changes (who, role, before, after, why), which, like the
 * approvals themselves, the database keeps append-only.
 */
export class MobilityReferenceData1764400000000 implements MigrationInterface {
  name = 'MobilityReferenceData1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE regions (
        region_code text PRIMARY KEY CHECK (region_code ~ ${CODE}),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('province', 'regency', 'city')),
        province_code text REFERENCES regions (region_code),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A province belongs to no province; a regency or city may name its own.
        CHECK (kind <> 'province' OR province_code IS NULL)
      )`);
    await q.query(`
      CREATE TABLE election_windows (
        region_code text PRIMARY KEY REFERENCES regions (region_code),
        candidate_pair_determination date,
        term_end date,
        head_inaugurated_on date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (term_end > candidate_pair_determination)
      )`);
    await q.query(`
      CREATE TABLE minister_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_code text NOT NULL REFERENCES regions (region_code),
        document_ref text NOT NULL,
        title text NOT NULL,
        approved_on date NOT NULL,
        scope text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
        recorded_by_id text NOT NULL,
        recorded_by_role text NOT NULL,
        recorded_by_name text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        -- One letter is recorded once per region, so a repeated request cannot record it twice.
        UNIQUE (region_code, document_ref)
      )`);
    await q.query(`
      CREATE TABLE agency_merit (
        agency_code text PRIMARY KEY CHECK (agency_code ~ ${CODE}),
        region_code text NOT NULL REFERENCES regions (region_code),
        scheme text NOT NULL CHECK (scheme IN ('kasn_400', 'menpanrb_19_2025')),
        score numeric NOT NULL,
        category text NOT NULL CHECK (
          (scheme = 'kasn_400' AND category IN ('buruk', 'kurang', 'baik', 'sangat_baik'))
          OR (scheme = 'menpanrb_19_2025' AND category IN ('dasar', 'lanjutan', 'menengah', 'tinggi', 'maju'))
        ),
        assessed_on date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agency_merit_region_idx ON agency_merit (region_code)`);
    await q.query(`
      CREATE TABLE reference_data_changes (
        id bigserial PRIMARY KEY,
        table_name text NOT NULL CHECK (table_name IN ('regions', 'election_windows', 'minister_approvals', 'agency_merit')),
        key text NOT NULL,
        before jsonb,
        after jsonb,
        reason text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_name text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reference_data_changes_key_idx ON reference_data_changes (table_name, key, id)`);
    await q.query(`CREATE INDEX reference_data_changes_time_idx ON reference_data_changes (changed_at)`);
    await q.query(`
      CREATE FUNCTION reference_data_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of APPEND_ONLY) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION reference_data_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION reference_data_refuse_change()`);
      // The application role gets later tables by default privileges; it never needs to change these.
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.join(', ')} FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reference_data_changes`);
    await q.query(`DROP TABLE agency_merit`);
    await q.query(`DROP TABLE minister_approvals`);
    await q.query(`DROP TABLE election_windows`);
    await q.query(`DROP TABLE regions`);
    await q.query(`DROP FUNCTION reference_data_refuse_change()`);
  }
}
