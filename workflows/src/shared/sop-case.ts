import { condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  allowedDecisions,
  assignDuty,
  MIGRATED_STATUS,
  MIGRATION_DECISIONS,
  RUN_CONTINUED_DECISION,
  type PendingMigration,
  type SopRef,
  autoTransition,
  checkActorDuties,
  checkAssessor,
  checkDuty,
  dutyOfRole,
  decisionKey,
  stepOf,
  SYSTEM_ACTOR,
  type Actor,
  type CaseSummary,
  type DecisionRecord,
  type Duty,
  type DutyRegistry,
  type EvidenceRef,
  type SopDefinition,
  type SopDuration,
  type SopStep,
} from '@meritflow/domain';
import {
  LEDGER_IN_SEQUENCE_PATCH,
  SEARCH_ATTRIBUTES_PATCH,
  sopMigrationQuery,
  sopMigrationUpdate,
  type CaseStateBase,
  type LedgerActivities,
  type SopMigrationAck,
  type SopMigrationInput,
  type SopContinuation,
  type SopResume,
} from '@meritflow/contracts';
import { refuse, refuseIfNot } from './refusals';
import {
  continuationOf,
  continuationRecord,
  upsertCaseIndex,
  validateMigration,
  type MigrationContext,
  type MigrationPlan,
} from './sop-migration';

export interface RecordOptions {
  reason?: string | null;
  payload?: Record<string, unknown>;
  evidence?: EvidenceRef[];
  ruleVersion?: string | null;
}

export { refuse, refuseIfNot, refuseUnless } from './refusals';

/**
 * The state of one case under its pinned SOP version: the current step, the decision sequence and
 * the deadline of the current step. Every change of step goes through `record`, so each transition,
 * human or automatic, becomes exactly one ledger row.
 */
export class SopCase {
  private current: SopStep;
  /**
   * Sequence 1 belongs to the decision that opens the case. Registering an update handler runs any
   * update that arrived with the start at once, before `start()` is reached; reserving 1 keeps the
   * opening decision first in the ledger without changing the order of commands.
   */
  private sequence = 1;
  private recorded = 0;
  /** Every sequence up to this one has had its ledger write settled (stored, or failed for good). */
  private settledThrough = 0;
  /** The last row that opened the run or changed its step; a later row is written only after it (LEDGER_IN_SEQUENCE_PATCH). */
  private lastMove = 1;
  /** Sequences above `settledThrough` whose writes have settled, out of turn. */
  private readonly settledAhead = new Set<number>();
  /** Bumped on every change of step, so a deadline knows whether its step is still current. */
  private epoch = 0;
  private deadlineView: { step: string; dueAt: string; onExpiry: string; notifyRole: string } | null = null;
  /** A due instant a decision chose for the next deadline of one step (the registration closing day set at the announcement). */
  private fixedDue: { step: string; dueAt: string } | null = null;
  /** The search attributes last upserted (agency, step, status), so an unchanged step upserts nothing. */
  private indexed: string | undefined;

  constructor(
    readonly sop: Readonly<SopDefinition>,
    private readonly caseType: string,
    private readonly summary: () => CaseSummary,
    private readonly ledger: LedgerActivities,
    /** Deadline handlers for steps whose SOP says onExpiry: 'handler'. */
    /** A handler returning a duration keeps the step open with a new deadline of that length. */
    private readonly expiryHandlers: Record<string, (dueAt: string) => Promise<SopDuration | void>> = {},
    /** Duties already held in the case tree, passed down by the parent case. */
    inheritedDuties: DutyRegistry = {},
  ) {
    this.current = stepOf(sop, sop.initialStep);
    this.duties = Object.fromEntries(Object.entries(inheritedDuties).map(([id, d]) => [id, [...d]]));
  }

  /** Who holds which duty in this case tree (separation of duties); only `record` and `assign` add to it. */
  private duties: DutyRegistry;

