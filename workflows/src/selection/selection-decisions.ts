import {
  checkResign,
  candidateCode,
  checkCloseScreening,
  checkNominatorNotNominated,
  checkPick,
  checkRecommendation,
  checkRegistrationBatch,
  checkScreening,
  checkSignRanking,
  evaluateCommitteeSeat,
  evaluateDecision,
  validateCommittee,
  type CandidateCode,
  type SopStep,
} from '@meritflow/domain';
import {
  candidateNipOf,
  type CandidateView,
  type SelectionDecisionInput,
  type SelectionDecisionKind,
  type SelectionDecisionOf,
  type SelectionDecisionRequestOf,
} from '@meritflow/contracts';
import { refuse, refuseIfNot, refuseUnless } from '../shared/sop-case';
import { checkRegistration, resolveCandidates } from './register-candidates';
import { decisionCommon as common, type SelectionContext } from './selection-case';
import { answerObjection, fileObjection, publishedResults, rescoreCandidate } from './objection-decisions';
import { CHAIN_DECISION_HANDLERS } from './chain-decisions';

/**
 * One decision on the selection: `validate` refuses what the case cannot take (it runs in the update's
 * validator, before anything is recorded); `apply` changes the case and records the decision.
 */
export interface SelectionDecisionHandler<K extends SelectionDecisionKind> {
  validate(d: SelectionDecisionRequestOf<K>, c: SelectionContext): asserts d is SelectionDecisionRequestOf<K> & SelectionDecisionOf<K>;
  apply(d: SelectionDecisionOf<K>, c: SelectionContext, to: SopStep): Promise<void>;
}

/** A decision that only moves the case as the SOP says, with the reason and evidence given. */
const plain = <K extends SelectionDecisionKind>(): SelectionDecisionHandler<K> => ({
  validate() {},
  async apply(d, c, to) {
    await c.kase.transition(d.decision, d.actor, to, { ...common(d), payload: {} });
  },
});

const formCommittee: SelectionDecisionHandler<'form_committee'> = {
  validate(d, c) {
    const members = d.members ?? [];
    const issues = validateCommittee(members, c.settings.committee);
    if (issues.length > 0) refuse('VALIDATION_FAILED', { fields: issues });
    // The PPK who forms it and the initiator cannot sit on it (separation of duties).
    for (const m of members) c.kase.assertNominee(m.id, 'committee');
    refuseIfNot(
      checkNominatorNotNominated(
        d.actor,
        members.map((m) => m.id),
        'committee',
      ),
    );
  },
  async apply(d, c, to) {
    c.data.committee = d.members;
    for (const m of c.data.committee) c.kase.assign(m.id, 'committee');
    await c.kase.transition(d.decision, d.actor, to, {
      ...common(d),
      payload: { members: c.data.committee },
      ruleVersion: c.settings.committee.version,
    });
  },
};

