import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type NestMiddleware,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { isReadOnlyRole, type Actor } from '@meritflow/domain';
import { TokenVerifier } from '@meritflow/auth';
import { AuditReadRepository } from '@meritflow/persistence';
import { rootCaseOf } from '@meritflow/contracts';
import type { AuthenticatedRequest } from '../auth/auth.guard';

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
    .map((s) => rootCaseOf(s))
    .find((ref) => ref !== null)?.rootId ?? null;

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

  /** Called by the AuthGuard once the token is verified, so refusals after that are logged too. */
  track(req: AuthenticatedRequest, res: Response): void {
    const verified = req.actor;
    if (!verified || !isReadOnlyRole(verified.role) || this.tracked.has(req)) return;
    this.tracked.add(req);
    const actor: Actor = { id: verified.id, role: verified.role, ...(verified.name ? { name: verified.name } : {}) };
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
      this.log.track(http.getRequest<AuthenticatedRequest>(), http.getResponse<Response>());
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
  constructor(
    private readonly log: AuditReadLog,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  use(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
    const authorization = req.headers.authorization;
    if (!authorization) return next();
    // Only the verified token counts. The AuthGuard takes the principal verified here (for this same
    // header) rather than verifying the signature twice, and decides what the request may do.
    this.verifier.verifyHeader(authorization).then(
      (p) => {
        req.verifiedToken = { authorization, principal: p };
        const role = p.roles.find(isReadOnlyRole);
        // Provisional: the AuthGuard replaces it with the actor it has checked before any handler runs.
        if (role) {
          req.actor = { id: p.id, role, ...(p.name ? { name: p.name } : {}) };
          this.log.track(req, res);
        }
        next();
      },
      () => next(),
    );
  }
}
