import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import type { ApiConfig } from '@meritflow/config';
import { DomainError, type FieldIssue } from '@meritflow/domain';
import { API_CONFIG } from '../config.provider';

export const EVIDENCE_FILE_FIELD = 'file';

/** The part multer's memory storage hands the route (declared here: no @types/multer needed). */
export interface UploadedEvidenceFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** multer and busboy errors carry a code (and the offending field) on the cause Nest wraps them with. */
interface MulterCause {
  code?: string;
  field?: string;
}

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * Reads the multipart body with Nest's FileInterceptor (multer, memory storage: the bytes go to
 * PostgreSQL, never to disk) and turns its refusals into domain errors that name the field.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    const Multer = FileInterceptor(EVIDENCE_FILE_FIELD, {
      limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 10, fieldNameSize: 100, fieldSize: 1024, parts: 12 },
      // Browsers send non-ASCII file names as raw UTF-8.
      defParamCharset: 'utf8',
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (err) {
      throw this.refusal(err);
    }
  }

  private refusal(err: unknown): unknown {
    if (!(err instanceof HttpException)) return err;
    const cause = (err.cause ?? {}) as MulterCause;
    const limit = this.config.EVIDENCE_MAX_BYTES;
    switch (cause.code) {
      case 'LIMIT_FILE_SIZE':
        return new DomainError('PAYLOAD_TOO_LARGE', {
          limit: `${limit} bytes`,
          fields: [issue(EVIDENCE_FILE_FIELD, 'maxSize', `berkas lebih dari ${limit} byte`, `the file is larger than ${limit} bytes`)],
        });
      case 'LIMIT_FILE_COUNT':
        return validation(issue(EVIDENCE_FILE_FIELD, 'maxCount', 'hanya satu berkas per unggahan', 'one file per upload'));
      case 'LIMIT_UNEXPECTED_FILE':
        return cause.field === EVIDENCE_FILE_FIELD
          ? validation(issue(EVIDENCE_FILE_FIELD, 'maxCount', 'hanya satu berkas per unggahan', 'one file per upload'))
          : validation(
              issue(
                cause.field ?? 'body',
                'unexpectedFile',
                `berkas hanya boleh pada kolom "${EVIDENCE_FILE_FIELD}"`,
                `files go in field "${EVIDENCE_FILE_FIELD}" only`,
              ),
            );
      case 'LIMIT_FIELD_VALUE':
        return validation(issue(cause.field ?? 'body', 'maxLength', 'terlalu panjang', 'too long'));
      case 'LIMIT_FIELD_KEY':
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_PART_COUNT':
        return validation(
          issue('body', 'maxParts', 'terlalu banyak kolom atau nama kolom terlalu panjang', 'too many fields, or a field name too long'),
        );
    }
    if (err.getStatus() === HttpStatus.UNSUPPORTED_MEDIA_TYPE || err.getStatus() === HttpStatus.BAD_REQUEST) {
      return validation(
        issue('body', 'multipart', 'isi permintaan bukan multipart/form-data yang sah', 'the body is not valid multipart/form-data'),
      );
    }
    return err;
  }
}

const validation = (...fields: FieldIssue[]): DomainError => new DomainError('VALIDATION_FAILED', { fields });
