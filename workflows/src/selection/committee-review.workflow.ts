import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  eligibleScorers,
  evaluateDecision,
  getSop,
  hasQuorum,
  meanScore,
  quorumFor,
  scoringProgress,
  SYSTEM_ACTOR,
  type ConflictDeclaration,
  type FieldIssue,
} from '@meritflow/domain';
import {
  committeeReviewDecideUpdate,
  committeeReviewStateQuery,
  type CandidateReviewResult,
  type CommitteeReviewInput,
  type CommitteeReviewState,
  type ReviewDecisionInput,
  type Vote,
} from '@meritflow/contracts';
import { authorityOf } from '@meritflow/domain';
import { ledger } from '../shared/ledger';
import { refuse, refuseUnless, SopCase } from '../shared/sop-case';

/**
 * Since this patch the results count the quorum over every member not conflicted for a candidate: a
 * member who never declared is an eligible scorer who did not score, not someone outside the count.
 */
export const QUORUM_OVER_UNDECLARED_PATCH = 'committee-review-quorum-counts-undeclared';

/** A single score or a whole sheet, as one list. */
const scoreSheet = (d: ReviewDecisionInput): { nip: string; paper: number; interview: number }[] =>
  d.scores ?? (d.nip !== undefined ? [{ nip: d.nip, paper: d.paper as number, interview: d.interview as number }] : []);

/**
 * The committee's paper and interview scoring. Each member first declares, per candidate, whether
 * they have a conflict of interest; a conflicted member cannot score that candidate and the quorum is
 * counted over the others. Votes stay sealed until every eligible member has scored every candidate
 * or the deadline passes; every vote is kept.
 */
