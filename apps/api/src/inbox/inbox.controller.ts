import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE } from '../auth/endpoint-roles';
import { CurrentActor } from '../common/actor.decorator';
import { InboxQueryDto } from './inbox.query';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@Controller('v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({
    summary:
      "A page of the caller's pending tasks across every open case in their scope, most urgent first, who must act and by when, overdue marked; total counts the tasks matching the filters",
  })
  get(@CurrentActor() actor: Actor, @Query() q: InboxQueryDto) {
    return this.inbox.inboxFor(actor, new Date(), { limit: q.limit, offset: q.offset, caseType: q.caseType, overdue: q.overdue });
  }

  @Roles(...EVERY_ROLE)
  @Get('counts')
  @ApiOperation({
    summary:
      'How many tasks wait for the caller over every open case in their scope: { total, overdue, byCaseType: { <caseType>: { total, overdue } }, truncated, unavailableCases, refreshedCases, generatedAt }',
  })
  counts(@CurrentActor() actor: Actor) {
    return this.inbox.countsFor(actor);
  }
}
