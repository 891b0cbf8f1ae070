import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { DecisionRecord } from '@meritflow/domain';
import { readStackState } from '../../../test/support/test-stack';
import { CaseParticipantsRepository } from './case-participants.repository';
import { createDataSource } from './data-source';
import { LedgerRepository } from './ledger.repository';
import { revertLastMigration, runMigrations } from './migrate';

const { databaseUrl } = readStackState();
let ds: DataSource;
let ledger: LedgerRepository;
let repo: CaseParticipantsRepository;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'case-participants-int-spec');
  await ds.initialize();
  ledger = new LedgerRepository(ds);
  repo = new CaseParticipantsRepository(ds);
});
afterAll(() => ds.destroy());

let seq = 0;
/** A NIP no other test uses: birth date, TMT, sex digit and a random sequence. */
const nip = () => `19800101200501${1 + (seq++ % 2)}${randomBytes(2).readUInt16BE() % 1000}`.padEnd(18, '0');
const code = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;

function decision(
  o: Pick<DecisionRecord, 'workflowId' | 'sequence' | 'decision' | 'actor' | 'payload'> & Partial<DecisionRecord>,
): DecisionRecord {
  const runId = o.runId ?? `run-${o.workflowId}`;
  const root = o.rootWorkflowId ?? o.workflowId;
  return {
    idempotencyKey: `${o.workflowId}:${runId}:${o.sequence}`,
    caseType: root.split(':')[0],
    runId,
    rootWorkflowId: root,
    parentWorkflowId: root === o.workflowId ? null : root,
    stepBefore: null,
    stepAfter: 'step',
    statusAfter: 'open',
    reason: null,
    evidence: [],
    sop: { id: 'spec', version: '1.0.0' },
    ruleVersion: null,
    decidedAt: new Date(Date.UTC(2026, 5, 1, 1, 0, o.sequence)).toISOString(),
    case: { agencyCode: root.split(':')[1], businessKey: root, title: `Kasus ${root}`, details: {} },
    ...o,
  };
}

const rowsOf = async (caseId: string) =>
  (
    (await ds.query(`SELECT nip, role, decided_as FROM case_participants WHERE case_id = $1 ORDER BY role, nip, decided_as`, [caseId])) as {
      nip: string;
      role: string;
      decided_as: string;
    }[]
  ).map((r) => `${r.role}:${r.nip}${r.decided_as ? `:${r.decided_as}` : ''}`);

