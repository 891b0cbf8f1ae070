import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor, type Role } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { Roles } from './access.decorators';
import { DelegationsService } from './delegations.service';
import { CreateDelegationDto, ListDelegationsQuery, RevokeDelegationDto } from './dto/auth.dto';
import { DELEGATORS, EVERY_ROLE } from './endpoint-roles';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', {
      fields: [{ field: 'id', rule: 'isUuid', message: { id: 'harus UUID', en: 'must be a UUID' } }],
    }),
});

/**
 * Plt/Plh delegation: a PPK or committee chair names an official to act for them for a period, with
 * the decree as legal basis. The delegate then sends X-Acting-For: <id>; their decisions record
 * "acting for". A delegate cannot delegate further, and a delegation can be revoked.
 */
@ApiTags('delegations')
@Controller('v1/delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Roles(...DELEGATORS)
  @Post()
  @ApiOperation({ summary: 'Delegate your role (PPK or committee chair) to a named official for a period (Plt/Plh)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDelegationDto) {
    return this.delegations.create(actor, dto);
  }

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'Delegations of your agency (national bodies: all), optionally of one person or only those in force' })
  list(@CurrentActor() actor: Actor, @Query() q: ListDelegationsQuery) {
    return this.delegations.list(actor, { person: q.person, active: q.active === 'true', limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  @ApiOperation({ summary: 'One delegation, with its revocation if any' })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.delegations.get(actor, id);
  }

  @Roles(...DELEGATORS, 'admin' as Role)
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a delegation (its delegator, or an administrator); recorded, never deleted' })
  revoke(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: RevokeDelegationDto) {
    return this.delegations.revoke(actor, id, dto.reason);
  }
}
