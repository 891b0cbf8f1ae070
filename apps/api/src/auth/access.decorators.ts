import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ROLES, type Role } from '@meritflow/domain';
import { ApiErrors } from '../common/api-errors';

export const ROLES_KEY = 'meritflow:roles';
export const PUBLIC_KEY = 'meritflow:public';

/** Every role: reads that every signed-in user may make (still scoped to their agency). */
export const ANY_ROLE: readonly Role[] = ROLES;

/**
 * Who may call an endpoint. Every route must say so: the global AuthGuard refuses a route that has
 * neither @Roles nor @Public, so a new endpoint is closed until someone decides who may use it.
 * The roles also appear in the OpenAPI document (`x-allowed-roles` and the 403 description).
 */
export const Roles = (...roles: readonly Role[]): MethodDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, [...roles]),
    ApiBearerAuth(),
    ApiExtension('x-allowed-roles', [...roles]),
    // Every signed-in request can meet these: no valid token, a role not admitted here, a bad X-Acting-For.
    ApiErrors('UNAUTHENTICATED', 'ACCESS_DENIED', 'DELEGATION_INVALID', 'RATE_LIMITED'),
  );

/** An endpoint anyone may call without a token (health, the local issuer's keys). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-allowed-roles', ['public']));
