export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
/** The payload codec (AesGcmPayloadCodec) over the configured keys: the client's, replay's and the codec endpoint's. */
export const PAYLOAD_CODEC = Symbol('PAYLOAD_CODEC');
