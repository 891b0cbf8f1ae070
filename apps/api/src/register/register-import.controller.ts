import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, IMPORT_SHEETS, type Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { ApiErrors } from '../common/api-errors';
import type { UploadedFilePart } from '../common/file-upload.interceptor';
import { Roles } from '../auth/access.decorators';
import { REGISTER_EDITOR_ROLES, REGISTER_READER_ROLES } from '../auth/endpoint-roles';
import { ImportErrorsQuery, ImportListQuery } from './dto/register-import.dto';
import { IMPORT_FILE_FIELD, RegisterImportInterceptor } from './register-import.interceptor';
import { RegisterImportService } from './register-import.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', {
      fields: [{ field: 'id', rule: 'isUuid', message: { id: 'harus UUID', en: 'must be a UUID' } }],
    }),
});

@ApiTags('register')
@Controller('v1/register/imports')
export class RegisterImportController {
  constructor(private readonly imports: RegisterImportService) {}

  @Roles(...REGISTER_EDITOR_ROLES)
  @Post()
  @UseInterceptors(RegisterImportInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [IMPORT_FILE_FIELD],
      properties: {
        [IMPORT_FILE_FIELD]: {
          type: 'string',
          format: 'binary',
          description: `XLSX with sheets ${IMPORT_SHEETS.join(', ')}; or one CSV with a sheet column (docs/register-import.md)`,
        },
      },
    },
  })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE')
  @ApiOperation({
    summary:
      'Import a SIASN/SIMPEG export into the agency’s register: one batch per file, every row checked, each person whole or not at all',
  })
  @ApiCreatedResponse({ description: 'Imported; the report lists every refused row (sheet, row, NIP, column, rule)' })
  @ApiAcceptedResponse({ description: 'Still importing: poll GET /v1/register/imports/{id}' })
  @ApiOkResponse({ description: 'The same file was imported before (alreadyImported: true): nothing changed; the earlier report' })
  async upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedFilePart | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { status, body } = await this.imports.upload(actor, file);
    res.status(status);
    return body;
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get()
  @ApiOperation({ summary: 'The agency’s import batches, newest first' })
  list(@CurrentActor() actor: Actor, @Query() q: ImportListQuery) {
    return this.imports.list(actor, q);
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get(':id')
  @ApiErrors('IMPORT_NOT_FOUND')
  @ApiOperation({ summary: 'An import’s status, progress and per-row error report (paged)' })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Query() q: ImportErrorsQuery) {
    return this.imports.get(actor, id, q);
  }
}
