import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REFERENCE_DATA_EDITORS, type Actor } from '../../../../libs/domain/src';
import { ApiActorHeaders, CurrentActor } from '../common/actor.decorator';
import { PutAgencyMeritDto } from './dto/agency-merit.dto';
import { AgencyCodePipe } from './reference.params';
import { ReferenceDataService } from './reference.service';

@ApiTags('reference data')
@ApiActorHeaders()
@Controller('v1/reference/agency-merit')
export class AgencyMeritController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Get(':agencyCode')
  @ApiOperation({ summary: "An agency's merit-system score and category; merit is null when none is recorded" })
  async get(@Param('agencyCode', AgencyCodePipe) agencyCode: string) {
    return { agencyCode, merit: await this.reference.agencyMerit(agencyCode) };
  }

  @Put(':agencyCode')
  @ApiOperation({
    summary: `Set an agency's merit assessment (roles: ${REFERENCE_DATA_EDITORS.join(', ')}); the category is derived from the score; recorded`,
  })
  async put(@Param('agencyCode', AgencyCodePipe) agencyCode: string, @CurrentActor() actor: Actor, @Body() dto: PutAgencyMeritDto) {
    const { value, change } = await this.reference.putAgencyMerit(actor, agencyCode, dto);
    return { agencyCode, changed: change !== null, merit: value, change };
  }
}
