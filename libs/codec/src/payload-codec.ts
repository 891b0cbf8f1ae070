import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DomainError } from '@meritflow/domain';

/** The encoding Temporal's encryption samples give an encrypted payload; the Web UI and the CLI show it as such. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Names the key a payload was encrypted with, so that keys retired from encrypting still decrypt. */
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

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
 *
 * Rotation: new payloads use the active key; any key of the keyring decrypts what names it. Decoding
 * passes through payloads that are not encrypted (histories recorded before encryption was on).
 * Runs outside the workflow sandbox only (client, worker, replay): workflow code never imports it.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly activeKeyId: string | null;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(keyring: PayloadKeyring) {
    const keys = new Map<string, Buffer>();
    for (const { id, key } of keyring.keys) {
      // The configuration validates these at boot; a codec built by hand must not fail later, mid-workflow.
      if (!id) throw new Error('a payload key needs an id');
      if (key.length !== PAYLOAD_KEY_BYTES) throw new Error(`payload key "${id}" must be ${PAYLOAD_KEY_BYTES} bytes, not ${key.length}`);
      if (keys.has(id)) throw new Error(`payload key "${id}" is given twice`);
      keys.set(id, Buffer.from(key));
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
    return payloads.map((payload) => encrypt(payload, id, key));
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
    try {
      const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return PayloadProto.decode(plain);
    } catch {
      // GCM's tag check failed (or the plaintext is no Payload): altered bytes, or another key under this id.
      throw new DomainError('PAYLOAD_DECRYPT_FAILED', { keyId, reason: 'authentication failed' });
    }
  }
}

function encrypt(payload: Payload, keyId: string, key: Buffer): Payload {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const sealed = Buffer.concat([cipher.update(PayloadProto.encode(payload).finish()), cipher.final()]);
  return {
    metadata: {
      [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
      [ENCRYPTION_KEY_ID_METADATA]: Buffer.from(keyId),
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
