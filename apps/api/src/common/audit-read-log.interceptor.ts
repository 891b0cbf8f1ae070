import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { isReadOnlyRole, type Actor } from '../../../../libs/domain/src';
import { AuditReadRepository } from '../../../../libs/persistence/src';
import { SELECTION_WORKFLOW_ID_PATTERN, VACANCY_WORKFLOW_ID_PATTERN } from '../../../../workflows/src/contracts';
import { ACTOR_HEADERS } from './actor.decorator';

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The case a request path names (`/api/v1/cases/<id>/...`, `/api/v1/selections/<id>`), if any. */
export const caseIdInPath = (path: string): string | null =>
  path
    .split('/')
    .map(decode)
    .find((s) => VACANCY_WORKFLOW_ID_PATTERN.test(s) || SELECTION_WORKFLOW_ID_PATTERN.test(s)) ?? null;

/**
 * Writes one `audit_reads` row for every request made by a read-only actor (an auditor), with the
 * status the client actually received: the row is written when the response closes, after the
 * exception filter has answered, so refusals and failures are logged like successes.
 */
@Injectable()
export class AuditReadLog {
  private readonly logger = new Logger('audit-reads');
  private readonly tracked = new WeakSet<Request>();

  constructor(private readonly reads: AuditReadRepository) {}

  track(req: Request, res: Response): void {
    const role = header(req, ACTOR_HEADERS.role);
    if (!isReadOnlyRole(role) || this.tracked.has(req)) return;
    this.tracked.add(req);
    // Logged even when the headers would not pass validation: the claim to be an auditor is what counts.
    const actor: Actor = {
      id: (header(req, ACTOR_HEADERS.id) ?? '').slice(0, 200) || '-',
      role,
      ...(header(req, ACTOR_HEADERS.name) ? { name: header(req, ACTOR_HEADERS.name)!.slice(0, 200) } : {}),
    };
    const requestedAt = new Date();
    const path = req.originalUrl.split('?')[0];
    const query = { ...(req.query as Record<string, unknown>) };
    res.once('close', () => {
      this.reads
        .append({
          requestedAt,
          actor,
          method: req.method,
          path,
          query,
          statusCode: res.statusCode,
          completed: res.writableFinished,
          caseId: caseIdInPath(path),
        })
        .catch((err: unknown) => this.logger.error(`could not log ${req.method} ${path} by ${actor.id}: ${String(err)}`));
    });
  }
}

/** Global: hands every request that reaches a handler to the auditor log. */
@Injectable()
export class AuditReadLogInterceptor implements NestInterceptor {
  constructor(private readonly log: AuditReadLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const http = context.switchToHttp();
      this.log.track(http.getRequest<Request>(), http.getResponse<Response>());
    }
    return next.handle();
  }
}

/**
 * Hands every request to the auditor log before routing, so requests that never reach a handler
 * (an unknown route) are logged too; the interceptor and the guard hand theirs over as well, once.
 */
@Injectable()
export class AuditReadLogMiddleware implements NestMiddleware {
  constructor(private readonly log: AuditReadLog) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.log.track(req, res);
    next();
  }
}
