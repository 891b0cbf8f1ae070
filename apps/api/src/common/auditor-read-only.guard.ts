import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError, evaluateRequestMethod } from '../../../../libs/domain/src';
import { ACTOR_HEADERS } from './actor.decorator';
import { AuditReadLog } from './audit-read-log.interceptor';

const READS_ONLY = 'meritflow:reads-only';

/**
 * Marks a POST that only reads (it computes over a body and changes nothing), such as checking a
 * ledger digest: read-only roles may call it. Greppable on purpose: every exemption is visible.
 */
export const ReadsOnly = (): MethodDecorator => SetMetadata(READS_ONLY, true);

/**
 * Global: a read-only actor (an auditor) may read everything and change nothing, on every endpoint,
 * present and future. Guards run before interceptors, so a refusal here would never reach the
 * auditor log's interceptor; the guard hands the request to the log itself before refusing.
 */
@Injectable()
export class AuditorReadOnlyGuard implements CanActivate {
  constructor(
    private readonly log: AuditReadLog,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.get<boolean>(READS_ONLY, context.getHandler())) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const role = req.headers[ACTOR_HEADERS.role];
    const verdict = evaluateRequestMethod(Array.isArray(role) ? role[0] : role, req.method, req.originalUrl.split('?')[0]);
    if (verdict.ok) return true;
    this.log.track(req, http.getResponse<Response>());
    throw new DomainError(verdict.code, verdict.params);
  }
}
