import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerRepository } from '@meritflow/persistence';
import { presentCase } from '../common/ledger.presenter';
import { ROOT_CASE_TYPES } from '@meritflow/contracts';
import { ListCasesQuery } from './list-cases.query';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE } from '../auth/endpoint-roles';
import { listScope } from '../auth/case-scope';
import { CurrentActor } from '../common/actor.decorator';
import type { Actor } from '@meritflow/domain';

const DAY_MS = 24 * 60 * 60 * 1000;

@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly ledger: LedgerRepository) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: `Every case (${ROOT_CASE_TYPES.join(', ')}), filtered by type, agency, stage and creation date` })
  async list(@CurrentActor() actor: Actor, @Query() q: ListCasesQuery) {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { items, total } = await this.ledger.listCases({
      caseType: q.type,
      agencyCode: listScope(actor, q.agencyCode),
      step: q.stage,
      createdFrom: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
      createdTo: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
      limit,
      offset,
    });
    return { items: items.map(presentCase), total, limit, offset };
  }
}
