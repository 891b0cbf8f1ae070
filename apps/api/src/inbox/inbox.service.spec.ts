import type { Actor } from '@meritflow/domain';
import type {
  CaseEntity,
  CaseTaskSnapshotEntity,
  CaseTaskSnapshotRepository,
  LedgerRepository,
  OpenCaseFilter,
  OpenCaseRow,
} from '@meritflow/persistence';
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

/**
 * The inbox's read model in memory: the open cases given, each at a tree version a test can move on
 * (as a decision would), and the snapshots the service saves, answered only while their version holds.
 */
function fakeStore(rows: CaseEntity[]) {
  const filters: OpenCaseFilter[] = [];
  const versions = new Map(rows.map((r) => [r.runId, 1]));
  const stored = new Map<string, CaseTaskSnapshotEntity>();
  const snapshots = {
    openCases: async (f: OpenCaseFilter): Promise<OpenCaseRow[]> => {
      filters.push(f);
      return rows.map((r) => {
        const treeVersion = String(versions.get(r.runId));
        const s = stored.get(r.runId);
        return { ...r, treeVersion, snapshot: s && s.treeVersion === treeVersion ? s : null };
      });
    },
    save: async (list: CaseTaskSnapshotEntity[]) => void list.forEach((x) => stored.set(x.rootRunId, x)),
  } as unknown as CaseTaskSnapshotRepository;
  /** A decision somewhere in the case's tree. */
  const decide = (workflowId: string) => versions.set(`run-${workflowId}`, versions.get(`run-${workflowId}`)! + 1);
  return { snapshots, filters, stored, decide };
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
  ({
    vacanciesBeingFilled: jest.fn(async (ids: string[]) => new Set(ids.filter((id) => (filling[id] ?? []).length > 0))),
  }) as unknown as LedgerRepository;

const actor = (id: string, role: Actor['role'], agency = 'PEMKAB-A'): Actor => ({ id, role, agency });

describe('InboxService', () => {
  it("lists the HR officer's tasks of their agency's open cases, overdue first and marked", async () => {
    const { snapshots, filters } = fakeStore([row(SEL, 'open-selection', 'screening'), row(VAC, 'vacancy', 'awaiting_ppk_decision')]);
    const inbox = await new InboxService(snapshots, gateway(), ledger()).inboxFor(actor('hr-1', 'hr_officer'), NOW);
    expect(inbox.tasks.map((t) => [t.decision, t.subject, t.overdue])).toEqual([
      ['screen_candidate', '197804122003031001', true],
      ['screen_candidate', '197804122003031002', false],
    ]);
    expect(inbox.tasks[0]).toMatchObject({ caseId: SEL, caseType: 'open-selection', agencyCode: 'PEMKAB-A', step: 'screening' });
    // Scoped to the caller's agency, terminal steps left out, every open case looked at.
    // The agency's own cases, and moves of people leaving it (the registry names that field).
    expect(filters[0].agency).toEqual({ code: 'PEMKAB-A', reachedBy: [{ caseType: 'move', path: ['from', 'agencyCode'] }] });
    // Terminal by SOP and step: a talent review ends at `approved`, a vacancy does not.
    const pairs = filters[0].terminal.map(([sop, step]) => `${sop}:${step}`);
    expect(pairs).toEqual(expect.arrayContaining(['vacancy:closed', 'talent-review:approved', 'open-selection:closed']));
    expect(pairs).not.toContain('vacancy:approved');
    expect(filters[0].excludeStatus).toBe('migrated');
  });

  it('gives the PPK one task per vacancy awaiting them, with its choices and deadline', async () => {
    const { snapshots } = fakeStore([row(SEL, 'open-selection', 'screening'), row(VAC, 'vacancy', 'awaiting_ppk_decision')]);
    const inbox = await new InboxService(snapshots, gateway(), ledger()).inboxFor(actor('ppk-1', 'ppk'), NOW);
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
    const { snapshots, filters } = fakeStore([row(MOVE, 'move', 'ppk_decision'), row(BULK, 'bulk-move', 'decree')]);
    const gw = gateway();
    const svc = new InboxService(snapshots, gw, ledger());
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
    expect(filters[0].caseTypes).toEqual(['vacancy', 'open-selection', 'move', 'bulk-move', 'discipline', 'talent-review']);
  });

  it('gives a named task only to the person named, and committee tasks only to members of that committee', async () => {
    const { snapshots } = fakeStore([row(SEL, 'open-selection', 'screening')]);
    const svc = new InboxService(snapshots, gateway(), ledger());
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
    const { snapshots, filters } = fakeStore([row(SEL, 'open-selection', 'screening')]);
    const failing = { query: jest.fn(async () => Promise.reject(new Error('query timed out'))) } as unknown as WorkflowGateway;
    const inbox = await new InboxService(snapshots, failing, ledger()).inboxFor(actor('bkn-1', 'overseer', '*'), NOW);
    expect(filters[0].agency).toBeUndefined();
    expect(inbox.cases).toEqual([expect.objectContaining({ caseId: SEL, unavailable: true, pendingTasks: [] })]);
    expect(inbox).toMatchObject({ openCases: 1, truncated: true, unavailableCases: 1, tasks: [], total: 0 });
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
    const { snapshots } = fakeStore([row(id, 'vacancy', 'approved')]);
    const svc = new InboxService(snapshots, approvedGateway(), ledger());
    const hr = await svc.inboxFor(actor('hr-1', 'hr_officer'), NOW);
    expect(hr.tasks).toEqual([
      expect.objectContaining({ caseId: id, role: 'hr_officer', decision, startsCaseType, options: [decision, 'close'], overdue: false }),
    ]);
    expect((await svc.inboxFor(actor('ppk-1', 'ppk'), NOW)).tasks).toEqual([]);
  });

  it('drops the follow-up once a case filling the vacancy runs', async () => {
    const id = APPROVED('open_selection');
    const { snapshots } = fakeStore([row(id, 'vacancy', 'approved')]);
    const svc = new InboxService(snapshots, approvedGateway(), ledger({ [id]: ['open-selection:PEMKAB-A:SEL-9'] }));
    expect((await svc.inboxFor(actor('hr-1', 'hr_officer'), NOW)).tasks).toEqual([]);
  });

  it("counts the caller's tasks, overdue and per case type, listing every case type", async () => {
    const { snapshots } = fakeStore([
      row(SEL, 'open-selection', 'screening'),
      row(VAC, 'vacancy', 'awaiting_ppk_decision'),
      row(MOVE, 'move', 'ppk_decision'),
    ]);
    const counts = await new InboxService(snapshots, gateway(), ledger()).countsFor(actor('ppk-1', 'ppk'), NOW);
    expect(counts).toMatchObject({
      total: 2,
      overdue: 1,
      truncated: false,
      unavailableCases: 0,
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

  describe('with the snapshots of the case tasks', () => {
    const PENDING = 'vacancy:PEMKAB-A:KABID-2';
    const settled = (): WorkflowGateway =>
      ({
        query: jest.fn(async (id: string) => ({
          sop: { id: 'vacancy', version: '1.0.0' },
          step: 'awaiting_ppk_decision',
          status: 'proposed',
          deadline: { step: 'awaiting_ppk_decision', dueAt: '2026-11-25T00:00:00Z', onExpiry: 'remind', notifyRole: 'ppk' },
          allowedDecisions: [{ decision: 'approve', roles: ['ppk'], requires: [] }],
          workflowId: id,
        })),
      }) as unknown as WorkflowGateway;

    it('asks the workflow again only for a case whose tree changed since it was read', async () => {
      const store = fakeStore([row(VAC, 'vacancy', 'awaiting_ppk_decision'), row(PENDING, 'vacancy', 'awaiting_ppk_decision')]);
      const gw = settled();
      const svc = new InboxService(store.snapshots, gw, ledger());
      const first = await svc.inboxFor(actor('ppk-1', 'ppk'), NOW);
      expect([first.total, first.refreshedCases]).toEqual([2, 2]);
      const again = await svc.countsFor(actor('ppk-1', 'ppk'), NOW);
      expect([again.total, again.refreshedCases]).toEqual([2, 0]);
      expect(gw.query).toHaveBeenCalledTimes(2);
      store.decide(PENDING);
      const after = await svc.inboxFor(actor('ppk-1', 'ppk'), NOW);
      expect(after.refreshedCases).toBe(1);
      expect((gw.query as jest.Mock).mock.calls.slice(2).map(([id]) => id)).toEqual([PENDING]);
    });

    it('marks overdue when read, not when stored', async () => {
      const store = fakeStore([row(VAC, 'vacancy', 'awaiting_ppk_decision')]);
      const svc = new InboxService(store.snapshots, settled(), ledger());
      expect((await svc.countsFor(actor('ppk-1', 'ppk'), NOW)).overdue).toBe(0);
      const later = await svc.countsFor(actor('ppk-1', 'ppk'), new Date('2026-11-26T00:00:00Z'));
      expect([later.overdue, later.refreshedCases]).toEqual([1, 0]);
    });

    it('does not keep a state whose step still waits for its deadline, so the deadline is not frozen out', async () => {
      const store = fakeStore([row(VAC, 'vacancy', 'awaiting_ppk_decision')]);
      const svc = new InboxService(store.snapshots, gateway(), ledger());
      await svc.inboxFor(actor('ppk-1', 'ppk'), NOW);
      expect(store.stored.size).toBe(0);
      expect((await svc.inboxFor(actor('ppk-1', 'ppk'), NOW)).refreshedCases).toBe(1);
    });

    it("drops a stored follow-up once a case fills the vacancy, though the vacancy's tree did not change", async () => {
      const id = APPROVED('open_selection');
      const store = fakeStore([row(id, 'vacancy', 'approved')]);
      const filling: Record<string, string[]> = {};
      const gw = approvedGateway();
      const svc = new InboxService(store.snapshots, gw, ledger(filling));
      expect((await svc.inboxFor(actor('hr-1', 'hr_officer'), NOW)).tasks).toHaveLength(1);
      filling[id] = ['open-selection:PEMKAB-A:SEL-9'];
      const after = await svc.inboxFor(actor('hr-1', 'hr_officer'), NOW);
      expect([after.tasks, after.refreshedCases]).toEqual([[], 0]);
      expect(gw.query).toHaveBeenCalledTimes(1);
    });

    it('pages the tasks, filters them by type and overdue, and lists the cases of the page first', async () => {
      const store = fakeStore([
        row(MOVE, 'move', 'ppk_decision'),
        row(VAC, 'vacancy', 'awaiting_ppk_decision'),
        row(SEL, 'open-selection', 'screening'),
      ]);
      const svc = new InboxService(store.snapshots, gateway(), ledger());
      const hr = actor('hr-1', 'hr_officer');
      const page = await svc.inboxFor(hr, NOW, { limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, openCases: 3 });
      expect(page.tasks.map((t) => t.subject)).toEqual(['197804122003031002']);
      expect(page.cases.map((c) => c.caseId)).toEqual([SEL]);
      expect((await svc.inboxFor(hr, NOW, { overdue: true })).tasks.map((t) => t.subject)).toEqual(['197804122003031001']);
      expect((await svc.inboxFor(hr, NOW, { caseType: 'vacancy' })).total).toBe(0);
      expect((await svc.inboxFor(actor('ppk-1', 'ppk'), NOW, { caseType: 'move' })).tasks.map((t) => t.caseId)).toEqual([MOVE]);
    });
  });
});
