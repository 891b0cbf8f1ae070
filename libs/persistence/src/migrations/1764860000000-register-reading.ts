import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CASE_PARTICIPANT_ROLES } from '@meritflow/domain';
import { APP_ROLE } from './1764100000000-ledger-hash-chain';

const MOBILITY_TABLES = `'regions', 'election_windows', 'minister_approvals', 'agency_merit'`;
const REGISTER_TABLES = `'register_units', 'register_posts'`;
// Decisions that name participants in their payload; the rest name only their actor.
const NAMING_DECISIONS = `'register_candidates', 'form_committee', 'screen_candidate'`;

/**
 * Reading the register (issue 14, item 7).
 *
 * - Changes to an agency's units and posts are recorded like the mobility reference data, in
 *   `reference_data_changes` (who, role, before, after, why; append-only), which gains the agency
 *   they belong to: those rows are that agency's to read.
 * - `case_participants` says which cases an official took part in and how. A trigger fills it from
 *   every decision the ledger appends, in the same transaction, so it is never behind the ledger:
 *   candidates (`register_candidates`: `candidates[].nip`, or `candidates[].profile.nip` as recorded
 *   before cases named candidates by NIP), committee members (`form_committee`: `members[].nip` or
 *   `members[].id`), assessors (`screen_candidate`: `assessorIds`), the official being moved (the NIP
 *   in the id of a move, `move:<AGENCY>:<NIP>`, or of a batch member, `…:member:<NIP>`), and whoever
 *   decided. Only NIP-shaped ids are kept: a committee member from outside the civil service is in no
 *   register. Existing decisions are read into it here.
 *
 * The trigger fires only for decisions that can name an official (WHEN clause), so the ledger
 * append of other decisions pays nothing but the condition.
 */
export class RegisterReading1764860000000 implements MigrationInterface {
  name = 'RegisterReading1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reference_data_changes ADD COLUMN agency_code text`);
    await q.query(`ALTER TABLE reference_data_changes DROP CONSTRAINT reference_data_changes_table_name_check`);
    await q.query(
      `ALTER TABLE reference_data_changes ADD CONSTRAINT reference_data_changes_table_name_check
       CHECK (table_name IN (${MOBILITY_TABLES}, ${REGISTER_TABLES}))`,
    );
    // An agency's units and posts name their agency; the national mobility data names none. NOT VALID:
    // rows recorded before a `down` (which keeps them, append-only, without their agency) stay as they are.
    await q.query(
      `ALTER TABLE reference_data_changes ADD CONSTRAINT reference_data_changes_agency_check
       CHECK ((table_name IN (${REGISTER_TABLES})) = (agency_code IS NOT NULL)) NOT VALID`,
    );
    await q.query(
      `CREATE INDEX reference_data_changes_agency_idx ON reference_data_changes (agency_code, table_name, key, id) WHERE agency_code IS NOT NULL`,
    );

