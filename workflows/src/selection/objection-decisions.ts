import {
  checkAnswerObjection,
  checkFileObjection,
  checkRescore,
  objectionsSettled,
  rankCandidates,
  shortlist,
  upheldNips,
} from '@meritflow/domain';
import { refuseIfNot } from '../shared/sop-case';
import { decisionCommon as common, type SelectionContext } from './selection-case';
import type { SelectionDecisionHandler } from './selection-decisions';

/**
 * The objection stage of an open selection (SOP 1.1.0 on, issue 16 item 2): the published results, a
 * candidate's objection, the chair's answer, and the rescoring an upheld objection reopens. The rules
 * are in libs/domain/src/selection/objection.ts.
 */

/** Ranks the scored candidates by the pinned weights and cuts each post's shortlist (after review, and after rescoring). */
export function rankScored(c: Pick<SelectionContext, 'data' | 'settings' | 'postCodes'>): void {
  const { candidates } = c.data;
  const entries = [...candidates.values()]
    .filter((v) => v.status === 'scored' || v.status === 'ranked')
    .map((v) => ({
      nip: v.nip,
      postCode: v.postCode,
      registrationOrder: v.registrationOrder,
      components: {
        administrative: v.screening!.administrativeScore!,
        assessment: Math.min(100, v.assessment!.jpmPercent),
        paper: v.review!.paper!,
        interview: v.review!.interview!,
      },
    }));
  c.data.ranking = rankCandidates(entries, c.settings.weights);
  c.data.shortlists = Object.fromEntries(c.postCodes.map((p) => [p, shortlist(c.data.ranking![p] ?? [], c.settings.shortlistSize)]));
  for (const list of Object.values(c.data.ranking)) for (const r of list) candidates.get(r.nip)!.status = 'ranked';
}

/** Each scored candidate's published result: rank and total where ranked, and the score breakdown. */
export function publishedResults(c: Pick<SelectionContext, 'data'>) {
  const ranked = new Map(
    Object.values(c.data.ranking ?? {})
      .flat()
      .map((r) => [r.nip, r]),
  );
  return [...c.data.candidates.values()]
    .filter((v) => v.status === 'ranked' || v.status === 'no_quorum')
    .map((v) => {
      const r = ranked.get(v.nip);
      return {
        nip: v.nip,
        postCode: v.postCode,
        status: v.status,
        rank: r?.rank ?? null,
        total: r?.total ?? null,
        components: r?.components ?? null,
        shortlisted: (c.data.shortlists?.[v.postCode] ?? []).some((s) => s.nip === v.nip),
      };
    });
}

export const fileObjection: SelectionDecisionHandler<'file_objection'> = {
  validate(d, c) {
    refuseIfNot(
      checkFileObjection(d.actor.id, {
        selectionId: c.selectionId,
        candidate: c.data.candidates.get(d.actor.id),
        objections: c.data.objections,
      }),
    );
  },
  async apply(d, c, to) {
    c.data.objections.push({ nip: d.actor.id, filedAt: new Date().toISOString(), reason: d.reason!, answer: null });
    await c.kase.transition(d.decision, d.actor, to, { ...common(d), payload: { nip: d.actor.id } });
  },
};

export const answerObjection: SelectionDecisionHandler<'answer_objection'> = {
  validate(d, c) {
    refuseIfNot(checkAnswerObjection(d, c.data.objections));
  },
  async apply(d, c, to) {
    const o = c.data.objections.find((x) => x.nip === d.nip)!;
    o.answer = { upheld: d.upheld, reason: d.reason!, by: d.actor.id, answeredAt: new Date().toISOString() };
    await c.kase.transition(d.decision, d.actor, to, { ...common(d), payload: { nip: d.nip, upheld: d.upheld } });
    await settleObjections(c);
  },
};

/**
 * Once the window has closed and every objection is answered, the shortlist goes on; an upheld
 * objection first reopens the scoring of the candidates it concerns.
 */
export async function settleObjections(c: SelectionContext): Promise<void> {
  if (c.kase.step.id !== 'objection_review' || !objectionsSettled(!!c.data.objectionWindowClosed, c.data.objections)) return;
  const upheld = upheldNips(c.data.objections);
  if (upheld.length > 0) {
    await c.kase.auto('scoring_reopened', { reason: `objections upheld: ${upheld.join(', ')}`, payload: { nips: upheld } });
    return;
  }
  await c.kase.auto('objections_answered', { payload: { objections: c.data.objections, shortlist: c.data.shortlists } });
}

export const rescoreCandidate: SelectionDecisionHandler<'rescore_candidate'> = {
  validate(d, c) {
    refuseIfNot(checkRescore(d, c.data.objections));
  },
  async apply(d, c, to) {
    const v = c.data.candidates.get(d.nip)!;
    const before = { paper: v.review!.paper, interview: v.review!.interview };
    v.review = { ...v.review!, paper: d.paper, interview: d.interview };
    // A candidate left unranked for want of quorum is ranked once the committee's scores are re-entered.
    if (v.status === 'no_quorum') v.status = 'scored';
    c.data.rescored = [...new Set([...(c.data.rescored ?? []), d.nip])];
    rankScored(c);
    await c.kase.transition(d.decision, d.actor, to, {
      ...common(d),
      payload: {
        nip: d.nip,
        before,
        after: { paper: d.paper, interview: d.interview },
        ranking: c.data.ranking,
        shortlist: c.data.shortlists,
      },
      ruleVersion: `weights:${JSON.stringify(c.settings.weights)}`,
    });
  },
};
