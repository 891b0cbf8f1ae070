import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import {
  checkEffectiveDate,
  DomainError,
  evaluateStart,
  moveSopIdFor,
  scoreTalent,
  selectSop,
  serviceEndedIssue,
  stepOf,
  wibDate,
  type Actor,
  type EvidenceRef,
  type FactsSnapshot,
  type FieldIssue,
  type MoveFacts,
  type TalentInputs,
  moveWithRegisterFacts,
} from '@meritflow/domain';
import { DecreeRepository, LedgerRepository, RegisterRepository } from '@meritflow/persistence';
import { assertDecreeDraftCited } from '../decrees/decree-citation';
import {
  BULK_MOVE_WORKFLOW_TYPE,
  bulkMoveAddMembersUpdate,
  bulkMoveDecideUpdate,
  bulkMoveStateQuery,
  bulkMoveWorkflowId,
  MOVE_WORKFLOW_TYPE,
  moveDecideUpdate,
  moveStateQuery,
  moveWorkflowId,
  rootCaseOf,
  vacancyStateQuery,
  type BulkDecisionInput,
  type MoveDecisionInput,
  type TalentInput,
} from '@meritflow/contracts';
import { API_CONFIG } from '../config.provider';
import type { IdempotentRequest } from '../common/idempotency-key';
import { WorkflowGateway } from '../temporal/workflow-gateway';

/** A move as requested: the person by NIP, the post left without its dates (both from the register). */
export type NamedMove = Omit<MoveFacts, 'person' | 'from'> & {
  person: { nip: string };
  from: Omit<MoveFacts['from'], 'since' | 'inauguratedOn'>;
};

type WithoutActor<T> = Omit<T, 'actor'>;

/** The placement inputs (libs/domain TalentInputs) and the vacancy they would fill. */
export type TalentRequest = TalentInputs & { vacancyId?: string };

