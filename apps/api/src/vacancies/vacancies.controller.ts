import { ApiErrors, DECISION_ERRORS, START_ERRORS } from '../common/api-errors';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key';
import { VacancyIdPipe } from '../common/param-pipes';
import { ListVacanciesQuery } from './dto/list-vacancies.query';
import { ProposeVacancyDto } from './dto/propose-vacancy.dto';
import { VacancyDecisionDto } from './dto/vacancy-decision.dto';
import { presentCase, presentDecision } from '../common/ledger.presenter';
import { VacanciesService } from './vacancies.service';
import { Roles } from '../auth/access.decorators';
import { listScope } from '../auth/case-scope';
import { EVERY_ROLE, VACANCY_DECIDERS, VACANCY_STARTERS } from '../auth/endpoint-roles';

@ApiTags('vacancies')
@Controller('v1/vacancies')
export class VacanciesController {
  constructor(private readonly vacancies: VacanciesService) {}

  @Roles(...VACANCY_STARTERS)
  @Post()
  @ApiErrors(...START_ERRORS)
  @ApiOperation({ summary: 'HR proposes a vacancy; starts its workflow (id derived from agency and position codes)' })
  @ApiConflictResponse({ description: 'A vacancy for this post is already running' })
  propose(@CurrentActor() actor: Actor, @Body() dto: ProposeVacancyDto) {
    const { reason, evidence, sopVersion, ...proposal } = dto;
    return this.vacancies.propose(actor, { proposal, reason: reason ?? null, evidence: evidence ?? [], sopVersion });
  }

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'List vacancies, filtered by agency and status' })
  async list(@CurrentActor() actor: Actor, @Query() query: ListVacanciesQuery) {
    const { items, total } = await this.vacancies.list({ ...query, agencyCode: listScope(actor, query.agencyCode) });
    return { items: items.map(presentCase), total, limit: query.limit ?? 50, offset: query.offset ?? 0 };
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  @ApiOperation({ summary: 'Current step, decisions allowed next, and every decision so far' })
  async get(@Param('id', VacancyIdPipe) id: string) {
    const { decisions, ...state } = await this.vacancies.get(id);
    return { ...state, decisions: decisions.map(presentDecision) };
  }

  @Roles(...VACANCY_DECIDERS)
  @Post(':id/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a decision (approve, reject, withdraw, close) as a Temporal Update' })
  @ApiConflictResponse({ description: 'Out of order, duplicate, or not this role’s decision at the current step' })
  decide(
    @Param('id', VacancyIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: VacancyDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.vacancies.decide(id, actor, { ...dto, idempotencyKey: key });
  }
}
