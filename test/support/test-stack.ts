import { readFileSync, writeFileSync } from 'node:fs';
import { loadTestStackConfig } from '@meritflow/config';

/** Where the running test stack is; written by global setup, read by every integration test. */
export interface TestStackState {
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  workerPid: number;
  apiPid: number;
  /** The worker's /metrics and /health/* endpoint. */
  workerHttpUrl?: string;
  /** Set when the Temporal frontend speaks TLS (cluster tests): the files a client needs. */
  temporalTls?: { caFile: string; certFile?: string; keyFile?: string; serverName?: string };
  /** The local token issuer's key, shared with the API so tests sign tokens as the issuer does. */
  auth: { signingKeyPem: string; issuer: string; audience: string };
  /** The payload keys the API and the worker run with (PAYLOAD_KEYS, one key generated per run). */
  payloadKeys: string;
}

export function readStackState(): TestStackState {
  const file = loadTestStackConfig().MERITFLOW_TEST_STATE;
  if (!file) throw new Error('MERITFLOW_TEST_STATE is not set: run integration tests through jest (global setup starts the stack)');
  return JSON.parse(readFileSync(file, 'utf8')) as TestStackState;
}

export function writeStackState(file: string, state: TestStackState): void {
  writeFileSync(file, JSON.stringify(state, null, 2));
}
