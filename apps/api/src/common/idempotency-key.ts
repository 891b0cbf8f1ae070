import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { canonicalJson, DomainError } from '@meritflow/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** A client's Idempotency-Key and the fingerprint of the request it came with. */
export interface IdempotentRequest {
  key: string;
  /** Lower-case hex SHA-256 of the request's canonical form: method, path, actor, canonical JSON body. */
  fingerprint: string;
  method: string;
  path: string;
}

/** Checks an optional Idempotency-Key header. */
export function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new DomainError('VALIDATION_FAILED', {
      fields: [
        {
          field: 'idempotency-key',
          rule: 'matches',
          message: { id: '8–128 karakter: huruf, angka, . _ : -', en: '8–128 characters: letters, digits, . _ : -' },
        },
      ],
    });
  }
  return value;
}

const canonicalBody = (body: unknown): string => {
  try {
    return canonicalJson(body ?? null);
  } catch {
    // A number JSON cannot hold (1e400): validation refuses the body; the fingerprint only needs to be stable.
    return JSON.stringify(body ?? null);
  }
};

/** The fingerprint of a request, as the IETF Idempotency-Key draft asks: the same key must mean the same request. */
export function requestFingerprint(req: Pick<AuthenticatedRequest, 'method' | 'originalUrl' | 'body' | 'actor'>): string {
  const actor = req.actor;
  const form = canonicalJson({
    method: req.method,
    path: req.originalUrl,
    actor: actor ? { id: actor.id, role: actor.role, actingFor: actor.actingFor?.id ?? null } : null,
    body: JSON.parse(canonicalBody(req.body)),
  });
  return createHash('sha256').update(form).digest('hex');
}

/** The request's Idempotency-Key header, checked, with the fingerprint of the request it came with. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): IdempotentRequest | undefined => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const header = req.headers['idempotency-key'];
  const key = idempotencyKey(Array.isArray(header) ? header.join(',') : header);
  if (key === undefined) return undefined;
  return { key, fingerprint: requestFingerprint(req), method: req.method, path: req.originalUrl };
});