const registerCandidates: SelectionDecisionHandler<'register_candidates'> = {
  validate(d, c) {
    const list = d.candidates ?? [];
    const entries = list.map((r, i) => ({
      postCode: r.postCode,
      nip: candidateNipOf(r),
      nipField: r.profile && !r.nip ? `candidates.${i}.profile.nip` : `candidates.${i}.nip`,
      issues: checkRegistration(r, i),
    }));
    refuseIfNot(
      checkRegistrationBatch(entries, {
        postCodes: c.postCodes,
        registered: new Set(c.data.candidates.keys()),
        committeeIds: c.data.committee.map((m) => m.id),
        maxCandidates: c.settings.maxCandidates,
        mayBeCandidate: (nip) => c.kase.nomineeAllowed(nip, 'candidate'),
      }),
    );
  },
  async apply(d, c, to) {
    const { candidates } = c.data;
    const { resolved, policy: used } = await resolveCandidates(c.input.agencyCode, d.candidates, c.input.posts, c.policy, new Date());
    const registered = resolved.map((r) => {
      // The state query carries only what a reader acts on; every check goes to the ledger below.
      const eligibility = { eligible: r.verdict.eligible, ruleVersion: r.verdict.ruleVersion, reasons: r.verdict.reasons };
      const view: CandidateView = {
        nip: r.nip,
        name: r.name,
        postCode: r.postCode,
        registrationOrder: candidates.size + 1,
        ...(c.input.blindScoring ? { code: candidateCode(candidates.size + 1) } : {}),
        status: eligibility.eligible ? 'registered' : 'ineligible',
        eligibility,
        screening: null,
        assessment: null,
        review: null,
      };
      candidates.set(view.nip, view);
      c.kase.assign(view.nip, 'candidate');
      return { view, record: r.record };
    });
    await c.kase.transition(d.decision, d.actor, to, {
      ...common(d),
      payload: { candidates: registered.map((r) => r.record) },
      ruleVersion: used.version,
    });
    for (const { view: v } of registered.filter((r) => !r.view.eligibility.eligible)) {
      await c.kase.note('screened_out_ineligible', {
        reason: v.eligibility.reasons.map((r) => r.message.en).join('; '),
        payload: { nip: v.nip, postCode: v.postCode, reasons: v.eligibility.reasons },
        ruleVersion: v.eligibility.ruleVersion,
      });
    }
  },
};

const screenCandidate: SelectionDecisionHandler<'screen_candidate'> = {
  validate(d, c) {
    refuseIfNot(checkScreening(c.data.candidates.get(d.nip ?? ''), d));
    // An assessor is no candidate of this selection, nor its initiator, committee member or PPK.
    for (const id of d.assessorIds ?? []) c.kase.assertAssessor(id);
  },
  async apply(d, c, to) {
    const candidate = c.data.candidates.get(d.nip)!;
    candidate.status = d.passed ? 'screened_in' : 'screened_out';
    candidate.screening = {
      passed: d.passed,
      reason: d.reason!,
      administrativeScore: d.passed ? d.administrativeScore! : null,
      ...(d.passed && d.assessorIds?.length ? { assessorIds: [...new Set(d.assessorIds)] } : {}),
    };
    await c.kase.transition(d.decision, d.actor, to, { ...common(d), payload: { nip: candidate.nip, ...candidate.screening } });
  },
};

const closeScreening: SelectionDecisionHandler<'close_screening'> = {
  validate(d, c) {
    refuseIfNot(checkCloseScreening([...c.data.candidates.values()], c.kase.step.id, d.decision));
  },
  apply: plain<'close_screening'>().apply,
};

const signRanking: SelectionDecisionHandler<'sign_ranking'> = {
  validate(d, c) {
    refuseIfNot(checkSignRanking(!!c.data.shortlists, c.kase.step.id, d.decision));
    if (c.kase.step.id === 'rescoring') refuseIfNot(checkResign(c.data.objections, c.data.rescored ?? []));
  },
  async apply(d, c, to) {
    const resigned = c.kase.step.id === 'rescoring';
    // A blind selection reveals its names here: the row carries the code → candidate mapping.
    const reveal = c.input.blindScoring ? { blindScoring: { revealed: blindCodebook(c) } } : {};
    await c.kase.transition(d.decision, d.actor, to, {
      ...common(d),
      payload: { shortlist: c.data.shortlists, ...reveal },
      ruleVersion: `weights:${JSON.stringify(c.settings.weights)}`,
    });
    if (c.input.blindScoring) c.data.blindRevealed = true;
    // SOP 1.1.0 on: the results go to the candidates with their score breakdown, and the objection window opens.
    // Re-signed after rescoring: the candidates read the new ranking (no second window).
    if (to.id === 'objection_window' || resigned) {
      await c.kase.note('results_published', {
        payload: { results: publishedResults(c), objectionWindow: resigned ? null : (c.settings.objectionWindow ?? null), resigned },
        ruleVersion: `weights:${JSON.stringify(c.settings.weights)}`,
      });
      c.data.resultsPublished = true;
    }
  },
};

