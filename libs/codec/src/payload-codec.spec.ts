import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { DomainError } from '@meritflow/domain';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  ENCRYPTION_KEY_ID_METADATA,
  encryptionKeyIdOf,
  formatPayloadKeys,
  generatePayloadKey,
  isEncryptedPayload,
} from './payload-codec';

const OLD = generatePayloadKey('meritflow-2026-01');
const NEW = generatePayloadKey('meritflow-2026-12');
const person = { name: 'Siti Rahayu', nip: '198503152010012003', birthDate: '1985-03-15', sanctions: ['teguran tertulis'] };
const text = (p: Payload): string => Buffer.from(p.data ?? []).toString('latin1');
const metadata = (p: Payload, key: string): string => Buffer.from(p.metadata![key]).toString('utf8');

const codecOf = (activeKeyId: string | null, ...keys: (typeof OLD)[]) => new AesGcmPayloadCodec({ activeKeyId, keys });
const codeOf = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof DomainError ? { code: e.code, params: e.params } : e),
  );

describe('AesGcmPayloadCodec', () => {
  it('encrypts a JSON payload (metadata included) under the active key and decodes it back unchanged', async () => {
    const codec = codecOf(OLD.id, OLD);
    const plain = defaultPayloadConverter.toPayload(person);
    const [sealed] = await codec.encode([plain]);

    expect(metadata(sealed, METADATA_ENCODING_KEY)).toBe(ENCRYPTED_ENCODING);
    expect(metadata(sealed, ENCRYPTION_KEY_ID_METADATA)).toBe(OLD.id);
    expect(Object.keys(sealed.metadata!).sort()).toEqual([ENCRYPTION_KEY_ID_METADATA, METADATA_ENCODING_KEY].sort());
    for (const secret of [person.name, person.nip, person.birthDate, 'teguran', 'json/plain']) expect(text(sealed)).not.toContain(secret);

    const [back] = await codec.decode([sealed]);
    expect(metadata(back, METADATA_ENCODING_KEY)).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(back)).toEqual(person);
  });

  it('uses a fresh IV for every payload, so equal values do not give equal bytes', async () => {
    const codec = codecOf(OLD.id, OLD);
    const [a, b] = await codec.encode([defaultPayloadConverter.toPayload(person), defaultPayloadConverter.toPayload(person)]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('keeps empty payloads (undefined, binary/null) round-tripping', async () => {
    const codec = codecOf(OLD.id, OLD);
    const empty = defaultPayloadConverter.toPayload(undefined);
    const [back] = await codec.decode(await codec.encode([empty]));
    expect(defaultPayloadConverter.fromPayload(back)).toBeUndefined();
  });

  it('after a rotation encrypts with the new key and still decrypts what the old key encrypted', async () => {
    const before = codecOf(OLD.id, OLD);
    const [old] = await before.encode([defaultPayloadConverter.toPayload(person)]);
    const after = codecOf(NEW.id, OLD, NEW);
    const [fresh] = await after.encode([defaultPayloadConverter.toPayload(person)]);

    expect(encryptionKeyIdOf(old)).toBe(OLD.id);
    expect(encryptionKeyIdOf(fresh)).toBe(NEW.id);
    const decoded = await after.decode([old, fresh]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([person, person]);
    // A codec that was never given the new key cannot read what it encrypted.
    expect(await codeOf(before.decode([fresh]))).toEqual({ code: 'PAYLOAD_KEY_UNKNOWN', params: { keyId: NEW.id, known: [OLD.id] } });
  });

  it('refuses a payload naming a key it does not hold with PAYLOAD_KEY_UNKNOWN, naming the key', async () => {
    const [sealed] = await codecOf(NEW.id, NEW).encode([defaultPayloadConverter.toPayload(person)]);
    expect(await codeOf(codecOf(OLD.id, OLD).decode([sealed]))).toEqual({
      code: 'PAYLOAD_KEY_UNKNOWN',
      params: { keyId: NEW.id, known: [OLD.id] },
    });
    const unnamed: Payload = { ...sealed, metadata: { [METADATA_ENCODING_KEY]: sealed.metadata![METADATA_ENCODING_KEY] } };
    expect(await codeOf(codecOf(OLD.id, OLD).decode([unnamed]))).toMatchObject({ code: 'PAYLOAD_KEY_UNKNOWN', params: { keyId: null } });
  });

  it('refuses altered ciphertext, a moved tag and a truncated payload with PAYLOAD_DECRYPT_FAILED', async () => {
    const codec = codecOf(OLD.id, OLD);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(person)]);
    const data = Buffer.from(sealed.data!);
    const flipped = Buffer.from(data);
    flipped[20] ^= 0x01;
    const badTag = Buffer.from(data);
    badTag[badTag.length - 1] ^= 0x80;
    for (const bytes of [flipped, badTag, data.subarray(0, 27), data.subarray(0, data.length - 1)]) {
      expect(await codeOf(codec.decode([{ ...sealed, data: bytes }]))).toMatchObject({
        code: 'PAYLOAD_DECRYPT_FAILED',
        params: { keyId: OLD.id },
      });
    }
  });

  it('refuses a payload encrypted by another key that was given the same id', async () => {
    const impostor = generatePayloadKey(OLD.id);
    const [sealed] = await codecOf(OLD.id, impostor).encode([defaultPayloadConverter.toPayload(person)]);
    expect(await codeOf(codecOf(OLD.id, OLD).decode([sealed]))).toMatchObject({ code: 'PAYLOAD_DECRYPT_FAILED' });
  });

  it('passes through payloads it did not encrypt, as histories recorded before encryption hold them', async () => {
    const plain = [
      defaultPayloadConverter.toPayload(person),
      defaultPayloadConverter.toPayload(null),
      defaultPayloadConverter.toPayload(7),
    ];
    const decoded = await codecOf(null).decode(plain);
    expect(decoded).toEqual(plain);
    expect(decoded.some(isEncryptedPayload)).toBe(false);
  });

  it('decrypts without an active key but refuses to encrypt', async () => {
    const [sealed] = await codecOf(OLD.id, OLD).encode([defaultPayloadConverter.toPayload(person)]);
    const readOnly = codecOf(null, OLD);
    expect(defaultPayloadConverter.fromPayload((await readOnly.decode([sealed]))[0])).toEqual(person);
    await expect(readOnly.encode([sealed])).rejects.toThrow(/only decrypts/);
  });

  it.each([
    ['a key of 16 bytes', { activeKeyId: 'k', keys: [{ id: 'k', key: Buffer.alloc(16) }] }, /must be 32 bytes, not 16/],
    [
      'an active key it does not hold',
      { activeKeyId: 'k2', keys: [{ id: 'k', key: Buffer.alloc(32) }] },
      /"k2" is not among the keys \(k\)/,
    ],
    [
      'the same id twice',
      {
        activeKeyId: 'k',
        keys: [
          { id: 'k', key: Buffer.alloc(32) },
          { id: 'k', key: Buffer.alloc(32, 1) },
        ],
      },
      /given twice/,
    ],
  ])('refuses to be built with %s', (_what, keyring, message) => {
    expect(() => new AesGcmPayloadCodec(keyring)).toThrow(message);
  });

  it('writes keys in the PAYLOAD_KEYS format', () => {
    const key = { id: 'k1', key: Buffer.alloc(32, 7) };
    expect(formatPayloadKeys([key, { ...key, id: 'k2' }])).toBe(
      `k1:${Buffer.alloc(32, 7).toString('base64')},k2:${Buffer.alloc(32, 7).toString('base64')}`,
    );
  });
});
