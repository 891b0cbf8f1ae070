import { HttpException, HttpStatus, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { DomainError, type FieldIssue } from '@meritflow/domain';

/** The part multer's memory storage hands the route (declared here: no @types/multer needed). */
export interface UploadedFilePart {
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
 * Reads a one-file multipart body with Nest's FileInterceptor (multer, memory storage: the bytes are
 * hashed and stored or read in memory, never written to disk) and turns its refusals into domain
 * errors that name the field. Evidence and register imports subclass it with their field and limit.
 */
export abstract class FileUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  protected constructor(
    private readonly field: string,
    private readonly limit: number,
  ) {
    const Multer = FileInterceptor(field, {
      limits: { fileSize: limit, files: 1, fields: 10, fieldNameSize: 100, fieldSize: 1024, parts: 12 },
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
    const { limit, field } = this;
    switch (cause.code) {
      case 'LIMIT_FILE_SIZE':
        return new DomainError('PAYLOAD_TOO_LARGE', {
          limit: `${limit} bytes`,
          fields: [issue(field, 'maxSize', `berkas lebih dari ${limit} byte`, `the file is larger than ${limit} bytes`)],
        });
      case 'LIMIT_FILE_COUNT':
        return validation(issue(field, 'maxCount', 'hanya satu berkas per unggahan', 'one file per upload'));
      case 'LIMIT_UNEXPECTED_FILE':
        return cause.field === field
          ? validation(issue(field, 'maxCount', 'hanya satu berkas per unggahan', 'one file per upload'))
          : validation(
              issue(
                cause.field ?? 'body',
                'unexpectedFile',
                `berkas hanya boleh pada kolom "${field}"`,
                `files go in field "${field}" only`,
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
