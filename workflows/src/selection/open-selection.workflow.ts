import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import {
  ELIGIBILITY_POLICY_2026,
  evaluateDecision,
  getOpenSelectionSop,
  rankCandidates,
  shortlist,
  SYSTEM_ACTOR,
  validateCommittee,
  type CommitteeMember,
  type FieldIssue,
  type RankedCandidate,
  type SopDuration,
} from '@meritflow/domain';
import {
  appointmentWorkflowId,
  assessmentWorkflowId,
  committeeReviewWorkflowId,
  SELECTION_CASE_TYPE,
  selectionDecideUpdate,
  selectionStateQuery,
  type AppointmentResult,
  type CandidateView,
  type PendingTask,
  type SelectionDecisionInput,
  type SelectionState,
  type SelectionWorkflowInput,
  vacancyFilledSignal,
  candidateNipOf,
} from '@meritflow/contracts';
import { ledger } from '../shared/ledger';
import { refuse, refuseIfNot, refuseUnless, SopCase } from '../shared/sop-case';
import { checkNominatorNotNominated, evaluateCommitteeSeat } from '@meritflow/domain';
import { appointmentWorkflow } from './appointment.workflow';
import { checkRegistration, resolveCandidates } from './register-candidates';
import { assessmentWorkflow } from './assessment.workflow';
import { committeeReviewWorkflow } from './committee-review.workflow';

const MAX_CANDIDATES_PER_REQUEST = 100;
const POLICIES = { [ELIGIBILITY_POLICY_2026.version]: ELIGIBILITY_POLICY_2026 };

