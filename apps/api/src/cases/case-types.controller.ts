import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_TYPE_LIST, type CaseTypeEntry } from '@meritflow/contracts';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE } from '../auth/endpoint-roles';

/** The registry entry as a client sees it: data only (no query definitions, no functions). */
export const presentCaseType = (e: CaseTypeEntry) => ({
  type: e.type,
  label: e.label,
  idShape: e.idShape,
  idPattern: e.idPattern.source,
  resource: e.resource,
  workflowType: e.workflowType,
  sopIds: e.sopIds,
  childTypes: e.childTypes.map((c) => ({
    workflowType: c.workflowType,
    segment: c.segment,
    idPattern: c.idPattern.source,
    sopIds: c.sopIds,
    label: c.label,
  })),
});

@ApiTags('cases')
@Controller('v1/case-types')
export class CaseTypesController {
  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'Every case type from the case-type registry: labels, id shapes, SOP ids and child workflow types' })
  @ApiOkResponse({ description: '[{ type, label: { id, en }, idShape, idPattern, resource, workflowType, sopIds, childTypes }]' })
  list() {
    return CASE_TYPE_LIST.map(presentCaseType);
  }
}