  /** A keep-or-migrate request waiting for its second person. */
  private pendingMigration: PendingMigration | null = null;
  /** Set by an approved migration: the workflow continues as new on this version with this state. */
  private migrationTarget: (SopRef & { step: string; resume: SopResume }) | null = null;
  /** The run (version and step) this run continued from, when a migration started it. */
  private resumed: SopResume | null = null;
  /** The run this one continues on the same version, when its history grew long. */
  private continued: SopContinuation | null = null;
  private carriedDeadline: SopContinuation['deadline'] = null;
  /** Set once the run pauses to continue as new (pauseToContinue); read-only for the workflow. */
  paused = false;
  /** What the run continued for, when not for the history's length alone (pauseToContinue). */
  private pauseReason: string | undefined;
  /** Whether the deadline loop is waiting, with no deadline handler or activity of its own in flight; read-only for the workflow. */
  quiet = false;

  /** For an update validator: refuses an actor whose role, or the official they act for, would break separation of duties. */
  assertDuties(actor: Actor): void {
    // A run an approved migration is closing takes no more decisions; its successor does.
    if (this.migrationTarget) refuse('CASE_NOT_RUNNING', { caseId: workflowInfo().workflowId, step: this.current.id });
    refuseIfNot(checkActorDuties(this.duties, actor));
  }

  /** For an update validator: refuses naming `personId` to `duty` (a committee member, a candidate). */
  assertNominee(personId: string, duty: Duty): void {
    refuseIfNot(checkDuty(this.duties, personId, duty));
  }

  /** For an update validator: refuses naming `personId` an assessor when they hold any duty in the case. */
  assertAssessor(personId: string): void {
    refuseIfNot(checkAssessor(this.duties, personId));
  }

  nomineeAllowed(personId: string, duty: Duty): boolean {
    return checkDuty(this.duties, personId, duty).ok;
  }

  /** For an update handler, after validation: `personId` now holds `duty`. */
  assign(personId: string, duty: Duty): void {
    assignDuty(this.duties, personId, duty);
  }

  /** The duties to hand to a child case: all, or only those of `only` (the people who can act in it). */
  dutySnapshot(only?: readonly string[]): DutyRegistry {
    const ids = only?.filter((id) => Object.prototype.hasOwnProperty.call(this.duties, id)) ?? Object.keys(this.duties);
    return Object.fromEntries(ids.map((id) => [id, [...this.duties[id]]]));
  }

  get step(): SopStep {
    return this.current;
  }

  get decisionCount(): number {
    return this.sequence;
  }

  get recordedCount(): number {
    return this.recorded;
  }

  /** The fields every case's state query shares. */
  baseView(): CaseStateBase {
    const { workflowId, runId } = workflowInfo();
    return {
      workflowId,
      runId,
      sop: { id: this.sop.id, version: this.sop.version },
      step: this.current.id,
      stepLabel: this.current.label,
      status: this.current.status,
      terminal: this.current.terminal,
      allowedDecisions: this.allowed,
      deadline: this.deadlineView,
      decisionCount: this.sequence,
      recordedCount: this.recorded,
    };
  }

  /** The small answer an update gives (see DecisionAck). */
  ack() {
    const { workflowId } = workflowInfo();
    return {
      workflowId,
      step: this.current.id,
      status: this.current.status,
      terminal: this.current.terminal,
      decisionCount: this.sequence,
    };
  }

  get deadline() {
    return this.deadlineView;
  }

  get allowed() {
    return allowedDecisions(this.sop, this.current.id);
  }

  /** Records the decision that opened the case (its first ledger row, sequence 1). */
  start(actor: Actor, options: RecordOptions): Promise<void> {
    // The person who opens a root case is its initiator; a child case is opened by its parent.
    if (!workflowInfo().parent && actor.role !== SYSTEM_ACTOR.role) assignDuty(this.duties, actor.id, 'initiator');
    return this.record(this.sop.startDecision.decision, actor, null, stepOf(this.sop, this.sop.initialStep), options, 1);
  }

  /**
   * Moves to `to` and records why; the step changes before the write so later validators see it.
   * Staying on the same step (registering one more candidate) keeps the step's deadline running.
   */
  transition(decision: string, actor: Actor, to: SopStep, options: RecordOptions): Promise<void> {
    const from = this.current;
    if (to.id !== from.id) {
      this.current = to;
      this.epoch++;
      this.deadlineView = null;
    }
    return this.record(decision, actor, from.id, to, options);
  }

  /** Takes the SOP's automatic transition `decision` from the current step, as the system. */
  auto(decision: string, options: RecordOptions): Promise<void> {
    return this.transition(decision, SYSTEM_ACTOR, autoTransition(this.sop, this.current.id, decision), options);
  }

