import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { DISCIPLINE_WORKFLOW_ID_PATTERN } from '@meritflow/contracts';
import { ApiErrors, DECISION_ERRORS, START_ERRORS } from '../common/api-errors';
import { CurrentActor } from '../common/actor.decorator';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key';
import { PatternPipe } from '../common/param-pipes';
import { presentDecision } from '../common/ledger.presenter';
import { Roles } from '../auth/access.decorators';
import { DISCIPLINE_DECIDERS, DISCIPLINE_READERS, DISCIPLINE_STARTERS } from '../auth/endpoint-roles';
import { DisciplineDecisionDto, OpenDisciplineDto } from './dto/discipline.dto';
import { DisciplineService } from './discipline.service';

const DisciplineIdPipe = new PatternPipe('id', (v) => DISCIPLINE_WORKFLOW_ID_PATTERN.test(v), {
  id: 'discipline:<KODE-INSTANSI>:<KODE-KASUS>',
  en: 'discipline:<AGENCY-CODE>:<CASE-CODE>',
});

@ApiTags('discipline')
@Controller('v1')
export class DisciplineController {
  constructor(private readonly discipline: DisciplineService) {}

  @Roles(...DISCIPLINE_STARTERS)
  @Post('discipline-cases')
  @ApiErrors(...START_ERRORS, 'PERSON_NOT_FOUND')
  @ApiOperation({ summary: 'HR opens a discipline case on a report about an official of its own register (PP 94/2021)' })
  @ApiNotFoundResponse({ description: 'PERSON_NOT_FOUND: the NIP is not in this agency’s register' })
  open(@CurrentActor() actor: Actor, @Body() dto: OpenDisciplineDto) {
    const { reason, evidence, ...rest } = dto;
    return this.discipline.open(actor, { ...rest, reason: reason ?? null, evidence: evidence ?? [] });
  }

  // The sanction and the official are personal data: HR, the PPK and oversight only, never committee roles.
  @Roles(...DISCIPLINE_READERS)
  @Get('discipline-cases/:id')
  @ApiOperation({ summary: 'Steps, the sanction, the appeal window, its timers and the register changes, with every decision' })
  async get(@Param('id', DisciplineIdPipe) id: string) {
    const { decisions, ...state } = await this.discipline.get(id);
    return { ...state, decisions: decisions.map(presentDecision) };
  }

  @Roles(...DISCIPLINE_DECIDERS)
  @Post('discipline-cases/:id/decisions')
  @ApiErrors(...DECISION_ERRORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'record_examination, close_case, decide_sanction (level + sanction), no_violation, record_decree (number, date, TMT), file_appeal, ' +
      'appeal_upheld / appeal_changed / appeal_annulled, record_restoration',
  })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED naming the field and rule: discipline.sanctionLevel, discipline.lowestGrade, discipline.examinationTeamRequired, discipline.decreeBeforeDecision …',
  })
  @ApiUnprocessableEntityResponse({ description: 'APPEAL_WINDOW_CLOSED: an appeal filed after its window' })
  decide(
    @Param('id', DisciplineIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: DisciplineDecisionDto,
    @IdempotencyKey() key?: IdempotentRequest,
  ) {
    return this.discipline.decide(id, actor, dto as never, key);
  }
}
