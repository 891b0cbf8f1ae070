import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REFERENCE_DATA_EDITORS, type Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { PutRegionDto } from './dto/region.dto';
import { RegionCodePipe } from './reference.params';
import { ReferenceDataService } from './reference.service';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE, REFERENCE_EDITOR_ROLES } from '../auth/endpoint-roles';

@ApiTags('reference data')
@Controller('v1/reference/regions')
export class RegionsController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'Provinces, regencies and cities the Pilkada calendar and merit data refer to' })
  async list() {
    return { regions: await this.reference.listRegions() };
  }

  @Roles(...REFERENCE_EDITOR_ROLES)
  @Put(':regionCode')
  @ApiOperation({ summary: `Register or change a region (roles: ${REFERENCE_DATA_EDITORS.join(', ')}); recorded` })
  async put(@Param('regionCode', RegionCodePipe) regionCode: string, @CurrentActor() actor: Actor, @Body() dto: PutRegionDto) {
    const { value, change } = await this.reference.putRegion(actor, regionCode, dto);
    return { regionCode, changed: change !== null, region: value, change };
  }
}