  /** Records a system decision that leaves the step as it is (a reminder, a computed result). */
  note(decision: string, options: RecordOptions, actor: Actor = SYSTEM_ACTOR): Promise<void> {
    return this.record(decision, actor, this.current.id, this.current, options);
  }

  /**
   * The next deadline of `step` falls at `dueAt` rather than after the SOP's duration; once only, so an
   * extension the SOP grants afterwards runs as the SOP says. Call before the transition into the step.
   */
  fixDeadline(step: string, dueAt: string): void {
    this.fixedDue = { step, dueAt };
  }

  /** Runs the deadlines of each step the case enters until it reaches a terminal step (or this run pauses to continue as new). */
  async runUntilTerminal(): Promise<void> {
    let extension: SopDuration | undefined;
    while (!this.current.terminal && !this.migrationTarget && !this.paused) {
      const epoch = this.epoch;
      const step = this.current;
      const moved = () => this.epoch !== epoch || this.paused;
      // A run continuing a long history keeps the deadline the run before had set for this step.
      const carried = this.carriedDeadline?.step === step.id ? this.carriedDeadline : null;
      this.carriedDeadline = null;
      // `quiet` marks each wait inline: an extra async hop here would reorder commands in recorded histories.
      if (!step.deadline || carried?.onExpiry.endsWith(':done')) {
        if (carried) this.deadlineView = carried;
        this.quiet = true;
        await condition(moved);
        this.quiet = false;
        continue;
      }
      const fixed = !extension && this.fixedDue?.step === step.id ? this.fixedDue.dueAt : undefined;
      if (this.fixedDue?.step === step.id) this.fixedDue = null;
      const after = extension ?? step.deadline.after;
      extension = undefined;
      const enteredAt = new Date().toISOString();
      const due = carried ? carried.dueAt : (fixed ?? (await this.ledger.computeDeadline({ startedAt: enteredAt, after })));
      if (moved()) continue;
      this.deadlineView = { step: step.id, dueAt: due, onExpiry: step.deadline.onExpiry, notifyRole: step.deadline.notifyRole };
      const remaining = Date.parse(due) - Date.now();
      this.quiet = true;
      const woken = remaining > 0 ? await condition(moved, remaining) : false;
      this.quiet = false;
      if (woken || moved()) continue;
      const next = await this.expire(step, due);
      if (this.epoch !== epoch) continue;
      if (next) {
        extension = next;
        continue;
      }
      // Reminded or escalated once: the step stays open without a further deadline.
      this.quiet = true;
      await condition(moved);
      this.quiet = false;
    }
  }

  /** Stops the deadline loop so the run can continue as new on the same version (see `continuation`). */
  pauseToContinue(because?: string): void {
    this.paused = true;
    this.pauseReason = because;
  }

  /** What the next run needs to go on where this one stands; null unless paused. */
  get continuation(): SopContinuation | null {
    if (!this.paused || this.migrationTarget) return null;
    return continuationOf(this.sop, this.current.id, this.dutySnapshot(), this.deadlineView, this.pauseReason);
  }

  /** For a run continuing a long history: the step, duties and running deadline of the run before. */
  continueFrom(c: SopContinuation | undefined): void {
    if (!c) return;
    this.continued = c;
    this.current = stepOf(this.sop, c.step);
    this.duties = Object.fromEntries(Object.entries(c.duties).map(([id, d]) => [id, [...d]]));
    this.carriedDeadline = c.deadline;
  }

  private async expire(step: SopStep, due: string): Promise<SopDuration | void> {
    const deadline = step.deadline!;
    const payload = { dueAt: due, notifyRole: deadline.notifyRole, onExpiry: deadline.onExpiry };
    const reason = `deadline of step ${step.id} passed at ${due}`;
    if (deadline.onExpiry === 'handler') {
      const handler = this.expiryHandlers[step.id];
      if (!handler) throw new Error(`no deadline handler for step ${step.id}`);
      return handler(due);
    }
    if (deadline.onExpiry === 'close') {
      await this.transition('deadline_expired', SYSTEM_ACTOR, stepOf(this.sop, deadline.closeTo!), { reason, payload });
      return;
    }
    this.deadlineView = { ...this.deadlineView!, onExpiry: `${deadline.onExpiry}:done` };
    const decision = deadline.onExpiry === 'remind' ? 'deadline_reminder' : 'deadline_escalated';
    await this.record(decision, SYSTEM_ACTOR, step.id, step, { reason, payload });
  }

