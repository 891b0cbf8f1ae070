import {
  checkChainFollows,
  checkGovernorProposal,
  checkKeppres,
  checkPresidentApproval,
  presidentialApprovalFor,
  wibDate,
  type SopStep,
} from '@meritflow/domain';
import type { ChainStepRecord, PendingTask, SelectionChainView, SelectionDecisionOf } from '@meritflow/contracts';
import { reference } from '../shared/ledger';
import { refuseIfNot } from '../shared/sop-case';
import { decisionCommon as common, type SelectionContext } from './selection-case';
import type { SelectionDecisionHandler } from './selection-decisions';

/**
 * Senior posts' chains (issue 16 item 1): each outside body's decision on a post, recorded with its
 * document by the secretariat. The rules are in libs/domain/src/selection/decision-chain.ts and
 * presidential-approval.ts.
 */

type ChainPost = SelectionChainView['posts'][string];
type ChainKey =
  'governorProposal' | 'ministerForward' | 'tpaAssessment' | 'keppres' | 'governorApproval' | 'nomination' | 'presidentApproval';
type ChainDecision =
  'governor_propose' | 'minister_forward' | 'tpa_assess' | 'record_keppres' | 'governor_approve' | 'propose_nominees' | 'president_approve';

/** The outside body a step records for (SOP data), and the record every chain decision keeps. */
const bodyOf = (c: SelectionContext) => c.settings.bodies?.[c.kase.step.id] ?? { code: 'UNKNOWN', name: { id: '-', en: '-' } };
const chainRecord = (d: { actor: { id: string } }, c: SelectionContext): ChainStepRecord => ({
  body: bodyOf(c).code,
  by: d.actor.id,
  decidedAt: new Date().toISOString(),
});
const chainOf = (c: SelectionContext, postCode: string): ChainPost => (c.data.chain[postCode] ??= {});
const decidedPosts = (c: SelectionContext, key: ChainKey) => c.postCodes.filter((p) => c.data.chain[p]?.[key]);
/** The names the Keppres chooses from: the governor's (madya) or the proposer's (utama). */
const proposedNominees = (c: SelectionContext, post: string) =>
  c.data.chain[post]?.governorProposal?.nominees ?? c.data.chain[post]?.nomination?.nominees ?? [];

/**
 * Records an outside body's decision on one post with its document, and once every post has it runs
 * `whenAllDone` (by default the step's automatic transition `allDone`).
 */
async function recordChainStep(
  d: SelectionDecisionOf<ChainDecision>,
  c: SelectionContext,
  to: SopStep,
  key: ChainKey,
  record: ChainPost[ChainKey],
  allDone: string,
  payload: Record<string, unknown> = {},
  whenAllDone?: () => Promise<void>,
): Promise<void> {
  (chainOf(c, d.postCode) as Record<string, unknown>)[key] = record;
  await c.kase.transition(d.decision, d.actor, to, {
    ...common(d),
    payload: { postCode: d.postCode, body: bodyOf(c), ...payload },
  });
  if (decidedPosts(c, key).length === c.postCodes.length) {
    if (whenAllDone) await whenAllDone();
    else await c.kase.auto(allDone, { payload: { chain: c.settings.chain, posts: c.data.chain } });
  }
}

/** Three names from the ranked candidates for each post: the governor's (madya) or the utama proposer's. */
const proposal = <K extends 'governor_propose' | 'propose_nominees'>(
  key: 'governorProposal' | 'nomination',
  what: string,
  allDone: string,
): SelectionDecisionHandler<K> => ({
  validate(d, c) {
    refuseIfNot(
      checkGovernorProposal(d, {
        postCodes: c.postCodes,
        decidedPosts: decidedPosts(c, key),
        what,
        ranked: (post) => (c.data.ranking?.[post] ?? []).map((r) => r.nip),
        size: c.settings.shortlistSize,
      }),
    );
  },
  async apply(d, c, to) {
    const decided = d as SelectionDecisionOf<'governor_propose' | 'propose_nominees'>;
    const nominees = [...decided.nominees];
    await recordChainStep(decided, c, to, key, { ...chainRecord(d, c), nominees }, allDone, { nominees });
  },
});

/** A chain step that needs the previous body's decision on the post first. */
const follows = <K extends 'minister_forward' | 'tpa_assess' | 'governor_approve'>(
  key: ChainKey,
  previousDone: (c: SelectionContext, post: string) => boolean,
  what: string,
  allDone: string,
  whenAllDone?: (c: SelectionContext) => Promise<void>,
): SelectionDecisionHandler<K> => ({
  validate(d, c) {
    refuseIfNot(
      checkChainFollows(d, {
        postCodes: c.postCodes,
        decidedPosts: decidedPosts(c, key),
        what,
        step: c.kase.step.id,
        previousDone: (p) => previousDone(c, p),
      }),
    );
  },
  async apply(d, c, to) {
    const done = whenAllDone && c.settings.presidentialApproval ? () => whenAllDone(c) : undefined;
    await recordChainStep(d as SelectionDecisionOf<K>, c, to, key, chainRecord(d, c), allDone, {}, done);
  },
});

/**
 * Once the TPA has assessed every post (chains with the rule): reads each post's incumbent from the
 * register as of today (WIB) and judges whether replacing them needs the President's approval. The
 * ledger row carries each verdict with its facts (incumbent, since when, the window, the rule version).
 */
