import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Evidence1763900000000 implements MigrationInterface {
  name = 'Evidence1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // gen_random_uuid() and sha256(bytea) are built into PostgreSQL 13+ (no pgcrypto needed).
    await q.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        size_bytes int NOT NULL,
        media_type text NOT NULL,
        file_name text,
        kind text NOT NULL,
        agency_code text NOT NULL,
        uploaded_by_id text NOT NULL,
        uploaded_by_role text NOT NULL,
        uploaded_by_name text,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        -- The stored hash and size are those of the stored bytes, whoever writes the row.
        CONSTRAINT evidence_sha256_matches_content CHECK (sha256 = encode(sha256(content), 'hex')),
        CONSTRAINT evidence_size_matches_content CHECK (size_bytes = octet_length(content)),
        -- The same bytes uploaded again by the same agency are the same evidence (idempotent upload).
        CONSTRAINT evidence_agency_sha256_uq UNIQUE (agency_code, sha256)
      )`);
    // Decisions cite evidence by id and hash: once stored, a document is never changed or removed.
    await q.query(`
      CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'evidence is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER evidence_immutable BEFORE UPDATE OR DELETE ON evidence
      FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change()`);
    await q.query(`
      CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence
      FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence`);
    await q.query(`DROP FUNCTION evidence_refuse_change()`);
  }
}
