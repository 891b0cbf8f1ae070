import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  evaluateDecision,
  getSop,
  nineBoxGrid,
  PERFORMANCE_AXIS,
  poolOutcome,
  POTENTIAL_AXIS,
  talentReviewSettings,
  type FieldIssue,
  type ExclusionSummary,
  type PlacementAdjustment,
  type PlacementSummary,
} from '@meritflow/domain';
import {
  TALENT_REVIEW_CASE_TYPE,
  talentReviewDecideUpdate,
  talentReviewStateQuery,
  type TalentReviewDecisionInput,
  type TalentReviewInput,
  type TalentReviewState,
} from '@meritflow/contracts';
import { ledger, talent } from '../shared/ledger';
import { refuse, refuseUnless, SopCase } from '../shared/sop-case';

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * A talent review of one agency and period: the placements are computed from the register as of the
 * review date and stored; the talent committee adjusts placements, each with a reason recorded in the
 * ledger, and its chair approves the pool for its validity period, which stores the pool's members.
 */
export async function talentReviewWorkflow(input: TalentReviewInput): Promise<TalentReviewState> {
  const sop = getSop(input.sop);
  let settingsVersion: string | null = null;
  let placements: PlacementSummary[] | null = null;
  let exclusions: ExclusionSummary[] = [];
  const adjustments: PlacementAdjustment[] = [];
  let approved: TalentReviewState['approved'] = null;

  const kase = new SopCase(
    sop,
    TALENT_REVIEW_CASE_TYPE,
    () => ({
      agencyCode: input.agencyCode,
      businessKey: input.period,
      title: `Reviu talenta ${input.agencyCode} ${input.period}`,
      details: { period: input.period, asOf: input.asOf, validFrom: input.validFrom, validTo: input.validTo },
    }),
    ledger,
  );

  const settings = () => (settingsVersion ? talentReviewSettings(settingsVersion) : undefined);
  const pool = () => (placements ? poolOutcome(placements, adjustments, settings()) : []);

  const view = (): TalentReviewState => {
    const outcome = pool();
    return {
      caseType: TALENT_REVIEW_CASE_TYPE,
      ...kase.baseView(),
      agencyCode: input.agencyCode,
      period: input.period,
      asOf: input.asOf,
      validFrom: input.validFrom,
      validTo: input.validTo,
      settingsVersion,
      placements,
      exclusions,
      adjustments,
      pool: outcome,
      grid: nineBoxGrid(outcome),
      approved,
    };
  };

  const validate = (d: TalentReviewDecisionInput) => {
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    // The committee decides on computed placements only.
    if (d.decision !== 'withdraw' && placements === null)
      refuse('DECISION_NOT_ALLOWED', { step: kase.step.id, decision: d.decision, allowed: [] });
    if (d.decision === 'adjust_placement') {
      const fields: FieldIssue[] = [];
      if (!d.nip || !placements!.some((p) => p.nip === d.nip))
        fields.push(
          issue(
            'nip',
            'placed',
            'NIP tidak ada di antara pegawai yang dipetakan dalam reviu ini',
            'the NIP is not among the officials placed in this review',
          ),
        );
      if (!(PERFORMANCE_AXIS as readonly string[]).includes(d.performance ?? ''))
        fields.push(
          issue('performance', 'isIn', `kinerja harus ${PERFORMANCE_AXIS.join('/')}`, `performance must be ${PERFORMANCE_AXIS.join('/')}`),
        );
      if (!(POTENTIAL_AXIS as readonly string[]).includes(d.potential ?? ''))
        fields.push(
          issue('potential', 'isIn', `potensial harus ${POTENTIAL_AXIS.join('/')}`, `potential must be ${POTENTIAL_AXIS.join('/')}`),
        );
      if (fields.length > 0) refuse('VALIDATION_FAILED', { fields });
    }
    return verdict;
  };

  setHandler(talentReviewStateQuery, view);
  setHandler(
    talentReviewDecideUpdate,
    async (d) => {
      const verdict = validate(d);
      const common = { reason: d.reason ?? null, evidence: d.evidence ?? [], ruleVersion: settingsVersion };
      if (d.decision === 'adjust_placement') {
        const before = pool().find((o) => o.nip === d.nip)!.placement;
        const adj: PlacementAdjustment = {
          nip: d.nip!,
          performance: d.performance!,
          potential: d.potential!,
          reason: d.reason!,
          by: d.actor.id,
        };
        adjustments.push(adj);
        const after = pool().find((o) => o.nip === d.nip)!;
        await kase.transition(d.decision, d.actor, verdict.to, {
          ...common,
          payload: { nip: adj.nip, before, after: after.placement, inPool: after.inPool, notInPool: after.notInPool },
        });
      } else if (d.decision === 'approve_pool') {
        const members = pool().filter((o) => o.inPool);
        const approvedAt = new Date().toISOString();
        await talent.recordTalentPool({
          reviewId: kase.baseView().workflowId,
          agencyCode: input.agencyCode,
          period: input.period,
          validFrom: input.validFrom,
          validTo: input.validTo,
          approvedBy: d.actor.id,
          approvedAt,
          members: members.map((m) => ({ nip: m.nip, ...m.placement, adjusted: m.adjusted })),
        });
        approved = { by: d.actor.id, at: approvedAt, members: members.length };
        await kase.transition(d.decision, d.actor, verdict.to, {
          ...common,
          payload: {
            validFrom: input.validFrom,
            validTo: input.validTo,
            members: members.map((m) => ({ nip: m.nip, box: m.placement.box, adjusted: m.adjusted })),
            adjustments: adjustments.length,
          },
        });
      } else {
        await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: {} });
      }
      return kase.ack();
    },
    { validator: (d) => void validate(d) },
  );

  await kase.start(input.proposedBy, {
    reason: input.reason,
    evidence: input.evidence,
    payload: { agencyCode: input.agencyCode, period: input.period, asOf: input.asOf, validFrom: input.validFrom, validTo: input.validTo },
  });
  const computed = await talent.computeTalentReview({
    reviewId: kase.baseView().workflowId,
    agencyCode: input.agencyCode,
    period: input.period,
    asOf: input.asOf,
  });
  settingsVersion = computed.settingsVersion;
  placements = computed.placements;
  exclusions = computed.exclusions;
  // The ledger keeps the counts and the settings; each official's inputs stay in talent_review_placements.
  await kase.note('placements_computed', {
    reason: `${placements.length} placed, ${exclusions.length} not placed, as of ${input.asOf}`,
    payload: {
      asOf: input.asOf,
      placed: placements.length,
      notPlaced: exclusions.map((e) => ({ nip: e.nip, reason: e.reason })),
      boxes: nineBoxGrid(pool()).map((g) => ({ box: g.box, count: g.count })),
      proposedPool: pool().filter((o) => o.inPool).length,
    },
    ruleVersion: settingsVersion,
  });
  await kase.runUntilTerminal();
  await condition(allHandlersFinished);
  return view();
}