  /**
   * For a run a migration started: the case stands at the mapped step of the new version with the
   * duties held so far. Call before registering handlers, so an update that came with the start sees it.
   */
  resumeFrom(resume: SopResume | undefined): void {
    if (!resume) return;
    this.resumed = resume;
    this.current = stepOf(this.sop, resume.step);
    this.duties = Object.fromEntries(Object.entries(resume.duties).map(([id, d]) => [id, [...d]]));
  }

  /**
   * Records the first row of the run: the opening decision, or, in a run a migration started, the
   * migration itself (who asked, who approved, from which version and step to which).
   */
  begin(actor: Actor, options: RecordOptions): Promise<void> {
    const c = this.continued;
    if (c) return this.record(RUN_CONTINUED_DECISION, SYSTEM_ACTOR, c.from.step, this.current, continuationRecord(c), 1);
    const r = this.resumed;
    if (!r) return this.start(actor, options);
    return this.record(
      MIGRATION_DECISIONS.migrated,
      r.approvedBy,
      r.from.step,
      this.current,
      {
        reason: r.reason,
        evidence: r.evidence,
        payload: {
          from: r.from,
          to: { id: this.sop.id, version: this.sop.version, step: this.current.id },
          requestedBy: r.requestedBy,
          approvalReason: r.approvalReason,
          batchId: r.batchId,
        },
      },
      1,
    );
  }

  /** The version, step and state an approved migration continues the case with; null otherwise. */
  get migration(): (SopRef & { step: string; resume: SopResume }) | null {
    return this.migrationTarget;
  }

  /**
   * Lets administrators keep or migrate this case under four eyes (sopMigrationUpdate). `blocked` is the
   * workflow's own reason to refuse a move at this moment (a child workflow runs), checked with the mapping.
   */
  private blocked: () => MigrationContext['blocked'] = () => null;

  acceptMigrations(blocked?: () => MigrationContext['blocked']): void {
    if (blocked) this.blocked = blocked;
    setHandler(sopMigrationQuery, () => this.migrationAck());
    setHandler(
      sopMigrationUpdate,
      async (m) => {
        const plan = this.validateMigration(m);
        await this.applyMigration(m, plan);
        return this.migrationAck();
      },
      { validator: (m) => void this.validateMigration(m) },
    );
  }

  private migrationAck(): SopMigrationAck {
    const { workflowId, runId } = workflowInfo();
    const t = this.migrationTarget;
    return {
      workflowId,
      runId,
      sop: { id: this.sop.id, version: this.sop.version },
      step: this.current.id,
      pending: this.pendingMigration,
      migratingTo: t ? { id: t.id, version: t.version, step: t.step } : null,
      blocked: this.blocked(),
    };
  }

  private validateMigration(m: SopMigrationInput): MigrationPlan {
    return validateMigration(
      { sop: this.sop, step: this.current, pending: this.pendingMigration, migrating: !!this.migrationTarget, blocked: this.blocked() },
      m,
    );
  }

