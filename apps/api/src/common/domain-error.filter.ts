import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, errorMessage, pickLocale, type Locale } from '../../../../libs/domain/src';
import { ERROR_STATUS } from './error-status';

/** Body-parser errors arrive as plain errors carrying a `type`. */
interface ParserError {
  type?: string;
  limit?: number;
  status?: number;
}

/**
 * Turns every error into `{ statusCode, code, message, messages: { id, en }, details }`.
 * Stack traces never leave the process.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly defaultLocale: Locale) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const error = this.toDomainError(exception, req);
    const status = ERROR_STATUS[error.code];
    if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}: ${describe(exception)}`);
    const messages = errorMessage(error.code, error.params);
    const locale = pickLocale(req.headers['accept-language'], this.defaultLocale);
    // A passing outage: tell clients when to ask again (a decision sent with its Idempotency-Key is safe to repeat).
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json({
      statusCode: status,
      code: error.code,
      message: messages[locale],
      messages,
      details: error.params,
    });
  }

  private toDomainError(exception: unknown, req: Request): DomainError {
    if (exception instanceof DomainError) return exception;
    const parser = exception as ParserError;
    if (parser?.type === 'entity.too.large') return new DomainError('PAYLOAD_TOO_LARGE', { limit: parser.limit });
    const status = exception instanceof HttpException ? exception.getStatus() : parser?.status;
    if (parser?.type?.startsWith('entity.') || parser?.type?.endsWith('.unsupported') || status === 400) {
      // Nest rethrows body-parser failures as a plain 400: the body itself is unreadable.
      return new DomainError('VALIDATION_FAILED', { fields: [BODY_NOT_JSON] });
    }
    if (exception instanceof HttpException) {
      if (status === 404) return new DomainError('ROUTE_NOT_FOUND', { path: req.path });
      if (status === 413) return new DomainError('PAYLOAD_TOO_LARGE', {});
      // Terminus answers 503 with the report of what is down; keep that report for operators.
      if (status === 503) return new DomainError('UPSTREAM_UNAVAILABLE', { service: req.path, report: exception.getResponse() });
    }
    return new DomainError('INTERNAL');
  }
}

const BODY_NOT_JSON = {
  field: 'body',
  rule: 'json',
  message: { id: 'isi permintaan bukan JSON yang sah', en: 'the body is not valid JSON' },
};

/** The error and its causes (a failed Temporal update hides the workflow's own failure in `cause`). */
function describe(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    parts.push(cur instanceof Error ? (depth === 0 ? (cur.stack ?? cur.message) : `caused by ${cur.name}: ${cur.message}`) : String(cur));
  }
  return parts.join('\n');
}
