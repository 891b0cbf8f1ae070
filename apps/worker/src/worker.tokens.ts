export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
/** A Temporal client of the worker's own, for the activities that read histories (the archive). */
export const WORKER_TEMPORAL_CLIENT = Symbol('WORKER_TEMPORAL_CLIENT');
