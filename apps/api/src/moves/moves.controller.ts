import { ApiErrors, DECISION_ERRORS, START_ERRORS } from '../common/api-errors';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { BULK_MOVE_WORKFLOW_ID_PATTERN, MOVE_WORKFLOW_ID_PATTERN } from '@meritflow/contracts';
import { CurrentActor } from '../common/actor.decorator';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key';
import { PatternPipe } from '../common/param-pipes';
import { presentDecision } from '../common/ledger.presenter';
import { BulkDecisionDto, BulkMembersPageDto, BulkMoveDto, MoveDecisionDto, ProposeMoveDto } from './dto/move.dto';
import { MovesService } from './moves.service';
import { Roles } from '../auth/access.decorators';
import { BULK_DECIDERS, BULK_STARTERS, EVERY_ROLE, MOVE_DECIDERS, MOVE_STARTERS } from '../auth/endpoint-roles';

const MoveIdPipe = new PatternPipe('id', (v) => MOVE_WORKFLOW_ID_PATTERN.test(v), {
  id: 'move:<KODE-INSTANSI>:<NIP>',
  en: 'move:<AGENCY-CODE>:<NIP>',
});
const BulkIdPipe = new PatternPipe('id', (v) => BULK_MOVE_WORKFLOW_ID_PATTERN.test(v), {
  id: 'bulk-move:<KODE-INSTANSI>:<KODE-SK>',
  en: 'bulk-move:<AGENCY-CODE>:<BATCH-CODE>',
});

@ApiTags('moves')
@Controller('v1')
export class MovesController {
  constructor(private readonly moves: MovesService) {}

  @Roles(...MOVE_STARTERS)
  @Post('moves')
  @ApiErrors(...START_ERRORS)
  @ApiOperation({
    summary: 'HR proposes a mutation, rotation or talent-pool promotion; the rules are checked at once as of its intended effective date',
  })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED naming the field, e.g. intendedEffectiveDate that is not a real calendar date (2025-02-30)',
  })
  propose(@CurrentActor() actor: Actor, @Body() dto: ProposeMoveDto) {
    const { talent, reason, evidence, intendedEffectiveDate, sopVersion, ...move } = dto;
    return this.moves.propose(actor, move, talent, reason ?? null, evidence ?? [], { intendedEffectiveDate, sopVersion });
  }

  @Roles(...EVERY_ROLE)
  @Get('moves/:id')
  @ApiOperation({ summary: 'Step, rule evaluation, overrides and every decision' })
  async get(@Param('id', MoveIdPipe) id: string) {
    const { decisions, ...state } = await this.moves.get(id);
    return { ...state, decisions: decisions.map(presentDecision) };
  }

  @Roles(...MOVE_DECIDERS)
  @Post('moves/:id/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide on a move (tpk_advise, release, record_pertek, approve / record_governor_decision / record_minister_decision, reject, override, record_decree, report_submitted, withdraw). ' +
      'The approval is judged by the rules as of the intended effective date, the decree as of its TMT (effectiveDate).',
  })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED naming the field (effectiveDate not a real calendar date); DECISION_INCOMPLETE naming reason for a decree backdated beyond the SOP’s maxBackdatingDays',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'RULE_BLOCKED: a rule as of the decision’s effective date blocks it (e.g. a decree whose TMT falls in an election ban without the Minister’s approval); ' +
      'details name each blocking rule with its window (periods: from/to) and the as-of date. The attempt is recorded as decision_blocked.',
  })
  decide(
    @Param('id', MoveIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: MoveDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.moves.decide(id, actor, dto, key);
  }

  @Roles(...BULK_STARTERS)
  @Post('bulk-moves')
  @ApiErrors(...START_ERRORS)
  @ApiOperation({
    summary:
      'HR proposes a bulk rotation/mutation under one collective decree; each person is checked on their own, as of their intended effective date',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field, e.g. moves.3.intendedEffectiveDate' })
  proposeBulk(@CurrentActor() actor: Actor, @Body() dto: BulkMoveDto) {
    return this.moves.proposeBulk(actor, { ...dto, reason: dto.reason ?? null, evidence: dto.evidence ?? [] });
  }

  @Roles(...BULK_STARTERS)
  @Post('bulk-moves/:id/members')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'HR adds a page of people (up to 200) to a batch proposed with open: true; last: true closes its list. Each person is checked as their page arrives.',
  })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED naming the field: moves.3.person.nip already in the batch (unique), moves beyond the batch’s 2,000 people (maxPeople), an empty page not marked last',
  })
  addBulkMembers(
    @Param('id', BulkIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: BulkMembersPageDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.moves.addBulkMembers(id, actor, { moves: dto.moves, last: dto.last ?? false }, key);
  }

  @Roles(...EVERY_ROLE)
  @Get('bulk-moves/:id')
  @ApiOperation({ summary: 'Per-person results, exclusions, the decree and its annex' })
  async getBulk(@Param('id', BulkIdPipe) id: string) {
    const { decisions, ...state } = await this.moves.getBulk(id);
    return { ...state, decisions: decisions.map(presentDecision) };
  }

  @Roles(...BULK_DECIDERS)
  @Post('bulk-moves/:id/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'approve_batch (with named exclusions), reject_batch, record_decree (number, TMT, SK)' })
  decideBulk(
    @Param('id', BulkIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: BulkDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.moves.decideBulk(id, actor, dto, key);
  }
}
