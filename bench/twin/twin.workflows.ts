import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  twinAppointmentId,
  twinAssessmentId,
  twinDecideUpdate,
  twinFilledSignal,
  twinFloorUpdate,
  twinReviewId,
  twinStateQuery,
  type TwinActivities,
  type TwinDecision,
  type TwinSelectionInput,
} from './contracts';

// Same activity options as workflows/src/shared/ledger.ts.
export const act = proxyActivities<TwinActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

// The probe of issue 19's "ledger write as a local activity" option, same options.
const local = proxyLocalActivities<TwinActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export const refuse = (message: string): never => {
  throw ApplicationFailure.create({ type: 'DECISION_NOT_ALLOWED', message, nonRetryable: true });
};

/**
 * The skeleton of SopCase: a current step, a decision sequence, one recordDecision activity per
 * decision, and the deadline of the current step as computeDeadline + a durable timer.
 */
export class TwinCase {
  step: string;
  sequence = 1;
  recorded = 0;
  epoch = 0;
  constructor(
    initial: string,
    private readonly terminal: string[],
    private readonly deadlines: Record<string, number>,
    private readonly onExpiry: Record<string, () => Promise<number | void>> = {},
  ) {
    this.step = initial;
  }
  get isTerminal() {
    return this.terminal.includes(this.step);
  }
  start(decision: string, payload: unknown) {
    return this.record(decision, payload, 1);
  }
  transition(decision: string, to: string, payload: unknown = {}) {
    if (to !== this.step) {
      this.step = to;
      this.epoch++;
    }
    return this.record(decision, payload);
  }
  note(decision: string, payload: unknown = {}) {
    return this.record(decision, payload);
  }
  ack() {
    return { workflowId: workflowInfo().workflowId, step: this.step, decisionCount: this.sequence };
  }
  state(shortlist: string[] = []) {
    return { step: this.step, decisionCount: this.sequence, recordedCount: this.recorded, shortlist };
  }
  async runUntilTerminal(): Promise<void> {
    let extension: number | undefined;
    while (!this.isTerminal) {
      const epoch = this.epoch;
      const seconds = this.deadlines[this.step];
      if (seconds === undefined) {
        await condition(() => this.epoch !== epoch);
        continue;
      }
      const after = extension ?? seconds;
      extension = undefined;
      const due = await act.computeDeadline({ startedAt: new Date().toISOString(), seconds: after });
      if (this.epoch !== epoch) continue;
      const remaining = Date.parse(due) - Date.now();
      const moved = remaining > 0 ? await condition(() => this.epoch !== epoch, remaining) : false;
      if (moved || this.epoch !== epoch) continue;
      const handler = this.onExpiry[this.step];
      const next = handler ? await handler() : await this.note('deadline_escalated');
      if (this.epoch !== epoch) continue;
      if (typeof next === 'number') {
        extension = next;
        continue;
      }
      await condition(() => this.epoch !== epoch);
    }
  }
  private async record(decision: string, payload: unknown, reserved?: number) {
    const sequence = reserved ?? ++this.sequence;
    await act.recordDecision({ workflowId: workflowInfo().workflowId, sequence, decision, stepAfter: this.step, payload });
    this.recorded++;
  }
}

/** Twin of vacancyWorkflow: proposed, approved by update, closed as filled by the selection's signal. */
export async function twinVacancyWorkflow(): Promise<void> {
  const kase = new TwinCase('awaiting_ppk_decision', ['closed', 'rejected'], { awaiting_ppk_decision: 14 * 86_400 });
  const validate = (d: TwinDecision) => {
    if (!(kase.step === 'awaiting_ppk_decision' && (d.decision === 'approve' || d.decision === 'reject')))
      refuse(`${d.decision} at ${kase.step}`);
  };
  setHandler(twinStateQuery, () => kase.state());
  setHandler(
    twinDecideUpdate,
    async (d) => {
      validate(d);
      await kase.transition(d.decision, d.decision === 'approve' ? 'approved' : 'rejected', { fillingMethod: 'open_selection' });
      return kase.ack();
    },
    { validator: validate },
  );
  setHandler(twinFilledSignal, async (f) => void (await kase.transition('filled', 'closed', f)));
  await kase.start('propose', {});
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
}

