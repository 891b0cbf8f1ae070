import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { caseExportFileName } from '@meritflow/audit';
import { CaseIdPipe } from '../../common/param-pipes';
import { CaseReplayService } from './case-replay.service';
import { Roles } from '../../auth/access.decorators';
import { LEDGER_AUDITORS } from '../../auth/endpoint-roles';

@ApiTags('audit')
@Controller('v1/cases')
export class CaseReplayController {
  constructor(private readonly cases: CaseReplayService) {}

  @Roles(...LEDGER_AUDITORS)
  @Get(':caseId/replay')
  @ApiOperation({
    summary:
      'Replay a case of any type (with the child workflows it started) against the current workflow code and compare it with the ledger',
    description:
      'Each Temporal history is replayed as a determinism check; the decisions each run handed to the ledger are rebuilt from its history and compared, decision by decision, with the ledger rows. Auditors and administrators only.',
  })
  @ApiOkResponse({
    description: '{ caseId, runId, replay: [{ workflowId, runId, ok, error? }], comparison, verdict: consistent | inconsistent }',
  })
  @ApiNotFoundResponse({ description: 'No such case' })
  @ApiConflictResponse({ description: 'The role may not audit (ROLE_NOT_ALLOWED)' })
  replay(@Param('caseId', CaseIdPipe) caseId: string) {
    return this.cases.replay(caseId);
  }

  @Roles(...LEDGER_AUDITORS)
  @Get(':caseId/export')
  @ApiOperation({
    summary: 'Download a case for offline audit: every Temporal history of it and every ledger row',
    description: 'Check the file without a server: `npm run audit:replay -- <file>`. Auditors and administrators only.',
  })
  @ApiOkResponse({ description: 'meritflow-case-export, version 1, as an attachment' })
  @ApiNotFoundResponse({ description: 'No such case' })
  @ApiConflictResponse({ description: 'The role may not audit (ROLE_NOT_ALLOWED)' })
  async export(@Param('caseId', CaseIdPipe) caseId: string, @Res({ passthrough: true }) res: Response) {
    const exported = await this.cases.export(caseId, new Date());
    res.attachment(caseExportFileName(caseId));
    return exported;
  }
}
