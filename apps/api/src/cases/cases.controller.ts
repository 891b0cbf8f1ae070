import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerRepository, type CaseSortField } from '@meritflow/persistence';
import { presentCase } from '../common/ledger.presenter';
import { ROOT_CASE_TYPES } from '@meritflow/contracts';
import { DEFAULT_CASE_SORT, DEFAULT_PAGE_SIZE, ListCasesQuery } from './list-cases.query';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE } from '../auth/endpoint-roles';
import { listScope } from '../auth/case-scope';
import { CurrentActor } from '../common/actor.decorator';
import type { Actor } from '@meritflow/domain';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The page asked for: page/pageSize, or the older limit/offset when only those are given. */
function pageOf(q: ListCasesQuery): { page: number; pageSize: number; limit: number; offset: number } {
  if (q.page === undefined && q.pageSize === undefined && (q.limit !== undefined || q.offset !== undefined)) {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    return { page: Math.floor(offset / limit) + 1, pageSize: limit, limit, offset };
  }
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = q.page ?? 1;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly ledger: LedgerRepository) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({
    summary: `Every case (${ROOT_CASE_TYPES.join(', ')}) in the caller's scope: searched, filtered by type, agency, step, status and opening date, sorted and paged`,
  })
  async list(@CurrentActor() actor: Actor, @Query() q: ListCasesQuery) {
    const { page, pageSize, limit, offset } = pageOf(q);
    const [field, direction] = (q.sort ?? DEFAULT_CASE_SORT).split(':') as [CaseSortField, 'asc' | 'desc'];
    const { items, total } = await this.ledger.listCases({
      caseType: q.caseType ?? q.type,
      agencyCode: listScope(actor, q.agencyCode),
      step: q.step ?? q.stage,
      status: q.status,
      search: q.q?.trim() || undefined,
      // Opening dates are calendar days in WIB, as the console shows them, not UTC days.
      createdFrom: q.from ? new Date(`${q.from}T00:00:00+07:00`) : undefined,
      createdTo: q.to ? new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + DAY_MS) : undefined,
      sort: { field, direction },
      limit,
      offset,
    });
    return { items: items.map(presentCase), total, page, pageSize, limit, offset };
  }
}
