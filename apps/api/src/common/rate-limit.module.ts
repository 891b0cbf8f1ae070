import { ACTOR_ID_PATTERN } from '@meritflow/domain';
import { Injectable, Module, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { normalizeIp, ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { ApiConfig } from '@meritflow/config';
import { DomainError } from '@meritflow/domain';
import { API_CONFIG } from '../config.provider';
import { HealthController } from '../health/health.controller';

/**
 * One caller may send RATE_LIMIT_MAX requests per window; one address, whoever it claims to be,
 * ADDRESS_FACTOR times that. The second ceiling exists because the caller's bucket is picked from
 * an unverified token: without it, a burst of forged tokens, each naming another subject, would
 * never be limited. Many honest users behind one agency gateway share the address ceiling.
 */
export const ADDRESS_FACTOR = 10;

const BEARER = /^Bearer [A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/**
 * The `sub` a bearer token claims, read WITHOUT verifying it: it only picks a rate-limit bucket,
 * and authentication (which runs after this guard) decides whether the token is any good.
 */
export function claimedSubject(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string' || authorization.length > 8192) return undefined;
  const payload = BEARER.exec(authorization)?.[1];
  if (!payload) return undefined;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown } | null)?.sub;
    return typeof sub === 'string' && ACTOR_ID_PATTERN.test(sub) ? sub : undefined;
  } catch {
    return undefined;
  }
}

const addressOf = (req: Request): string => normalizeIp(req.ip ?? req.socket?.remoteAddress ?? 'unknown');

/**
 * Global: counts every request to a controller before authentication, so bursts of bad tokens are
 * limited too. Over the limit: 429 RATE_LIMITED with Retry-After. The health check is exempt, so
 * that probes never crowd out users and an overloaded caller cannot hide an outage.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || context.getClass() === HealthController;
  }

  /** One bucket per caller across every endpoint (the default would keep one per handler). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new DomainError('RATE_LIMITED', { retryAfterSeconds });
  }
}

export function rateLimitOptions(config: Pick<ApiConfig, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW_MS'>): ThrottlerModuleOptions {
  return {
    // Only Retry-After, set when refusing: the X-RateLimit-* headers would tell a prober its budget.
    setHeaders: false,
    throttlers: [
      {
        name: 'caller',
        limit: config.RATE_LIMIT_MAX,
        ttl: config.RATE_LIMIT_WINDOW_MS,
        getTracker: (req: Record<string, any>) => {
          const r = req as Request;
          const sub = claimedSubject(r.headers.authorization);
          return sub ? `sub:${sub}@${addressOf(r)}` : `ip:${addressOf(r)}`;
        },
      },
      {
        name: 'address',
        limit: config.RATE_LIMIT_MAX * ADDRESS_FACTOR,
        ttl: config.RATE_LIMIT_WINDOW_MS,
        getTracker: (req: Record<string, any>) => `ip:${addressOf(req as Request)}`,
      },
    ],
  };
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => rateLimitOptions(config),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
