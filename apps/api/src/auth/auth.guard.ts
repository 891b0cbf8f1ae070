import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Principal } from '@meritflow/auth';
import { TokenVerifier } from '@meritflow/auth';
import { DomainError, isReadOnlyRole, isRole, SAFE_METHODS, type Actor, type Role } from '@meritflow/domain';
import { DelegationRepository } from '@meritflow/persistence';
import { AuditReadLog } from '../common/audit-read-log.interceptor';
import { READS_ONLY } from '../common/reads-only';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { CaseScope } from './case-scope';

export const ACTING_ROLE_HEADER = 'x-acting-role';
export const ACTING_FOR_HEADER = 'x-acting-for';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The verified actor of a request, set by the AuthGuard before any handler runs. */
export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  principal?: Principal;
  /** The principal of the Authorization header as AuditReadLogMiddleware verified it, so it is verified once per request. */
  verifiedToken?: { authorization: string; principal: Principal };
}

const one = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Global, on every route present and future: a signed bearer token, a role the route admits, a
 * delegation when the caller acts for someone (X-Acting-For), read-only roles only reading, and the
 * caller's agency owning the case the request names. A route without @Roles or @Public is closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    private readonly delegations: DelegationRepository,
    private readonly scope: CaseScope,
    private readonly auditLog: AuditReadLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const authorization = req.headers.authorization;
    // The middleware before routing verified this very header already (signature, issuer, audience, expiry).
    const principal =
      req.verifiedToken && req.verifiedToken.authorization === authorization
        ? req.verifiedToken.principal
        : await this.verifier.verifyHeader(authorization);
    req.principal = principal;
    const actor = await this.actorOf(principal, req);
    req.actor = actor;
    // Every request of a read-only actor (an auditor) is logged, refusals included.
    this.auditLog.track(req, http.getResponse<Response>());

    const action = `${req.method} ${req.route?.path ?? req.path}`;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(actor.role as Role)) throw new DomainError('ACCESS_DENIED', { role: actor.role, action, roles: allowed });
    const readsOnly = this.reflector.get<boolean>(READS_ONLY, context.getHandler());
    if (isReadOnlyRole(actor.role) && !SAFE_METHODS.includes(req.method) && !readsOnly) {
      throw new DomainError('ACCESS_DENIED', {
        role: actor.role,
        action,
        roles: allowed.filter((r) => !isReadOnlyRole(r)),
        readOnly: true,
      });
    }
    await this.scope.assertRequest(actor, req);
    return true;
  }

  private async actorOf(p: Principal, req: Request): Promise<Actor> {
    const asked = one(req, ACTING_ROLE_HEADER);
    let role: Role;
    if (asked !== undefined) {
      if (!isRole(asked) || !p.roles.includes(asked)) {
        throw new DomainError('ACCESS_DENIED', {
          role: String(asked).slice(0, 40),
          action: `act as ${String(asked).slice(0, 40)}`,
          roles: p.roles,
        });
      }
      role = asked;
    } else if (p.roles.length === 1) role = p.roles[0];
    else {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: ACTING_ROLE_HEADER,
            rule: 'required',
            message: { id: `pilih peran: ${p.roles.join(', ')}`, en: `choose a role: ${p.roles.join(', ')}` },
          },
        ],
      });
    }
    const actor: Actor = { id: p.id, role, agency: p.agency, ...(p.name ? { name: p.name } : {}) };
    const delegationId = one(req, ACTING_FOR_HEADER);
    return delegationId === undefined ? actor : this.underDelegation(actor, delegationId);
  }

  /** The caller acts for a delegator: the delegation must be theirs, current and not revoked. */
  private async underDelegation(actor: Actor, delegationId: string): Promise<Actor> {
    const refuse = (reason: string): never => {
      throw new DomainError('DELEGATION_INVALID', { delegationId: delegationId.slice(0, 40), reason });
    };
    if (!UUID.test(delegationId)) refuse('not a delegation id');
    const d = await this.delegations.get(delegationId);
    if (!d || d.delegateId !== actor.id) refuse('no such delegation to you');
    const now = Date.now();
    if (d!.revocation) refuse(`revoked at ${new Date(d!.revocation.revokedAt).toISOString()}`);
    if (now < Date.parse(d!.validFrom)) refuse(`valid from ${d!.validFrom}`);
    if (now >= Date.parse(d!.validUntil)) refuse(`expired at ${d!.validUntil}`);
    return {
      id: actor.id,
      ...(actor.name ? { name: actor.name } : { name: d!.delegateName }),
      role: d!.role,
      agency: d!.agencyCode,
      actingFor: { id: d!.delegatorId, ...(d!.delegatorName ? { name: d!.delegatorName } : {}), role: d!.role, delegationId: d!.id },
    };
  }
}
