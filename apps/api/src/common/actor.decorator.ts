import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError, isRole, ROLES, type Actor, type FieldIssue } from '../../../../libs/domain/src';
import { isSingleLine } from './text.validators';

/**
 * DEVELOPMENT STAND-IN for authentication: the acting user comes from request headers.
 * Anyone can claim any role with it. It is replaced by signed bearer tokens (issue "Who may do what").
 */
export const ACTOR_HEADERS = { id: 'x-actor-id', role: 'x-actor-role', name: 'x-actor-name' } as const;

const ACTOR_ID = /^[A-Za-z0-9._@-]{1,64}$/;

export function actorFromHeaders(headers: Request['headers']): Actor {
  const one = (h: string): string | undefined => {
    const v = headers[h];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one(ACTOR_HEADERS.id);
  const role = one(ACTOR_HEADERS.role);
  const name = one(ACTOR_HEADERS.name);
  if (!id || !role) {
    throw new DomainError('ACTOR_REQUIRED', { detail: `${ACTOR_HEADERS.id}, ${ACTOR_HEADERS.role}` });
  }
  const issues: FieldIssue[] = [];
  if (!ACTOR_ID.test(id)) {
    issues.push({
      field: ACTOR_HEADERS.id,
      rule: 'matches',
      message: { id: 'hanya huruf, angka, . _ @ -, maksimal 64', en: 'letters, digits and . _ @ - only, at most 64' },
    });
  }
  if (!isRole(role)) {
    issues.push({
      field: ACTOR_HEADERS.role,
      rule: 'isIn',
      message: { id: `harus salah satu dari: ${ROLES.join(', ')}`, en: `must be one of: ${ROLES.join(', ')}` },
    });
  }
  if (name !== undefined && (name.length > 200 || !isSingleLine(name))) {
    issues.push({ field: ACTOR_HEADERS.name, rule: 'maxLength', message: { id: 'maksimal 200 karakter teks', en: 'at most 200 plain characters' } });
  }
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
  return { id, role: role as Actor['role'], ...(name ? { name } : {}) };
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  actorFromHeaders(ctx.switchToHttp().getRequest<Request>().headers),
);

/** Documents the stand-in headers on an endpoint. */
export const ApiActorHeaders = (): MethodDecorator & ClassDecorator => {
  const decorators = [
    ApiHeader({ name: ACTOR_HEADERS.id, required: true, description: 'Development stand-in: NIP or user id of the acting person' }),
    ApiHeader({ name: ACTOR_HEADERS.role, required: true, description: `Development stand-in: one of ${ROLES.join(', ')}` }),
    ApiHeader({ name: ACTOR_HEADERS.name, required: false, description: 'Display name of the acting person' }),
  ];
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const d of decorators) (d as (t: object, k?: string | symbol, desc?: PropertyDescriptor) => void)(target, key, descriptor);
  }) as MethodDecorator & ClassDecorator;
};
