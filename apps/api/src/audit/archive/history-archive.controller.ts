import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { auditBundleFileName } from '@meritflow/audit';
import { Roles } from '../../auth/access.decorators';
import { LEDGER_AUDITORS } from '../../auth/endpoint-roles';
import { CaseIdPipe } from '../../common/param-pipes';
import { ReadsOnly } from '../../common/reads-only';
import { AuditBundleQuery } from './audit-bundle.query';
import { HistoryArchiveService } from './history-archive.service';

@ApiTags('audit')
@Controller('v1')
export class HistoryArchiveController {
  constructor(private readonly archive: HistoryArchiveService) {}

  @Roles(...LEDGER_AUDITORS)
  @Get('archive/status')
  @ApiOperation({
    summary: 'Where the history archive stands: the last sweep, the closed runs still pending and the lag',
    description:
      "Closed workflow runs are copied into PostgreSQL by a scheduled sweep, well inside Temporal's retention. Auditors and administrators.",
  })
  @ApiOkResponse({
    description:
      '{ namespace, lastSweepStartedAt, lastSweepFinishedAt, lastSweepArchived, pending, lagSeconds, secondsSinceLastSweep, lastError }',
  })
  @ApiConflictResponse({ description: 'The role may not audit (ROLE_NOT_ALLOWED)' })
  status() {
    return this.archive.status(new Date());
  }

  @Roles('admin')
  @Post('archive/sweeps')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the history-archive sweep now and wait for it (administrators)' })
  @ApiOkResponse({ description: '{ listed, archived, pending, lagSeconds }' })
  sweep() {
    return this.archive.sweepNow();
  }

  // Preserves evidence for an audit in progress; it changes no case, so the auditors' read-only rule lets it through.
  @ReadsOnly()
  @Roles(...LEDGER_AUDITORS)
  @Post('cases/:caseId/history-snapshots')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Copy every run of a case into the history archive now: closed runs whole, open runs as a snapshot',
    description:
      "Each copy is announced in the case's hash chain with its SHA-256. Taking the same snapshot twice records it once. Auditors and administrators.",
  })
  @ApiOkResponse({ description: '{ caseId, runs: [{ workflowId, runId, kind: closed | snapshot, sha256, eventCount, inserted }] }' })
  @ApiNotFoundResponse({ description: 'No such case' })
  @ApiConflictResponse({ description: 'The role may not audit (ROLE_NOT_ALLOWED)' })
  snapshot(@Param('caseId', CaseIdPipe) caseId: string) {
    return this.archive.snapshotCase(caseId);
  }

  @Roles(...LEDGER_AUDITORS)
  @Get('audit/bundles')
  @ApiOperation({
    summary: 'Download every case of an agency and period for offline audit, as one file',
    description: `Each case as GET /cases/{id}/export gives it (histories, whole hash chain). Check it without a server: \`npm run audit:replay -- <file>\`. At most 200 cases per bundle. Auditors and administrators.`,
  })
  @ApiOkResponse({ description: 'meritflow-audit-bundle, version 1, as an attachment' })
  @ApiBadRequestResponse({
    description: 'A malformed agency or period, or a period with more than 200 cases (VALIDATION_FAILED naming the field)',
  })
  @ApiConflictResponse({ description: 'The role may not audit (ROLE_NOT_ALLOWED)' })
  async bundle(@Query() q: AuditBundleQuery, @Res({ passthrough: true }) res: Response) {
    const bundle = await this.archive.bundle(q.agencyCode, q.from, q.to, new Date());
    res.attachment(auditBundleFileName(q.agencyCode, q.from, q.to));
    return bundle;
  }
}
