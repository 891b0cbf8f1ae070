import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, evaluateEvidenceUpload } from '../../../../libs/domain/src';
import { actorFromHeaders } from '../common/actor.decorator';

/** Refuses a caller who may not upload before the body is read. */
@Injectable()
export class EvidenceUploaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const verdict = evaluateEvidenceUpload(actorFromHeaders(context.switchToHttp().getRequest<Request>().headers));
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.params);
    return true;
  }
}
