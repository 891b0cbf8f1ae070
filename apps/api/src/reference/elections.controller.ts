import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REFERENCE_DATA_EDITORS, type Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { PutElectionWindowDto, RegionFilterQuery } from './dto/election-window.dto';
import { RegionCodePipe } from './reference.params';
import { ReferenceDataService } from './reference.service';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE, REFERENCE_EDITOR_ROLES } from '../auth/endpoint-roles';

@ApiTags('reference data')
@Controller('v1/reference/elections')
export class ElectionsController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'The Pilkada calendar: candidate-pair determination, end of term and inauguration per region' })
  async list(@Query() q: RegionFilterQuery) {
    return { windows: await this.reference.listElectionWindows(q.regionCode) };
  }

  @Roles(...REFERENCE_EDITOR_ROLES)
  @Put(':regionCode')
  @ApiOperation({
    summary: `Set a registered region's election dates (roles: ${REFERENCE_DATA_EDITORS.join(', ')}); a date left out keeps its value, null clears it; recorded`,
  })
  async put(@Param('regionCode', RegionCodePipe) regionCode: string, @CurrentActor() actor: Actor, @Body() dto: PutElectionWindowDto) {
    const { value, change } = await this.reference.putElectionWindow(actor, regionCode, dto);
    return { regionCode, changed: change !== null, window: value, change };
  }
}
