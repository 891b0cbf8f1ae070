import type { Payload } from '@temporalio/common';
import type { JsonPayloadDto } from './dto/payloads.dto';

/** A payload as the codec server protocol carries it: protobuf JSON, bytes in base64. */
export interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

export const payloadFromJson = (p: JsonPayloadDto): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

export const payloadToJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
