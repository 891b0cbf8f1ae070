import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, pickLocale, type ErrorCode, type Locale } from '@meritflow/domain';
import type { SecurityEventRepository } from '@meritflow/persistence';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { caseIdInPath } from './audit-read-log.interceptor';
import { errorBody } from './error-body';
import { ERROR_STATUS } from './error-status';
import { OutOfScope } from './out-of-scope';

/** Refusals that are attempts to do what one may not: each becomes a security event. */
const SECURITY_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'ACCESS_DENIED',
  'DELEGATION_INVALID',
  'SEPARATION_OF_DUTIES',
  'RATE_LIMITED',
  'ACTOR_NOT_ASSIGNED',
  'CONFLICT_OF_INTEREST',
]);

/** The subject a token claims, unverified, for the record of a refused token (never trusted for access). */
const claimedSubject = (authorization: unknown): string | null => {
  if (typeof authorization !== 'string') return null;
  const payload = authorization.split(' ')[1]?.split('.')[1];
  if (!payload || payload.length > 4096) return null;
  try {
    const sub = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub;
    return typeof sub === 'string' ? sub.slice(0, 64) : null;
  } catch {
    return null;
  }
};

/** Body-parser errors arrive as plain errors carrying a `type`. */
interface ParserError {
  type?: string;
  limit?: number;
  status?: number;
}

/**
 * Turns every error into `{ statusCode, code, message, messages: { id, en }, details, field }`
 * (error-body.ts: human text without API field names, the field's path in `field`).
 * Stack traces never leave the process.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(
    private readonly defaultLocale: Locale,
    private readonly securityEvents?: SecurityEventRepository,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const error = this.toDomainError(exception, req);
    const status = ERROR_STATUS[error.code];
    if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}: ${describe(exception)}`);
    if (SECURITY_CODES.has(error.code) || error instanceof OutOfScope) this.recordSecurityEvent(req as AuthenticatedRequest, error);
    const { messages, details, field } = errorBody(error);
    const locale = pickLocale(req.headers['accept-language'], this.defaultLocale);
    // A passing outage: tell clients when to ask again (a decision sent with its Idempotency-Key is safe to repeat).
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json({
      statusCode: status,
      code: error.code,
      message: messages[locale],
      messages,
      details,
      field,
    });
  }

  /** Written before the answer is sent, so a client that reads the log next sees its refusal; a failed write only logs. */
  private recordSecurityEvent(req: AuthenticatedRequest, error: DomainError): void {
    if (!this.securityEvents) return;
    const path = req.originalUrl.split('?')[0];
    const actor = req.actor;
    if (error.code === 'RATE_LIMITED' && !this.firstThrottleInWindow(`${claimedSubject(req.headers.authorization) ?? '-'}|${req.ip}`))
      return;
    this.securityEvents
      .record({
        code: error instanceof OutOfScope ? error.securityCode : error.code,
        // A refusal after the token was verified but before the actor was settled (a bad delegation) names the principal.
        actorId: actor?.id ?? req.principal?.id ?? null,
        actorRole: actor?.role ?? req.principal?.roles.join(',') ?? null,
        actorAgency: actor?.agency ?? req.principal?.agency ?? null,
        actingFor: actor?.actingFor?.id ?? null,
        method: req.method,
        path,
        caseId: caseIdInPath(path),
        clientIp: req.ip ?? null,
        detail: {
          ...error.params,
          ...(error instanceof OutOfScope ? error.securityDetail : {}),
          ...(actor || req.principal ? {} : { claimedSubject: claimedSubject(req.headers.authorization) }),
        },
      })
      .catch((err: unknown) => this.logger.error(`could not record security event ${error.code} on ${req.method} ${path}: ${String(err)}`));
  }

  /** A flood of refused requests is one event per caller per minute, not one insert per request. */
  private readonly throttled = new Map<string, number>();
  private firstThrottleInWindow(key: string): boolean {
    const now = Date.now();
    const last = this.throttled.get(key);
    if (last !== undefined && now - last < 60_000) return false;
    if (this.throttled.size >= 10_000) this.throttled.clear();
    this.throttled.set(key, now);
    return true;
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