/** Twin of assessmentWorkflow: one update, a 60 s deadline. */
export async function twinAssessmentWorkflow(nip: string): Promise<{ nip: string; jpm: number }> {
  const kase = new TwinCase('awaiting_assessment', ['assessed'], { awaiting_assessment: 60 });
  const validate = (d: TwinDecision) => {
    if (!(kase.step === 'awaiting_assessment' && d.decision === 'record_assessment')) refuse(`${d.decision} at ${kase.step}`);
  };
  setHandler(twinStateQuery, () => kase.state());
  setHandler(
    twinDecideUpdate,
    async (d) => {
      validate(d);
      await kase.transition(d.decision, 'assessed', { nip });
      return kase.ack();
    },
    { validator: validate },
  );
  await kase.start('assessment_opened', { nip });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  return { nip, jpm: 90 };
}

/** Twin of committeeReviewWorkflow: declarations, then one score per member and candidate; unseals when complete. */
export async function twinCommitteeReviewWorkflow(members: string[], nips: string[]): Promise<string[]> {
  const declared = new Set<string>();
  const votes = new Set<string>();
  const kase = new TwinCase('scoring', ['scored'], { scoring: 30 }, { scoring: async () => void (await unseal()) });
  let unsealed = false;
  async function unseal() {
    if (unsealed) return;
    unsealed = true;
    await kase.transition('scores_unsealed', 'scored', { votes: votes.size });
  }
  const validate = (d: TwinDecision) => {
    if (kase.step !== 'scoring' || !members.includes(d.actorId)) refuse(`${d.decision} at ${kase.step}`);
    if (d.decision === 'declare_interests' && declared.has(d.actorId)) refuse('declared');
    if (d.decision === 'score' && (!declared.has(d.actorId) || votes.has(`${d.actorId}/${d.nip}`))) refuse('scored');
  };
  setHandler(twinStateQuery, () => kase.state());
  setHandler(
    twinDecideUpdate,
    async (d) => {
      validate(d);
      if (d.decision === 'declare_interests') declared.add(d.actorId);
      else votes.add(`${d.actorId}/${d.nip}`);
      await kase.transition(
        d.decision,
        'scoring',
        d.decision === 'score' ? { nips: [d.nip], sealed: true } : { declarations: d.declarations },
      );
      if (declared.size === members.length && votes.size === members.length * nips.length) await unseal();
      return kase.ack();
    },
    { validator: validate },
  );
  await kase.start('review_opened', { members, nips });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  return nips;
}

/** Twin of appointmentWorkflow: decree, then inauguration. */
export async function twinAppointmentWorkflow(nip: string): Promise<{ nip: string }> {
  const kase = new TwinCase('awaiting_decree', ['appointed'], {});
  const next: Record<string, [string, string]> = {
    awaiting_decree: ['record_decree', 'awaiting_inauguration'],
    awaiting_inauguration: ['record_inauguration', 'appointed'],
  };
  const validate = (d: TwinDecision) => {
    if (next[kase.step]?.[0] !== d.decision) refuse(`${d.decision} at ${kase.step}`);
  };
  setHandler(twinStateQuery, () => kase.state());
  setHandler(
    twinDecideUpdate,
    async (d) => {
      validate(d);
      await kase.transition(d.decision, next[kase.step][1], { nip });
      return kase.ack();
    },
    { validator: validate },
  );
  await kase.start('appointment_opened', { nip });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  return { nip };
}

/**
 * Twin of openSelectionWorkflow, same stages and SOP 1.0.0-test.fast timers: committee, announcement,
 * registration window, screening, one assessment child per candidate, the committee review child,
 * ranking, recommendation, pick, one appointment child, then the vacancy's "filled" signal.
 */
