import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
  type PipeTransform,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  BUSINESS_CODE_PATTERN,
  DomainError,
  EVIDENCE_KIND_PATTERN,
  EVIDENCE_MEDIA_TYPES,
  evidenceExtension,
  isEvidenceId,
  type Actor,
} from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { UploadEvidenceDto } from './dto/upload-evidence.dto';
import { EvidenceUploadInterceptor, EVIDENCE_FILE_FIELD, type UploadedEvidenceFile } from './evidence-upload.interceptor';
import { presentEvidence } from './evidence.presenter';
import { EvidenceService } from './evidence.service';
import { Roles } from '../auth/access.decorators';
import { EVERY_ROLE, EVIDENCE_UPLOADERS } from '../auth/endpoint-roles';

class EvidenceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isEvidenceId(value)) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [{ field: 'id', rule: 'isUUID', message: { id: 'harus berupa UUID', en: 'must be a UUID' } }],
      });
    }
    return value.toLowerCase();
  }
}

@ApiTags('evidence')
@Controller('v1/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Roles(...EVIDENCE_UPLOADERS)
  @Post()
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiOperation({
    summary: 'Upload a document once; decisions then cite it by id and SHA-256 (the response carries a ready `ref`)',
    description: `Accepted: ${EVIDENCE_MEDIA_TYPES.join(', ')}, checked against the content. The same bytes uploaded again for the same agency return the stored record (200).`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [EVIDENCE_FILE_FIELD, 'kind', 'agencyCode'],
      properties: {
        [EVIDENCE_FILE_FIELD]: { type: 'string', format: 'binary', description: EVIDENCE_MEDIA_TYPES.join(', ') },
        kind: { type: 'string', pattern: EVIDENCE_KIND_PATTERN.source, example: 'sk_pansel' },
        agencyCode: { type: 'string', pattern: BUSINESS_CODE_PATTERN.source, example: 'PEMKAB-SLEMAN' },
      },
    },
  })
  @ApiCreatedResponse({ description: 'Stored' })
  @ApiOkResponse({ description: 'The agency had stored the same bytes already; that record is returned' })
  @ApiConflictResponse({ description: 'The role may not upload (auditors are read-only)' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than EVIDENCE_MAX_BYTES' })
  async upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedEvidenceFile | undefined,
    @Body() dto: UploadEvidenceDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { record, created } = await this.evidence.upload(actor, {
      ...dto,
      file: file && { content: file.buffer, declaredType: file.mimetype, fileName: file.originalname },
    });
    res.status(created ? 201 : 200);
    return presentEvidence(record);
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  @ApiOperation({ summary: 'Metadata, and whether the stored bytes still hash to the recorded SHA-256' })
  @ApiNotFoundResponse({ description: 'No such evidence' })
  async describe(@CurrentActor() actor: Actor, @Param('id', EvidenceIdPipe) id: string) {
    const { record, verified } = await this.evidence.describe(actor, id);
    return { ...presentEvidence(record), verified };
  }

  @Roles(...EVERY_ROLE)
  @Get(':id/content')
  @ApiOperation({ summary: 'The stored bytes, as an attachment, with ETag "<sha256>"' })
  @ApiProduces(...EVIDENCE_MEDIA_TYPES)
  @ApiNotFoundResponse({ description: 'No such evidence' })
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', EvidenceIdPipe) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    const record = await this.evidence.content(actor, id);
    res.attachment(record.fileName ?? `evidence-${record.id}.${evidenceExtension(record.mediaType)}`);
    res.set({
      'Content-Type': record.mediaType,
      ETag: `"${record.sha256}"`,
      // The bytes behind an id never change; uploads are not public.
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.fresh) {
      res.status(304);
      return undefined;
    }
    return new StreamableFile(record.content, { type: record.mediaType, length: record.sizeBytes });
  }
}
