import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, evaluateLedgerAudit, type Actor } from '@meritflow/domain';
import {
  ChainDigester,
  LedgerVerifier,
  parseChainDigest,
  verifyDigest,
  type ChainDigest,
  type DigestComparison,
  type LedgerSigningKey,
  type LedgerVerification,
} from '@meritflow/persistence';

export const LEDGER_SIGNING_KEY = Symbol('LEDGER_SIGNING_KEY');

export interface DigestCheck {
  /** Signature valid and every signed head still in place. */
  intact: boolean;
  signature: { valid: boolean; reason?: 'unknown_key' | 'malformed' | 'key_invalid' | 'signature_mismatch'; keyId: string };
  comparison: DigestComparison;
}

/** Integrity checks of the decision ledger, for auditors and administrators only. */
@Injectable()
export class LedgerService {
  private readonly verifier: LedgerVerifier;
  private readonly digests: ChainDigester;

  constructor(
    ds: DataSource,
    @Inject(LEDGER_SIGNING_KEY) private readonly key: LedgerSigningKey,
  ) {
    this.verifier = new LedgerVerifier(ds);
    this.digests = new ChainDigester(ds);
  }

  async verify(actor: Actor, caseId: string | null): Promise<LedgerVerification> {
    this.assertMayAudit(actor, 'verify_ledger');
    if (caseId === null) return this.verifier.verifyAll();
    const report = await this.verifier.verifyCase(caseId);
    if (report.cases === 0) throw new DomainError('CASE_NOT_FOUND', { caseId });
    return report;
  }

  async digest(actor: Actor, caseId: string | null): Promise<ChainDigest> {
    this.assertMayAudit(actor, 'digest_ledger');
    const digest = await this.digests.digest(this.key, caseId);
    if (caseId !== null && digest.heads.length === 0) throw new DomainError('CASE_NOT_FOUND', { caseId });
    return digest;
  }

  /** Whether this server signed the digest as it is, and whether the ledger still reaches every head in it. */
  async check(actor: Actor, body: ChainDigest): Promise<DigestCheck> {
    this.assertMayAudit(actor, 'check_ledger_digest');
    const digest = parseChainDigest(body);
    // An ephemeral key lives as long as the process: a digest from before a restart cannot be checked here.
    const verdict =
      digest.keyId === this.key.keyId ? verifyDigest(digest, this.key.publicKeyPem) : ({ valid: false, reason: 'unknown_key' } as const);
    const comparison = await this.digests.compareWithDigest(digest);
    return { intact: verdict.valid && comparison.intact, signature: { ...verdict, keyId: digest.keyId }, comparison };
  }

  private assertMayAudit(actor: Actor, action: string): void {
    const verdict = evaluateLedgerAudit(actor, action);
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.params);
  }
}
