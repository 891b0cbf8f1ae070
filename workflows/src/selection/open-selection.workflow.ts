import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { assessmentActors, ELIGIBILITY_POLICY_2026, getOpenSelectionSop, SYSTEM_ACTOR, type SopDuration } from '@meritflow/domain';
import {
  appointmentWorkflowId,
  assessmentWorkflowId,
  committeeReviewWorkflowId,
  SELECTION_CASE_TYPE,
  selectionDecideUpdate,
  selectionStateQuery,
  type PendingTask,
  type SelectionState,
  type SelectionWorkflowInput,
  vacancyFilledSignal,
} from '@meritflow/contracts';
import { ledger } from '../shared/ledger';
import { SopCase } from '../shared/sop-case';
import { appointmentWorkflow } from './appointment.workflow';
import { assessmentWorkflow } from './assessment.workflow';
import { committeeReviewWorkflow } from './committee-review.workflow';
import { carrySelectionData, selectionDataFrom, type SelectionContext } from './selection-case';
import { acceptSelectionDecision, blindCodebook } from './selection-decisions';
import { rankScored, settleObjections } from './objection-decisions';
import { chainPendingTasks } from './chain-decisions';

const POLICIES = { [ELIGIBILITY_POLICY_2026.version]: ELIGIBILITY_POLICY_2026 };
/** Guards the continue-as-new of a long history: runs recorded before it replay without it. */
const CONTINUE_ON_LONG_HISTORY_PATCH = 'selection-continue-as-new-on-long-history';
/** Guards handing an assessment with assigned assessors only their duties, not the whole registry. */
const ASSESSMENT_DUTIES_PATCH = 'selection-assessment-duties-of-its-actors';
/** Guards continuing as new before the assessments when they would not fit in the run's history. */
const ROOM_FOR_ASSESSMENTS_PATCH = 'selection-room-for-assessments';
/**
 * History events one assessment child adds to its parent's run (initiated, started, completed, and
 * the workflow tasks they wake), with margin: 500 children measured about 6 each.
 */
const EVENTS_PER_ASSESSMENT = 8;

/**
 * A JPT open selection for one or more posts, step by step as its pinned SOP version says. The
 * assessments (one per candidate), the committee review and the appointments (one per post) run as
 * child workflows; everything any of them decides lands in the same case history.
 */
