import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import {
  checkReviewRequest,
  DomainError,
  evaluateStart,
  isNational,
  selectSop,
  stepOf,
  successionList,
  talentReviewSettings,
  wibDate,
  type Actor,
  type EvidenceRef,
  type FieldIssue,
} from '@meritflow/domain';
import { LedgerRepository, RegisterReferenceRepository, TalentRepository } from '@meritflow/persistence';
import {
  TALENT_REVIEW_CASE_TYPE,
  TALENT_REVIEW_WORKFLOW_TYPE,
  talentReviewDecideUpdate,
  talentReviewStateQuery,
  talentReviewWorkflowId,
  type TalentReviewDecisionInput,
  type TalentReviewInput,
} from '@meritflow/contracts';
import { API_CONFIG } from '../config.provider';
import type { IdempotentRequest } from '../common/idempotency-key';
import { WorkflowGateway } from '../temporal/workflow-gateway';

export interface OpenReviewCommand {
  period: string;
  asOf?: string;
  validFrom: string;
  validTo: string;
  reason: string | null;
  evidence: EvidenceRef[];
}

/** Talent reviews: open one for the caller's agency and a period, decide on it, read its grid and succession lists. */
@Injectable()
export class TalentReviewsService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
    private readonly talent: TalentRepository,
    private readonly reference: RegisterReferenceRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async open(actor: Actor, cmd: OpenReviewCommand) {
    const now = new Date();
    const asOf = cmd.asOf ?? wibDate(now);
    const issues: FieldIssue[] = checkReviewRequest(cmd);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || checkReviewRequest({ period: '2026', validFrom: asOf, validTo: asOf }).length > 0) {
      issues.push({ field: 'asOf', rule: 'isRealDate', message: { id: 'asOf harus tanggal yang sah', en: 'asOf must be a real date' } });
    }
    if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
    // A review is of the officer's own agency; a national body has none to review.
    const agencyCode = actor.agency;
    if (!agencyCode || isNational(actor)) {
      throw new DomainError('ACCESS_DENIED', { role: actor.role, action: 'open a talent review', roles: [], agency: actor.agency });
    }
    const sop = selectSop(TALENT_REVIEW_CASE_TYPE, { asOf: now, allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS });
    const start = evaluateStart(sop, actor);
    if (!start.ok) throw new DomainError(start.code, start.params);
    const input: TalentReviewInput = {
      sop: { id: sop.id, version: sop.version },
      agencyCode,
      period: cmd.period,
      asOf,
      validFrom: cmd.validFrom,
      validTo: cmd.validTo,
      proposedBy: actor,
      reason: cmd.reason,
      evidence: cmd.evidence,
    };
    const started = await this.workflows.start(TALENT_REVIEW_WORKFLOW_TYPE, talentReviewWorkflowId(agencyCode, cmd.period), [input]);
    const step = stepOf(sop, sop.initialStep);
    return { ...started, sop: input.sop, step: step.id, status: step.status };
  }

  /** The state with each placement's stored details (inputs, sources, explanations) in place of the workflow's summary. */
  async get(id: string) {
    const state = await this.workflows.query(id, talentReviewStateQuery);
    const stored = await this.talent.placements(id);
    const computed = state.placements !== null;
    return {
      ...state,
      placements: computed ? stored.placements : null,
      exclusions: computed ? stored.exclusions : state.exclusions,
      decisions: await this.ledger.decisionsOfCase(id, state.runId),
    };
  }

  async decide(id: string, actor: Actor, input: Omit<TalentReviewDecisionInput, 'actor'>, key?: IdempotentRequest) {
    await this.workflows.decide(
      id,
      talentReviewDecideUpdate,
      { ...input, actor },
      actor,
      key,
      async () => (await this.workflows.query(id, talentReviewStateQuery)).step,
    );
    return this.workflows.query(id, talentReviewStateQuery);
  }

  /**
   * For each critical post of the agency, the pool's members ranked by job fit against the post's
   * standard, their profiles read as of the review date. Before approval the pool is the proposed one.
   */
  async succession(id: string) {
    const state = await this.workflows.query(id, talentReviewStateQuery);
    const members = state.pool.filter((o) => o.inPool);
    const posts = await this.reference.posts(state.agencyCode, { critical: true });
    const profiles = new Map((await this.talent.profilesOfAgency(state.agencyCode, state.asOf)).map((p) => [p.nip, p]));
    const scheme = (state.settingsVersion && talentReviewSettings(state.settingsVersion)?.jpmScheme) || undefined;
    const withProfile = members.flatMap((m) => {
      const profile = profiles.get(m.nip);
      return profile ? [{ profile, placement: m.placement }] : [];
    });
    return {
      reviewId: id,
      period: state.period,
      approved: state.approved !== null,
      posts: posts.map((post) => ({
        code: post.code,
        title: post.title,
        postType: post.postType,
        candidates: successionList(post, withProfile, scheme),
      })),
    };
  }
}
