import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadApiConfig } from '@meritflow/config';
import { DomainError } from '@meritflow/domain';
import { canonicalJson } from '@meritflow/domain';
import { ledgerSigningKey, parseChainDigest, signDigest, verifyDigest, type ChainDigest } from './chain-digest';

const HEADS = [
  { rootWorkflowId: 'vacancy:PEMKAB-B:KADIS', chainSeq: 2, rowHash: 'b'.repeat(64) },
  { rootWorkflowId: 'open-selection:PEMKAB-A:JPT-1', chainSeq: 41, rowHash: 'a'.repeat(64) },
];
const NOW = new Date('2026-11-22T03:00:00.000Z');
const ed25519Pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, true], é: 'ü' })).toBe('{"a":[{"c":null,"d":"x"},true],"b":1,"é":"ü"}');
  });

  it('writes the same bytes whatever order the keys were given in', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('signed chain-head digests', () => {
  const key = ledgerSigningKey({ privateKeyPem: ed25519Pem(), keyId: 'bkn-ledger-2026' });

  it('verifies with the signer public key, heads sorted by case id', () => {
    const digest = signDigest(HEADS, key, null, NOW);
    expect(digest).toMatchObject({
      algorithm: 'Ed25519',
      keyId: 'bkn-ledger-2026',
      ephemeral: false,
      generatedAt: NOW.toISOString(),
      caseId: null,
    });
    expect(digest.heads.map((h) => h.rootWorkflowId)).toEqual(['open-selection:PEMKAB-A:JPT-1', 'vacancy:PEMKAB-B:KADIS']);
    expect(verifyDigest(digest, key.publicKeyPem)).toEqual({ valid: true });
    expect(verifyDigest(JSON.parse(JSON.stringify(digest)), key.publicKeyPem)).toEqual({ valid: true });
  });

  it.each([
    ['an earlier head', (d: ChainDigest) => ({ ...d, heads: [{ ...d.heads[0], chainSeq: 40 }, d.heads[1]] })],
    ['another head hash', (d: ChainDigest) => ({ ...d, heads: [{ ...d.heads[0], rowHash: 'c'.repeat(64) }, d.heads[1]] })],
    ['a case dropped', (d: ChainDigest) => ({ ...d, heads: [d.heads[1]] })],
    ['another time', (d: ChainDigest) => ({ ...d, generatedAt: '2027-01-01T00:00:00.000Z' })],
    ['the ephemeral flag flipped', (d: ChainDigest) => ({ ...d, ephemeral: true })],
  ])('fails verification when %s is written into it', (_what, alter) => {
    const digest = signDigest(HEADS, key, null, NOW);
    expect(verifyDigest(alter(digest), key.publicKeyPem)).toEqual({ valid: false, reason: 'signature_mismatch' });
  });

  it('fails verification against another key, and says why for a malformed digest or key', () => {
    const digest = signDigest(HEADS, key, null, NOW);
    expect(verifyDigest(digest, ledgerSigningKey().publicKeyPem)).toEqual({ valid: false, reason: 'signature_mismatch' });
    expect(verifyDigest({ ...digest, heads: 'x' }, key.publicKeyPem)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyDigest(digest, 'not a key')).toEqual({ valid: false, reason: 'key_invalid' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyDigest(digest, rsa)).toEqual({ valid: false, reason: 'key_invalid' });
  });

  it('refuses a digest of the wrong shape with VALIDATION_FAILED naming the field', () => {
    const digest = signDigest(HEADS, key, null, NOW);
    const bad = { ...digest, heads: [{ ...digest.heads[0], rowHash: 'XYZ' }] };
    expect(() => parseChainDigest(bad)).toThrow(DomainError);
    expect(() => parseChainDigest(bad)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        params: { fields: [expect.objectContaining({ field: 'digest.heads.0.rowHash' })] },
      }),
    );
    expect(() => parseChainDigest({ ...digest, extra: 1 })).toThrow(DomainError);
  });

  it('makes an ephemeral key when none is configured, and says so in its id and digests', () => {
    const a = ledgerSigningKey();
    const b = ledgerSigningKey();
    expect(a.ephemeral).toBe(true);
    expect(a.keyId).toMatch(/^ephemeral:[0-9a-f]{16}$/);
    expect(a.keyId).not.toBe(b.keyId);
    expect(signDigest(HEADS, a, null, NOW).ephemeral).toBe(true);
  });

  it('derives a stable key id from a configured key', () => {
    const pem = ed25519Pem();
    expect(ledgerSigningKey({ privateKeyPem: pem }).keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(ledgerSigningKey({ privateKeyPem: pem }).keyId).toBe(ledgerSigningKey({ privateKeyPem: pem }).keyId);
  });
});

describe('LEDGER_SIGNING_KEY in the API config', () => {
  const DB = 'postgres://meritflow:secret@127.0.0.1:5432/meritflow';
  // The API does not start without its payload keys; they are beside the point here.
  const PAYLOAD_KEYS = `k1:${Buffer.alloc(32).toString('base64')}`;

  it('accepts an Ed25519 PEM, also with its line breaks written as \\n', () => {
    const pem = ed25519Pem();
    expect(loadApiConfig({ DATABASE_URL: DB, PAYLOAD_KEYS, LEDGER_SIGNING_KEY: pem }).LEDGER_SIGNING_KEY).toBe(pem);
    const oneLine = pem.replace(/\n/g, '\\n');
    expect(
      loadApiConfig({ DATABASE_URL: DB, PAYLOAD_KEYS, LEDGER_SIGNING_KEY: oneLine, LEDGER_SIGNING_KEY_ID: 'bkn:2026-11' }),
    ).toMatchObject({
      LEDGER_SIGNING_KEY: pem,
      LEDGER_SIGNING_KEY_ID: 'bkn:2026-11',
    });
  });

  it('is optional', () => {
    expect(loadApiConfig({ DATABASE_URL: DB, PAYLOAD_KEYS }).LEDGER_SIGNING_KEY).toBeUndefined();
  });

  it.each([
    ['garbage', { LEDGER_SIGNING_KEY: 'not a key' }, 'LEDGER_SIGNING_KEY'],
    [
      'an RSA key',
      {
        LEDGER_SIGNING_KEY: generateKeyPairSync('rsa', { modulusLength: 1024 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
      'LEDGER_SIGNING_KEY',
    ],
    ['a key id with spaces', { LEDGER_SIGNING_KEY_ID: 'my key' }, 'LEDGER_SIGNING_KEY_ID'],
  ])('refuses %s with a ConfigError naming %s, without echoing the value', (_what, env, variable) => {
    let error: unknown;
    try {
      loadApiConfig({ DATABASE_URL: DB, PAYLOAD_KEYS, ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
    expect((error as ConfigError).message).not.toContain('PRIVATE KEY');
  });
});
