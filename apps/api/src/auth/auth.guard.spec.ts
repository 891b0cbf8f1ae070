import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Principal, TokenVerifier } from '@meritflow/auth';
import type { DelegationRepository } from '@meritflow/persistence';
import type { AuditReadLog } from '../common/audit-read-log.interceptor';
import { AuthGuard, type AuthenticatedRequest } from './auth.guard';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import type { CaseScope } from './case-scope';

// The token of a request is verified once: the auditor-log middleware, which runs before routing, hands
// the guard the principal it verified, for that same Authorization header (issue 19: one signature
// check per request instead of two).
const hr: Principal = { id: '197001012000011001', roles: ['hr_officer'], agency: 'PEMKAB-X' };

function guardWith(verified: Principal) {
  const verifyHeader = jest.fn(async () => verified);
  const reflector = {
    getAllAndOverride: (key: unknown) => (key === ROLES_KEY ? ['hr_officer'] : key === PUBLIC_KEY ? false : undefined),
    get: () => false,
  } as unknown as Reflector;
  const guard = new AuthGuard(
    reflector,
    { verifyHeader } as unknown as TokenVerifier,
    {} as DelegationRepository,
    { assertRequest: async () => {} } as unknown as CaseScope,
    { track: () => {} } as unknown as AuditReadLog,
  );
  return { guard, verifyHeader };
}

function contextOf(req: Partial<AuthenticatedRequest>): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => () => {},
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

const request = (authorization: string, verifiedToken?: AuthenticatedRequest['verifiedToken']) =>
  ({ headers: { authorization }, method: 'GET', path: '/v1/cases', verifiedToken }) as Partial<AuthenticatedRequest>;

describe('AuthGuard: one signature check per request', () => {
  it('takes the principal the middleware verified for the same header, without verifying again', async () => {
    const { guard, verifyHeader } = guardWith(hr);
    const req = request('Bearer a.b.c', { authorization: 'Bearer a.b.c', principal: hr });
    await expect(guard.canActivate(contextOf(req))).resolves.toBe(true);
    expect(verifyHeader).not.toHaveBeenCalled();
    expect(req.actor).toMatchObject({ id: hr.id, role: 'hr_officer', agency: 'PEMKAB-X' });
  });

  it('verifies the header itself when the middleware verified another one, or none', async () => {
    for (const verifiedToken of [{ authorization: 'Bearer x.y.z', principal: { ...hr, id: 'someone-else' } }, undefined]) {
      const { guard, verifyHeader } = guardWith(hr);
      const req = request('Bearer a.b.c', verifiedToken);
      await expect(guard.canActivate(contextOf(req))).resolves.toBe(true);
      expect(verifyHeader).toHaveBeenCalledWith('Bearer a.b.c');
      expect(req.actor?.id).toBe(hr.id);
    }
  });
});
