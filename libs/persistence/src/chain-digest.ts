import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { canonicalJson, DomainError } from '@meritflow/domain';
import type { ChainHead } from './ledger-verifier';

export const DIGEST_FORMAT = 'meritflow.ledger-digest/v1';

/**
 * The heads of the ledger's hash chains at one moment, signed. Kept outside the database, it exposes
 * what the chain alone cannot: rows removed from the end of a case, or a case removed whole.
 */
export interface ChainDigest {
  format: typeof DIGEST_FORMAT;
  generatedAt: string;
  /** The one case digested, or null for every case. */
  caseId: string | null;
  /** Sorted by rootWorkflowId (UTF-16 code units). */
  heads: ChainHead[];
  algorithm: 'Ed25519';
  keyId: string;
  /** true: signed with a key made at the API's boot, which no one can check after a restart. */
  ephemeral: boolean;
  /** The signer's public key, for convenience; trust comes from the key a digest is checked against. */
  publicKey: string;
  /** Base64 Ed25519 signature over canonicalJson of every other field. */
  signature: string;
}

export interface LedgerSigningKey {
  keyId: string;
  ephemeral: boolean;
  privateKey: KeyObject;
  publicKeyPem: string;
}

const fingerprint = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/** The configured Ed25519 key, or a fresh ephemeral one when none is configured. */
export function ledgerSigningKey(opts: { privateKeyPem?: string; keyId?: string } = {}): LedgerSigningKey {
  const privateKey = opts.privateKeyPem ? createPrivateKey(opts.privateKeyPem) : generateKeyPairSync('ed25519').privateKey;
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new DomainError('VALIDATION_FAILED', {
      fields: [
        {
          field: 'LEDGER_SIGNING_KEY',
          rule: 'ed25519',
          message: { id: 'harus kunci privat Ed25519', en: 'must be an Ed25519 private key' },
        },
      ],
    });
  }
  const publicKey = createPublicKey(privateKey);
  const ephemeral = !opts.privateKeyPem;
  return {
    keyId: opts.keyId ?? `${ephemeral ? 'ephemeral' : 'ed25519'}:${fingerprint(publicKey)}`,
    ephemeral,
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const byRoot = (a: ChainHead, b: ChainHead): number =>
  a.rootWorkflowId < b.rootWorkflowId ? -1 : a.rootWorkflowId > b.rootWorkflowId ? 1 : 0;

const signedBytes = (d: Omit<ChainDigest, 'signature'> & { signature?: string }): Buffer => {
  const { signature: _signature, ...signed } = d;
  return Buffer.from(canonicalJson(signed), 'utf8');
};

export function signDigest(heads: ChainHead[], key: LedgerSigningKey, caseId: string | null, now: Date): ChainDigest {
  const unsigned: Omit<ChainDigest, 'signature'> = {
    format: DIGEST_FORMAT,
    generatedAt: now.toISOString(),
    caseId,
    heads: heads.map((h) => ({ rootWorkflowId: h.rootWorkflowId, chainSeq: h.chainSeq, rowHash: h.rowHash })).sort(byRoot),
    algorithm: 'Ed25519',
    keyId: key.keyId,
    ephemeral: key.ephemeral,
    publicKey: key.publicKeyPem,
  };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), key.privateKey).toString('base64') };
}