describe('case participants, filled from the ledger', () => {
  it('names candidates (by NIP or by their profile), committee members, assessors and deciders of a selection; ids that are no NIP are left out', async () => {
    const agency = code('PEMKAB');
    const root = `open-selection:${agency}:${code('SEL')}`;
    const [hr, ppk, member, oldCandidate, candidate, assessor] = [nip(), nip(), nip(), nip(), nip(), nip()];
    const sys = { id: 'system', role: 'system' as const };
    await ledger.append(
      decision({ workflowId: root, sequence: 1, decision: 'open_selection', actor: { id: hr, role: 'hr_officer' }, payload: {} }),
    );
    await ledger.append(
      decision({
        workflowId: root,
        sequence: 2,
        decision: 'form_committee',
        actor: { id: ppk, role: 'ppk' },
        payload: { members: [{ id: member, name: 'Dr. A' }, { id: 'pansel-luar-1', name: 'Prof. B' }, 'not-an-object'] },
      }),
    );
    await ledger.append(
      decision({
        workflowId: root,
        sequence: 3,
        decision: 'register_candidates',
        actor: { id: hr, role: 'hr_officer' },
        payload: {
          candidates: [
            { postCode: 'P', profile: { nip: oldCandidate } },
            { postCode: 'P', nip: candidate },
          ],
        },
      }),
    );
    await ledger.append(
      decision({
        workflowId: root,
        sequence: 4,
        decision: 'screen_candidate',
        actor: { id: hr, role: 'hr_officer' },
        payload: { nip: candidate, passed: true, assessorIds: [assessor, 'asesor-01'] },
      }),
    );
    // A decision of a child workflow belongs to the root case.
    const child = `${root}:assessment:${candidate}`;
    await ledger.append(
      decision({ workflowId: child, rootWorkflowId: root, sequence: 1, decision: 'assessment_opened', actor: sys, payload: {} }),
    );
    await ledger.append(
      decision({
        workflowId: child,
        rootWorkflowId: root,
        sequence: 2,
        decision: 'record_assessment',
        actor: { id: assessor, role: 'assessor' },
        payload: {},
      }),
    );
    // A malformed payload names nobody and breaks nothing.
    await ledger.append(
      decision({ workflowId: root, sequence: 5, decision: 'register_candidates', actor: sys, payload: { candidates: 'x' } }),
    );

    expect(await rowsOf(root)).toEqual(
      [
        `assessor:${assessor}`,
        `candidate:${candidate}`,
        `candidate:${oldCandidate}`,
        `committee_member:${member}`,
        `decider:${assessor}:assessor`,
        `decider:${hr}:hr_officer`,
        `decider:${ppk}:ppk`,
      ].sort(),
    );
    const { items, total } = await repo.casesOf(assessor, { agencyCode: agency, reach: [] }, { limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      caseId: root,
      caseType: 'open-selection',
      agencyCode: agency,
      roles: ['assessor', 'decider'],
      decidedAs: ['assessor'],
    });
  });

  it('names the official being moved from the move’s id, and the origin agency reaches the move too', async () => {
    const [to, from, other] = [code('PEMKAB'), code('PEMKAB'), code('PEMKAB')];
    const person = nip();
    const move = `move:${to}:${person}`;
    await ledger.append(
      decision({
        workflowId: move,
        sequence: 1,
        decision: 'propose',
        actor: { id: 'hr-tujuan', role: 'hr_officer' },
        payload: { move: { person: { nip: person } } },
        case: { agencyCode: to, businessKey: person, title: 'Mutasi', details: { from: { agencyCode: from }, to: { agencyCode: to } } },
      }),
    );
    const member = nip();
    const batch = `bulk-move:${to}:${code('SK')}`;
    await ledger.append(
      decision({
        workflowId: `${batch}:member:${member}`,
        rootWorkflowId: batch,
        sequence: 1,
        decision: 'member_added',
        actor: { id: 'system', role: 'system' },
        payload: {},
      }),
    );
    expect(await rowsOf(move)).toEqual([`moved_official:${person}`]);
    expect(await rowsOf(batch)).toEqual([`moved_official:${member}`]);

    const reach = [{ caseType: 'move', path: ['from', 'agencyCode'] }];
    const page = { limit: 10, offset: 0 };
    expect((await repo.casesOf(person, { agencyCode: to, reach }, page)).items.map((c) => c.caseId)).toEqual([move]);
    expect((await repo.casesOf(person, { agencyCode: from, reach }, page)).items.map((c) => c.roles)).toEqual([['moved_official']]);
    expect(await repo.casesOf(person, { agencyCode: other, reach }, page)).toEqual({ items: [], total: 0 });
    expect(await repo.casesOf(person, { agencyCode: from, reach: [] }, page)).toEqual({ items: [], total: 0 });
  });

  it('pages newest first and still counts a page past the end', async () => {
    const agency = code('PEMKAB');
    const ppk = nip();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = `vacancy:${agency}:${code('POS')}`;
      ids.push(id);
      await ledger.append(
        decision({
          workflowId: id,
          sequence: 1,
          decision: 'propose',
          actor: { id: ppk, role: 'ppk' },
          payload: {},
          decidedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        }),
      );
    }
    const scope = { agencyCode: agency, reach: [] };
    const first = await repo.casesOf(ppk, scope, { limit: 2, offset: 0 });
    expect([first.total, first.items.map((c) => c.caseId)]).toEqual([3, [ids[2], ids[1]]]);
    expect(await repo.casesOf(ppk, scope, { limit: 2, offset: 4 })).toEqual({ items: [], total: 3 });
  });
});

describe('the migration', () => {
  it('reads the decisions already in the ledger into case_participants', async () => {
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    const name = `participants_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    try {
      await runMigrations(url.toString());
      const applied = async (db: DataSource) =>
        ((await db.query(`SELECT name FROM schema_migrations`)) as { name: string }[]).some(
          (r) => r.name === 'RegisterReading1764860000000',
        );
      let db = createDataSource(url.toString(), 'participants-backfill');
      await db.initialize();
      // Back to before this migration (and any after it), then a ledger written without it.
      while (await applied(db)) await revertLastMigration(url.toString());
      const person = nip();
      const hr = nip();
      await new LedgerRepository(db).append(
        decision({
          workflowId: `move:PEMKAB-OLD:${person}`,
          sequence: 1,
          decision: 'propose',
          actor: { id: hr, role: 'hr_officer' },
          payload: {},
        }),
      );
      await db.destroy();
      await runMigrations(url.toString());
      db = createDataSource(url.toString(), 'participants-backfill');
      await db.initialize();
      const rows = await db.query(`SELECT nip, role, agency_code FROM case_participants ORDER BY role`);
      await db.destroy();
      expect(rows).toEqual([
        { nip: hr, role: 'decider', agency_code: 'PEMKAB-OLD' },
        { nip: person, role: 'moved_official', agency_code: 'PEMKAB-OLD' },
      ]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
