import { ApiErrors, DECISION_ERRORS, START_ERRORS } from '../common/api-errors';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key';
import { CandidateRefPipe, PostCodePipe, SelectionIdPipe } from '../common/param-pipes';
import { presentDecision } from '../common/ledger.presenter';
import { OpenSelectionDto } from './dto/open-selection.dto';
import { AppointmentDecisionDto, AssessmentDecisionDto, ReviewDecisionDto, SelectionDecisionDto } from './dto/selection-decision.dto';
import { SelectionsService } from './selections.service';
import { Roles } from '../auth/access.decorators';
import {
  APPOINTMENT_DECIDERS,
  ASSESSMENT_DECIDERS,
  CANDIDATE_READERS,
  EVERY_ROLE,
  REVIEW_DECIDERS,
  SELECTION_DECIDERS,
  SELECTION_STARTERS,
} from '../auth/endpoint-roles';

@ApiTags('open selections')
@Controller('v1/selections')
export class SelectionsController {
  constructor(private readonly selections: SelectionsService) {}

  @Roles(...SELECTION_STARTERS)
  @Post()
  @ApiErrors(...START_ERRORS)
  @ApiOperation({ summary: 'HR opens an open selection for approved vacancies; starts its workflow' })
  @ApiConflictResponse({ description: 'Already running, or a vacancy is not approved for open selection' })
  open(@CurrentActor() actor: Actor, @Body() dto: OpenSelectionDto) {
    const { reason, evidence, ...rest } = dto;
    return this.selections.open(actor, { ...rest, reason: reason ?? null, evidence: evidence ?? [] });
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  @ApiOperation({ summary: 'Stage, pending tasks (who must act, by when) and the full decision history' })
  async get(@Param('id', SelectionIdPipe) id: string, @CurrentActor() actor: Actor) {
    const { decisions, ...state } = await this.selections.get(id, actor);
    return { ...state, decisions: decisions.map(presentDecision) };
  }

  @Roles(...CANDIDATE_READERS)
  @Get(':id/my-result')
  @ApiOperation({
    summary:
      'A candidate (token subject = their NIP) reads their own published result with its score breakdown, their objection and the window; nobody else’s',
  })
  myResult(@Param('id', SelectionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.selections.myResult(id, actor);
  }

  @Roles(...SELECTION_DECIDERS)
  @Post(':id/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide on the selection: form_committee, announce, register_candidates, screen_candidate, close_screening, proceed, cancel_selection, sign_ranking, recommend, proceed_without_recommendation, pick; file_objection (a candidate, for themselves), answer_objection (the chair)',
  })
  @ApiOkResponse({
    description:
      'DecisionAnswer: `{ workflowId, decision, step, status, terminal, decisionCount }`, the same size whatever the number of candidates; read the state with GET. A candidate (file_objection) gets their own result.',
  })
  decide(
    @Param('id', SelectionIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: SelectionDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.selections.decide(id, actor, dto, key);
  }

  @Roles(...EVERY_ROLE)
  @Get(':id/assessments/:nip')
  @ApiOperation({ summary: 'One candidate’s assessment (by NIP, or by candidate code in a blind selection)' })
  getAssessment(@Param('id', SelectionIdPipe) id: string, @Param('nip', CandidateRefPipe) nip: string, @CurrentActor() actor: Actor) {
    return this.selections.getAssessment(id, nip, actor);
  }

  @Roles(...ASSESSMENT_DECIDERS)
  @Post(':id/assessments/:nip/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'An assessor records the competency levels achieved; the job-person match follows' })
  decideAssessment(
    @Param('id', SelectionIdPipe) id: string,
    @Param('nip', CandidateRefPipe) nip: string,
    @CurrentActor() actor: Actor,
    @Body() dto: AssessmentDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.selections.decideAssessment(id, nip, actor, dto, key);
  }

  @Roles(...EVERY_ROLE)
  @Get(':id/committee-review')
  @ApiOperation({
    summary:
      'Scoring progress; votes stay sealed (a member sees only their own) until every eligible member has scored or the deadline passed',
  })
  getReview(@Param('id', SelectionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.selections.getReview(id, actor);
  }

  @Roles(...REVIEW_DECIDERS)
  @Post(':id/committee-review/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'A committee member declares conflicts of interest, then scores paper and interview' })
  @ApiOkResponse({
    description: 'DecisionAnswer, as for the selection; read the review with GET …/committee-review.',
  })
  decideReview(
    @Param('id', SelectionIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ReviewDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.selections.decideReview(id, actor, dto, key);
  }

  @Roles(...EVERY_ROLE)
  @Get(':id/appointments/:postCode')
  @ApiOperation({ summary: 'Appointment to one post' })
  getAppointment(@Param('id', SelectionIdPipe) id: string, @Param('postCode', PostCodePipe) postCode: string) {
    return this.selections.getAppointment(id, postCode);
  }

  @Roles(...APPOINTMENT_DECIDERS)
  @Post(':id/appointments/:postCode/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'HR records the decree (SK) and then the inauguration' })
  decideAppointment(
    @Param('id', SelectionIdPipe) id: string,
    @Param('postCode', PostCodePipe) postCode: string,
    @CurrentActor() actor: Actor,
    @Body() dto: AppointmentDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.selections.decideAppointment(id, postCode, actor, dto, key);
  }
}