const field = (name: string, rule: string, id: string, en: string): FieldIssue => ({ field: name, rule, message: { id, en } });

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

  let committee: CommitteeMember[] = [];
  const candidates = new Map<string, CandidateView>();
  let extensions = 0;
  let ranking: Record<string, RankedCandidate[]> | null = null;
  let shortlists: Record<string, RankedCandidate[]> | null = null;
  const recommendations: SelectionState['recommendations'] = {};
  const picks: SelectionState['picks'] = {};
  const appointments: Record<string, AppointmentResult | null> = {};

  const eligibleCount = (postCode: string) =>
    [...candidates.values()].filter((c) => c.postCode === postCode && c.status !== 'ineligible').length;

  const kase = new SopCase(
    sop,
    SELECTION_CASE_TYPE,
    () => ({
      agencyCode: input.agencyCode,
      businessKey: input.selectionCode,
      title: input.title,
      details: { posts: postCodes, candidates: candidates.size, extensions },
    }),
    ledger,
    { registration: closeRegistration },
  );

  /** The registration window closed: enough applicants, an extension, or the PPK must decide. */
  async function closeRegistration(dueAt: string): Promise<SopDuration | void> {
    const counts = Object.fromEntries(postCodes.map((p) => [p, eligibleCount(p)]));
    const thin = postCodes.filter((p) => counts[p] < settings.minApplicantsPerPost);
    const payload = { dueAt, eligibleApplicants: counts, minimum: settings.minApplicantsPerPost, extensions };
    if (thin.length === 0) {
      await kase.auto('registration_closed', { reason: 'every post has enough eligible applicants', payload });
      return;
    }
    const reason = `fewer than ${settings.minApplicantsPerPost} eligible applicants for ${thin.join(', ')}`;
    if (extensions < settings.maxExtensions) {
      extensions++;
      await kase.auto('registration_extended', { reason, payload: { ...payload, extensions, extendedBy: settings.registrationExtension } });
      return settings.registrationExtension;
    }
    await kase.auto('low_applicants_escalated', { reason: `${reason} after ${extensions} extensions`, payload });
  }

  const pendingTasks = (): PendingTask[] => {
    const due = kase.deadline?.dueAt;
    const base = { workflowId: selectionId, ...(due ? { dueAt: due } : {}) };
    const chair = committee.find((m) => m.isChair)?.id;
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
    committee,
    extensions,
    candidates: [...candidates.values()],
    ranking,
    shortlist: shortlists,
    recommendations,
    picks,
    appointments,
    pendingTasks: pendingTasks(),
  });

  const validate = (d: SelectionDecisionInput) => {
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    refuseIfNot(evaluateCommitteeSeat(committee, d.actor, selectionId));
    switch (d.decision) {
      case 'form_committee': {
        const issues = validateCommittee(d.members ?? [], settings.committee);
        if (issues.length > 0) refuse('VALIDATION_FAILED', { fields: issues });
        // The PPK who forms it and the initiator cannot sit on it (separation of duties).
        for (const m of d.members ?? []) kase.assertNominee(m.id, 'committee');
        refuseIfNot(
          checkNominatorNotNominated(
            d.actor,
            (d.members ?? []).map((m) => m.id),
            'committee',
          ),
        );
        break;
      }
      case 'register_candidates': {
        const list = d.candidates ?? [];
        const fields: FieldIssue[] = [];
        const sod: FieldIssue[] = [];
        const sodHolds = new Set<string>();
        if (list.length === 0 || list.length > MAX_CANDIDATES_PER_REQUEST) {
          fields.push(
            field(
              'candidates',
              'size',
              `kirim 1–${MAX_CANDIDATES_PER_REQUEST} calon per permintaan`,
              `send 1–${MAX_CANDIDATES_PER_REQUEST} candidates per request`,
            ),
          );
        }
        if (candidates.size + list.length > settings.maxCandidates) {
          fields.push(
            field(
              'candidates',
              'maxCandidates',
              `batas ${settings.maxCandidates} calon per seleksi`,
              `at most ${settings.maxCandidates} candidates per selection`,
            ),
          );
        }
        list.forEach((c, i) => {
          if (!postCodes.includes(c.postCode)) {
            fields.push(
              field(
                `candidates.${i}.postCode`,
                'post',
                `jabatan ${c.postCode} tidak ada dalam seleksi ini`,
                `post ${c.postCode} is not part of this selection`,
              ),
            );
          }
          fields.push(...checkRegistration(c, i));
          const nip = candidateNipOf(c);
          const at = c.profile && !c.nip ? `candidates.${i}.profile.nip` : `candidates.${i}.nip`;
          if (candidates.has(nip) || list.findIndex((x) => candidateNipOf(x) === nip) !== i) {
            fields.push(field(at, 'unique', 'calon dengan NIP ini sudah terdaftar', 'a candidate with this NIP is already registered'));
          }
          if (committee.some((m) => m.id === nip)) {
            sod.push(
              field(at, 'separationOfDuties', 'anggota pansel tidak boleh menjadi calon', 'a committee member cannot be a candidate'),
            );
            sodHolds.add('committee');
          } else if (!kase.nomineeAllowed(nip, 'candidate')) {
            sod.push(
              field(
                at,
                'separationOfDuties',
                'pemrakarsa atau PPK seleksi ini tidak boleh menjadi calon',
                'the initiator or the PPK of this selection cannot be a candidate',
              ),
            );
            sodHolds.add('initiator/ppk');
          }
        });
        // Separation of duties is one refusal everywhere (403), whatever else the request got wrong.
        if (sod.length > 0) {
          refuse('SEPARATION_OF_DUTIES', {
            actorId: sod.map((f) => candidateNipOf(list[Number(f.field.split('.')[1])])).join(', '),
            holds: [...sodHolds],
            duty: 'candidate',
            rule: 'distinct_people',
            fields: sod,
          });
        }
        if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
        break;
      }
      case 'screen_candidate': {
        const c = candidates.get(d.nip ?? '');
        if (!c) refuse('VALIDATION_FAILED', { fields: [field('nip', 'candidate', 'bukan calon terdaftar', 'not a registered candidate')] });
        if (c.status !== 'registered') refuse('ALREADY_DECIDED', { what: `screening of ${c.nip} (${c.status})` });
        if (typeof d.passed !== 'boolean')
          refuse('VALIDATION_FAILED', { fields: [field('passed', 'required', 'wajib diisi true/false', 'required: true or false')] });
        if (d.passed && !(typeof d.administrativeScore === 'number' && d.administrativeScore >= 0 && d.administrativeScore <= 100)) {
          refuse('VALIDATION_FAILED', {
            fields: [
              field(
                'administrativeScore',
                'score',
                'nilai administrasi 0–100 wajib bagi yang lulus',
                'an administrative score 0–100 is required for a pass',
              ),
            ],
          });
        }
        // An assessor is no candidate of this selection, nor its initiator, committee member or PPK.
        for (const id of d.assessorIds ?? []) kase.assertAssessor(id);
        break;
      }
      case 'close_screening': {
        const open = [...candidates.values()].filter((c) => c.status === 'registered').map((c) => c.nip);
        if (open.length > 0)
          refuse('DECISION_NOT_ALLOWED', {
            step: kase.step.id,
            decision: d.decision,
            allowed: open.map((n) => `screen_candidate ${n} (hr_officer)`),
          });
        if (![...candidates.values()].some((c) => c.status === 'screened_in')) {
          refuse('DECISION_NOT_ALLOWED', { step: kase.step.id, decision: d.decision, allowed: ['cancel_selection (ppk)'] });
        }
        break;
      }
      case 'sign_ranking':
        if (!shortlists) refuse('DECISION_NOT_ALLOWED', { step: kase.step.id, decision: d.decision, allowed: [] });
        break;
      case 'recommend': {
        const post = d.postCode ?? '';
        if (!postCodes.includes(post))
          refuse('VALIDATION_FAILED', {
            fields: [field('postCode', 'post', 'jabatan tidak ada dalam seleksi ini', 'post not in this selection')],
          });
        if (recommendations[post]) refuse('ALREADY_DECIDED', { what: `recommendation for ${post}` });
        const allowed = (shortlists?.[post] ?? []).map((c) => c.nip);
        const outside = (d.recommended ?? []).filter((n) => !allowed.includes(n));
        if ((d.recommended ?? []).length === 0 || outside.length > 0) {
          refuse('VALIDATION_FAILED', {
            fields: [
              field(
                'recommended',
                'shortlist',
                `pilih dari tiga besar: ${allowed.join(', ')}`,
                `choose from the shortlist: ${allowed.join(', ')}`,
              ),
            ],
          });
        }
        break;
      }
      case 'pick': {
        const post = d.postCode ?? '';
        if (!postCodes.includes(post))
          refuse('VALIDATION_FAILED', {
            fields: [field('postCode', 'post', 'jabatan tidak ada dalam seleksi ini', 'post not in this selection')],
          });
        if (picks[post]) refuse('ALREADY_DECIDED', { what: `the pick for ${post}` });
        const list = shortlists?.[post] ?? [];
        const chosen = list.find((c) => c.nip === d.nip);
        if (!chosen) {
          refuse('VALIDATION_FAILED', {
            fields: [
              field(
                'nip',
                'shortlist',
                `PPK memilih satu dari: ${list.map((c) => c.nip).join(', ')}`,
                `the PPK picks one of: ${list.map((c) => c.nip).join(', ')}`,
              ),
            ],
          });
        }
        // The PPK is not bound to the ranking (PP 11/2017 Pasal 127), but must say why when departing from it.
        if (chosen.rank !== 1 && !(d.reason && d.reason.trim().length > 0)) {
          refuse('DECISION_INCOMPLETE', { decision: 'pick', step: kase.step.id, missing: ['reason'], rank: chosen.rank });
        }
        break;
      }
    }
    return verdict;
  };

  const common = (d: SelectionDecisionInput) => ({ reason: d.reason ?? null, evidence: d.evidence ?? [] });

  setHandler(selectionStateQuery, view);
  setHandler(
    selectionDecideUpdate,
    async (d) => {
      const verdict = validate(d);
      switch (d.decision) {
        case 'form_committee':
          committee = d.members!;
          for (const m of committee) kase.assign(m.id, 'committee');
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common(d),
            payload: { members: committee },
            ruleVersion: settings.committee.version,
          });
          break;
        case 'register_candidates': {
          const { resolved, policy: used } = await resolveCandidates(input.agencyCode, d.candidates!, input.posts, policy, new Date());
          const registered = resolved.map((r) => {
            // The state query carries only what a reader acts on; every check goes to the ledger below.
            const eligibility = { eligible: r.verdict.eligible, ruleVersion: r.verdict.ruleVersion, reasons: r.verdict.reasons };
            const view: CandidateView = {
              nip: r.nip,
              name: r.name,
              postCode: r.postCode,
              registrationOrder: candidates.size + 1,
              status: eligibility.eligible ? 'registered' : 'ineligible',
              eligibility,
              screening: null,
              assessment: null,
              review: null,
            };
            candidates.set(view.nip, view);
            kase.assign(view.nip, 'candidate');
            return { view, record: r.record };
          });
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common(d),
            payload: { candidates: registered.map((r) => r.record) },
            ruleVersion: used.version,
          });
          for (const { view: c } of registered.filter((r) => !r.view.eligibility.eligible)) {
            await kase.note('screened_out_ineligible', {
              reason: c.eligibility.reasons.map((r) => r.message.en).join('; '),
              payload: { nip: c.nip, postCode: c.postCode, reasons: c.eligibility.reasons },
              ruleVersion: c.eligibility.ruleVersion,
            });
          }
          break;
        }
        case 'screen_candidate': {
          const c = candidates.get(d.nip!)!;
          c.status = d.passed ? 'screened_in' : 'screened_out';
          c.screening = {
            passed: d.passed!,
            reason: d.reason!,
            administrativeScore: d.passed ? d.administrativeScore! : null,
            ...(d.passed && d.assessorIds?.length ? { assessorIds: [...new Set(d.assessorIds)] } : {}),
          };
          await kase.transition(d.decision, d.actor, verdict.to, { ...common(d), payload: { nip: c.nip, ...c.screening } });
          break;
        }
        case 'recommend':
          recommendations[d.postCode!] = { recommended: d.recommended!, by: d.actor.id };
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common(d),
            payload: { postCode: d.postCode, recommended: d.recommended, overseer: settings.overseer },
          });
          if (postCodes.every((p) => recommendations[p])) await kase.auto('recommendations_received', { payload: { recommendations } });
          break;
        case 'pick': {
          const chosen = shortlists![d.postCode!].find((c) => c.nip === d.nip)!;
          picks[d.postCode!] = { nip: chosen.nip, rank: chosen.rank, justification: d.reason ?? null };
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common(d),
            payload: { postCode: d.postCode, nip: chosen.nip, rank: chosen.rank, total: chosen.total },
          });
          if (postCodes.every((p) => picks[p])) await kase.auto('all_posts_picked', { payload: { picks } });
          break;
        }
        case 'sign_ranking':
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common(d),
            payload: { shortlist: shortlists },
            ruleVersion: `weights:${JSON.stringify(settings.weights)}`,
          });
          break;
        default:
          await kase.transition(d.decision, d.actor, verdict.to, { ...common(d), payload: {} });
      }
      return kase.ack();
    },
    { validator: (d) => void validate(d) },
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
    await inWindows(screenedIn, async (c) => {
      const post = input.posts.find((p) => p.positionCode === c.postCode)!;
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
            assessorIds: c.screening?.assessorIds ?? [],
            duties: kase.dutySnapshot(),
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
  }

  async function runCommitteeReview(): Promise<void> {
    const assessed = [...candidates.values()].filter((c) => c.status === 'assessed');
    const results = await (
      await startChild(committeeReviewWorkflow, {
        workflowId: committeeReviewWorkflowId(selectionId),
        args: [
          {
            sop: settings.children.committeeReview,
            selectionId,
            agencyCode: input.agencyCode,
            members: committee,
            candidates: assessed.map((c) => ({ nip: c.nip, name: c.name, postCode: c.postCode })),
            committeeSettings: settings.committee,
            duties: kase.dutySnapshot(),
          },
        ],
      })
    ).result();
    for (const r of results) {
      const c = candidates.get(r.nip)!;
      c.review = r;
      c.status = r.quorumMet ? 'scored' : 'no_quorum';
    }
  }

  function computeRanking(): void {
    const entries = [...candidates.values()]
      .filter((c) => c.status === 'scored')
      .map((c) => ({
        nip: c.nip,
        postCode: c.postCode,
        registrationOrder: c.registrationOrder,
        components: {
          administrative: c.screening!.administrativeScore!,
          assessment: Math.min(100, c.assessment!.jpmPercent),
          paper: c.review!.paper!,
          interview: c.review!.interview!,
        },
      }));
    ranking = rankCandidates(entries, settings.weights);
    shortlists = Object.fromEntries(postCodes.map((p) => [p, shortlist(ranking![p] ?? [], settings.shortlistSize)]));
    for (const list of Object.values(ranking)) for (const r of list) candidates.get(r.nip)!.status = 'ranked';
  }

  async function runAppointments(): Promise<void> {
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
  }

  /** The stages the system itself carries forward, each entered when the SOP step is reached. */
  async function driveAutomaticStages(): Promise<void> {
    const reach = async (step: string) => {
      await condition(() => kase.step.id === step || kase.step.terminal);
      return kase.step.id === step;
    };
    if (!(await reach('assessment'))) return;
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
      payload: { ranking, shortlist: shortlists, weights: settings.weights },
      ruleVersion: 'ranking@2026-01-01',
    });
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

  await kase.start(input.openedBy, {
    reason: input.reason,
    evidence: input.evidence,
    payload: { posts: input.posts, settings },
  });
  await Promise.all([kase.runUntilTerminal(), driveAutomaticStages()]);
  await condition(allHandlersFinished);
  return view();
}
