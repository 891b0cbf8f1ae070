import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { Roles } from '../auth/access.decorators';
import { CASE_REPORT_READERS } from '../auth/endpoint-roles';
import { TalentReportQuery } from './dto/talent-report.query';
import { renderTalentReportPdf, talentReportCsv } from './talent-report-output';
import { TalentReportsService } from './talent-reports.service';

@ApiTags('reports')
@Controller('v1/reports')
export class TalentReportsController {
  constructor(private readonly reports: TalentReportsService) {}

  @Roles(...CASE_REPORT_READERS)
  @Get('talent-management')
  @ApiOperation({
    summary:
      'Talent management and promotion-and-mutation figures of one agency for [from, to): posts filled by open selection or from the pool, critical posts covered, officials assessed, sanctions and their effects (JSON, CSV or a PDF in Bahasa Indonesia)',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field (from, to, agencyCode for national bodies)' })
  async report(@CurrentActor() actor: Actor, @Query() q: TalentReportQuery) {
    const report = await this.reports.report(actor, q);
    const name = `manajemen-talenta-${report.agencyCode}-${report.from}-${report.to}`.replace(/[^A-Za-z0-9._-]/g, '_');
    if (q.format === 'csv') {
      return new StreamableFile(Buffer.from(talentReportCsv(report), 'utf8'), {
        type: 'text/csv; charset=utf-8; header=present',
        disposition: `attachment; filename="${name}.csv"`,
      });
    }
    if (q.format === 'pdf') {
      const pdf = await renderTalentReportPdf(report);
      return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${name}.pdf"`, length: pdf.length });
    }
    return report;
  }
}