const headSchema = z
  .object({
    rootWorkflowId: z.string().min(1).max(300),
    chainSeq: z.number().int().min(1),
    rowHash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

const digestSchema = z
  .object({
    format: z.literal(DIGEST_FORMAT),
    generatedAt: z.string().min(1).max(64),
    caseId: z.string().min(1).max(300).nullable(),
    heads: z.array(headSchema),
    algorithm: z.literal('Ed25519'),
    keyId: z.string().min(1).max(128),
    ephemeral: z.boolean(),
    publicKey: z.string().max(4096),
    signature: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .max(200),
  })
  .strict();

/** A digest read from a file or a request, checked for shape (not for its signature). */
export function parseChainDigest(value: unknown): ChainDigest {
  const parsed = digestSchema.safeParse(value);
  if (parsed.success) return parsed.data as ChainDigest;
  throw new DomainError('VALIDATION_FAILED', {
    fields: parsed.error.issues.map((i) => ({
      field: ['digest', ...i.path].join('.'),
      rule: i.code,
      message: { id: `bentuk digest tidak sah: ${i.message}`, en: `malformed digest: ${i.message}` },
    })),
  });
}

export type DigestSignatureCheck = { valid: true } | { valid: false; reason: 'malformed' | 'key_invalid' | 'signature_mismatch' };

/** Whether `digest` was signed, exactly as it is, by the private half of `publicKeyPem`. */
export function verifyDigest(digest: unknown, publicKeyPem: string): DigestSignatureCheck {
  let d: ChainDigest;
  try {
    d = parseChainDigest(digest);
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return { valid: false, reason: 'key_invalid' };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { valid: false, reason: 'key_invalid' };
  const signature = Buffer.from(d.signature, 'base64');
  if (signature.length !== 64) return { valid: false, reason: 'signature_mismatch' };
  return verify(null, signedBytes(d), key, signature) ? { valid: true } : { valid: false, reason: 'signature_mismatch' };
}

export const DIGEST_FINDINGS = ['case_missing', 'truncated', 'head_changed'] as const;
export type DigestFindingProblem = (typeof DIGEST_FINDINGS)[number];

export interface DigestFinding {
  rootWorkflowId: string;
  problem: DigestFindingProblem;
  digestChainSeq: number;
  digestRowHash: string;
  /** The case's head now; null when the case has no rows left. */
  currentChainSeq: number | null;
  /** The row_hash now stored at the digest's chain_seq; null when no row is there. */
  currentRowHashAtDigestSeq: string | null;
  message: { id: string; en: string };
}

export interface DigestComparison {
  intact: boolean;
  casesChecked: number;
  findings: DigestFinding[];
  /** Cases begun after the digest (counted for an all-case digest only). */
  newCases: number;
}

function describeFinding(f: Omit<DigestFinding, 'message'>): { id: string; en: string } {
  switch (f.problem) {
    case 'case_missing':
      return {
        id: `${f.rootWorkflowId}: seluruh catatan kasus hilang (digest mencatat ${f.digestChainSeq} catatan)`,
        en: `${f.rootWorkflowId}: every row of the case is gone (the digest recorded ${f.digestChainSeq})`,
      };
    case 'truncated':
      return {
        id: `${f.rootWorkflowId}: ujung rantai dipotong: digest mencatat chain_seq ${f.digestChainSeq}, kini hanya sampai ${f.currentChainSeq}`,
        en: `${f.rootWorkflowId}: tail truncated: the digest recorded chain_seq ${f.digestChainSeq}, now only up to ${f.currentChainSeq}`,
      };
    case 'head_changed':
      return {
        id: `${f.rootWorkflowId}: riwayat sampai chain_seq ${f.digestChainSeq} tidak lagi sama dengan yang ditandatangani (ditulis ulang)`,
        en: `${f.rootWorkflowId}: the history up to chain_seq ${f.digestChainSeq} no longer matches what was signed (rewritten)`,
      };
  }
}

/** Reads chain heads for digests and compares the ledger with a digest taken earlier. */
export class ChainDigester {
  constructor(private readonly ds: DataSource) {}

  async heads(caseId: string | null = null): Promise<ChainHead[]> {
    const rows: { root_workflow_id: string; chain_seq: number; row_hash: Buffer }[] = await this.ds.query(
      `SELECT DISTINCT ON (root_workflow_id) root_workflow_id, chain_seq, row_hash
         FROM decisions
        WHERE $1::text IS NULL OR root_workflow_id = $1
        ORDER BY root_workflow_id, chain_seq DESC`,
      [caseId],
    );
    return rows
      .map((r) => ({ rootWorkflowId: r.root_workflow_id, chainSeq: r.chain_seq, rowHash: r.row_hash.toString('hex') }))
      .sort(byRoot);
  }

  async digest(key: LedgerSigningKey, caseId: string | null = null, now = new Date()): Promise<ChainDigest> {
    return signDigest(await this.heads(caseId), key, caseId, now);
  }

  /** Every case the digest names must still reach its signed head with the same hash. */
  async compareWithDigest(digest: ChainDigest): Promise<DigestComparison> {
    const rows: { root: string; seq: number; current_seq: number | null; hash_at_seq: Buffer | null }[] = await this.ds.query(
      `SELECT h.root, h.seq,
              (SELECT max(d.chain_seq) FROM decisions d WHERE d.root_workflow_id = h.root) AS current_seq,
              (SELECT d.row_hash FROM decisions d WHERE d.root_workflow_id = h.root AND d.chain_seq = h.seq
                ORDER BY d.id LIMIT 1) AS hash_at_seq
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS h(root, seq, ord)
        ORDER BY h.ord`,
      [digest.heads.map((h) => h.rootWorkflowId), digest.heads.map((h) => h.chainSeq)],
    );
    const findings: DigestFinding[] = [];
    rows.forEach((r, i) => {
      const head = digest.heads[i];
      const hashNow = r.hash_at_seq?.toString('hex') ?? null;
      let problem: DigestFindingProblem | null = null;
      if (r.current_seq === null) problem = 'case_missing';
      else if (r.current_seq < head.chainSeq) problem = 'truncated';
      else if (hashNow !== head.rowHash) problem = 'head_changed';
      if (!problem) return;
      const f = {
        rootWorkflowId: head.rootWorkflowId,
        problem,
        digestChainSeq: head.chainSeq,
        digestRowHash: head.rowHash,
        currentChainSeq: r.current_seq,
        currentRowHashAtDigestSeq: hashNow,
      };
      findings.push({ ...f, message: describeFinding(f) });
    });
    let newCases = 0;
    if (digest.caseId === null) {
      const [{ n }] = await this.ds.query(
        `SELECT count(*)::int AS n
           FROM (SELECT DISTINCT root_workflow_id FROM decisions) r
          WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS u(root) WHERE u.root = r.root_workflow_id)`,
        [digest.heads.map((h) => h.rootWorkflowId)],
      );
      newCases = n;
    }
    return { intact: findings.length === 0, casesChecked: digest.heads.length, findings, newCases };
  }
}
