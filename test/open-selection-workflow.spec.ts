import { randomBytes } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  assessmentDecideUpdate,
  assessmentWorkflowId,
  committeeReviewDecideUpdate,
  committeeReviewWorkflowId,
  SELECTION_WORKFLOW_TYPE,
  selectionDecideUpdate,
  selectionStateQuery,
  selectionWorkflowId,
  type AssessmentDecisionInput,
  type LedgerActivities,
  type ReferenceActivities,
  type SelectionDecisionInput,
  type SelectionWorkflowInput,
} from '@meritflow/contracts';
import type { Actor, CommitteeMember, DecisionRecord, FactsSnapshot, RegisterFacts, SopDuration } from '@meritflow/domain';
import { startStubbedWorker, type StubbedWorker } from './support/stubbed-worker';

/**
 * The open-selection workflow on a real Temporal dev server with its activities stubbed (issue 16
 * item 5): each decision handler's refusals and ledger rows, without PostgreSQL or the API. The
 * real-stack behaviour is covered by test/e2e/open-selection*.e2e-spec.ts.
 */
Runtime.install({ logger: new DefaultLogger('WARN') });
// Each case here is dozens of round trips to a real server: 5 s (Jest's default) is too little on a busy machine.
jest.setTimeout(60_000);

const HR: Actor = { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' };
const PPK: Actor = { id: '196801011990031004', role: 'ppk', name: 'Bupati Sleman' };
const EVIDENCE = [{ kind: 'sk_pansel', sha256: 'a'.repeat(64) }];
const COMMITTEE: CommitteeMember[] = [
  { id: 'pansel-ketua', name: 'Prof. Dr. Sri Wahyuni', affiliation: 'external', isChair: true },
  { id: 'pansel-2', name: 'Dr. Agus Salim', affiliation: 'external', isChair: false },
  { id: 'pansel-3', name: 'Dr. Rina Marlina', affiliation: 'external', isChair: false },
  { id: 'pansel-4', name: 'Ir. Bambang Priyono', affiliation: 'internal', isChair: false },
  { id: 'pansel-5', name: 'Drs. Joko Susilo', affiliation: 'internal', isChair: false },
];
const CHAIR: Actor = { id: 'pansel-ketua', role: 'committee_chair', name: 'Prof. Dr. Sri Wahyuni' };
const asMember = (m: CommitteeMember): Actor => ({ id: m.id, role: m.isChair ? 'committee_chair' : 'committee_member', name: m.name });
const ASSESSOR: Actor = { id: 'asesor-01', role: 'assessor', name: 'Asesor' };
const OVERSEER: Actor = { id: 'bkn-kanreg-1', role: 'overseer', name: 'Kanreg I BKN' };
const nip = (seq: number) => `19780412200303${1}${String(seq).padStart(3, '0')}`;
/** III/a is below the JPT pratama minimum: registered as ineligible. */
const INELIGIBLE = nip(99);

/** An administrator meeting every JPT pratama requirement, as the register would give them. */
function facts(n: string, asOf: string): RegisterFacts {
  return {
    nip: n,
    name: `Calon ${n.slice(-3)}`,
    golongan: n === INELIGIBLE ? 'III/a' : 'IV/b',
    education: 'S2',
    currentPostType: 'administrator',
    currentPostSince: '2020-01-02',
    cumulativeExperienceYears: 9,
    performance: [
      { year: 2024, predicate: 'baik' },
      { year: 2025, predicate: 'sangat_baik' },
    ],
    sanctions: [],
    credentials: [],
    postHistory: [
      { postType: 'pengawas', postCode: 'P-1', from: '2012-01-02', to: '2020-01-02' },
      { postType: 'administrator', postCode: 'P-2', from: '2020-01-02', to: asOf },
    ],
    source: 'register',
    asOf,
    registerVersion: 1,
  };
}

/** The stubbed activities: every ledger row kept per case, and the registration deadline held until a test lets it pass. */
const rows = new Map<string, DecisionRecord[]>();
const registrationGates = new Map<string, { open: () => void; opened: Promise<void> }>();
const gate = (workflowId: string) => {
  if (!registrationGates.has(workflowId)) {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    registrationGates.set(workflowId, { open, opened });
  }
  return registrationGates.get(workflowId)!;
};
const isRegistrationWindow = (after: SopDuration) =>
  JSON.stringify(after) === JSON.stringify({ workingDays: 15 }) || JSON.stringify(after) === JSON.stringify({ calendarDays: 7 });

const activities: Pick<LedgerActivities, 'recordDecision' | 'computeDeadline'> & Pick<ReferenceActivities, 'loadRegisterFacts'> = {
  async recordDecision(record) {
    const list = rows.get(record.workflowId) ?? [];
    const inserted = !list.some((r) => r.idempotencyKey === record.idempotencyKey);
    if (inserted) rows.set(record.workflowId, [...list, record]);
    return { inserted };
  },
  async computeDeadline({ after }) {
    if (!isRegistrationWindow(after)) return new Date(Date.now() + 30 * 86_400_000).toISOString();
    // Due at once, but only when the test says registration is over.
    await gate(Context.current().info.workflowExecution!.workflowId).opened;
    return new Date().toISOString();
  },
  async loadRegisterFacts({ nips, asOf }) {
    const snapshots: FactsSnapshot[] = nips.map((n) => ({
      nip: n,
      asOf,
      registerVersion: 1,
      sha256: 'b'.repeat(64),
      facts: facts(n, asOf),
    }));
    return { snapshots, missing: [] };
  },
};

/** A case's rows in the order they were written, which is their decision sequence (LEDGER_IN_SEQUENCE_PATCH). */
const ledgerOf = (id: string) => rows.get(id) ?? [];
const decisionsOf = (id: string) => ledgerOf(id).map((r) => r.decision);

describe('openSelectionWorkflow with stubbed activities', () => {
  let stub: StubbedWorker;
  let env: StubbedWorker['env'];
  let taskQueue: string;

  beforeAll(async () => {
    stub = await startStubbedWorker('selection-handlers', activities);
    ({ env, taskQueue } = stub);
  }, 180_000);

  afterAll(() => stub?.stop(), 60_000);

  async function open(options: Pick<SelectionWorkflowInput, 'blindScoring' | 'historyLimit'> = {}): Promise<WorkflowHandle> {
    const agencyCode = 'PEMKAB-STUB';
    const selectionCode = `SEL-${randomBytes(4).toString('hex').toUpperCase()}`;
    const input: SelectionWorkflowInput = {
      sop: { id: 'open-selection', version: '1.0.0' },
      agencyCode,
      selectionCode,
      title: 'Seleksi terbuka Kepala Dinas PUPR',
      posts: [
        {
          vacancyId: `vacancy:${agencyCode}:V-1`,
          vacancyRunId: 'run-1',
          positionCode: 'JPT-PUPR',
          title: 'Kepala Dinas PUPR',
          organisationalUnit: 'Dinas PUPR',
          positionClass: 'jpt_pratama',
          requiredCompetencies: [{ type: 'managerial', name: 'integritas', level: 4 }],
        },
      ],
      openedBy: HR,
      reason: 'formasi JPT kosong',
      evidence: EVIDENCE,
      ...options,
    };
    return env.client.workflow.start(SELECTION_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: selectionWorkflowId(agencyCode, selectionCode),
      args: [input],
    });
  }

  const decide = (h: WorkflowHandle, d: SelectionDecisionInput) => h.executeUpdate(selectionDecideUpdate, { args: [d] });
  const refused = (type: string, params: Record<string, unknown> = {}) =>
    expect.objectContaining({ cause: expect.objectContaining({ type, details: [expect.objectContaining(params)] }) });
  const register = (h: WorkflowHandle, nips: string[]) =>
    decide(h, { decision: 'register_candidates', actor: HR, candidates: nips.map((n) => ({ postCode: 'JPT-PUPR', nip: n })) });

  async function toRegistration(h: WorkflowHandle) {
    await decide(h, { decision: 'form_committee', actor: PPK, members: COMMITTEE, evidence: EVIDENCE });
    await decide(h, { decision: 'announce', actor: CHAIR, evidence: EVIDENCE });
    await rowWritten(h, 'open_selection');
  }

  /** Waits (by query, never by the clock) until the case reaches `step` and has written every row so far. */
  async function reach(h: WorkflowHandle, step: string) {
    for (;;) {
      const state = await h.query(selectionStateQuery);
      if (state.step === step && state.recordedCount === state.decisionCount) return state;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits (by polling the stub, never by the clock) until the ledger stub holds a `decision` row of the case. */
  async function rowWritten(h: WorkflowHandle, decision: string) {
    while (!decisionsOf(h.workflowId).includes(decision)) await new Promise((r) => setTimeout(r, 100));
  }

  it('refuses a committee that breaks the rules or seats its PPK, recording nothing, then records the valid one', async () => {
    const h = await open();
    await expect(decide(h, { decision: 'form_committee', actor: PPK, members: COMMITTEE.slice(0, 3), evidence: EVIDENCE })).rejects.toEqual(
      refused('VALIDATION_FAILED'),
    );
    await expect(
      decide(h, {
        decision: 'form_committee',
        actor: PPK,
        members: [...COMMITTEE.slice(0, 4), { id: PPK.id, name: 'Bupati', affiliation: 'internal', isChair: false }],
        evidence: EVIDENCE,
      }),
    ).rejects.toEqual(refused('SEPARATION_OF_DUTIES'));
    await expect(decide(h, { decision: 'pick', actor: PPK, postCode: 'JPT-PUPR', nip: nip(1) })).rejects.toEqual(
      refused('DECISION_NOT_ALLOWED', { step: 'committee_formation' }),
    );
    const ack = await decide(h, { decision: 'form_committee', actor: PPK, members: COMMITTEE, evidence: EVIDENCE });
    expect(ack).toMatchObject({ step: 'announcement', decisionCount: 2 });
    const row = ledgerOf(h.workflowId).at(-1)!;
    expect(row).toMatchObject({
      decision: 'form_committee',
      sequence: 2,
      stepBefore: 'committee_formation',
      stepAfter: 'announcement',
      actor: PPK,
      payload: { members: COMMITTEE },
      evidence: EVIDENCE,
      ruleVersion: 'committee@2026-01-01',
    });
    await rowWritten(h, 'open_selection');
    expect(decisionsOf(h.workflowId)).toEqual(['open_selection', 'form_committee']);
    await h.terminate('test done');
  });

  it('registers and screens through their handlers: eligibility noted, refusals name the field, screening closes once all are screened', async () => {
    const h = await open();
    await toRegistration(h);
    await expect(register(h, [nip(1), HR.id])).rejects.toEqual(
      refused('SEPARATION_OF_DUTIES', { duty: 'candidate', actorId: HR.id, holds: ['initiator/ppk'] }),
    );
    await expect(register(h, [nip(1), nip(1)])).rejects.toEqual(
      refused('VALIDATION_FAILED', { fields: [expect.objectContaining({ field: 'candidates.1.nip', rule: 'unique' })] }),
    );
    await register(h, [nip(1), nip(2), nip(3), nip(4), INELIGIBLE]);
    expect(decisionsOf(h.workflowId)).toEqual([
      'open_selection',
      'form_committee',
      'announce',
      'register_candidates',
      'screened_out_ineligible',
    ]);
    expect(ledgerOf(h.workflowId).at(-1)).toMatchObject({ payload: { nip: INELIGIBLE, postCode: 'JPT-PUPR' } });

    gate(h.workflowId).open();
    const screening = await reach(h, 'screening');
    await rowWritten(h, 'registration_closed');
    expect(screening.candidates.map((c) => [c.nip, c.status])).toEqual([
      [nip(1), 'registered'],
      [nip(2), 'registered'],
      [nip(3), 'registered'],
      [nip(4), 'registered'],
      [INELIGIBLE, 'ineligible'],
    ]);

    await expect(decide(h, { decision: 'screen_candidate', actor: HR, nip: nip(1), passed: true, reason: 'lengkap' })).rejects.toEqual(
      refused('VALIDATION_FAILED', { fields: [expect.objectContaining({ field: 'administrativeScore' })] }),
    );
    await decide(h, { decision: 'screen_candidate', actor: HR, nip: nip(1), passed: true, administrativeScore: 85, reason: 'lengkap' });
    await expect(decide(h, { decision: 'screen_candidate', actor: HR, nip: nip(1), passed: false, reason: 'ulang' })).rejects.toEqual(
      refused('ALREADY_DECIDED'),
    );
    await expect(decide(h, { decision: 'close_screening', actor: CHAIR, evidence: EVIDENCE })).rejects.toEqual(
      refused('DECISION_NOT_ALLOWED', { allowed: [2, 3, 4].map((i) => `screen_candidate ${nip(i)} (hr_officer)`) }),
    );
    for (const i of [2, 3]) {
      await decide(h, { decision: 'screen_candidate', actor: HR, nip: nip(i), passed: true, administrativeScore: 80, reason: 'lengkap' });
    }
    await decide(h, { decision: 'screen_candidate', actor: HR, nip: nip(4), passed: false, reason: 'berkas tidak lengkap' });
    const ack = await decide(h, { decision: 'close_screening', actor: CHAIR, evidence: EVIDENCE });
    expect(ack.step).toBe('assessment');

    const screened = ledgerOf(h.workflowId).filter((r) => r.decision === 'screen_candidate');
    expect(screened.map((r) => r.payload)).toEqual([
      { nip: nip(1), passed: true, reason: 'lengkap', administrativeScore: 85 },
      { nip: nip(2), passed: true, reason: 'lengkap', administrativeScore: 80 },
      { nip: nip(3), passed: true, reason: 'lengkap', administrativeScore: 80 },
      { nip: nip(4), passed: false, reason: 'berkas tidak lengkap', administrativeScore: null },
    ]);
    expect(decisionsOf(h.workflowId).slice(5)).toEqual([
      'registration_closed',
      'screen_candidate',
      'screen_candidate',
      'screen_candidate',
      'screen_candidate',
      'close_screening',
    ]);
    await h.terminate('test done');
  });

  it('escalates thin registration to the PPK, who must give a reason to cancel (a plain handler)', async () => {
    const h = await open();
    gate(h.workflowId).open();
    // Nobody applies: the window closes at once, twice extended, then the PPK decides.
    await toRegistration(h);
    await reach(h, 'low_applicants');
    await rowWritten(h, 'low_applicants_escalated');
    expect(decisionsOf(h.workflowId)).toEqual([
      'open_selection',
      'form_committee',
      'announce',
      'registration_extended',
      'registration_extended',
      'low_applicants_escalated',
    ]);
    await expect(decide(h, { decision: 'cancel_selection', actor: PPK })).rejects.toEqual(
      refused('DECISION_INCOMPLETE', { missing: ['reason'] }),
    );
    await expect(decide(h, { decision: 'cancel_selection', actor: HR, reason: 'x' })).rejects.toEqual(refused('ROLE_NOT_ALLOWED'));
    await decide(h, { decision: 'cancel_selection', actor: PPK, reason: 'pelamar tidak cukup' });
    const result = await h.result();
    expect(result).toMatchObject({ step: 'cancelled', terminal: true });
    expect(ledgerOf(h.workflowId).at(-1)).toMatchObject({
      decision: 'cancel_selection',
      stepBefore: 'low_applicants',
      stepAfter: 'cancelled',
      reason: 'pelamar tidak cukup',
      payload: {},
      evidence: [],
    });
  });

  /** Sends an update to a child case, once the parent has started it. */
  async function toChild<T>(send: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await send();
      } catch (err) {
        if (!/not found/i.test(String((err as Error).message))) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  it('continues as new once the history passes its limit, at a quiet step, carrying the state, the duties and the running deadline', async () => {
    // A limit the first run passes only during registration (about 20 events at the announcement, 70 at
    // low applicants): registration waits on its deadline activity, so the first quiet moment after it is
    // the low-applicants step. The second run stays far below it.
    const h = await open({ historyLimit: { events: 45 } });
    const firstRunId = (await h.describe()).runId;
    gate(h.workflowId).open();
    await toRegistration(h);
    const next = await (async () => {
      for (;;) {
        const d = await env.client.workflow.getHandle(h.workflowId).describe();
        if (d.runId !== firstRunId) return d;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect((await env.client.workflow.getHandle(h.workflowId, firstRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    const before = await env.client.workflow.getHandle(h.workflowId, firstRunId).query(selectionStateQuery);
    const after = await reach(h, 'low_applicants');
    expect(after.runId).toBe(next.runId);
    // The deadline the first run computed goes on; it is not started again.
    expect(after.deadline).toEqual(before.deadline);
    expect(after.deadline).toMatchObject({ step: 'low_applicants', onExpiry: 'remind' });
    for (const field of ['committee', 'extensions', 'candidates', 'posts'] as const)
      expect([field, after[field]]).toEqual([field, before[field]]);

    // The first row of the new run links it to the run before, as the system, at the same step.
    const rowsOf = (runId: string) => ledgerOf(h.workflowId).filter((r) => r.runId === runId);
    expect(rowsOf(firstRunId).map((r) => r.decision)).toEqual([
      'open_selection',
      'form_committee',
      'announce',
      'registration_extended',
      'registration_extended',
      'low_applicants_escalated',
    ]);
    const [continued] = rowsOf(next.runId);
    expect(continued).toMatchObject({
      sequence: 1,
      decision: 'run_continued',
      actor: { role: 'system' },
      stepBefore: 'low_applicants',
      stepAfter: 'low_applicants',
      sop: { id: 'open-selection', version: '1.0.0' },
      payload: { from: { version: '1.0.0', step: 'low_applicants', runId: firstRunId } },
    });
    expect((continued.payload as { history: { length: number } }).history.length).toBeGreaterThanOrEqual(45);

    // The case goes on in the new run under the same rules, its sequence counting on from its first row.
    await expect(decide(h, { decision: 'cancel_selection', actor: HR, reason: 'x' })).rejects.toEqual(refused('ROLE_NOT_ALLOWED'));
    const ack = await decide(h, { decision: 'cancel_selection', actor: PPK, reason: 'pelamar tidak cukup' });
    expect(ack).toMatchObject({ step: 'cancelled', terminal: true, decisionCount: 2 });
    await h.result();
    expect(rowsOf(next.runId).map((r) => [r.sequence, r.decision])).toEqual([
      [1, 'run_continued'],
      [2, 'cancel_selection'],
    ]);
    // Both runs replay on the current code.
    for (const runId of [firstRunId, next.runId]) {
      const history = await env.client.workflow.getHandle(h.workflowId, runId).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: stub.bundle }, history, h.workflowId);
    }
  });

  /** Registers and screens in `nips` (with ASSESSOR assigned to each), then closes screening. */
  async function toAssessment(h: WorkflowHandle, nips: string[]) {
    await toRegistration(h);
    await register(h, nips);
    gate(h.workflowId).open();
    await reach(h, 'screening');
    for (const n of nips) {
      const d = { decision: 'screen_candidate', actor: HR, nip: n, passed: true, administrativeScore: 80, reason: 'lengkap' };
      await decide(h, { ...d, assessorIds: [ASSESSOR.id] } as SelectionDecisionInput);
    }
    await decide(h, { decision: 'close_screening', actor: CHAIR, evidence: EVIDENCE });
  }
  const historyOf = (workflowId: string, runId?: string) => env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  const childStarts = (history: Awaited<ReturnType<typeof historyOf>>) =>
    (history.events ?? []).filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);

  it("continues as new before the assessments when they would not fit in the run, and hands each assessment only its assessors' duties", async () => {
    const nips = Array.from({ length: 10 }, (_, i) => nip(40 + i));
    // Where the assessments start with no limit in the way: the first child's event.
    const probe = await open();
    await toAssessment(probe, nips);
    let probeHistory = await historyOf(probe.workflowId);
    while (childStarts(probeHistory).length === 0) {
      await new Promise((r) => setTimeout(r, 100));
      probeHistory = await historyOf(probe.workflowId);
    }
    const arrival = Number(childStarts(probeHistory)[0].eventId);
    await probe.terminate('probe done');

    // A limit the run stays under until the assessments, which (at 8 events each) would pass it.
    const h = await open({ historyLimit: { events: arrival + 40 } });
    const firstRunId = (await h.describe()).runId;
    await toAssessment(h, nips);
    // Another candidate acting as an assessor is still refused: only the assigned assessor may act.
    const byCandidate: AssessmentDecisionInput = {
      decision: 'record_assessment',
      actor: { id: nips[1], role: 'assessor', name: 'x' },
      evidence: EVIDENCE,
      achieved: { integritas: 4 },
    };
    await expect(
      toChild(() =>
        env.client.workflow.getHandle(assessmentWorkflowId(h.workflowId, nips[0])).executeUpdate(assessmentDecideUpdate, {
          args: [byCandidate],
        }),
      ),
    ).rejects.toEqual(refused('ACTOR_NOT_ASSIGNED', { actorId: nips[1] }));
    for (const n of nips) {
      await toChild(() =>
        env.client.workflow.getHandle(assessmentWorkflowId(h.workflowId, n)).executeUpdate(assessmentDecideUpdate, {
          args: [{ decision: 'record_assessment', actor: ASSESSOR, achieved: { integritas: 4 }, evidence: EVIDENCE }],
        }),
      );
    }
    const review = await reach(h, 'committee_review');
    expect(review.runId).not.toBe(firstRunId);
    expect(review.candidates.map((c) => c.status)).toEqual(nips.map(() => 'assessed'));
    // The first run started no child; the next began at the assessment step and started them all.
    const first = await historyOf(h.workflowId, firstRunId);
    expect(childStarts(first)).toEqual([]);
    const continued = ledgerOf(h.workflowId).find((r) => r.decision === 'run_continued');
    expect(continued).toMatchObject({ stepBefore: 'assessment', stepAfter: 'assessment', payload: { from: { runId: firstRunId } } });
    // The row says why the run continued short of its limit, for an auditor reading it offline.
    const because = `the assessments of ${nips.length} candidates (about 8 events each) would not fit under the limit of ${arrival + 40} events`;
    expect(continued).toMatchObject({ reason: expect.stringContaining(`; ${because}`), payload: { because } });
    const second = await historyOf(h.workflowId, review.runId);
    const starts = childStarts(second);
    expect(starts).toHaveLength(nips.length + 1); // the assessments and the committee review

    // An assessment's input holds the duties of its assigned assessor and its candidate only, not the whole registry.
    const inputOf = <T>(e: (typeof starts)[number]) =>
      defaultPayloadConverter.fromPayload<T>(e.startChildWorkflowExecutionInitiatedEventAttributes!.input!.payloads![0]);
    const assessmentInput = inputOf<{ nip: string; duties: Record<string, string[]> }>(starts[0]);
    expect(assessmentInput.duties).toEqual({ [assessmentInput.nip]: ['candidate'] });
    // The committee review still gets every duty (one child per selection).
    const reviewInput = inputOf<{ duties: Record<string, string[]> }>(starts.at(-1)!);
    expect(Object.keys(reviewInput.duties)).toEqual(expect.arrayContaining([...nips, PPK.id, CHAIR.id]));

    await h.terminate('test done');
    // Both runs replay on the current code.
    for (const history of [first, second]) await Worker.runReplayHistory({ workflowBundle: stub.bundle }, history, h.workflowId);
  });

  it('signs the ranking, takes the recommendation and the pick through their handlers, with the PPK justifying a lower rank', async () => {
    const h = await open();
    await toRegistration(h);
    const nips = [21, 22, 23, 24].map(nip);
    await register(h, nips);
    gate(h.workflowId).open();
    await reach(h, 'screening');
    for (const [i, n] of nips.entries()) {
      await decide(h, { decision: 'screen_candidate', actor: HR, nip: n, passed: true, administrativeScore: 90 - i, reason: 'lengkap' });
    }
    await decide(h, { decision: 'close_screening', actor: CHAIR, evidence: EVIDENCE });
    for (const n of nips) {
      await toChild(() =>
        env.client.workflow.getHandle(assessmentWorkflowId(h.workflowId, n)).executeUpdate(assessmentDecideUpdate, {
          args: [{ decision: 'record_assessment', actor: ASSESSOR, achieved: { integritas: 4 }, evidence: EVIDENCE }],
        }),
      );
    }
    const review = env.client.workflow.getHandle(committeeReviewWorkflowId(h.workflowId));
    for (const m of COMMITTEE) {
      const actor = asMember(m);
      await toChild(() =>
        review.executeUpdate(committeeReviewDecideUpdate, {
          args: [{ decision: 'declare_interests', actor, declarations: nips.map((n) => ({ nip: n, conflicted: false })) }],
        }),
      );
      await review.executeUpdate(committeeReviewDecideUpdate, {
        args: [{ decision: 'score', actor, scores: nips.map((n, i) => ({ nip: n, paper: 80 - i, interview: 80 - i })) }],
      });
    }
    const ranked = await reach(h, 'ranking');
    const shortlist = ranked.shortlist!['JPT-PUPR'].map((c) => c.nip);
    expect(shortlist).toEqual(nips.slice(0, 3));

    await decide(h, { decision: 'sign_ranking', actor: CHAIR, evidence: EVIDENCE });
    await expect(
      decide(h, { decision: 'recommend', actor: OVERSEER, postCode: 'JPT-PUPR', recommended: [nips[3]], evidence: EVIDENCE }),
    ).rejects.toEqual(refused('VALIDATION_FAILED', { fields: [expect.objectContaining({ field: 'recommended.0', rule: 'shortlist' })] }));
    await expect(
      decide(h, { decision: 'recommend', actor: OVERSEER, postCode: 'JPT-X', recommended: [nips[0]], evidence: EVIDENCE }),
    ).rejects.toEqual(refused('VALIDATION_FAILED', { fields: [expect.objectContaining({ field: 'postCode', rule: 'post' })] }));
    const recommended = await decide(h, {
      decision: 'recommend',
      actor: OVERSEER,
      postCode: 'JPT-PUPR',
      recommended: [nips[1], nips[0]],
      evidence: EVIDENCE,
    });
    expect(recommended.step).toBe('ppk_decision');

    await expect(decide(h, { decision: 'pick', actor: PPK, postCode: 'JPT-PUPR', nip: nips[1] })).rejects.toEqual(
      refused('DECISION_INCOMPLETE', { missing: ['reason'], rank: 2 }),
    );
    const picked = await decide(h, { decision: 'pick', actor: PPK, postCode: 'JPT-PUPR', nip: nips[1], reason: 'rekomendasi pengawas' });
    expect(picked.step).toBe('appointment');

    const byDecision = (d: string) => ledgerOf(h.workflowId).find((r) => r.decision === d)!;
    expect(byDecision('sign_ranking')).toMatchObject({
      stepAfter: 'external_review',
      payload: { shortlist: ranked.shortlist },
      ruleVersion: expect.stringMatching(/^weights:/),
    });
    expect(byDecision('recommend')).toMatchObject({ payload: { postCode: 'JPT-PUPR', recommended: [nips[1], nips[0]] }, actor: OVERSEER });
    expect(byDecision('recommendations_received')).toMatchObject({ stepAfter: 'ppk_decision' });
    expect(byDecision('pick')).toMatchObject({ reason: 'rekomendasi pengawas', payload: { postCode: 'JPT-PUPR', nip: nips[1], rank: 2 } });
    await rowWritten(h, 'all_posts_picked');
    expect((await h.query(selectionStateQuery)).picks).toEqual({
      'JPT-PUPR': { nip: nips[1], rank: 2, justification: 'rekomendasi pengawas' },
    });
    // Not blind: no codes, no codebook, and neither the opening nor the signing row speaks of blind scoring.
    const state = await h.query(selectionStateQuery);
    expect(state).not.toHaveProperty('blindScoring');
    expect(state.candidates.every((c) => c.code === undefined)).toBe(true);
    expect(byDecision('open_selection').payload).not.toHaveProperty('blindScoring');
    expect(byDecision('sign_ranking').payload).not.toHaveProperty('blindScoring');
    await h.terminate('test done');
  });

  it('scores a blind selection by code: the opening row says blind, codes follow registration, the signed ranking reveals them', async () => {
    const h = await open({ blindScoring: true });
    await toRegistration(h);
    const nips = [31, 32, 33, 34].map(nip);
    await register(h, nips);
    expect(ledgerOf(h.workflowId)[0]).toMatchObject({ decision: 'open_selection', payload: { blindScoring: true } });
    gate(h.workflowId).open();
    const screening = await reach(h, 'screening');
    expect(screening.candidates.map((c) => [c.code, c.nip])).toEqual(nips.map((n, i) => [`K-0${i + 1}`, n]));
    expect(screening.blindScoring).toEqual({
      revealed: false,
      codes: screening.candidates.map((c) => ({ code: c.code, nip: c.nip, name: c.name })),
    });
    for (const [i, n] of nips.entries()) {
      await decide(h, { decision: 'screen_candidate', actor: HR, nip: n, passed: true, administrativeScore: 90 - i, reason: 'lengkap' });
    }
    await decide(h, { decision: 'close_screening', actor: CHAIR, evidence: EVIDENCE });
    for (const n of nips) {
      await toChild(() =>
        env.client.workflow.getHandle(assessmentWorkflowId(h.workflowId, n)).executeUpdate(assessmentDecideUpdate, {
          args: [{ decision: 'record_assessment', actor: ASSESSOR, achieved: { integritas: 4 }, evidence: EVIDENCE }],
        }),
      );
    }
    const review = env.client.workflow.getHandle(committeeReviewWorkflowId(h.workflowId));
    for (const m of COMMITTEE) {
      const actor = asMember(m);
      await toChild(() =>
        review.executeUpdate(committeeReviewDecideUpdate, {
          args: [{ decision: 'declare_interests', actor, declarations: nips.map((n) => ({ nip: n, conflicted: false })) }],
        }),
      );
      await review.executeUpdate(committeeReviewDecideUpdate, {
        args: [{ decision: 'score', actor, scores: nips.map((n, i) => ({ nip: n, paper: 80 - i, interview: 80 - i })) }],
      });
    }
    const ranked = await reach(h, 'ranking');
    expect(ranked.blindScoring?.revealed).toBe(false);

    const signed = await decide(h, { decision: 'sign_ranking', actor: CHAIR, evidence: EVIDENCE });
    expect(signed.step).toBe('external_review');
    expect((await h.query(selectionStateQuery)).blindScoring?.revealed).toBe(true);
    const row = ledgerOf(h.workflowId).find((r) => r.decision === 'sign_ranking')!;
    expect(row.payload).toEqual({
      shortlist: ranked.shortlist,
      blindScoring: { revealed: nips.map((n, i) => ({ code: `K-0${i + 1}`, nip: n, name: `Calon ${n.slice(-3)}` })) },
    });
    await h.terminate('test done');
  });
});
