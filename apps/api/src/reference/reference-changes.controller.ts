import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReferenceChangesQuery } from './dto/reference-changes.query';
import { ReferenceDataService } from './reference.service';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE } from '../auth/endpoint-roles';

@ApiTags('reference data')
@Controller('v1/reference/changes')
export class ReferenceChangesController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'Every recorded change to the mobility reference data, oldest first: table, key, before, after, why, who' })
  async list(@Query() q: ReferenceChangesQuery) {
    const { items, total } = await this.reference.changes(q);
    return { items, total, limit: q.limit ?? 100, offset: q.offset ?? 0 };
  }
}
