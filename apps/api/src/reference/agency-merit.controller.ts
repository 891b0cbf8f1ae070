import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REFERENCE_DATA_EDITORS, type Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { PutAgencyMeritDto } from './dto/agency-merit.dto';
import { AgencyCodePipe } from './reference.params';
import { ReferenceDataService } from './reference.service';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE, REFERENCE_EDITOR_ROLES } from '../auth/endpoint-roles';

@ApiTags('reference data')
@Controller('v1/reference/agency-merit')
export class AgencyMeritController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Roles(...EVERY_ROLE)
  @Get(':agencyCode')
  @ApiOperation({ summary: "An agency's merit-system score and category; merit is null when none is recorded" })
  async get(@Param('agencyCode', AgencyCodePipe) agencyCode: string) {
    return { agencyCode, merit: await this.reference.agencyMerit(agencyCode) };
  }

  @Roles(...REFERENCE_EDITOR_ROLES)
  @Put(':agencyCode')
  @ApiOperation({
    summary: `Set an agency's merit assessment (roles: ${REFERENCE_DATA_EDITORS.join(', ')}); the category is derived from the score; recorded`,
  })
  async put(@Param('agencyCode', AgencyCodePipe) agencyCode: string, @CurrentActor() actor: Actor, @Body() dto: PutAgencyMeritDto) {
    const { value, change } = await this.reference.putAgencyMerit(actor, agencyCode, dto);
    return { agencyCode, changed: change !== null, merit: value, change };
  }
}
