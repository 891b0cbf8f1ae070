import { createCipheriv, randomBytes } from 'node:crypto';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DomainError } from '@meritflow/domain';
import {
  AesGcmPayloadCodec,
  COMPRESS_FROM_BYTES,
  DEFLATE_RAW,
  ENCRYPTED_ENCODING,
  ENCRYPTION_COMPRESSION_METADATA,
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

  it('never hands out an IV twice, across the refills of its pool of random bytes, and every payload still opens', async () => {
    const codec = codecOf(OLD.id, OLD);
    const values = Array.from({ length: 1_500 }, (_, i) => ({ ...person, i }));
    const sealed = await codec.encode(values.map((v) => defaultPayloadConverter.toPayload(v)));
    const ivs = new Set(sealed.map((p) => Buffer.from(p.data!).subarray(0, 12).toString('hex')));
    expect(ivs.size).toBe(values.length);
    const opened = await codec.decode(sealed);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(values);
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

  describe('large payloads are deflated before they are encrypted', () => {
    /** A bulk move's state at its cap in an election year: 2,000 people, each blocked by the moratorium and a short tenure, and excluded. */
    const bulkStateAtCap = () => ({
      caseType: 'bulk-move',
      members: Array.from({ length: 2000 }, (_, i) => ({
        nip: `19820301200801${String(1000 + i)}`,
        name: `Pegawai ${i + 1}`,
        from: `KABID-${randomBytes(2).toString('hex')}`,
        to: `KABAG-${randomBytes(2).toString('hex')}`,
        workflowId: `bulk-move:PEMKAB-1:SK-ROTASI-1:member:19820301200801${String(1000 + i)}`,
        checked: true,
        allowed: false,
        blocking: [
          {
            rule: 'electionMoratorium',
            ruleVersion: '2026-01-01',
            passed: false,
            fact: 'dalam masa larangan 2026-03-22 s.d. 2026-09-22',
            message: {
              id: 'Penggantian pejabat dalam 6 bulan sebelum penetapan pasangan calon memerlukan persetujuan tertulis Menteri Dalam Negeri (UU 10/2016 Pasal 71 ayat (2))',
              en: 'Replacing officials from 6 months before the candidates are set needs the written approval of the Minister of Home Affairs (Law 10/2016 art. 71(2))',
            },
            periods: [{ from: '2026-03-22', to: '2026-09-22', election: 'Pilkada Serentak 2026' }],
            approvals: [],
          },
          {
            rule: 'rotationTenureWindow',
            ruleVersion: '2026-01-01',
            passed: false,
            fact: '1y since 2025-06-01 at 2026-07-01 (window 2–5y)',
            message: {
              id: 'baru 1 tahun penuh dalam jabatan sejak 2025-06-01 per 2026-07-01; rotasi mensyaratkan paling singkat 2 tahun',
              en: 'only 1 full years in post since 2025-06-01 as of 2026-07-01; a rotation requires at least 2',
            },
          },
        ],
        excluded: { reason: 'dalam masa larangan pilkada, tanpa persetujuan Mendagri' },
      })),
    });
    const sealOldStyle = (payload: Payload, key: typeof OLD): Payload => {
      // What the codec wrote before compression: the whole Payload encrypted as it is, no marker.
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key.key, iv);
      const sealed = Buffer.concat([cipher.update(temporal.api.common.v1.Payload.encode(payload).finish()), cipher.final()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [ENCRYPTION_KEY_ID_METADATA]: Buffer.from(key.id) },
        data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
      };
    };

    it("keeps a bulk state at the 2,000-person cap, over Temporal's 2 MB payload limit as JSON, under its 512 KB warning once sealed", async () => {
      const codec = codecOf(OLD.id, OLD);
      const state = bulkStateAtCap();
      const plain = defaultPayloadConverter.toPayload(state);
      expect(plain.data!.length).toBeGreaterThan(2 * 2 ** 20);
      const [sealed] = await codec.encode([plain]);
      expect(metadata(sealed, ENCRYPTION_COMPRESSION_METADATA)).toBe(DEFLATE_RAW);
      expect(sealed.data!.length).toBeLessThan(512 * 1024);
      for (const secret of ['Pegawai 17', '198203012008011017', 'Mendagri']) expect(text(sealed)).not.toContain(secret);
      const [back] = await codec.decode([sealed]);
      expect(defaultPayloadConverter.fromPayload(back)).toEqual(state);
    });

    it('leaves payloads under the threshold, and those deflate would not shrink by a tenth, uncompressed', async () => {
      const codec = codecOf(OLD.id, OLD);
      const small = defaultPayloadConverter.toPayload({ note: 'x'.repeat(COMPRESS_FROM_BYTES - 64) });
      const noise = defaultPayloadConverter.toPayload(new Uint8Array(randomBytes(64 * 1024)));
      const sealed = await codec.encode([small, noise]);
      for (const p of sealed) expect(p.metadata![ENCRYPTION_COMPRESSION_METADATA]).toBeUndefined();
      expect((await codec.decode(sealed)).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(
        [small, noise].map((p) => defaultPayloadConverter.fromPayload(p)),
      );
    });

    it('still decrypts a large payload sealed before compression (histories recorded before it)', async () => {
      const plain = defaultPayloadConverter.toPayload(bulkStateAtCap());
      const [back] = await codecOf(NEW.id, OLD, NEW).decode([sealOldStyle(plain, OLD)]);
      expect(defaultPayloadConverter.fromPayload(back)).toEqual(defaultPayloadConverter.fromPayload(plain));
    });

    it('refuses a compressed payload whose marker was removed or changed, and an old one given a marker, with PAYLOAD_DECRYPT_FAILED', async () => {
      const codec = codecOf(OLD.id, OLD);
      const plain = defaultPayloadConverter.toPayload(bulkStateAtCap());
      const [sealed] = await codec.encode([plain]);
      const { [ENCRYPTION_COMPRESSION_METADATA]: _marker, ...unmarked } = sealed.metadata!;
      const markedOld = sealOldStyle(plain, OLD);
      markedOld.metadata![ENCRYPTION_COMPRESSION_METADATA] = Buffer.from(DEFLATE_RAW);
      for (const p of [{ ...sealed, metadata: unmarked }, markedOld]) {
        expect(await codeOf(codec.decode([p]))).toEqual({
          code: 'PAYLOAD_DECRYPT_FAILED',
          params: { keyId: OLD.id, reason: 'authentication failed' },
        });
      }
      const gzip = { ...sealed, metadata: { ...sealed.metadata, [ENCRYPTION_COMPRESSION_METADATA]: Buffer.from('gzip') } };
      expect(await codeOf(codec.decode([gzip]))).toEqual({
        code: 'PAYLOAD_DECRYPT_FAILED',
        params: { keyId: OLD.id, reason: 'unknown compression "gzip"' },
      });
    });
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
