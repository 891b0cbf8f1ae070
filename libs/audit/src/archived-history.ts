import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { canonicalJson } from '@meritflow/domain';
import { temporal } from '@temporalio/proto';
import { KEYLESS_CODEC } from './history-payloads';
import type { History } from './history.types';

/** A history as the archive keeps it: canonical JSON (sorted keys) of Temporal's JSON history format. */
export interface EncodedHistory {
  /** Temporal's JSON history format, as a plain object (what an export carries). */
  json: unknown;
  /** Lower-case hex SHA-256 of the canonical JSON's UTF-8 bytes. */
  sha256: string;
  sizeBytes: number;
  eventCount: number;
  gzip: Buffer;
  /** Temporal's protobuf encoding, gzip-compressed, and the SHA-256 of the uncompressed bytes. */
  pbGzip: Buffer;
  pbSha256: string;
}

const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const HistoryProto = temporal.api.history.v1.History;

/**
 * The hash an archived history is known by. Over the canonical JSON, so the same history read back
 * from an export file (whatever tool reordered its keys) hashes the same.
 */
export const historySha256 = (historyJson: unknown): string => sha256Hex(canonicalJson(historyJson));

export function encodeHistory(history: History): EncodedHistory {
  const json = JSON.parse(historyToJSON(history)) as { events?: unknown[] };
  const canonical = canonicalJson(json);
  const pb = HistoryProto.encode(HistoryProto.fromObject(history)).finish();
  return {
    json,
    sha256: sha256Hex(canonical),
    sizeBytes: Buffer.byteLength(canonical, 'utf8'),
    eventCount: json.events?.length ?? 0,
    gzip: gzipSync(canonical),
    pbGzip: gzipSync(pb),
    pbSha256: sha256Hex(pb),
  };
}

/** The SHA-256s of an archived run's two stored copies, as they are now. */
export interface StoredHashes {
  sha256: string;
  pbSha256: string;
}

/**
 * An archived run read for replay: the protobuf copy inflated once, then both hashed for the check
 * against the chain and decoded (it used to be inflated once for each), and the JSON copy hashed.
 */
export function readArchivedRun(gzip: Buffer, pbGzip: Buffer): { history: History; stored: StoredHashes } {
  const pb = gunzipSync(pbGzip);
  return { history: HistoryProto.decode(pb), stored: { sha256: sha256Hex(gunzipSync(gzip)), pbSha256: sha256Hex(pb) } };
}

/** The protobuf copy, decoded for replay (about nine times faster than reading the JSON copy back). */
export function decodeArchivedProto(pbGzip: Buffer): History {
  return HistoryProto.decode(gunzipSync(pbGzip));
}

type Event = NonNullable<History['events']>[number];

const CLOSE_STATUS: [keyof Event, string][] = [
  ['workflowExecutionCompletedEventAttributes', 'COMPLETED'],
  ['workflowExecutionFailedEventAttributes', 'FAILED'],
  ['workflowExecutionTimedOutEventAttributes', 'TIMED_OUT'],
  ['workflowExecutionTerminatedEventAttributes', 'TERMINATED'],
  ['workflowExecutionCanceledEventAttributes', 'CANCELED'],
  ['workflowExecutionContinuedAsNewEventAttributes', 'CONTINUED_AS_NEW'],
];

const eventTime = (e: Event | undefined): string | null => {
  const t = e?.eventTime;
  if (!t) return null;
  const ms = Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
  return new Date(ms).toISOString();
};

/** What a history says about its run: type, parent, status and when it started and closed. */
export function runFactsOf(history: History): {
  workflowType: string;
  parentWorkflowId: string | null;
  status: string;
  startedAt: string | null;
  closedAt: string | null;
} {
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const last = events[events.length - 1];
  const close = CLOSE_STATUS.find(([attr]) => last?.[attr]);
  return {
    workflowType: started?.workflowType?.name ?? '',
    parentWorkflowId: started?.parentWorkflowExecution?.workflowId ?? null,
    status: close ? close[1] : 'RUNNING',
    startedAt: eventTime(events[0]),
    closedAt: close ? eventTime(last) : null,
  };
}

/**
 * What a completed run returned (every case workflow returns its final state), decrypted with the
 * codec and decoded with the default payload converter; null when the run did not complete or
 * returned nothing.
 */
export async function completedResultOf(history: History, codec: PayloadCodec = KEYLESS_CODEC): Promise<unknown> {
  const events = history.events ?? [];
  const completed = events[events.length - 1]?.workflowExecutionCompletedEventAttributes;
  const payload = completed?.result?.payloads?.[0];
  if (!payload) return null;
  const [plain] = await codec.decode([payload as Payload]);
  return defaultPayloadConverter.fromPayload(plain);
}