export async function twinSelectionWorkflow(input: TwinSelectionInput): Promise<void> {
  const selectionId = workflowInfo().workflowId;
  const candidates = new Map<string, string>(); // nip -> status
  let shortlist: string[] = [];
  let extensions = 0;
  const flow: Record<string, Record<string, string>> = {
    committee_formation: { form_committee: 'announcement' },
    announcement: { announce: 'registration' },
    registration: { register_candidates: 'registration' },
    screening: { screen_candidate: 'screening', close_screening: 'assessment' },
    ranking: { sign_ranking: 'external_review' },
    external_review: { recommend: 'external_review' },
    ppk_decision: { pick: 'ppk_decision' },
  };
  const kase = new TwinCase(
    'committee_formation',
    ['closed', 'cancelled'],
    { registration: input.registrationSeconds, low_applicants: 60, external_review: 60, ppk_decision: 60 },
    {
      registration: async () => {
        if (candidates.size >= input.minApplicants)
          return void (await kase.transition('registration_closed', 'screening', { eligible: candidates.size }));
        if (extensions < 2) {
          extensions++;
          await kase.note('registration_extended', { extensions });
          return 2;
        }
        await kase.transition('low_applicants_escalated', 'low_applicants');
      },
    },
  );
  const validate = (d: TwinDecision) => {
    const to = flow[kase.step]?.[d.decision];
    if (!to) refuse(`${d.decision} at ${kase.step}`);
    if (d.decision === 'screen_candidate' && candidates.get(d.nip ?? '') !== 'registered') refuse('not registered');
    return to!;
  };
  setHandler(twinStateQuery, () => kase.state(shortlist));
  setHandler(
    twinDecideUpdate,
    async (d) => {
      const to = validate(d);
      switch (d.decision) {
        case 'register_candidates':
          for (const nip of d.nips ?? []) candidates.set(nip, 'registered');
          await kase.transition(d.decision, to, { candidates: d.nips });
          break;
        case 'screen_candidate':
          candidates.set(d.nip!, 'screened_in');
          await kase.transition(d.decision, to, { nip: d.nip });
          break;
        case 'recommend':
          await kase.transition(d.decision, to, { recommended: d.recommended });
          await kase.transition('recommendations_received', 'ppk_decision');
          break;
        case 'pick':
          await kase.transition(d.decision, to, { nip: d.nip });
          await kase.transition('all_posts_picked', 'appointment');
          break;
        default:
          await kase.transition(d.decision, to, {});
      }
      return kase.ack();
    },
    { validator: (d) => void validate(d) },
  );
  // The floor (issue 19): a screening update validated like screen_candidate, applied in memory only.
  const validateFloor = (d: TwinDecision) => {
    if (kase.step !== 'screening' || !candidates.has(d.nip ?? '')) refuse(`${d.decision} at ${kase.step}`);
  };
  setHandler(
    twinFloorUpdate,
    async (d) => {
      validateFloor(d);
      const record = { workflowId: selectionId, sequence: kase.sequence, decision: d.decision, stepAfter: kase.step, payload: {} };
      if (d.probe === 'local') await local.recordDecision(record);
      // Scheduled in this workflow task, with the answer; the no-op cannot fail, and retries if it did.
      if (d.probe === 'async') void act.recordDecision(record).catch(() => undefined);
      return kase.ack();
    },
    { validator: validateFloor },
  );

  async function stages(): Promise<void> {
    const reach = async (step: string) => {
      await condition(() => kase.step === step || kase.isTerminal);
      return kase.step === step;
    };
    if (!(await reach('assessment'))) return;
    const nips = [...candidates.entries()].filter(([, s]) => s === 'screened_in').map(([n]) => n);
    const running: Promise<unknown>[] = [];
    for (let i = 0; i < nips.length; i += 25) {
      const started = await Promise.all(
        nips
          .slice(i, i + 25)
          .map((nip) => startChild(twinAssessmentWorkflow, { workflowId: twinAssessmentId(selectionId, nip), args: [nip] })),
      );
      running.push(...started.map((c) => c.result()));
    }
    await Promise.all(running);
    await kase.transition('assessments_completed', 'committee_review');
    await (await startChild(twinCommitteeReviewWorkflow, { workflowId: twinReviewId(selectionId), args: [input.members, nips] })).result();
    shortlist = nips.slice(0, 3);
    await kase.transition('committee_review_completed', 'ranking');
    await kase.note('ranking_computed', { shortlist });
    if (!(await reach('appointment'))) return;
    const appointed = await (
      await startChild(twinAppointmentWorkflow, { workflowId: twinAppointmentId(selectionId, input.postCode), args: [shortlist[0]] })
    ).result();
    await kase.transition('appointments_completed', 'closed', appointed);
    await getExternalWorkflowHandle(input.vacancyId).signal(twinFilledSignal, { filledBy: selectionId, nip: appointed.nip });
  }

  await kase.start('open_selection', { vacancyId: input.vacancyId });
  await Promise.all([kase.runUntilTerminal(), stages()]);
  await condition(allHandlersFinished);
}