async function judgePresidentialApproval(c: SelectionContext): Promise<void> {
  const policy = c.settings.presidentialApproval!;
  const asOf = wibDate(new Date());
  for (const post of c.input.posts) {
    const holders = await reference.loadPostHolders({ agencyCode: c.input.agencyCode, postCode: post.positionCode, asOf });
    chainOf(c, post.positionCode).presidentialApprovalCheck = presidentialApprovalFor(post, holders, asOf, policy);
  }
  const verdicts = c.postCodes.map((p) => c.data.chain[p]!.presidentialApprovalCheck!);
  const required = verdicts.filter((v) => v.required).map((v) => v.postCode);
  await c.kase.auto(required.length > 0 ? 'president_approval_required' : 'tpa_assessed', {
    reason: required.length > 0 ? `the President's approval is needed to replace the holder of ${required.join(', ')}` : null,
    payload: { chain: c.settings.chain, posts: c.data.chain, presidentialApproval: verdicts },
    ruleVersion: policy.version,
  });
}

const presidentNeeded = (c: SelectionContext, post: string) => !!c.data.chain[post]?.presidentialApprovalCheck?.required;

const presidentApprove: SelectionDecisionHandler<'president_approve'> = {
  validate(d, c) {
    refuseIfNot(
      checkPresidentApproval(d, {
        postCodes: c.postCodes,
        required: (p) => presidentNeeded(c, p),
        approved: (p) => !!c.data.chain[p]?.presidentApproval,
      }),
    );
  },
  async apply(d, c, to) {
    chainOf(c, d.postCode).presidentApproval = chainRecord(d, c);
    await c.kase.transition(d.decision, d.actor, to, {
      ...common(d),
      payload: { postCode: d.postCode, body: bodyOf(c), check: c.data.chain[d.postCode]!.presidentialApprovalCheck },
    });
    if (c.postCodes.every((p) => !presidentNeeded(c, p) || c.data.chain[p]?.presidentApproval)) {
      await c.kase.auto('president_approved', { payload: { chain: c.settings.chain, posts: c.data.chain } });
    }
  },
};

const recordKeppres: SelectionDecisionHandler<'record_keppres'> = {
  validate(d, c) {
    refuseIfNot(
      checkKeppres(d, {
        postCodes: c.postCodes,
        decidedPosts: decidedPosts(c, 'keppres'),
        what: 'the Keppres',
        proposed: (post) => proposedNominees(c, post),
        ...(c.settings.chain === 'utama' ? { proposer: c.settings.bodies?.nomination?.name } : {}),
      }),
    );
  },
  async apply(d, c, to) {
    const chosen = c.data.ranking![d.postCode].find((r) => r.nip === d.nip)!;
    // The Keppres is the pick of a madya post: the appointment that follows is the one every chain runs.
    c.data.picks[d.postCode] = { nip: chosen.nip, rank: chosen.rank, justification: d.reason ?? null };
    await recordChainStep(d, c, to, 'keppres', { ...chainRecord(d, c), nip: d.nip, decreeNumber: d.decreeNumber }, 'all_posts_picked', {
      nip: d.nip,
      rank: chosen.rank,
      decreeNumber: d.decreeNumber,
    });
  },
};

/** The TPA assesses what the Minister forwarded (madya) or what the proposer proposed (utama). */
const tpaPreviousDone = (c: SelectionContext, p: string) =>
  c.settings.chain === 'utama' ? !!c.data.chain[p]?.nomination : !!c.data.chain[p]?.ministerForward;

export const CHAIN_DECISION_HANDLERS: { readonly [K in ChainDecision]: SelectionDecisionHandler<K> } = {
  governor_propose: proposal('governorProposal', "the governor's proposal", 'governor_proposals_received'),
  minister_forward: follows('ministerForward', (c, p) => !!c.data.chain[p]?.governorProposal, 'minister_forward', 'minister_forwarded'),
  tpa_assess: follows('tpaAssessment', tpaPreviousDone, 'tpa_assess', 'tpa_assessed', judgePresidentialApproval),
  record_keppres: recordKeppres,
  governor_approve: follows('governorApproval', (c, p) => !!c.data.picks[p], 'governor_approve', 'governor_approved'),
  propose_nominees: proposal('nomination', "the proposer's nominees", 'nominations_received'),
  president_approve: presidentApprove,
};

/** Each outside body's step and the chain record its task fills, for the pending tasks. */
const CHAIN_TASKS: Readonly<Record<string, { decision: ChainDecision; key: ChainKey }>> = {
  governor_proposal: { decision: 'governor_propose', key: 'governorProposal' },
  minister_review: { decision: 'minister_forward', key: 'ministerForward' },
  tpa_assessment: { decision: 'tpa_assess', key: 'tpaAssessment' },
  presidential_decree: { decision: 'record_keppres', key: 'keppres' },
  governor_approval: { decision: 'governor_approve', key: 'governorApproval' },
  nomination: { decision: 'propose_nominees', key: 'nomination' },
  president_approval: { decision: 'president_approve', key: 'presidentApproval' },
};

/**
 * An outside body's step: the secretariat records the body's decision for each post still open (the
 * President's approval only where the replacement needs it); null at any other step.
 */
export function chainPendingTasks(c: SelectionContext, base: { workflowId: string; dueAt?: string }): PendingTask[] | null {
  const task = CHAIN_TASKS[c.kase.step.id];
  if (!task) return null;
  return c.postCodes
    .filter((p) => !c.data.chain[p]?.[task.key] && (task.key !== 'presidentApproval' || presidentNeeded(c, p)))
    .map((p) => ({ ...base, role: 'hr_officer', decision: task.decision, subject: p }));
}