const recommend: SelectionDecisionHandler<'recommend'> = {
  validate(d, c) {
    refuseIfNot(
      checkRecommendation(d, {
        postCodes: c.postCodes,
        recommendedPosts: Object.keys(c.data.recommendations),
        shortlistNips: (post) => (c.data.shortlists?.[post] ?? []).map((r) => r.nip),
      }),
    );
  },
  async apply(d, c, to) {
    const { recommendations } = c.data;
    recommendations[d.postCode] = { recommended: d.recommended, by: d.actor.id };
    await c.kase.transition(d.decision, d.actor, to, {
      ...common(d),
      payload: { postCode: d.postCode, recommended: d.recommended, overseer: c.settings.overseer },
    });
    if (c.postCodes.every((p) => recommendations[p])) await c.kase.auto('recommendations_received', { payload: { recommendations } });
  },
};

const pick: SelectionDecisionHandler<'pick'> = {
  validate(d, c) {
    refuseIfNot(
      checkPick(d, {
        postCodes: c.postCodes,
        pickedPosts: Object.keys(c.data.picks),
        shortlist: (post) => c.data.shortlists?.[post] ?? [],
        step: c.kase.step.id,
      }),
    );
  },
  async apply(d, c, to) {
    const { picks } = c.data;
    const chosen = c.data.shortlists![d.postCode].find((r) => r.nip === d.nip)!;
    picks[d.postCode] = { nip: chosen.nip, rank: chosen.rank, justification: d.reason ?? null };
    await c.kase.transition(d.decision, d.actor, to, {
      ...common(d),
      payload: { postCode: d.postCode, nip: chosen.nip, rank: chosen.rank, total: chosen.total },
    });
    if (c.postCodes.every((p) => picks[p])) await c.kase.auto('all_posts_picked', { payload: { picks } });
  },
};

/** A blind selection's codes, in registration order, with the candidate each names. */
export const blindCodebook = (c: Pick<SelectionContext, 'data'>): CandidateCode[] =>
  [...c.data.candidates.values()].filter((v) => v.code).map((v) => ({ code: v.code!, nip: v.nip, name: v.name }));

/** Every decision of the selection and its handler; a decision without one does not compile. */
export const SELECTION_DECISION_HANDLERS: { readonly [K in SelectionDecisionKind]: SelectionDecisionHandler<K> } = {
  form_committee: formCommittee,
  announce: plain(),
  register_candidates: registerCandidates,
  proceed: plain(),
  cancel_selection: plain(),
  screen_candidate: screenCandidate,
  close_screening: closeScreening,
  sign_ranking: signRanking,
  recommend,
  proceed_without_recommendation: plain(),
  pick,
  // Senior posts' chains: each outside body's decision (chain-decisions.ts).
  ...CHAIN_DECISION_HANDLERS,
  file_objection: fileObjection,
  answer_objection: answerObjection,
  rescore_candidate: rescoreCandidate,
};

/**
 * Validates a decision as the SOP and the committee seat say, then as its own handler says, and answers
 * with how to apply it. Throws the refusal otherwise; no state changes until `apply` is called.
 */
export function acceptSelectionDecision(d: SelectionDecisionInput, c: SelectionContext): () => Promise<void> {
  const verdict = evaluateDecision(c.kase.sop, c.kase.step.id, d);
  refuseUnless(verdict);
  c.kase.assertDuties(d.actor);
  refuseIfNot(evaluateCommitteeSeat(c.data.committee, d.actor, c.selectionId));
  // The SOP offers only registered decisions (a spec checks it), so the lookup always finds one.
  const handler: SelectionDecisionHandler<typeof d.decision> = SELECTION_DECISION_HANDLERS[d.decision] as SelectionDecisionHandler<
    typeof d.decision
  >;
  handler.validate(d, c);
  return () => handler.apply(d as SelectionDecisionOf<typeof d.decision>, c, verdict.to);
}