  private async applyMigration(m: SopMigrationInput, plan: MigrationPlan): Promise<void> {
    const from = { id: this.sop.id, version: this.sop.version, step: this.current.id };
    if (m.action === 'request') {
      const request: PendingMigration = {
        outcome: m.outcome!,
        to: plan.to,
        toStep: plan.toStep,
        atStep: this.current.id,
        requestedBy: m.actor,
        reason: m.reason!,
        evidence: m.evidence ?? [],
        batchId: m.batchId ?? null,
        sequence: this.sequence + 1,
      };
      this.pendingMigration = request;
      await this.note(
        MIGRATION_DECISIONS.requested,
        {
          reason: m.reason,
          evidence: m.evidence,
          payload: { outcome: request.outcome, from, to: plan.to, toStep: plan.toStep, batchId: request.batchId },
        },
        m.actor,
      );
      return;
    }
    const pending = this.pendingMigration!;
    this.pendingMigration = null;
    const payload = {
      outcome: pending.outcome,
      from,
      to: plan.to,
      toStep: plan.toStep,
      requestSequence: pending.sequence,
      requestedBy: pending.requestedBy.id,
      batchId: pending.batchId,
    };
    const options = { reason: m.reason, evidence: m.evidence, payload };
    if (m.action === 'reject') return this.note(MIGRATION_DECISIONS.rejected, options, m.actor);
    if (pending.outcome === 'keep' || !plan.toStep) return this.note(MIGRATION_DECISIONS.approved, options, m.actor);
    this.migrationTarget = {
      ...plan.to,
      step: plan.toStep,
      resume: {
        from: { ...from, runId: workflowInfo().runId },
        step: plan.toStep,
        duties: this.dutySnapshot(),
        requestedBy: pending.requestedBy,
        approvedBy: m.actor,
        reason: pending.reason,
        approvalReason: m.reason ?? null,
        evidence: [...pending.evidence, ...(m.evidence ?? [])],
        batchId: pending.batchId,
      },
    };
    // The row that closes this run: the case leaves this version here; its next run records the arrival.
    await this.record(MIGRATION_DECISIONS.approved, m.actor, this.current.id, { ...this.current, status: MIGRATED_STATUS }, options);
    this.epoch++;
  }

  /**
   * Keeps a root case's search attributes (type, agency, step, status) up to date in Temporal's
   * visibility, for the Web UI and list queries. Guarded by a patch: histories recorded before it replay
   * without the upserts.
   */
  private index(step: SopStep): void {
    const agency = this.summary().agencyCode;
    const values = `${agency}\n${step.id}\n${step.status}`;
    if (values === this.indexed || !patched(SEARCH_ATTRIBUTES_PATCH)) return;
    this.indexed = values;
    upsertCaseIndex(this.caseType, agency, step);
  }

  private async record(
    decision: string,
    actor: Actor,
    stepBefore: string | null,
    stepAfter: SopStep,
    options: RecordOptions,
    reserved?: number,
  ): Promise<void> {
    const { workflowId, runId, root, parent } = workflowInfo();
    const sequence = reserved ?? ++this.sequence;
    if (!parent) this.index(stepAfter);
    const duty = dutyOfRole(actor.role);
    if (duty) {
      assignDuty(this.duties, actor.id, duty);
      if (actor.actingFor) assignDuty(this.duties, actor.actingFor.id, duty);
    }
    const row: DecisionRecord = {
      idempotencyKey: decisionKey(workflowId, runId, sequence),
      caseType: this.caseType,
      workflowId,
      runId,
      rootWorkflowId: root?.workflowId ?? workflowId,
      parentWorkflowId: parent?.workflowId ?? null,
      sequence,
      decision,
      stepBefore,
      stepAfter: stepAfter.id,
      statusAfter: stepAfter.status,
      actor,
      reason: options.reason ?? null,
      payload: options.payload ?? {},
      evidence: options.evidence ?? [],
      sop: { id: this.sop.id, version: this.sop.version },
      ruleVersion: options.ruleVersion ?? null,
      decidedAt: new Date().toISOString(),
      case: this.summary(),
    };
    // A row that opens the run or changes its step waits for every row before it; any other row waits
    // for the last such row. Rows decided on one step while each other's writes are in flight (many
    // screenings at once) are written side by side, so a busy case gains no workflow task per decision.
    // Whether those rows have settled follows from the history's events, so the choice replays the same.
    const moves = reserved === 1 || stepBefore !== stepAfter.id;
    const after = moves ? sequence - 1 : Math.min(this.lastMove, sequence - 1);
    if (moves) this.lastMove = Math.max(this.lastMove, sequence);
    const write =
      after > this.settledThrough && patched(LEDGER_IN_SEQUENCE_PATCH)
        ? condition(() => this.settledThrough >= after).then(() => this.ledger.recordDecision(row))
        : this.ledger.recordDecision(row);
    const settle = () => this.settle(sequence);
    void write.then(settle, settle);
    await write;
    this.recorded++;
  }

  private settle(sequence: number): void {
    this.settledAhead.add(sequence);
    while (this.settledAhead.delete(this.settledThrough + 1)) this.settledThrough++;
  }
}
