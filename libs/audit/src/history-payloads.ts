import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { AesGcmPayloadCodec, encryptionKeyIdOf, isEncryptedPayload } from '@meritflow/codec';
import type { History } from './history.types';

const HistoryProto = temporal.api.history.v1.History;

/** A codec that holds no key: it passes plain payloads through and refuses encrypted ones, naming their key. */
export const KEYLESS_CODEC = new AesGcmPayloadCodec({ activeKeyId: null, keys: [] });

const isPayload = (v: object): v is Payload => {
  const encoding = (v as Payload).metadata?.[METADATA_ENCODING_KEY];
  return encoding instanceof Uint8Array;
};

/**
 * Every payload in a history that `select` picks, wherever its event keeps it (inputs, results,
 * failure details, update and signal arguments, markers…), found by walking the protobuf objects.
 * Search attributes are left alone: Temporal never runs them through a codec.
 */
function payloadsIn(value: unknown, select: (p: Payload) => boolean, found: Payload[] = [], depth = 0): Payload[] {
  if (depth > 64 || value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  if (isPayload(value)) {
    if (select(value)) found.push(value);
    return found;
  }
  const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : Object.entries(value);
  for (const [key, child] of entries) if (key !== 'searchAttributes') payloadsIn(child, select, found, depth + 1);
  return found;
}

/**
 * A copy of the history in which every payload `select` picks is replaced by what `transform` makes
 * of it (one batch, in history order); the history itself is left as it was. Without such payloads,
 * the history itself.
 */
export async function mapHistoryPayloads(
  history: History,
  select: (p: Payload) => boolean,
  transform: (payloads: Payload[]) => Promise<Payload[]>,
): Promise<History> {
  if (payloadsIn(history, select).length === 0) return history;
  const copy = HistoryProto.decode(HistoryProto.encode(history).finish());
  const picked = payloadsIn(copy, select);
  const replaced = await transform(picked);
  picked.forEach((p, i) => {
    for (const key of Object.keys(p)) delete (p as Record<string, unknown>)[key];
    Object.assign(p, replaced[i]);
  });
  return copy;
}

/**
 * The history with its encrypted payloads decrypted, to read what the workflow recorded (decisions,
 * final state). Replay reads the stored history itself, through the codec; the stored copy, and the
 * hashes over it, stay as Temporal returned them.
 */
export const decryptHistory = (history: History, codec: PayloadCodec): Promise<History> =>
  mapHistoryPayloads(history, isEncryptedPayload, (payloads) => codec.decode(payloads));

/** The ids of the keys a history's encrypted payloads name; empty when nothing in it is encrypted. */
export function payloadKeyIdsOf(history: History): Set<string> {
  return new Set(payloadsIn(history, isEncryptedPayload).map((p) => encryptionKeyIdOf(p) ?? '(none)'));
}