export async function committeeReviewWorkflow(input: CommitteeReviewInput): Promise<CandidateReviewResult[]> {
  const sop = getSop(input.sop);
  const settings = { ...input.committeeSettings, version: input.committeeSettings.version ?? 'committee' };
  const memberIds = new Set(input.members.map((m) => m.id));
  const nips = input.candidates.map((c) => c.nip);
  const declared = new Map<string, ConflictDeclaration[]>();
  const votes: Vote[] = [];
  let results: CandidateReviewResult[] | null = null;

  const kase = new SopCase(
    sop,
    'committee-review',
    () => ({
      agencyCode: input.agencyCode,
      businessKey: input.selectionId,
      title: 'Penilaian pansel',
      details: { sealed: results === null },
    }),
    ledger,
    { scoring: async () => void (await unseal('the scoring deadline passed')) },
    input.duties,
  );

  const allDeclarations = (): ConflictDeclaration[] => [...declared.values()].flat();
  const declaredMembers = () => input.members.filter((m) => declared.has(m.id));
  /** Eligible scorers of a candidate: members who declared, without a conflict for them. */
  const scorersOf = (nip: string) => eligibleScorers(declaredMembers(), allDeclarations(), nip);
  const voted = (memberId: string, nip: string) => votes.some((v) => v.memberId === memberId && v.nip === nip);
  const everyoneDone = () => declared.size === input.members.length && nips.every((nip) => scorersOf(nip).every((m) => voted(m.id, nip)));

  const computeResults = (): CandidateReviewResult[] => {
    const overEveryMember = patched(QUORUM_OVER_UNDECLARED_PATCH);
    return nips.map((nip) => {
      const eligible = (overEveryMember ? eligibleScorers(input.members, allDeclarations(), nip) : scorersOf(nip)).map((m) => m.id);
      const own = votes.filter((v) => v.nip === nip && eligible.includes(v.memberId));
      return {
        nip,
        eligibleScorers: eligible,
        quorum: quorumFor(eligible.length, settings),
        votes: own.length,
        quorumMet: hasQuorum(own.length, eligible.length, settings),
        paper: meanScore(own.map((v) => v.paper)),
        interview: meanScore(own.map((v) => v.interview)),
      };
    });
  };

  async function unseal(reason: string): Promise<void> {
    if (results) return;
    results = computeResults();
    await kase.auto('scores_unsealed', {
      reason,
      payload: { results, votes, declarations: allDeclarations() },
      ruleVersion: settings.version,
    });
  }

  const view = (viewerId?: string): CommitteeReviewState => ({
    workflowId: workflowInfo().workflowId,
    step: kase.step.id,
    sealed: results === null,
    members: input.members,
    declarations: allDeclarations(),
    // Counted over every member not conflicted for the candidate: who has not declared yet is pending.
    progress: nips.map((nip) => {
      const p = scoringProgress(input.members, allDeclarations(), (memberId) => voted(memberId, nip), nip, settings);
      return { nip, ...p, eligible: p.eligibleMembers };
    }),
    pending: input.members.flatMap((m): CommitteeReviewState['pending'] => {
      if (!declared.has(m.id)) return [{ memberId: m.id, task: 'declare_interests' as const, nips }];
      const left = nips.filter((nip) => scorersOf(nip).some((s) => s.id === m.id) && !voted(m.id, nip));
      return left.length > 0 && !results ? [{ memberId: m.id, task: 'score' as const, nips: left }] : [];
    }),
    deadline: kase.deadline ? { dueAt: kase.deadline.dueAt } : null,
    // While sealed, a member sees only their own votes.
    votes: results ? votes : votes.filter((v) => v.memberId === viewerId),
    results,
  });

  const validate = (d: ReviewDecisionInput) => {
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    if (!memberIds.has(authorityOf(d.actor)))
      refuse('ACTOR_NOT_ASSIGNED', { actorId: authorityOf(d.actor), task: `committee ${input.selectionId}` });
    if (d.decision === 'declare_interests') {
      if (declared.has(authorityOf(d.actor))) refuse('ALREADY_DECIDED', { what: `declaration of ${authorityOf(d.actor)}` });
      const given = (d.declarations ?? []).map((x) => x.nip);
      const missing = nips.filter((n) => !given.includes(n));
      const unknown = given.filter((n) => !nips.includes(n));
      const twice = given.filter((n, i) => given.indexOf(n) !== i);
      if (missing.length + unknown.length + twice.length > 0) {
        refuse('VALIDATION_FAILED', {
          fields: [
            {
              field: 'declarations',
              rule: 'oneDeclarationPerCandidate',
              message: {
                id: `satu pernyataan untuk setiap calon; kurang: ${missing.join(', ') || '-'}; tidak dikenal: ${unknown.join(', ') || '-'}; ganda: ${twice.join(', ') || '-'}`,
                en: `one declaration per candidate; missing: ${missing.join(', ') || '-'}; unknown: ${unknown.join(', ') || '-'}; repeated: ${twice.join(', ') || '-'}`,
              },
            },
          ],
        });
      }
    } else {
      const sheet = scoreSheet(d);
      if (sheet.length === 0) {
        refuse('VALIDATION_FAILED', {
          fields: [
            {
              field: 'scores',
              rule: 'required',
              message: { id: 'kirim nip, paper, interview atau scores', en: 'send nip, paper and interview, or scores' },
            },
          ],
        });
      }
      // A malformed sheet is bad input (400, one entry per row) whatever the member's progress.
      const fields: FieldIssue[] = [];
      sheet.forEach((v, i) => {
        const at = d.scores ? `scores.${i}.` : '';
        if (!nips.includes(v.nip)) {
          fields.push({
            field: `${at}nip`,
            rule: 'candidate',
            message: { id: 'bukan calon dalam seleksi ini', en: 'not a candidate in this selection' },
          });
        }
        if (sheet.findIndex((x) => x.nip === v.nip) !== i) {
          fields.push({
            field: `${at}nip`,
            rule: 'unique',
            message: { id: 'calon yang sama dinilai dua kali', en: 'the same candidate is scored twice' },
          });
        }
        for (const f of ['paper', 'interview'] as const) {
          const n = v[f];
          if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 100) {
            fields.push({ field: `${at}${f}`, rule: 'score', message: { id: 'nilai harus 0–100', en: 'the score must be 0–100' } });
          }
        }
      });
      if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
      if (!declared.has(authorityOf(d.actor)))
        refuse('DECISION_NOT_ALLOWED', { step: kase.step.id, decision: 'score', allowed: ['declare_interests'] });
      for (const v of sheet) {
        if (!scorersOf(v.nip).some((m) => m.id === authorityOf(d.actor)))
          refuse('CONFLICT_OF_INTEREST', { memberId: authorityOf(d.actor), nip: v.nip });
        if (voted(authorityOf(d.actor), v.nip)) refuse('ALREADY_DECIDED', { what: `vote of ${authorityOf(d.actor)} for ${v.nip}` });
      }
    }
    return verdict;
  };

  setHandler(committeeReviewStateQuery, view);
  setHandler(
    committeeReviewDecideUpdate,
    async (d) => {
      const verdict = validate(d);
      if (d.decision === 'declare_interests') {
        const list = d.declarations!.map((x) => ({ memberId: authorityOf(d.actor), candidateNip: x.nip, conflicted: x.conflicted }));
        declared.set(authorityOf(d.actor), list);
        await kase.transition(d.decision, d.actor, verdict.to, {
          reason: d.reason ?? null,
          evidence: d.evidence ?? [],
          payload: { declarations: d.declarations },
        });
      } else {
        // Sealed: the ledger records who scored whom and when; the values are recorded when unsealed.
        const sheet = scoreSheet(d);
        for (const v of sheet) votes.push({ memberId: authorityOf(d.actor), ...v });
        await kase.transition(d.decision, d.actor, verdict.to, {
          reason: d.reason ?? null,
          evidence: d.evidence ?? [],
          payload: { nips: sheet.map((v) => v.nip), sealed: true },
        });
      }
      if (everyoneDone()) await unseal('every eligible member has scored every candidate');
      return kase.ack();
    },
    { validator: (d) => void validate(d) },
  );

  await kase.start(SYSTEM_ACTOR, { payload: { members: input.members, candidates: input.candidates, settings } });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  return results!;
}
