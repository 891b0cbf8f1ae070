import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DomainError } from '@meritflow/domain';

/** The encoding Temporal's encryption samples give an encrypted payload; the Web UI and the CLI show it as such. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Names the key a payload was encrypted with, so that keys retired from encrypting still decrypt. */
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';
/**
 * Present on a payload whose plaintext was compressed before it was encrypted, naming how
 * (`deflate-raw`). The name is also the cipher's additional authenticated data, so a payload whose
 * marker was added, removed or changed fails its authentication instead of inflating garbage.
 */
export const ENCRYPTION_COMPRESSION_METADATA = 'encryption-compression';
export const DEFLATE_RAW = 'deflate-raw';
/**
 * Plaintexts from this size on are compressed before encryption (when that saves at least a tenth).
 * Smaller ones, most decisions and acks, cost more to compress than they save.
 */
export const COMPRESS_FROM_BYTES = 1024;
/** From this size on the deflate runs on libuv's thread pool, so the event loop keeps serving. */
const DEFLATE_OFF_THREAD_FROM_BYTES = 256 * 1024;
/** A payload inflating past this is refused: Temporal's own limit on a payload is 2 MB compressed. */
const MAX_INFLATED_BYTES = 256 * 2 ** 20;
/** zlib's fastest level: a large state (1.1 MB of JSON) deflates in about 4 ms to a sixteenth. */
const DEFLATE_LEVEL = 1;
const deflateRawAsync = promisify(deflateRaw);

const ALGORITHM = 'aes-256-gcm';
export const PAYLOAD_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 256-bit key and the id payloads name it by. */
export interface PayloadKey {
  id: string;
  key: Uint8Array;
}

export interface PayloadKeyring {
  /** The key new payloads are encrypted with; null for a codec that only decrypts (the offline audit). */
  activeKeyId: string | null;
  /** Every key that may still be needed to decrypt, the active one included. */
  keys: readonly PayloadKey[];
}

const PayloadProto = temporal.api.common.v1.Payload;
const ENCRYPTED = Buffer.from(ENCRYPTED_ENCODING);

/** Whether the payload codec encrypted this payload (the rest are passed through as they are). */
export function isEncryptedPayload(payload: Payload | null | undefined): boolean {
  const encoding = payload?.metadata?.[METADATA_ENCODING_KEY];
  return encoding instanceof Uint8Array && ENCRYPTED.equals(encoding);
}

/** The id of the key an encrypted payload names; null when it names none. */
export function encryptionKeyIdOf(payload: Payload): string | null {
  const id = payload.metadata?.[ENCRYPTION_KEY_ID_METADATA];
  return id instanceof Uint8Array && id.length > 0 ? Buffer.from(id).toString('utf8') : null;
}

