import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

/**
 * The audit record outlives Temporal's retention: every closed workflow run's full history is copied
 * here, compressed, with the SHA-256 of its canonical JSON. Append-only under the ledger's rules, and
 * each copy is announced by a `history_archived` row in the case's hash chain that carries the same
 * hash, so the chain vouches for the archived bytes. Open runs can be snapshotted for an audit in
 * progress (kind `snapshot`, one per run and history length).
 *
 * `history_archive_sweeps` is working state, not audit data: where the periodic sweep got to.
 */
export class HistoryArchive1764600000000 implements MigrationInterface {
  name = 'HistoryArchive1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Archive rows are not decisions of the run: they take sequence 0, and a run may have several
    // snapshots. Decisions keep their 1-based, unique sequence.
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_sequence_check, DROP CONSTRAINT decisions_run_sequence_uq`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_sequence_check
      CHECK (sequence > 0 OR (sequence = 0 AND decision IN ('history_archived', 'history_snapshot')))`);
    await q.query(`CREATE UNIQUE INDEX decisions_run_sequence_uq ON decisions (run_id, sequence) WHERE sequence > 0`);

    await q.query(`
      CREATE TABLE history_archive (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('closed', 'snapshot')),
        root_workflow_id text NOT NULL,
        agency_code text NOT NULL,
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        parent_workflow_id text,
        workflow_type text NOT NULL,
        status text NOT NULL,
        started_at timestamptz,
        closed_at timestamptz,
        event_count int NOT NULL CHECK (event_count > 0),
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        encoding text NOT NULL CHECK (encoding = 'gzip;canonical-json'),
        history bytea NOT NULL,
        sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
        history_pb bytea NOT NULL,
        pb_sha256 bytea NOT NULL CHECK (octet_length(pb_sha256) = 32),
        archived_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX history_archive_closed_uq ON history_archive (run_id) WHERE kind = 'closed'`);
    await q.query(`CREATE UNIQUE INDEX history_archive_snapshot_uq ON history_archive (run_id, event_count) WHERE kind = 'snapshot'`);
    await q.query(`CREATE INDEX history_archive_root_idx ON history_archive (root_workflow_id, archived_at)`);
    await q.query(`CREATE INDEX history_archive_agency_idx ON history_archive (agency_code, archived_at)`);

    await q.query(`
      CREATE FUNCTION history_archive_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'history_archive is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER history_archive_append_only BEFORE UPDATE OR DELETE ON history_archive FOR EACH ROW EXECUTE FUNCTION history_archive_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER history_archive_no_truncate BEFORE TRUNCATE ON history_archive FOR EACH STATEMENT EXECUTE FUNCTION history_archive_refuse_change()`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON history_archive FROM PUBLIC`);

    await q.query(`
      CREATE TABLE history_archive_sweeps (
        namespace text PRIMARY KEY,
        watermark timestamptz,
        last_started_at timestamptz NOT NULL,
        last_finished_at timestamptz,
        last_archived int NOT NULL DEFAULT 0,
        pending int NOT NULL DEFAULT 0,
        oldest_pending_closed_at timestamptz,
        last_error text
      )`);

    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) {
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON history_archive FROM ${APP_ROLE}`);
      await q.query(`GRANT SELECT, INSERT ON history_archive TO ${APP_ROLE}`);
      await q.query(`GRANT USAGE ON SEQUENCE history_archive_id_seq TO ${APP_ROLE}`);
      await q.query(`GRANT SELECT, INSERT, UPDATE ON history_archive_sweeps TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE history_archive_sweeps`);
    await q.query(`DROP TABLE history_archive`);
    await q.query(`DROP FUNCTION history_archive_refuse_change()`);
    // Refused by the trigger while archive rows exist, as it should be: the chain vouches for them.
    await q.query(`DELETE FROM decisions WHERE sequence = 0`);
    await q.query(`DROP INDEX decisions_run_sequence_uq`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_sequence_check`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_sequence_check CHECK (sequence > 0)`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_run_sequence_uq UNIQUE (run_id, sequence)`);
  }
}
