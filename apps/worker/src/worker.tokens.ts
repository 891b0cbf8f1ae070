export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
/** A Temporal client of the worker's own, for the activities that read histories (the archive). */
export const WORKER_TEMPORAL_CLIENT = Symbol('WORKER_TEMPORAL_CLIENT');
/** The payload codec (AesGcmPayloadCodec) over the configured keys, shared by the Worker and that client. */
export const WORKER_PAYLOAD_CODEC = Symbol('WORKER_PAYLOAD_CODEC');