/** Mutation, rotation, talent-pool promotion and bulk-move use cases. */
@Injectable()
export class MovesService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
    private readonly register: RegisterRepository,
    private readonly decrees: DecreeRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * The moves as the rules first judge them: each person's facts (name, grade, appointment, sanctions)
   * and the start of the post they hold, from the register of the agency they leave, as of the move's
   * intended date. A NIP that register lacks, or an official whose service has ended by then, is
   * refused before anything starts.
   */
  private async withRegisterFacts(moves: readonly { move: NamedMove; asOf: string; field: string }[]): Promise<MoveFacts[]> {
    const missing: FieldIssue[] = [];
    const refused: FieldIssue[] = [];
    const resolved: MoveFacts[] = [];
    // One register read per (agency left, date) instead of one per person: a page of 200 people of one
    // agency on one date is one query, not 200 (bench (m) saw a page of 200 take 11-22 s to accept).
    const groups = new Map<string, { agencyCode: string; asOf: string; nips: string[] }>();
    for (const { move, asOf } of moves) {
      const key = JSON.stringify([move.from.agencyCode, asOf]);
      const group = groups.get(key) ?? groups.set(key, { agencyCode: move.from.agencyCode, asOf, nips: [] }).get(key)!;
      group.nips.push(move.person.nip);
    }
    const found = new Map<string, FactsSnapshot>();
    for (const [key, g] of groups) {
      const { snapshots } = await this.register.snapshots(g.agencyCode, g.nips, g.asOf);
      for (const snap of snapshots) found.set(JSON.stringify([key, snap.nip]), snap);
    }
    for (const { move, asOf, field } of moves) {
      const snapshot = found.get(JSON.stringify([JSON.stringify([move.from.agencyCode, asOf]), move.person.nip]));
      if (!snapshot) {
        missing.push({
          field,
          rule: 'register.unknownNip',
          message: {
            id: `NIP ${move.person.nip} tidak ada dalam register instansi ${move.from.agencyCode}`,
            en: `NIP ${move.person.nip} is not in the register of ${move.from.agencyCode}`,
          },
        });
        continue;
      }
      const ended = serviceEndedIssue(snapshot.facts, field);
      if (ended) {
        refused.push(ended);
        continue;
      }
      const placeholder: MoveFacts = {
        ...move,
        person: { nip: move.person.nip, name: snapshot.facts.name, golongan: 'I/a', cpnsTmt: asOf, sanctions: [] },
        from: { ...move.from, since: asOf },
      };
      resolved.push(moveWithRegisterFacts(placeholder, snapshot));
    }
    if (missing.length > 0) throw new DomainError('PERSON_NOT_FOUND', { nip: missing.map((m) => m.field).join(', '), fields: missing });
    if (refused.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: refused });
    return resolved;
  }

  async propose(
    actor: Actor,
    named: NamedMove,
    talentInputs: TalentRequest | undefined,
    reason: string | null,
    evidence: EvidenceRef[],
    options: { intendedEffectiveDate?: string; sopVersion?: string } = {},
  ) {
    // Without a date named, the move is meant to take effect on the proposal date (WIB); recorded as such.
    const now = new Date();
    const intendedEffectiveDate = options.intendedEffectiveDate ?? wibDate(now);
    const dateIssues = checkEffectiveDate('intendedEffectiveDate', intendedEffectiveDate);
    if (dateIssues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: dateIssues });
    const [move] = await this.withRegisterFacts([{ move: named, asOf: intendedEffectiveDate, field: 'person.nip' }]);
    const sopId = moveSopIdFor(move.kind, move.scope);
    if (!sopId) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: 'scope',
            rule: 'kindScope',
            message: { id: `${move.kind} hanya dalam satu instansi`, en: `a ${move.kind} stays within one agency` },
          },
        ],
      });
    }
    if ((move.kind === 'talent_promotion') !== (talentInputs !== undefined)) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: 'talent',
            rule: 'talentPromotion',
            message: {
              id: 'data talenta wajib untuk promosi talenta, dan hanya untuknya',
              en: 'talent inputs are required for, and only for, a talent promotion',
            },
          },
        ],
      });
    }
    const sop = selectSop(sopId, { version: options.sopVersion, asOf: now, allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS });
    const start = evaluateStart(sop, actor);
    if (!start.ok) throw new DomainError(start.code, start.params);
    const talent = talentInputs ? await this.talent(talentInputs, move) : null;
    const started = await this.workflows.start(MOVE_WORKFLOW_TYPE, moveWorkflowId(move.to.agencyCode, move.person.nip), [
      {
        sop: { id: sop.id, version: sop.version },
        move,
        proposedBy: actor,
        reason,
        evidence,
        talent,
        intendedEffectiveDate,
        personFromRegister: true,
      },
    ]);
    const step = stepOf(sop, sop.initialStep);
    return { ...started, sop: { id: sop.id, version: sop.version }, step: step.id, status: step.status };
  }

  /** The placement is computed from its inputs and stored with them; the vacancy must be approved for the talent pool. */
  private async talent(given: TalentRequest, move: MoveFacts): Promise<TalentInput> {
    const { vacancyId, ...scores } = given;
    if (vacancyId) {
      const v = await this.workflows.query(vacancyId, vacancyStateQuery);
      if (
        v.status !== 'approved' ||
        v.approvedFillingMethod !== 'talent_pool' ||
        v.proposal.agencyCode !== move.to.agencyCode ||
        v.proposal.positionCode !== move.to.positionCode
      ) {
        throw new DomainError('VACANCY_NOT_READY', { vacancyId, status: v.status, fillingMethod: v.approvedFillingMethod ?? '-' });
      }
      const heldBy = await this.ledger.casesFillingVacancy(vacancyId);
      if (heldBy.length > 0) throw new DomainError('VACANCY_NOT_READY', { vacancyId, heldBy });
    }
    const scored = scoreTalent(scores);
    // The inputs as given, and the axis scores under their own names (the "potential" input is not the potential axis).
    const inputs: Record<string, number> = {
      ...scored.inputs,
      performanceScore: scored.scores.performance,
      potentialScore: scored.scores.potential,
      finalScore: scored.scores.final,
    };
    return { vacancyId: vacancyId ?? null, placement: scored.placement, inputs, ruleVersion: scored.ruleVersion };
  }

  async get(id: string) {
    const state = await this.workflows.query(id, moveStateQuery);
    return { ...state, decisions: await this.ledger.decisionsOfCase(id, state.runId) };
  }

  async decide(id: string, actor: Actor, input: WithoutActor<MoveDecisionInput>, key?: IdempotentRequest) {
    await assertDecreeDraftCited(this.decrees, id, '', input);
    const ack = await this.workflows.decide(
      id,
      moveDecideUpdate,
      { ...input, actor },
      actor,
      key,
      async () => (await this.workflows.query(id, moveStateQuery)).step,
    );
    const state = await this.workflows.query(id, moveStateQuery);
    if (ack.blocked) {
      throw new DomainError('RULE_BLOCKED', {
        decision: input.decision,
        step: state.step,
        ruleVersion: state.evaluation?.ruleVersion,
        asOf: state.evaluation?.asOf,
        asOfBasis: state.evaluation?.asOfBasis,
        ...(input.effectiveDate ? { effectiveDate: input.effectiveDate } : {}),
        blocking: ack.blocked,
      });
    }
    return state;
  }

  /**
   * One page of a batch's people as the rules first judge them: each person's date beside their facts
   * (without one, the proposal date, WIB), the facts from the register, every move a rotation or an
   * intra-agency mutation inside the batch's agency, nobody twice. Refused naming the field otherwise.
   */
  private async bulkPage(agencyCode: string, page: (NamedMove & { intendedEffectiveDate?: string })[]) {
    const now = new Date();
    const intendedEffectiveDates: Record<string, string> = {};
    const dateIssues: FieldIssue[] = [];
    const named = page.map(({ intendedEffectiveDate, ...m }, i) => {
      const date = intendedEffectiveDate ?? wibDate(now);
      dateIssues.push(...checkEffectiveDate(`moves.${i}.intendedEffectiveDate`, date));
      intendedEffectiveDates[m.person.nip] = date;
      return { move: m, asOf: date, field: `moves.${i}.person.nip` };
    });
    if (dateIssues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: dateIssues });
    const moves = await this.withRegisterFacts(named);
    const issues = moves.flatMap((m, i) => {
      const out: FieldIssue[] = [];
      if (m.kind === 'talent_promotion' || m.scope !== 'intra_agency') {
        out.push({
          field: `moves.${i}.kind`,
          rule: 'bulk',
          message: {
            id: 'SK kolektif hanya untuk rotasi/mutasi dalam satu instansi',
            en: 'a collective decree covers rotations and intra-agency mutations only',
          },
        });
      }
      if (m.to.agencyCode !== agencyCode || m.from.agencyCode !== agencyCode) {
        out.push({
          field: `moves.${i}.to.agencyCode`,
          rule: 'bulk',
          message: { id: 'semua pemindahan dalam instansi yang sama', en: 'every move stays within the batch’s agency' },
        });
      }
      if (moves.findIndex((x) => x.person.nip === m.person.nip) !== i) {
        out.push({
          field: `moves.${i}.person.nip`,
          rule: 'unique',
          message: { id: 'pegawai yang sama disebut dua kali', en: 'the same person is listed twice' },
        });
      }
      return out;
    });
    if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
    return { moves, intendedEffectiveDates };
  }

  async proposeBulk(
    actor: Actor,
    request: {
      agencyCode: string;
      batchCode: string;
      title: string;
      moves: (NamedMove & { intendedEffectiveDate?: string })[];
      reason: string | null;
      evidence: EvidenceRef[];
      open?: boolean;
    },
  ) {
    const now = new Date();
    const { open, ...rest } = request;
    const page = await this.bulkPage(request.agencyCode, request.moves);
    const cmd = { ...rest, ...page, personFromRegister: true, ...(open ? { open: true } : {}) };
    const sop = selectSop('bulk-move', { asOf: now, allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS });
    const memberSop = selectSop('bulk-member', { asOf: now, allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS });
    const start = evaluateStart(sop, actor);
    if (!start.ok) throw new DomainError(start.code, start.params);
    const id = bulkMoveWorkflowId(cmd.agencyCode, cmd.batchCode);
    const started = await this.workflows.start(BULK_MOVE_WORKFLOW_TYPE, id, [
      { sop: { id: sop.id, version: sop.version }, memberSop: { id: memberSop.id, version: memberSop.version }, ...cmd, proposedBy: actor },
    ]);
    return { ...started, sop: { id: sop.id, version: sop.version }, people: cmd.moves.length, open: !!open };
  }

  /** One more page of people for an open batch (issue 19); the page marked last closes its list. */
  async addBulkMembers(
    id: string,
    actor: Actor,
    request: { moves: (NamedMove & { intendedEffectiveDate?: string })[]; last: boolean },
    key?: IdempotentRequest,
  ) {
    const root = rootCaseOf(id);
    const page = await this.bulkPage(root?.agencyCode ?? '', request.moves);
    return this.workflows.decide(
      id,
      bulkMoveAddMembersUpdate,
      { decision: 'add_members' as const, actor, ...page, last: request.last },
      actor,
      key,
      async () => (await this.workflows.query(id, bulkMoveStateQuery)).step,
    );
  }

  async getBulk(id: string) {
    const state = await this.workflows.query(id, bulkMoveStateQuery);
    return { ...state, decisions: await this.ledger.decisionsOfCase(id, state.runId) };
  }

  async decideBulk(id: string, actor: Actor, input: WithoutActor<BulkDecisionInput>, key?: IdempotentRequest) {
    await assertDecreeDraftCited(this.decrees, id, '', input);
    const ack = await this.workflows.decide(
      id,
      bulkMoveDecideUpdate,
      { ...input, actor },
      actor,
      key,
      async () => (await this.workflows.query(id, bulkMoveStateQuery)).step,
    );
    const state = await this.workflows.query(id, bulkMoveStateQuery);
    if (ack.blocked) {
      throw new DomainError('RULE_BLOCKED', {
        decision: input.decision,
        step: state.step,
        asOf: input.effectiveDate,
        asOfBasis: 'decree_effective_date',
        ...(input.effectiveDate ? { effectiveDate: input.effectiveDate } : {}),
        blocking: ack.blocked.flatMap((b) => b.blocking.map((v) => ({ ...v, nip: b.nip }))),
        people: ack.blocked.map((b) => b.nip),
      });
    }
    return state;
  }
}
