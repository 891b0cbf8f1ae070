import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { exportJWK, SignJWT, type JWK } from 'jose';
import type { MeritflowClaims } from './principal';

export interface IssueOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** Seconds since the epoch; defaults to now (tests back-date tokens to expire them). */
  issuedAt?: number;
}

/**
 * The development and test token issuer: an Ed25519 key that signs meritflow's claims and
 * publishes its public half as a JWKS. An agency's own identity provider replaces it in production.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
    readonly kid: string,
    /** True when no key was configured and this one dies with the process. */
    readonly ephemeral: boolean,
  ) {}

  static fromPem(pem: string | undefined): LocalIssuer {
    const privateKey = pem ? createPrivateKey(pem) : generateKeyPairSync('ed25519').privateKey;
    const publicKey = createPublicKey(privateKey);
    const raw = publicKey.export({ format: 'der', type: 'spki' });
    const kid = `local-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
    return new LocalIssuer(privateKey, publicKey, kid, !pem);
  }

  /** A fresh key in PEM, for a test stack that must sign tokens outside the API. */
  static generatePem(): string {
    return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [{ ...(await exportJWK(this.publicKey)), kid: this.kid, alg: 'EdDSA', use: 'sig' }] };
  }

  sign(claims: MeritflowClaims, opts: IssueOptions): Promise<string> {
    const iat = opts.issuedAt ?? Math.floor(Date.now() / 1000);
    const { sub, ...rest } = claims;
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(opts.issuer)
      .setAudience(opts.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + opts.ttlSeconds)
      .sign(this.privateKey);
  }
}
