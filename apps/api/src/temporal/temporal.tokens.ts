export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
/**
 * The same client, except that the server refuses a query to a run that is no longer open
 * (queryRejectCondition NOT_OPEN) instead of handing it to a worker, which would replay the run's
 * whole history to answer it. WorkflowGateway reads a completed case's state from its result instead.
 */
export const TEMPORAL_OPEN_RUN_CLIENT = Symbol('TEMPORAL_OPEN_RUN_CLIENT');
/** The payload codec (AesGcmPayloadCodec) over the configured keys: the client's, replay's and the codec endpoint's. */
export const PAYLOAD_CODEC = Symbol('PAYLOAD_CODEC');
