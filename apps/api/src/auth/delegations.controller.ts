import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, evaluateDelegation, isNational, type Actor, type Role } from '../../../../libs/domain/src';
import { DelegationRepository, EvidenceRepository, type Delegation } from '../../../../libs/persistence/src';
import { CurrentActor } from '../common/actor.decorator';
import { Roles } from './access.decorators';
import { CreateDelegationDto, ListDelegationsQuery, RevokeDelegationDto } from './dto/auth.dto';
import { DELEGATORS, EVERY_ROLE } from './endpoint-roles';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', { fields: [{ field: 'id', rule: 'isUuid', message: { id: 'harus UUID', en: 'must be a UUID' } }] }) });

/**
 * Plt/Plh delegation: a PPK or committee chair names an official to act for them for a period, with
 * the decree as legal basis. The delegate then sends X-Acting-For: <id>; their decisions record
 * "acting for". A delegate cannot delegate further, and a delegation can be revoked.
 */
@ApiTags('delegations')
@Controller('v1/delegations')
export class DelegationsController {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  @Roles(...DELEGATORS)
  @Post()
  @ApiOperation({ summary: 'Delegate your role (PPK or committee chair) to a named official for a period (Plt/Plh)' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateDelegationDto) {
    const verdict = evaluateDelegation(actor, dto, new Date());
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.params);
    const { missing } = await this.evidence.resolveRefs(dto.legalBasis);
    if (missing.length > 0) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: missing.map((uri) => ({ field: 'legalBasis', rule: 'evidenceExists', message: { id: `bukti ${uri} tidak ditemukan`, en: `evidence ${uri} was not found` } })),
      });
    }
    return this.delegations.create({
      agencyCode: actor.agency!,
      delegatorId: actor.id,
      delegatorName: actor.name ?? null,
      role: actor.role as 'ppk' | 'committee_chair',
      delegateId: dto.delegateId,
      delegateName: dto.delegateName,
      kind: dto.kind,
      validFrom: new Date(dto.validFrom).toISOString(),
      validUntil: new Date(dto.validUntil).toISOString(),
      legalBasis: dto.legalBasis,
      reason: dto.reason,
    });
  }

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'Delegations of your agency (national bodies: all), optionally of one person or only those in force' })
  list(@CurrentActor() actor: Actor, @Query() q: ListDelegationsQuery) {
    return this.delegations.list({
      agency: isNational(actor) ? '*' : actor.agency!,
      personId: q.person,
      activeAt: q.active === 'true' ? new Date().toISOString() : undefined,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    });
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  @ApiOperation({ summary: 'One delegation, with its revocation if any' })
  async get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.visible(actor, await this.delegations.get(id), id);
  }

  @Roles(...DELEGATORS, 'admin' as Role)
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a delegation (its delegator, or an administrator); recorded, never deleted' })
  async revoke(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: RevokeDelegationDto) {
    const d = this.visible(actor, await this.delegations.get(id), id);
    if (actor.role !== 'admin' && (actor.actingFor || d.delegatorId !== actor.id)) {
      throw new DomainError('ACCESS_DENIED', { role: actor.role, action: `revoke delegation ${id}`, roles: ['the delegator', 'admin'] });
    }
    if (!(await this.delegations.revoke(id, { id: actor.id, role: actor.role }, dto.reason))) {
      throw new DomainError('ALREADY_DECIDED', { what: `revocation of delegation ${id}` });
    }
    return (await this.delegations.get(id))!;
  }

  /** Another agency's delegation does not exist for the caller. */
  private visible(actor: Actor, d: Delegation | null, id: string): Delegation {
    if (!d || (!isNational(actor) && d.agencyCode !== actor.agency)) throw new DomainError('CASE_NOT_FOUND', { caseId: `delegation ${id}` });
    return d;
  }
}
