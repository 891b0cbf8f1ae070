import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, type Actor } from '@meritflow/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/** The verified actor of the request (from its bearer token, and its delegation if any), set by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Only a @Public route has no actor, and a @Public route has no business asking for one.
  if (!actor) throw new DomainError('UNAUTHENTICATED', { reason: 'no bearer token' });
  return actor;
});
