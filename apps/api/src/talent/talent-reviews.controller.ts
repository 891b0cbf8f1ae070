import { ApiErrors, DECISION_ERRORS, START_ERRORS } from '../common/api-errors';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { CASE_TYPES } from '@meritflow/contracts';
import { CurrentActor } from '../common/actor.decorator';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key';
import { PatternPipe } from '../common/param-pipes';
import { presentDecision } from '../common/ledger.presenter';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE, REGISTER_READER_ROLES, TALENT_REVIEW_DECIDERS, TALENT_REVIEW_STARTERS } from '../auth/endpoint-roles';
import { OpenTalentReviewDto, TalentReviewDecisionDto } from './dto/talent-review.dto';
import { TalentReviewsService } from './talent-reviews.service';

const entry = CASE_TYPES['talent-review'];
const ReviewIdPipe = new PatternPipe('id', (v) => entry.idPattern.test(v), entry.idShape);

@ApiTags('talent')
@Controller('v1/talent-reviews')
export class TalentReviewsController {
  constructor(private readonly reviews: TalentReviewsService) {}

  @Roles(...TALENT_REVIEW_STARTERS)
  @Post()
  @ApiErrors(...START_ERRORS)
  @ApiOperation({
    summary: 'HR opens the talent review of its agency for a period: every official is placed in the 9-box from the register',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field (period, validFrom, validTo, asOf)' })
  @ApiConflictResponse({ description: 'A review of this agency and period already exists' })
  open(@CurrentActor() actor: Actor, @Body() dto: OpenTalentReviewDto) {
    const { reason, evidence, ...rest } = dto;
    return this.reviews.open(actor, { ...rest, reason: reason ?? null, evidence: evidence ?? [] });
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  @ApiOperation({ summary: 'Placements (axis levels, inputs, sources), the 9-box grid, adjustments, the pool and every decision' })
  async get(@Param('id', ReviewIdPipe) id: string) {
    const { decisions, ...state } = await this.reviews.get(id);
    return { ...state, decisions: decisions.map(presentDecision) };
  }

  @Roles(...TALENT_REVIEW_DECIDERS)
  @Post(':id/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'adjust_placement (committee, with a reason: nip, performance, potential), approve_pool (committee chair), withdraw (HR)',
  })
  decide(
    @Param('id', ReviewIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: TalentReviewDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.reviews.decide(id, actor, dto, key);
  }

  @Roles(...TALENT_REVIEW_DECIDERS, ...REGISTER_READER_ROLES)
  @Get(':id/succession')
  @ApiOperation({ summary: 'Succession list per critical post: the pool’s members ranked by job fit (JPM against the post’s standard)' })
  succession(@Param('id', ReviewIdPipe) id: string) {
    return this.reviews.succession(id);
  }
}
