import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SecurityEventRepository } from '@meritflow/persistence';
import { Roles } from './access.decorators';
import { ListSecurityEventsQuery } from './dto/auth.dto';
import { SECURITY_LOG_READERS } from './endpoint-roles';

@ApiTags('audit')
@Controller('v1/security-events')
export class SecurityEventsController {
  constructor(private readonly events: SecurityEventRepository) {}

  @Roles(...SECURITY_LOG_READERS)
  @Get()
  @ApiOperation({ summary: 'Refused attempts: bad tokens, wrong roles, other agencies’ cases, separation of duties, rate limits' })
  list(@Query() q: ListSecurityEventsQuery) {
    return this.events.list({ actorId: q.actorId, caseId: q.caseId, code: q.code, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }
}
