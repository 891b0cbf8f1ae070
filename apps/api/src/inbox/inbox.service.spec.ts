import type { DataSource } from 'typeorm';
import type { Actor } from '@meritflow/domain';
import type { CaseEntity, LedgerRepository } from '@meritflow/persistence';
import type { WorkflowGateway } from '../temporal/workflow-gateway';
import { InboxService } from './inbox.service';

const NOW = new Date('2026-11-20T03:00:00Z');

function row(workflowId: string, caseType: string, step: string): CaseEntity {
  return {
    runId: `run-${workflowId}`,
    workflowId,
    rootWorkflowId: workflowId,
    parentWorkflowId: null,
    caseType,
    agencyCode: workflowId.split(':')[1],
    businessKey: workflowId.split(':')[2],
    title: `title of ${workflowId}`,
    status: 'open',
    step,
    sopId: caseType,
    sopVersion: '1.0.0',
    details: {},
    lastSequence: 1,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

/** A query builder that records its filters and answers the given rows. */
function fakeDataSource(rows: CaseEntity[], total = rows.length) {
  const where: { sql: string; params?: Record<string, unknown> }[] = [];
  const qb = {
    where: (sql: string, params?: Record<string, unknown>) => (where.push({ sql, params }), qb),
    andWhere: (sql: string, params?: Record<string, unknown>) => (where.push({ sql, params }), qb),
    orderBy: () => qb,
    addOrderBy: () => qb,
    take: (n: number) => (((qb as { taken?: number }).taken = n), qb),
    getManyAndCount: async () => [rows, total],
  };
  const ds = { getRepository: () => ({ createQueryBuilder: () => qb }) } as unknown as DataSource;
  return { ds, where, qb: qb as typeof qb & { taken?: number } };
}

const SEL = 'open-selection:PEMKAB-A:SEL-1';
const VAC = 'vacancy:PEMKAB-A:KADIS-1';
const MOVE = 'move:PEMKAB-A:198203042008011001';
const BULK = 'bulk-move:PEMKAB-A:SK-1';

function gateway(): WorkflowGateway {
  const states: Record<string, unknown> = {
    [SEL]: {
      step: 'screening',
      status: 'screening',
      committee: [
        { id: 'chair-1', isChair: true },
        { id: 'member-2', isChair: false },
      ],
      pendingTasks: [
        { role: 'hr_officer', decision: 'screen_candidate', subject: '197804122003031001', dueAt: '2026-11-19T00:00:00Z', workflowId: SEL },
        { role: 'hr_officer', decision: 'screen_candidate', subject: '197804122003031002', dueAt: '2026-11-25T00:00:00Z', workflowId: SEL },
        { role: 'committee_chair', actorId: 'chair-1', decision: 'close_screening', workflowId: SEL },
        { role: 'committee_member', decision: 'score', workflowId: `${SEL}:committee-review` },
      ],
    },
    [VAC]: {
      step: 'awaiting_ppk_decision',
      status: 'proposed',
      deadline: { dueAt: '2026-11-10T00:00:00Z' },
      allowedDecisions: [
        { decision: 'approve', roles: ['ppk'], requires: [] },
        { decision: 'reject', roles: ['ppk'], requires: ['reason'] },
        { decision: 'withdraw', roles: ['hr_officer'], requires: ['reason'] },
      ],
    },
    [MOVE]: {
      step: 'ppk_decision',
      status: 'awaiting_decision',
      deadline: null,
      allowedDecisions: [
        { decision: 'approve', roles: ['ppk'], requires: [] },
        { decision: 'reject', roles: ['ppk'], requires: ['reason'] },
        { decision: 'override', roles: ['ppk'], requires: ['reason', 'evidence'] },
        { decision: 'withdraw', roles: ['hr_officer'], requires: ['reason'] },
      ],
    },
    [BULK]: {
      step: 'decree',
      status: 'awaiting_decree',
      deadline: { step: 'decree', dueAt: '2026-11-30T00:00:00Z' },
      allowedDecisions: [{ decision: 'record_decree', roles: ['hr_officer'], requires: ['evidence'] }],
    },
  };
  return { query: jest.fn(async (id: string) => states[id]) } as unknown as WorkflowGateway;
}

/** The ledger's link from a vacancy to the cases filling it. */
const ledger = (filling: Record<string, string[]> = {}): LedgerRepository =>
  ({ casesFillingVacancy: jest.fn(async (id: string) => filling[id] ?? []) }) as unknown as LedgerRepository;

const actor = (id: string, role: Actor['role'], agency = 'PEMKAB-A'): Actor => ({ id, role, agency });

describe('InboxService', () => {
  it("lists the HR officer's tasks of their agency's open cases, overdue first and marked", async () => {
    const { ds, where, qb } = fakeDataSource([row(SEL, 'open-selection', 'screening'), row(VAC, 'vacancy', 'awaiting_ppk_decision')]);
    const inbox = await new InboxService(ds, gateway(), ledger()).inboxFor(actor('hr-1', 'hr_officer'), NOW);
    expect(inbox.tasks.map((t) => [t.decision, t.subject, t.overdue])).toEqual([
      ['screen_candidate', '197804122003031001', true],
      ['screen_candidate', '197804122003031002', false],
    ]);
    expect(inbox.tasks[0]).toMatchObject({ caseId: SEL, caseType: 'open-selection', agencyCode: 'PEMKAB-A', step: 'screening' });
    // Scoped to the caller's agency, terminal steps left out, bounded.
    // The agency's own cases, and moves of people leaving it (the registry names that field).
    expect(where).toEqual(
      expect.arrayContaining([
        {
          sql: '(c.agency_code = :agency OR (c.case_type = :reachType0 AND c.details #>> :reachPath0 = :agency))',
          params: { agency: 'PEMKAB-A', reachType0: 'move', reachPath0: '{from,agencyCode}' },
        },
      ]),
    );
    expect(where.some((w) => w.sql.includes('NOT (c.step IN') && (w.params?.terminal as string[]).includes('closed'))).toBe(true);
    expect(qb.taken).toBe(100);
  });

  it('gives the PPK one task per vacancy awaiting them, with its choices and deadline', async () => {
    const { ds } = fakeDataSource([row(SEL, 'open-selection', 'screening'), row(VAC, 'vacancy', 'awaiting_ppk_decision')]);
    const inbox = await new InboxService(ds, gateway(), ledger()).inboxFor(actor('ppk-1', 'ppk'), NOW);
    expect(inbox.tasks).toEqual([
      expect.objectContaining({
        caseId: VAC,
        role: 'ppk',
        decision: 'approve',
        options: ['approve', 'reject'],
        dueAt: '2026-11-10T00:00:00Z',
        overdue: true,
      }),
    ]);
  });

  it('reads a move and a bulk move from the state query the registry names: the deciding role gets the task, a way out makes none', async () => {
    const { ds, where } = fakeDataSource([row(MOVE, 'move', 'ppk_decision'), row(BULK, 'bulk-move', 'decree')]);
    const gw = gateway();
    const svc = new InboxService(ds, gw, ledger());
    const ppk = await svc.inboxFor(actor('ppk-1', 'ppk'), NOW);
    expect(ppk.tasks).toEqual([
      expect.objectContaining({
        caseId: MOVE,
        caseType: 'move',
        role: 'ppk',
        decision: 'approve',
        options: ['approve', 'reject'],
        overdue: false,
      }),
    ]);
    const hr = await svc.inboxFor(actor('hr-1', 'hr_officer'), NOW);
    expect(hr.tasks).toEqual([
      expect.objectContaining({
        caseId: BULK,
        caseType: 'bulk-move',
        decision: 'record_decree',
        dueAt: '2026-11-30T00:00:00Z',
        workflowId: BULK,
      }),
    ]);
    expect((gw.query as jest.Mock).mock.calls.map(([id, def]) => [id, def.name])).toEqual(
      expect.arrayContaining([
        [MOVE, 'move.state'],
        [BULK, 'bulk-move.state'],
      ]),
    );
    expect(where).toEqual(
      expect.arrayContaining([
        {
          sql: 'c.case_type IN (:...types)',
          params: { types: ['vacancy', 'open-selection', 'move', 'bulk-move', 'discipline', 'talent-review'] },
        },
      ]),
    );
  });

  it('gives a named task only to the person named, and committee tasks only to members of that committee', async () => {
    const { ds } = fakeDataSource([row(SEL, 'open-selection', 'screening')]);
    const svc = new InboxService(ds, gateway(), ledger());
    const chair = await svc.inboxFor(actor('chair-1', 'committee_chair'), NOW);
    expect(chair.tasks.map((t) => t.decision)).toEqual(['close_screening', 'score']);
    const otherChair = await svc.inboxFor(actor('chair-9', 'committee_chair'), NOW);
    expect(otherChair.tasks).toEqual([]);
    const member = await svc.inboxFor(actor('member-2', 'committee_member'), NOW);
    expect(member.tasks.map((t) => t.decision)).toEqual(['score']);
    const outsider = await svc.inboxFor(actor('member-9', 'committee_member'), NOW);
    expect(outsider.tasks).toEqual([]);
  });

  it('sees every agency for national bodies, and reports a case whose state cannot be read', async () => {
    const { ds, where } = fakeDataSource([row(SEL, 'open-selection', 'screening')], 250);
    const failing = { query: jest.fn(async () => Promise.reject(new Error('query timed out'))) } as unknown as WorkflowGateway;
    const inbox = await new InboxService(ds, failing, ledger()).inboxFor(actor('bkn-1', 'overseer', '*'), NOW);
    expect(where.some((w) => w.sql.includes('agency_code'))).toBe(false);
    expect(inbox.cases).toEqual([expect.objectContaining({ caseId: SEL, unavailable: true, pendingTasks: [] })]);
    expect(inbox).toMatchObject({ openCases: 250, truncated: true, tasks: [] });
  });

  const APPROVED = (method: string) => 'vacancy:PEMKAB-A:' + method.toUpperCase().replace(/_/g, '-');
  const approvedGateway = (): WorkflowGateway =>
    ({
      query: jest.fn(async (id: string) => ({
        step: 'approved',
        status: 'approved',
        deadline: null,
        approvedFillingMethod: id.split(':')[2].toLowerCase().replace(/-/g, '_'),
        allowedDecisions: [{ decision: 'close', roles: ['hr_officer'], requires: ['reason'] }],
      })),
    }) as unknown as WorkflowGateway;

  it.each([
    ['open_selection', 'open_selection', 'open-selection'],
    ['talent_pool', 'propose_talent_move', 'move'],
    ['mutation_rotation', 'propose_move', 'move'],
  ])('gives HR the task to start the case that fills a vacancy approved for %s', async (method, decision, startsCaseType) => {
    const id = APPROVED(method);
    const { ds } = fakeDataSource([row(id, 'vacancy', 'approved')]);
    const svc = new InboxService(ds, approvedGateway(), ledger());
    const hr = await svc.inboxFor(actor('hr-1', 'hr_officer'), NOW);
    expect(hr.tasks).toEqual([
      expect.objectContaining({ caseId: id, role: 'hr_officer', decision, startsCaseType, options: [decision, 'close'], overdue: false }),
    ]);
    expect((await svc.inboxFor(actor('ppk-1', 'ppk'), NOW)).tasks).toEqual([]);
  });

  it('drops the follow-up once a case filling the vacancy runs', async () => {
    const id = APPROVED('open_selection');
    const { ds } = fakeDataSource([row(id, 'vacancy', 'approved')]);
    const svc = new InboxService(ds, approvedGateway(), ledger({ [id]: ['open-selection:PEMKAB-A:SEL-9'] }));
    expect((await svc.inboxFor(actor('hr-1', 'hr_officer'), NOW)).tasks).toEqual([]);
  });

  it("counts the caller's tasks, overdue and per case type, listing every case type", async () => {
    const { ds } = fakeDataSource([
      row(SEL, 'open-selection', 'screening'),
      row(VAC, 'vacancy', 'awaiting_ppk_decision'),
      row(MOVE, 'move', 'ppk_decision'),
    ]);
    const counts = await new InboxService(ds, gateway(), ledger()).countsFor(actor('ppk-1', 'ppk'), NOW);
    expect(counts).toMatchObject({
      total: 2,
      overdue: 1,
      truncated: false,
      byCaseType: {
        vacancy: { total: 1, overdue: 1 },
        move: { total: 1, overdue: 0 },
        'open-selection': { total: 0, overdue: 0 },
        'bulk-move': { total: 0, overdue: 0 },
        discipline: { total: 0, overdue: 0 },
        'talent-review': { total: 0, overdue: 0 },
      },
    });
  });
});
