import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, evaluateLedgerAudit } from '../../../../../libs/domain/src';
import { actorFromHeaders } from '../../common/actor.decorator';

/** Only auditors and administrators replay or export a case: an export carries every decision of it. */
@Injectable()
export class CaseAuditorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const verdict = evaluateLedgerAudit(actorFromHeaders(context.switchToHttp().getRequest<Request>().headers), 'audit_case');
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.params);
    return true;
  }
}
