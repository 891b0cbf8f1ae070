import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { ApiErrors } from '../common/api-errors';
import { CaseIdPipe } from '../common/param-pipes';
import { Roles } from '../auth/access.decorators';
import { DECREE_READERS, DECREE_WRITERS } from '../auth/endpoint-roles';
import { DecreeQueryDto, DraftDecreeDto } from './decree.dto';
import { DecreesService } from './decrees.service';

@ApiTags('decrees')
@Controller('v1/cases')
export class DecreesController {
  constructor(private readonly decrees: DecreesService) {}

  @Roles(...DECREE_WRITERS)
  @Post(':caseId/decree')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Drafts the decree (SK) of the case’s appointing decision as a PDF from the template version in force on the TMT, stores it as evidence and answers the reference to cite when recording the decree',
  })
  @ApiErrors('CASE_NOT_FOUND', 'DECREE_NOT_READY', 'DECREE_NOT_APPLICABLE', 'DECREE_TEMPLATE_NOT_IN_FORCE', 'VALIDATION_FAILED')
  draft(@CurrentActor() actor: Actor, @Param('caseId', CaseIdPipe) caseId: string, @Body() body: DraftDecreeDto) {
    return this.decrees.draft(actor, caseId, body);
  }

  @Roles(...DECREE_READERS)
  @Get(':caseId/decree')
  @ApiOperation({
    summary:
      'The latest decree drafted for the case: its content, evidence reference, which decisions cite it, and whether it renders again to the same SHA-256',
  })
  @ApiErrors('CASE_NOT_FOUND', 'DECREE_NOT_FOUND')
  describe(@Param('caseId', CaseIdPipe) caseId: string, @Query() q: DecreeQueryDto) {
    return this.decrees.describe(caseId, q.postCode);
  }

  @Roles(...DECREE_READERS)
  @Get(':caseId/decree.pdf')
  @ApiOperation({ summary: 'The latest decree drafted for the case, as the PDF stored as evidence (to download or print)' })
  @ApiProduces('application/pdf')
  @ApiErrors('CASE_NOT_FOUND', 'DECREE_NOT_FOUND')
  async pdf(@Param('caseId', CaseIdPipe) caseId: string, @Query() q: DecreeQueryDto): Promise<StreamableFile> {
    const { row, content } = await this.decrees.pdf(caseId, q.postCode);
    return new StreamableFile(content, {
      type: 'application/pdf',
      // inline: the browser opens it to print; the name is the decree number.
      disposition: `inline; filename="SK-${row.decreeNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf"`,
      length: content.length,
    });
  }
}
