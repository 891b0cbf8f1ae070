import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '@meritflow/domain';
import type { LocalIssuer } from './local-issuer';
import { principalFromClaims, type Principal } from './principal';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** An identity provider's JWKS URL; when unset, the local issuer's keys are trusted. */
  jwksUrl?: string;
  localIssuer?: LocalIssuer;
}

/** Asymmetric algorithms only: an HMAC or "none" token is refused whatever its key. */
const ALGORITHMS = ['EdDSA', 'ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256'];
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** Checks bearer tokens against the configured issuer, audience and keys. */
export class TokenVerifier {
  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly opts: VerifierOptions,
  ) {}

  static async create(opts: VerifierOptions): Promise<TokenVerifier> {
    if (opts.jwksUrl) return new TokenVerifier(createRemoteJWKSet(new URL(opts.jwksUrl)), opts);
    if (!opts.localIssuer) throw new Error('TokenVerifier needs a JWKS URL or the local issuer');
    return new TokenVerifier(createLocalJWKSet(await opts.localIssuer.jwks()), opts);
  }

  /** Reads `Authorization: Bearer <jwt>`; every failure is UNAUTHENTICATED with a reason that leaks no key material. */
  async verifyHeader(header: string | string[] | undefined): Promise<Principal> {
    if (header === undefined || header === '') throw new DomainError('UNAUTHENTICATED', { reason: 'no bearer token' });
    const match = typeof header === 'string' && header.length <= 8192 ? BEARER.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', { reason: 'malformed Authorization header' });
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.opts.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      return principalFromClaims(payload as Record<string, unknown>);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('UNAUTHENTICATED', { reason: reasonOf(err) });
    }
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (err instanceof errors.JWKSNoMatchingKey) return 'signed by an unknown key';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (err instanceof errors.JWKSTimeout || (err as { code?: string })?.code === 'ERR_JWKS_TIMEOUT')
    return 'identity provider keys unavailable';
  return 'token unreadable';
}