export async function openSelectionWorkflow(input: SelectionWorkflowInput): Promise<SelectionState> {
  const sop = getOpenSelectionSop(input.sop);
  const settings = sop.settings;
  const policy = POLICIES[settings.eligibilityPolicy];
  const selectionId = workflowInfo().workflowId;
  const postCodes = input.posts.map((p) => p.positionCode);

  // A run an SOP migration (or a long history) started carries the selection's whole state over from the run before.
  const data = selectionDataFrom(input.carried);
  const { candidates, recommendations, picks, appointments } = data;

  const eligibleCount = (postCode: string) =>
    [...candidates.values()].filter((c) => c.postCode === postCode && c.status !== 'ineligible').length;

  const kase = new SopCase(
    sop,
    SELECTION_CASE_TYPE,
    () => ({
      agencyCode: input.agencyCode,
      businessKey: input.selectionCode,
      title: input.title,
      details: { posts: postCodes, candidates: candidates.size, extensions: data.extensions },
    }),
    ledger,
    { registration: closeRegistration, objection_window: closeObjectionWindow },
  );
  kase.resumeFrom(input.resume);
  kase.continueFrom(input.continued);
  const ctx: SelectionContext = { input, settings, policy, selectionId, postCodes, kase, data };
  /** The child workflows running now (assessment, committee review, appointment): no migration meanwhile. */
  let childStage: string | null = null;

  /** The registration window closed: enough applicants, an extension, or the PPK must decide. */
  async function closeRegistration(dueAt: string): Promise<SopDuration | void> {
    const counts = Object.fromEntries(postCodes.map((p) => [p, eligibleCount(p)]));
    const thin = postCodes.filter((p) => counts[p] < settings.minApplicantsPerPost);
    const payload = { dueAt, eligibleApplicants: counts, minimum: settings.minApplicantsPerPost, extensions: data.extensions };
    if (thin.length === 0) {
      await kase.auto('registration_closed', { reason: 'every post has enough eligible applicants', payload });
      return;
    }
    const reason = `fewer than ${settings.minApplicantsPerPost} eligible applicants for ${thin.join(', ')}`;
    if (data.extensions < settings.maxExtensions) {
      data.extensions++;
      await kase.auto('registration_extended', {
        reason,
        payload: { ...payload, extensions: data.extensions, extendedBy: settings.registrationExtension },
      });
      return settings.registrationExtension;
    }
    await kase.auto('low_applicants_escalated', { reason: `${reason} after ${data.extensions} extensions`, payload });
  }

  /** SOP 1.1.0 on: the objection window closed; with no objection open the shortlist goes straight on. */
  async function closeObjectionWindow(dueAt: string): Promise<void> {
    data.objectionWindowClosed = true;
    await kase.auto('objection_window_closed', { payload: { dueAt, objections: data.objections.length } });
    await settleObjections(ctx);
  }

  const pendingTasks = (): PendingTask[] => {
    const due = kase.deadline?.dueAt;
    const base = { workflowId: selectionId, ...(due ? { dueAt: due } : {}) };
    // An outside body's step of a senior post's chain (chain-decisions.ts).
    const chainTasks = chainPendingTasks(ctx, base);
    if (chainTasks) return chainTasks;
    const chair = data.committee.find((m) => m.isChair)?.id;
    const list = [...candidates.values()];
    switch (kase.step.id) {
      case 'committee_formation':
        return [{ ...base, role: 'ppk', decision: 'form_committee' }];
      case 'announcement':
        return [{ ...base, role: 'committee_chair', actorId: chair, decision: 'announce' }];
      case 'registration':
        return [{ ...base, role: 'hr_officer', decision: 'register_candidates' }];
      case 'low_applicants':
        return [{ ...base, role: 'ppk', decision: 'proceed' }];
      case 'screening': {
        const open = list.filter((c) => c.status === 'registered');
        return open.length > 0
          ? open.map((c) => ({ ...base, role: 'hr_officer', decision: 'screen_candidate', subject: c.nip }))
          : [{ ...base, role: 'committee_chair', actorId: chair, decision: 'close_screening' }];
      }
      case 'assessment':
        return list
          .filter((c) => c.status === 'screened_in')
          .map((c) => ({
            role: 'assessor',
            decision: 'record_assessment',
            subject: c.nip,
            workflowId: assessmentWorkflowId(selectionId, c.nip),
          }));
      case 'committee_review':
        return [{ role: 'committee_member', decision: 'score', workflowId: committeeReviewWorkflowId(selectionId) }];
      case 'ranking':
        return [{ ...base, role: 'committee_chair', actorId: chair, decision: 'sign_ranking' }];
      case 'rescoring': {
        const rescore = data.objections
          .filter((o) => o.answer?.upheld && !data.rescored?.includes(o.nip))
          .map((o) => ({ ...base, role: 'committee_chair', actorId: chair, decision: 'rescore_candidate', subject: o.nip }));
        return rescore.length > 0 ? rescore : [{ ...base, role: 'committee_chair', actorId: chair, decision: 'sign_ranking' }];
      }
      case 'objection_review':
        return data.objections
          .filter((o) => !o.answer)
          .map((o) => ({ ...base, role: 'committee_chair', actorId: chair, decision: 'answer_objection', subject: o.nip }));
      case 'external_review':
        return postCodes.filter((p) => !recommendations[p]).map((p) => ({ ...base, role: 'overseer', decision: 'recommend', subject: p }));
      case 'ppk_decision':
        return postCodes.filter((p) => !picks[p]).map((p) => ({ ...base, role: 'ppk', decision: 'pick', subject: p }));
      case 'appointment':
        return postCodes
          .filter((p) => !appointments[p])
          .map((p) => ({ role: 'hr_officer', decision: 'record_decree', subject: p, workflowId: appointmentWorkflowId(selectionId, p) }));
      default:
        return [];
    }
  };

  const view = (): SelectionState => ({
    caseType: SELECTION_CASE_TYPE,
    ...kase.baseView(),
    agencyCode: input.agencyCode,
    selectionCode: input.selectionCode,
    title: input.title,
    posts: input.posts,
    committee: data.committee,
    extensions: data.extensions,
    candidates: [...candidates.values()],
    ranking: data.ranking,
    shortlist: data.shortlists,
    recommendations,
    picks,
    appointments,
    chain: { name: settings.chain ?? 'pratama', posts: data.chain },
    pendingTasks: pendingTasks(),
    registrationWindow: data.registrationWindow ?? null,
    ...(input.blindScoring ? { blindScoring: { revealed: !!data.blindRevealed, codes: blindCodebook(ctx) } } : {}),
    ...(settings.objectionWindow ? { objections: data.objections, resultsPublished: !!data.resultsPublished } : {}),
  });

  setHandler(selectionStateQuery, view);
  // A child's results belong to the run that started it, so a move waits until no child runs.
  kase.acceptMigrations(() =>
    childStage ? { code: 'SOP_MIGRATION_CHILD_RUNNING', params: { caseId: selectionId, step: kase.step.id, children: childStage } } : null,
  );
  // Each decision is validated and applied by its handler (selection-decisions.ts).
  setHandler(
    selectionDecideUpdate,
    async (d) => {
      await acceptSelectionDecision(d, ctx)();
      return kase.ack();
    },
    { validator: (d) => void acceptSelectionDecision(d, ctx) },
  );

  /**
   * Starts children at most `childStartWindow` at a time, so no workflow task carries hundreds of
   * commands. `start` resolves once its child has started, with `{ done }` settling when it finishes
   * (wrapped, since an async function returning a promise would wait for it).
   */
  async function inWindows<T, R>(items: T[], start: (item: T) => Promise<{ done: Promise<R> }>): Promise<R[]> {
    const running: Promise<R>[] = [];
    for (let i = 0; i < items.length; i += settings.childStartWindow) {
      const started = await Promise.all(items.slice(i, i + settings.childStartWindow).map(start));
      running.push(...started.map((s) => s.done));
    }
    return Promise.all(running);
  }

  async function runAssessments(): Promise<void> {
    const screenedIn = [...candidates.values()].filter((c) => c.status === 'screened_in');
    // Set and cleared inline (an async wrapper would add a hop and reorder commands in recorded histories).
    childStage = 'assessment';
    await inWindows(screenedIn, async (c) => {
      const post = input.posts.find((p) => p.positionCode === c.postCode)!;
      const assessorIds = c.screening?.assessorIds ?? [];
      const actors = assessmentActors(assessorIds, c.nip);
      const duties = actors && patched(ASSESSMENT_DUTIES_PATCH) ? kase.dutySnapshot(actors) : kase.dutySnapshot();
      const child = await startChild(assessmentWorkflow, {
        workflowId: assessmentWorkflowId(selectionId, c.nip),
        args: [
          {
            sop: settings.children.assessment,
            selectionId,
            agencyCode: input.agencyCode,
            postCode: c.postCode,
            nip: c.nip,
            name: c.name,
            requiredCompetencies: post.requiredCompetencies,
            jpmScheme: settings.jpmScheme,
            assessorIds,
            duties,
          },
        ],
      });
      return {
        done: child.result().then((result) => {
          c.assessment = result;
          c.status = 'assessed';
          return result;
        }),
      };
    });
    childStage = null;
  }

  async function runCommitteeReview(): Promise<void> {
    const assessed = [...candidates.values()].filter((c) => c.status === 'assessed');
    childStage = 'committee_review';
    const results = await (
      await startChild(committeeReviewWorkflow, {
        workflowId: committeeReviewWorkflowId(selectionId),
        args: [
          {
            sop: settings.children.committeeReview,
            selectionId,
            agencyCode: input.agencyCode,
            members: data.committee,
            candidates: assessed.map((c) => ({ nip: c.nip, name: c.name, postCode: c.postCode })),
            committeeSettings: settings.committee,
            duties: kase.dutySnapshot(),
          },
        ],
      })
    ).result();
    childStage = null;
    for (const r of results) {
      const c = candidates.get(r.nip)!;
      c.review = r;
      c.status = r.quorumMet ? 'scored' : 'no_quorum';
    }
  }

  function computeRanking(): void {
    rankScored(ctx);
  }

  async function runAppointments(): Promise<void> {
    childStage = 'appointment';
    await inWindows(postCodes, async (postCode) => {
      const post = input.posts.find((p) => p.positionCode === postCode)!;
      const pick = picks[postCode];
      appointments[postCode] = null;
      const child = await startChild(appointmentWorkflow, {
        workflowId: appointmentWorkflowId(selectionId, postCode),
        args: [
          {
            sop: settings.children.appointment,
            selectionId,
            agencyCode: input.agencyCode,
            postCode,
            postTitle: post.title,
            nip: pick.nip,
            name: candidates.get(pick.nip)!.name,
            pickedBy: SYSTEM_ACTOR,
            duties: kase.dutySnapshot(),
          },
        ],
      });
      return { done: child.result().then((r) => (appointments[postCode] = r)) };
    });
    childStage = null;
  }

  /** Whether the automatic stages are only waiting for a step (nothing of theirs in flight). */
  let stagesWaiting = false;

  /** The stages the system itself carries forward, each entered when the SOP step is reached. */
  async function driveAutomaticStages(): Promise<void> {
    /** Waits for `step`; false once the case has ended, or this run closes (a migration, a long history). */
    const reach = async (step: string) => {
      stagesWaiting = true;
      await condition(() => kase.step.id === step || kase.step.terminal || !!kase.migration || kase.paused);
      stagesWaiting = false;
      return kase.step.id === step && !kase.migration && !kase.paused;
    };
    // A run that continues a selection already ranked goes straight on to the appointment.
    if (data.ranking === null) {
      if (!(await reach('assessment'))) return;
      // The assessments cannot continue as new once started, so a run without room for them does so first.
      const noRoom = assessmentsWithoutRoom();
      if (noRoom && patched(ROOM_FOR_ASSESSMENTS_PATCH)) {
        freshRunFor = noRoom;
        stagesWaiting = true;
        await condition(() => kase.paused || kase.step.terminal || !!kase.migration);
        return;
      }
      await runAssessments();
      await kase.auto('assessments_completed', {
        payload: { results: [...candidates.values()].filter((c) => c.assessment).map((c) => c.assessment) },
      });
      await runCommitteeReview();
      const noQuorum = [...candidates.values()].filter((c) => c.status === 'no_quorum').map((c) => c.nip);
      // Ranked before the step changes, so nobody sees (or signs) the ranking step without its shortlist.
      computeRanking();
      await kase.auto('committee_review_completed', {
        reason: noQuorum.length > 0 ? `no quorum for ${noQuorum.join(', ')}: not ranked` : null,
        payload: { results: [...candidates.values()].filter((c) => c.review).map((c) => c.review), noQuorum },
        ruleVersion: settings.committee.version,
      });
      await kase.note('ranking_computed', {
        payload: { ranking: data.ranking, shortlist: data.shortlists, weights: settings.weights },
        ruleVersion: 'ranking@2026-01-01',
      });
    }
    if (!(await reach('appointment'))) return;
    await runAppointments();
    await kase.auto('appointments_completed', { payload: { appointments } });
    // Close each vacancy this selection filled.
    for (const post of input.posts) {
      const a = appointments[post.positionCode]!;
      try {
        await getExternalWorkflowHandle(post.vacancyId, post.vacancyRunId).signal(vacancyFilledSignal, {
          filledBy: selectionId,
          nip: a.nip,
          name: candidates.get(a.nip)?.name ?? a.nip,
          decreeNumber: a.decreeNumber,
          effectiveDate: a.effectiveDate,
        });
      } catch (err) {
        // The vacancy was closed meanwhile (e.g. by HR): the selection still ends, and says so.
        await kase.note('vacancy_not_notified', {
          reason: `${post.vacancyId}: ${(err as Error).message}`,
          payload: { vacancyId: post.vacancyId },
        });
      }
    }
  }

  /** Why the assessments need a fresh run, when they do (assessmentsWithoutRoom). */
  let freshRunFor: string | null = null;
  /**
   * A long selection (hundreds of candidates) continues as new on the same version before its history
   * nears Temporal's limits: when Temporal suggests it, or at `input.historyLimit` events. Only at a
   * quiet moment: no child workflow, deadline handler, automatic stage or update in flight.
   */
  const historyLong = () => {
    const info = workflowInfo();
    return (
      !!freshRunFor || info.continueAsNewSuggested || (input.historyLimit !== undefined && info.historyLength >= input.historyLimit.events)
    );
  };
  /**
   * Why the assessments' events would not fit under `input.historyLimit` in this run, or null when they
   * do; they always do in a run that began at the assessment step, since a fresh run is all the room.
   */
  function assessmentsWithoutRoom(): string | null {
    if (input.historyLimit === undefined || input.continued?.step === 'assessment') return null;
    const screenedIn = [...candidates.values()].filter((c) => c.status === 'screened_in').length;
    const limit = input.historyLimit.events;
    if (workflowInfo().historyLength + EVENTS_PER_ASSESSMENT * screenedIn < limit) return null;
    return `the assessments of ${screenedIn} candidates (about ${EVENTS_PER_ASSESSMENT} events each) would not fit under the limit of ${limit} events`;
  }
  async function continueWhenLong(): Promise<void> {
    await condition(
      () =>
        kase.step.terminal || !!kase.migration || (historyLong() && kase.quiet && stagesWaiting && !childStage && allHandlersFinished()),
    );
    if (kase.step.terminal || kase.migration || !patched(CONTINUE_ON_LONG_HISTORY_PATCH)) return;
    kase.pauseToContinue(freshRunFor ?? undefined);
  }

  // The opening row; in a run a migration started, the migration (sop_migrated); in a continued run, run_continued.
  await kase.begin(input.openedBy, {
    reason: input.reason,
    evidence: input.evidence,
    // Only a blind selection says so, so the opening row of every other selection stays as it was.
    payload: { posts: input.posts, settings, ...(input.blindScoring ? { blindScoring: true } : {}) },
  });
  await Promise.all([kase.runUntilTerminal(), driveAutomaticStages(), continueWhenLong()]);
  // Updates in flight finish here, so the state carried over holds everything they recorded.
  await condition(allHandlersFinished);
  const next = kase.migration;
  if (next) {
    return continueAsNew<typeof openSelectionWorkflow>({
      ...input,
      sop: { id: next.id, version: next.version },
      resume: next.resume,
      continued: undefined,
      carried: carrySelectionData(data),
    });
  }
  const continuation = kase.continuation;
  if (continuation) {
    return continueAsNew<typeof openSelectionWorkflow>({
      ...input,
      resume: undefined,
      continued: continuation,
      carried: carrySelectionData(data),
    });
  }
  return view();
}