    const roles = CASE_PARTICIPANT_ROLES.map((r) => `'${r}'`).join(', ');
    await q.query(`
      CREATE TABLE case_participants (
        nip text NOT NULL CHECK (nip ~ '^[0-9]{18}$'),
        case_id text NOT NULL,
        role text NOT NULL CHECK (role IN (${roles})),
        -- The actor role of a decider (hr_officer, ppk…); empty for the other roles.
        decided_as text NOT NULL DEFAULT '',
        agency_code text NOT NULL,
        first_decision_id bigint NOT NULL,
        first_seen_at timestamptz NOT NULL,
        PRIMARY KEY (nip, case_id, role, decided_as)
      )`);
    await q.query(`CREATE INDEX case_participants_case_idx ON case_participants (case_id)`);
    await q.query(`
      CREATE FUNCTION case_participants_of(d decisions) RETURNS TABLE (nip text, role text, decided_as text)
      LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(c->>'nip', c->'profile'->>'nip'), 'candidate', ''
          FROM jsonb_array_elements(CASE WHEN d.decision = 'register_candidates' AND jsonb_typeof(d.payload->'candidates') = 'array'
                                         THEN d.payload->'candidates' ELSE '[]'::jsonb END) c
         WHERE jsonb_typeof(c) = 'object'
        UNION ALL
        SELECT coalesce(m->>'nip', m->>'id'), 'committee_member', ''
          FROM jsonb_array_elements(CASE WHEN d.decision = 'form_committee' AND jsonb_typeof(d.payload->'members') = 'array'
                                         THEN d.payload->'members' ELSE '[]'::jsonb END) m
         WHERE jsonb_typeof(m) = 'object'
        UNION ALL
        SELECT a #>> '{}', 'assessor', ''
          FROM jsonb_array_elements(CASE WHEN d.decision = 'screen_candidate' AND jsonb_typeof(d.payload->'assessorIds') = 'array'
                                         THEN d.payload->'assessorIds' ELSE '[]'::jsonb END) a
         WHERE jsonb_typeof(a) = 'string'
        UNION ALL
        SELECT substring(d.workflow_id FROM ':([0-9]{18})$'), 'moved_official', ''
         WHERE d.sequence = 1 AND (d.workflow_id ~ '^move:[^:]+:[0-9]{18}$' OR d.workflow_id ~ '^bulk-move:[^:]+:[^:]+:member:[0-9]{18}$')
        UNION ALL
        SELECT d.actor_id, 'decider', d.actor_role WHERE d.actor_role <> 'system'
      $$`);
    await q.query(`
      CREATE FUNCTION case_participants_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_participants (nip, case_id, role, decided_as, agency_code, first_decision_id, first_seen_at)
        SELECT p.nip, NEW.root_workflow_id, p.role, p.decided_as, split_part(NEW.root_workflow_id, ':', 2), NEW.id, NEW.decided_at
          FROM case_participants_of(NEW) p
         WHERE p.nip ~ '^[0-9]{18}$'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER decisions_case_participants AFTER INSERT ON decisions FOR EACH ROW
      WHEN (NEW.sequence > 0 AND (NEW.actor_id ~ '^[0-9]{18}$' OR NEW.decision IN (${NAMING_DECISIONS})
            OR (NEW.sequence = 1 AND NEW.workflow_id ~ ':[0-9]{18}$')))
      EXECUTE FUNCTION case_participants_record()`);
    // Decisions already in the ledger, oldest first, so each row keeps the decision that first named the official.
    await q.query(`
      INSERT INTO case_participants (nip, case_id, role, decided_as, agency_code, first_decision_id, first_seen_at)
      SELECT p.nip, d.root_workflow_id, p.role, p.decided_as, split_part(d.root_workflow_id, ':', 2), d.id, d.decided_at
        FROM (SELECT * FROM decisions WHERE sequence > 0 ORDER BY id) d
       CROSS JOIN LATERAL case_participants_of(d) p
       WHERE p.nip ~ '^[0-9]{18}$'
      ON CONFLICT DO NOTHING`);

    const [{ exists }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_ROLE]);
    if (exists) await q.query(`GRANT SELECT, INSERT ON case_participants TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER decisions_case_participants ON decisions`);
    await q.query(`DROP FUNCTION case_participants_record()`);
    await q.query(`DROP FUNCTION case_participants_of(decisions)`);
    await q.query(`DROP TABLE case_participants`);
    await q.query(`DROP INDEX reference_data_changes_agency_idx`);
    await q.query(`ALTER TABLE reference_data_changes DROP CONSTRAINT reference_data_changes_agency_check`);
    await q.query(`ALTER TABLE reference_data_changes DROP CONSTRAINT reference_data_changes_table_name_check`);
    // Changes to units and posts stay recorded (the table is append-only); the old check holds for new rows only.
    await q.query(
      `ALTER TABLE reference_data_changes ADD CONSTRAINT reference_data_changes_table_name_check
       CHECK (table_name IN (${MOBILITY_TABLES})) NOT VALID`,
    );
    await q.query(`ALTER TABLE reference_data_changes DROP COLUMN agency_code`);
  }
}
