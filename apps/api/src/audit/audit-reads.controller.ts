import { Controller, Get, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, evaluateAuditLogAccess, parsePeriod, type Actor } from '@meritflow/domain';
import { AuditReadRepository, type AuditReadEntity } from '@meritflow/persistence';
import { CurrentActor } from '../common/actor.decorator';
import { ListAuditReadsQuery } from './list-audit-reads.query';
import { Roles } from '../auth/access.decorators';
import { AUDIT_LOG_READER_ROLES } from '../auth/endpoint-roles';

const present = (r: AuditReadEntity) => ({
  id: r.id,
  requestedAt: r.requestedAt.toISOString(),
  actor: { id: r.actorId, role: r.actorRole, name: r.actorName },
  method: r.method,
  path: r.path,
  query: r.query,
  statusCode: r.statusCode,
  completed: r.completed,
  caseId: r.caseId,
});

@ApiTags('audit')
@Controller('v1/audit')
export class AuditReadsController {
  constructor(private readonly reads: AuditReadRepository) {}

  @Roles(...AUDIT_LOG_READER_ROLES)
  @Get('reads')
  @ApiOperation({ summary: 'Every request an auditor made (newest first), with its status and case; auditors and administrators only' })
  @ApiConflictResponse({ description: 'The role may not read the auditor log' })
  async list(@CurrentActor() actor: Actor, @Query() q: ListAuditReadsQuery) {
    const may = evaluateAuditLogAccess(actor);
    if (!may.ok) throw new DomainError(may.code, may.params);
    const period = parsePeriod(q.from, q.to, false);
    if (!period.ok) throw new DomainError('VALIDATION_FAILED', { fields: period.issues });
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    const { items, total } = await this.reads.list({ actorId: q.actorId, from: period.from, to: period.to, limit, offset });
    return { items: items.map(present), total, limit, offset };
  }
}
