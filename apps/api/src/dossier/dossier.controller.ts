import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CASE_ID_SHAPES } from '@meritflow/contracts';
import { CaseIdPipe } from '../common/param-pipes';
import { ComplianceReportQuery } from './compliance-report.query';
import { ComplianceService } from './compliance.service';
import { complianceCsv, decisionsCsv } from './dossier-csv';
import { renderDossierPdf } from './dossier-pdf';
import { DossierService } from './dossier.service';
import { Roles } from '../auth/access.decorators';
import { CASE_REPORT_READERS } from '../auth/endpoint-roles';

/** `vacancy:PEMKAB-SLEMAN:KADIS` → `dossier-vacancy_PEMKAB-SLEMAN_KADIS.csv` (ids are ASCII by their pattern). */
const fileName = (caseId: string, ext: string) => `dossier-${caseId.replace(/:/g, '_')}.${ext}`;

@ApiTags('dossiers')
@Controller('v1/cases')
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  @Roles(...CASE_REPORT_READERS)
  @Get(':caseId/dossier.json')
  @ApiOperation({
    summary: 'The case dossier: summary, workflow state, every ledger row (with hash-chain links), cited evidence, SOP conformance',
  })
  @ApiBadRequestResponse({ description: `Not a case id: ${CASE_ID_SHAPES.en}` })
  @ApiNotFoundResponse({ description: 'No such case' })
  json(@Param('caseId', CaseIdPipe) caseId: string) {
    return this.dossiers.build(caseId);
  }

  @Roles(...CASE_REPORT_READERS)
  @Get(':caseId/dossier.csv')
  @ApiOperation({ summary: 'Every ledger row of the case, one line per decision (RFC 4180)' })
  @ApiProduces('text/csv')
  @ApiNotFoundResponse({ description: 'No such case' })
  async csv(@Param('caseId', CaseIdPipe) caseId: string): Promise<StreamableFile> {
    const dossier = await this.dossiers.build(caseId, { withState: false });
    return new StreamableFile(Buffer.from(decisionsCsv(dossier.decisions), 'utf8'), {
      type: 'text/csv; charset=utf-8; header=present',
      disposition: `attachment; filename="${fileName(caseId, 'csv')}"`,
    });
  }

  @Roles(...CASE_REPORT_READERS)
  @Get(':caseId/dossier.pdf')
  @ApiOperation({
    summary:
      'The printable dossier in Bahasa Indonesia: title page, the sections of its case type (committee, scores, PPK pick; or the move, its rule verdicts, overrides, 9-box inputs, members and annex), decree, timeline, conformance',
  })
  @ApiProduces('application/pdf')
  @ApiNotFoundResponse({ description: 'No such case' })
  async pdf(@Param('caseId', CaseIdPipe) caseId: string): Promise<StreamableFile> {
    const pdf = await renderDossierPdf(await this.dossiers.build(caseId));
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName(caseId, 'pdf')}"`,
      length: pdf.length,
    });
  }

  @Roles(...CASE_REPORT_READERS)
  @Get(':caseId/conformance')
  @ApiOperation({ summary: 'The case checked against its pinned SOP versions: path taken, each decision allowed or not, violations' })
  @ApiNotFoundResponse({ description: 'No such case' })
  conformance(@Param('caseId', CaseIdPipe) caseId: string) {
    return this.dossiers.conformance(caseId);
  }
}

@ApiTags('reports')
@Controller('v1/reports')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Roles(...CASE_REPORT_READERS)
  @Get('compliance')
  @ApiOperation({
    summary: 'Merit-system indicators of one agency for [from, to): promotion and mutation / talent management (JSON or CSV)',
  })
  @ApiProduces('application/json', 'text/csv')
  async report(@Query() q: ComplianceReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.compliance.report(q.agencyCode, q.from, q.to);
    if (q.format !== 'csv') return report;
    res.set('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.attachment(`kepatuhan-${q.agencyCode}-${q.from}-${q.to}.csv`.replace(/[^A-Za-z0-9._-]/g, '_'));
    return complianceCsv(report);
  }
}
