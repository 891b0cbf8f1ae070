import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REFERENCE_DATA_EDITORS, type Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { RegionFilterQuery } from './dto/election-window.dto';
import { RecordMinisterApprovalDto } from './dto/minister-approval.dto';
import { ReferenceDataService } from './reference.service';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE, REFERENCE_EDITOR_ROLES } from '../auth/endpoint-roles';

@ApiTags('reference data')
@Controller('v1/reference/minister-approvals')
export class MinisterApprovalsController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: "The Minister of Home Affairs' written approvals to replace officials, per region" })
  async list(@Query() q: RegionFilterQuery) {
    return { approvals: await this.reference.listMinisterApprovals(q.regionCode) };
  }

  @Roles(...REFERENCE_EDITOR_ROLES)
  @Post()
  @ApiOperation({
    summary: `Record a Mendagri approval (roles: ${REFERENCE_DATA_EDITORS.join(', ')}); never changed afterwards; the same letter again records nothing`,
  })
  async record(@CurrentActor() actor: Actor, @Body() dto: RecordMinisterApprovalDto) {
    const { value, change } = await this.reference.recordMinisterApproval(actor, dto);
    return { changed: change !== null, approval: value, change };
  }
}