/**
 * Encrypts every payload the Temporal client and worker send, so that histories and the Web UI hold
 * no personal data: AES-256-GCM with a random 96-bit IV per payload, over the whole original Payload
 * in protobuf (its metadata too), as Temporal's encryption samples do. The result is
 * `iv || ciphertext || tag` with encoding `binary/encrypted` and the key's id in `encryption-key-id`.
 * A plaintext of 1 KiB or more is deflated first (`encryption-compression: deflate-raw`, bound to the
 * ciphertext as its additional authenticated data): a bulk move's state at its 2,000-person cap is
 * megabytes of JSON, over Temporal's 2 MB limit on one payload, and a few per cent of that deflated.
 *
 * Rotation: new payloads use the active key; any key of the keyring decrypts what names it. Decoding
 * passes through payloads that are not encrypted (histories recorded before encryption was on).
 * Runs outside the workflow sandbox only (client, worker, replay): workflow code never imports it.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly activeKeyId: string | null;
  /** Key objects, made once: a raw key handed to every cipher is imported anew each time (issue 19). */
  private readonly keys: ReadonlyMap<string, KeyObject>;

  constructor(keyring: PayloadKeyring) {
    const keys = new Map<string, KeyObject>();
    for (const { id, key } of keyring.keys) {
      // The configuration validates these at boot; a codec built by hand must not fail later, mid-workflow.
      if (!id) throw new Error('a payload key needs an id');
      if (key.length !== PAYLOAD_KEY_BYTES) throw new Error(`payload key "${id}" must be ${PAYLOAD_KEY_BYTES} bytes, not ${key.length}`);
      if (keys.has(id)) throw new Error(`payload key "${id}" is given twice`);
      keys.set(id, createSecretKey(Buffer.from(key)));
    }
    if (keyring.activeKeyId !== null && !keys.has(keyring.activeKeyId)) {
      throw new Error(`the active payload key "${keyring.activeKeyId}" is not among the keys (${[...keys.keys()].join(', ') || 'none'})`);
    }
    this.keys = keys;
    this.activeKeyId = keyring.activeKeyId;
  }

  /** The ids of the keys this codec can decrypt with. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  hasKey(id: string): boolean {
    return this.keys.has(id);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const id = this.activeKeyId;
    if (id === null) throw new Error('this payload codec only decrypts: it has no active key');
    const key = this.keys.get(id)!;
    return Promise.all(payloads.map((payload) => encrypt(payload, id, key)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncryptedPayload(payload) ? this.decrypt(payload) : payload));
  }

  private decrypt(payload: Payload): Payload {
    const keyId = encryptionKeyIdOf(payload);
    const key = keyId === null ? undefined : this.keys.get(keyId);
    if (keyId === null || !key) throw new DomainError('PAYLOAD_KEY_UNKNOWN', { keyId, known: this.keyIds });
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new DomainError('PAYLOAD_DECRYPT_FAILED', { keyId, reason: 'too short' });
    const compression = compressionOf(payload);
    if (compression !== null && compression !== DEFLATE_RAW) {
      throw new DomainError('PAYLOAD_DECRYPT_FAILED', { keyId, reason: `unknown compression "${compression}"` });
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
      if (compression) decipher.setAAD(Buffer.from(compression));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const opened = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return PayloadProto.decode(compression ? inflateRawSync(opened, { maxOutputLength: MAX_INFLATED_BYTES }) : opened);
    } catch {
      // GCM's tag check failed (or the plaintext is no Payload): altered bytes, a compression marker
      // added or removed, or another key under this id.
      throw new DomainError('PAYLOAD_DECRYPT_FAILED', { keyId, reason: 'authentication failed' });
    }
  }
}

function compressionOf(payload: Payload): string | null {
  const c = payload.metadata?.[ENCRYPTION_COMPRESSION_METADATA];
  return c instanceof Uint8Array ? Buffer.from(c).toString('utf8') : null;
}

/**
 * A fresh random IV for each payload, drawn from the CSPRNG a few hundred at a time (as Node's own
 * randomUUID does): one randomBytes call per payload cost about 5 µs, a third of sealing a small one.
 * Each IV is handed out once; GCM's 96-bit random IVs stay unique under one key far beyond any volume
 * meritflow seals.
 */
const IV_POOL_BYTES = IV_BYTES * 341;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

/** The payload in protobuf, deflated when it is large and deflating saves at least a tenth. */
async function plaintextOf(payload: Payload): Promise<{ plain: Uint8Array; compression: string | null }> {
  const plain = PayloadProto.encode(payload).finish();
  if (plain.length < COMPRESS_FROM_BYTES) return { plain, compression: null };
  const options = { level: DEFLATE_LEVEL };
  const packed = plain.length < DEFLATE_OFF_THREAD_FROM_BYTES ? deflateRawSync(plain, options) : await deflateRawAsync(plain, options);
  return packed.length <= plain.length * 0.9 ? { plain: packed, compression: DEFLATE_RAW } : { plain, compression: null };
}

async function encrypt(payload: Payload, keyId: string, key: KeyObject): Promise<Payload> {
  const { plain, compression } = await plaintextOf(payload);
  const iv = nextIv();
  const cipher = createCipheriv(ALGORITHM, key, iv);
  if (compression) cipher.setAAD(Buffer.from(compression));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    metadata: {
      [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
      [ENCRYPTION_KEY_ID_METADATA]: Buffer.from(keyId),
      ...(compression ? { [ENCRYPTION_COMPRESSION_METADATA]: Buffer.from(compression) } : {}),
    },
    data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
  };
}

/** A fresh random key, for development stacks and tests (production brings its own). */
export function generatePayloadKey(id: string): PayloadKey {
  return { id, key: randomBytes(PAYLOAD_KEY_BYTES) };
}

/** Keys in the PAYLOAD_KEYS format, `id:base64key` separated by commas. */
export const formatPayloadKeys = (keys: readonly PayloadKey[]): string =>
  keys.map((k) => `${k.id}:${Buffer.from(k.key).toString('base64')}`).join(',');

/** The codec for a process's configured keys (PAYLOAD_KEYS, PAYLOAD_ACTIVE_KEY_ID, parsed by @meritflow/config). */
export const payloadCodecFromConfig = (config: {
  PAYLOAD_KEYS: readonly PayloadKey[];
  PAYLOAD_ACTIVE_KEY_ID: string;
}): AesGcmPayloadCodec => new AesGcmPayloadCodec({ activeKeyId: config.PAYLOAD_ACTIVE_KEY_ID, keys: config.PAYLOAD_KEYS });

/** What a Temporal client, worker or replay takes to encrypt and decrypt with the codec. */
export const dataConverterWith = (codec: PayloadCodec): DataConverter => ({ payloadCodecs: [codec] });
