import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE } from '../auth/endpoint-roles';
import { CurrentActor } from '../common/actor.decorator';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@Controller('v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({
    summary:
      "The caller's pending tasks across the open cases of their agency (at most 100 cases), who must act and by when, overdue marked",
  })
  get(@CurrentActor() actor: Actor) {
    return this.inbox.inboxFor(actor);
  }

  @Roles(...EVERY_ROLE)
  @Get('counts')
  @ApiOperation({
    summary:
      'How many tasks wait for the caller: { total, overdue, byCaseType: { <caseType>: { total, overdue } }, truncated, generatedAt }, over the same cases as the inbox',
  })
  counts(@CurrentActor() actor: Actor) {
    return this.inbox.countsFor(actor);
  }
}
