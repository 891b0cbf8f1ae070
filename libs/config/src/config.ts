import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Every environment variable meritflow reads is declared here and parsed once at boot.
 * Nothing else in the code base touches process.env: apps call one of the loaders
 * below and pass the typed result on.
 */

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

// Plain decimal only: Number() would also read '0x50' or '1e3'.
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a decimal port number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(65535));

const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL');

const existingFile = z.string().refine((f) => existsSync(f), 'no such file');

const common = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Enables SOP versions flagged testOnly (short durations); never in production. */
  MERITFLOW_ALLOW_TEST_SOPS: bool.default(false),
  /** TLS to the Temporal frontend. Implied by any TEMPORAL_TLS_* file; true alone trusts the system's CAs. */
  TEMPORAL_TLS: bool.default(false),
  /** PEM of the CA that signed the frontend's certificate (else the system's CAs). */
  TEMPORAL_TLS_CA_FILE: existingFile.optional(),
  /** PEM client certificate and key, when the frontend requires client certificates (mutual TLS). */
  TEMPORAL_TLS_CERT_FILE: existingFile.optional(),
  TEMPORAL_TLS_KEY_FILE: existingFile.optional(),
  /** The name the frontend's certificate is issued for, when TEMPORAL_ADDRESS names it otherwise (an IP). */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
};

type TlsSettings = Pick<
  z.infer<z.ZodObject<typeof common>>,
  'TEMPORAL_TLS' | 'TEMPORAL_TLS_CA_FILE' | 'TEMPORAL_TLS_CERT_FILE' | 'TEMPORAL_TLS_KEY_FILE' | 'TEMPORAL_TLS_SERVER_NAME'
>;

/** A client certificate needs its key and the other way round. */
const checkTlsPair = (c: TlsSettings, ctx: z.RefinementCtx): void => {
  if (!!c.TEMPORAL_TLS_CERT_FILE !== !!c.TEMPORAL_TLS_KEY_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: [c.TEMPORAL_TLS_CERT_FILE ? 'TEMPORAL_TLS_KEY_FILE' : 'TEMPORAL_TLS_CERT_FILE'],
      message: 'set TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE together',
    });
  }
};

/** The TLS options of a Temporal connection (client or worker), read from the configured files; undefined: plain TCP. */
export interface TemporalTlsOptions {
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverNameOverride?: string;
}

export function temporalTls(c: TlsSettings): TemporalTlsOptions | undefined {
  const on = c.TEMPORAL_TLS || !!c.TEMPORAL_TLS_CA_FILE || !!c.TEMPORAL_TLS_CERT_FILE || !!c.TEMPORAL_TLS_SERVER_NAME;
  if (!on) return undefined;
  return {
    ...(c.TEMPORAL_TLS_CA_FILE ? { serverRootCACertificate: readFileSync(c.TEMPORAL_TLS_CA_FILE) } : {}),
    ...(c.TEMPORAL_TLS_CERT_FILE && c.TEMPORAL_TLS_KEY_FILE
      ? { clientCertPair: { crt: readFileSync(c.TEMPORAL_TLS_CERT_FILE), key: readFileSync(c.TEMPORAL_TLS_KEY_FILE) } }
      : {}),
    ...(c.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: c.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}

/**
 * gRPC channel settings of every Temporal client connection. gRPC's default receive limit is 4 MB, and
 * a page of a large case's history passes it: fetching the history of a whole 500-candidate selection
 * failed with RESOURCE_EXHAUSTED (issue 19 (n)). That fetch is what the archive sweep and the audit
 * replay do. Temporal's own limit on a history is 50 MB.
 */
export const TEMPORAL_CLIENT_CHANNEL_ARGS = { 'grpc.max_receive_message_length': 128 * 1024 * 1024 } as const;

/** Connections each API or worker process keeps to PostgreSQL, at most (several processes share one server). */
const DATABASE_POOL_MAX = z.coerce.number().int().min(1).max(100).default(10);

const isEd25519PrivateKey = (pem: string): boolean => {
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
};

// A PEM in a one-line .env value has its line breaks written as \n.
const ed25519PrivateKeyPem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n'))
  .refine(isEd25519PrivateKey, 'must be an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a decimal number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

/** A payload encryption key as PAYLOAD_KEYS gives it: its id and its 32 bytes. */
export interface PayloadKeyConfig {
  id: string;
  key: Buffer;
}

const PAYLOAD_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const PAYLOAD_KEY_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * `keyId:base64key` entries separated by commas (or lines, in a keys file; `#` starts a comment).
 * Key material never appears in a message, only ids and lengths.
 */
const payloadKeys = z
  .string({ error: 'required: the payload encryption keys, keyId:base64key[,…] (openssl rand -base64 32 makes a key)' })
  .transform((v, ctx): PayloadKeyConfig[] => {
    const entries = v
      .split('\n')
      .map((line) => line.replace(/#.*$/, ''))
      .join(',')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const problems: string[] = [];
    const keys: PayloadKeyConfig[] = [];
    entries.forEach((entry, i) => {
      const colon = entry.indexOf(':');
      const id = colon > 0 ? entry.slice(0, colon) : '';
      const material = entry.slice(colon + 1);
      if (colon <= 0) problems.push(`entry ${i + 1} is not keyId:base64key`);
      else if (!PAYLOAD_KEY_ID.test(id))
        problems.push(`key id "${id.slice(0, 64)}" may hold only letters, digits, '.', '_' and '-' (1 to 64)`);
      else if (!BASE64.test(material)) problems.push(`key "${id}" is not base64`);
      else if (Buffer.from(material, 'base64').length !== PAYLOAD_KEY_BYTES)
        problems.push(
          `key "${id}" is ${Buffer.from(material, 'base64').length} bytes; AES-256 needs ${PAYLOAD_KEY_BYTES} (openssl rand -base64 32)`,
        );
      else if (keys.some((k) => k.id === id)) problems.push(`key "${id}" is given twice`);
      else keys.push({ id, key: Buffer.from(material, 'base64') });
    });
    if (entries.length === 0) problems.push('no key given');
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    return problems.length > 0 ? z.NEVER : keys;
  });

/** The keys, and which of them encrypts new payloads; the others only decrypt (rotation). */
const payloadKeySettings = {
  PAYLOAD_KEYS: payloadKeys,
  /** Required when PAYLOAD_KEYS holds several keys; with one, that one. */
  PAYLOAD_ACTIVE_KEY_ID: z.string().regex(PAYLOAD_KEY_ID, "may hold only letters, digits, '.', '_' and '-' (1 to 64)").optional(),
};

type PayloadKeySettings = { PAYLOAD_KEYS?: PayloadKeyConfig[]; PAYLOAD_ACTIVE_KEY_ID?: string };

function checkActivePayloadKey(c: PayloadKeySettings, ctx: z.RefinementCtx): void {
  const keys = c.PAYLOAD_KEYS;
  if (!keys) return;
  const ids = keys.map((k) => k.id).join(', ');
  if (c.PAYLOAD_ACTIVE_KEY_ID !== undefined && !keys.some((k) => k.id === c.PAYLOAD_ACTIVE_KEY_ID)) {
    ctx.addIssue({
      code: 'custom',
      path: ['PAYLOAD_ACTIVE_KEY_ID'],
      message: `unknown key id "${c.PAYLOAD_ACTIVE_KEY_ID}": PAYLOAD_KEYS holds ${ids}`,
    });
  }
  if (c.PAYLOAD_ACTIVE_KEY_ID === undefined && keys.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['PAYLOAD_ACTIVE_KEY_ID'],
      message: `required when PAYLOAD_KEYS holds several keys (${ids}): name the one that encrypts new payloads`,
    });
  }
}

/** With one key and no PAYLOAD_ACTIVE_KEY_ID, that key is the active one. */
const withActivePayloadKey = <T extends { PAYLOAD_KEYS: PayloadKeyConfig[]; PAYLOAD_ACTIVE_KEY_ID?: string }>(
  c: T,
): T & { PAYLOAD_ACTIVE_KEY_ID: string } => ({ ...c, PAYLOAD_ACTIVE_KEY_ID: c.PAYLOAD_ACTIVE_KEY_ID ?? c.PAYLOAD_KEYS[0].id });

const apiSchema = z.object({
  ...common,
  /** Who issues the bearer tokens the API accepts (the `iss` claim). */
  AUTH_ISSUER: z.string().min(1).default('meritflow-local'),
  /** Who the tokens are for (the `aud` claim). */
  AUTH_AUDIENCE: z.string().min(1).default('meritflow-api'),
  /** An agency identity provider's JWKS; unset: the local issuer's keys. */
  AUTH_JWKS_URL: z.string().url().optional(),
  /** The local issuer (development and tests): serves its JWKS and signs tokens. Refused in production. */
  AUTH_LOCAL_ISSUER: bool.default(true),
  /** The local issuer's Ed25519 key in PEM; unset: an ephemeral key per boot. */
  AUTH_LOCAL_SIGNING_KEY: ed25519PrivateKeyPem.optional(),
  /** Lifetime of tokens the local issuer signs, in seconds. */
  AUTH_LOCAL_TOKEN_TTL_SECONDS: positiveInt(86_400).default(3600),
  /** Allowed clock skew when checking exp/nbf, in seconds. */
  AUTH_CLOCK_TOLERANCE_SECONDS: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .default(30),
  /** Browser origins allowed by CORS, comma-separated; unset: no cross-origin access. */
  CORS_ORIGINS: csv.default([]),
  /** Origins of a Temporal Web UI allowed to call the codec endpoint (/api/v1/codec) from the browser. */
  CODEC_CORS_ORIGINS: csv.default([]),
  ...payloadKeySettings,
  /** Where the built web console is (default: dist/console next to the API build). */
  CONSOLE_DIST_DIR: z.string().min(1).optional(),
  /** Requests one caller (token subject, else address) may make per window before 429. */
  RATE_LIMIT_MAX: positiveInt(1_000_000).default(300),
  /** The rate-limit window, in milliseconds. */
  RATE_LIMIT_WINDOW_MS: positiveInt(3_600_000).default(10_000),
  /**
   * A selection opened from now on continues as new once its history reaches this many events, at a
   * quiet moment (no child, deadline or update running), so a case of hundreds of candidates keeps each
   * history under a tenth of Temporal's limit of 51,200 events (issue 19 (n)). Temporal's own
   * suggestion to continue as new triggers it too.
   */
  SELECTION_HISTORY_LIMIT_EVENTS: positiveInt(51_200).default(4_000),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_MAX,
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  /**
   * After SIGTERM: how long the API keeps answering requests already received (readiness answers 503
   * at once, so a load balancer stops sending new ones) before it closes.
   */
  API_SHUTDOWN_GRACE_SECONDS: positiveInt(600).default(10),
  /** Largest JSON body the API accepts. */
  API_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('256kb'),
  DEFAULT_LOCALE: z.enum(['id', 'en']).default('id'),
  /** Largest evidence document (bytes) the API accepts; uploads are held in memory while hashed. */
  EVIDENCE_MAX_BYTES: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a decimal number of bytes')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1)
        .max(100 * 1024 * 1024),
    )
    .default(10 * 1024 * 1024),
  /** Largest register import file (bytes): an XLSX of a province (50,000 officials with histories) is about 20 MB. Held in memory while read. */
  REGISTER_IMPORT_MAX_BYTES: positiveInt(512 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Most data rows one import file may hold, over all its sheets. */
  REGISTER_IMPORT_MAX_ROWS: positiveInt(10_000_000).default(2_000_000),
  /** How long POST /v1/register/imports waits for the import to finish (201 with the report) before answering 202 for polling. */
  REGISTER_IMPORT_WAIT_MS: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a decimal number of milliseconds')
    .transform(Number)
    .default(10_000),
  /** Signs the ledger's chain-head digests. Unset: an ephemeral key per boot, which digests say (never in production). */
  LEDGER_SIGNING_KEY: ed25519PrivateKeyPem.optional(),
  /** Names the signing key in digests; unset: derived from the public key's fingerprint. */
  LEDGER_SIGNING_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/)
    .optional(),
  /**
   * Decree (SK) numbering per agency, as JSON `{ "<AGENCY-CODE>": "<pattern>" }` with the tokens
   * {code} {seq} {agency} {year} {month} ({seq} required); agencies not named use the default pattern.
   */
  DECREE_NUMBER_PATTERNS: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(
        z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, 'keys must be agency codes'),
        z
          .string()
          .max(120)
          .regex(/\{seq\}/, 'must contain {seq}')
          .regex(/^(?:[^{}]|\{(?:code|seq|agency|year|month)\})*$/, 'only the tokens {code} {seq} {agency} {year} {month}'),
      ),
    )
    .default({}),
});

/**
 * The V8 old-space limit in MB of a worker process, for each of its isolates (the main thread with the
 * activities, the workflow thread with the cached cases). Whoever starts a worker passes it as
 * `--max-old-space-size` (`workerNodeArgs`); the worker warns when it was started without it. Unbounded,
 * V8 grows the heap lazily with the machine's memory: six waves of 500 cases through one worker sawed
 * between 0.7 and 1.5 GB with no trend (bench (f)), and a leak could not be told from that. Bounded at
 * 1,024, a 1,000-person rotation (over 1,000 cached workflows) still took no longer per person than one
 * of 100 (bench (m), 0.92–1.05× over three runs). Raise it with WORKER_MAX_CACHED_WORKFLOWS.
 */
const workerHeap = { WORKER_MAX_OLD_SPACE_MB: z.coerce.number().int().min(128).max(65_536).default(1_024) };

/** The node arguments that start a worker process with its heap bound (before the script's path). */
export const workerNodeArgs = (c: { WORKER_MAX_OLD_SPACE_MB: number }): string[] => [`--max-old-space-size=${c.WORKER_MAX_OLD_SPACE_MB}`];

/** V8's heap limit is the old space plus its young generation (48 MB on Node 20), so allow that much. */
const YOUNG_GENERATION_ALLOWANCE_MB = 64;

/**
 * What to tell an operator whose worker runs with another heap bound than WORKER_MAX_OLD_SPACE_MB
 * (started as plain `node main.js`, say); null when it matches. `heapSizeLimitBytes` is
 * `v8.getHeapStatistics().heap_size_limit`.
 */
export function workerHeapIssue(heapSizeLimitBytes: number, c: { WORKER_MAX_OLD_SPACE_MB: number }): string | null {
  const limitMb = Math.round(heapSizeLimitBytes / 2 ** 20);
  const off = limitMb - c.WORKER_MAX_OLD_SPACE_MB;
  if (off >= 0 && off <= YOUNG_GENERATION_ALLOWANCE_MB) return null;
  return (
    `the heap limit is ${limitMb} MB, not WORKER_MAX_OLD_SPACE_MB=${c.WORKER_MAX_OLD_SPACE_MB}: ` +
    `start the worker as node ${workerNodeArgs(c).join(' ')} dist/apps/worker/src/main.js, or its memory follows V8's own growth`
  );
}

const workerSchema = z.object({
  ...common,
  DATABASE_URL: postgresUrl,
  ...payloadKeySettings,
  DATABASE_POOL_MAX,
  /** The worker's HTTP endpoint: /metrics (Prometheus), /health/live and /health/ready. Port 0: any free port. */
  WORKER_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_HTTP_PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a decimal port number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535))
    .default(9464),
  /**
   * After SIGTERM the worker stops polling and lets activities already running finish; after this
   * long they are cancelled (and retried by another worker).
   */
  WORKER_SHUTDOWN_GRACE_SECONDS: positiveInt(3600).default(30),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(50),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(1).max(1000).default(50),
  /**
   * Open cases kept in the worker's memory; others are replayed from history when next touched. Bounds
   * the worker's memory however many cases are open (the SDK's default grows with the heap limit, which
   * let a 500-case soak reach 1.4 GB). 2,000 holds a rotation round of 1,000 people with its parts:
   * at 500 the decree's fan-out replayed evicted moves, 97 against 73 ms per person (bench (m)), and
   * the worker peaked at 1.2 GB through that batch.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(2_000),
  ...workerHeap,
  /**
   * How often the history-archive sweep (a Temporal Schedule the worker keeps) copies closed runs'
   * histories into PostgreSQL. Keep it far inside the namespace retention (TEMPORAL_RETENTION_DAYS).
   */
  ARCHIVE_SWEEP_INTERVAL_SECONDS: positiveInt(86_400).default(60),
  /** Closed runs one sweep pass copies before it reports progress and goes on. */
  ARCHIVE_SWEEP_BATCH: positiveInt(10_000).default(200),
});

const serverBinaries = {
  TEMPORAL_SERVER_PATH: z.string().min(1).optional(),
  TEMPORAL_SQL_TOOL_PATH: z.string().min(1).optional(),
};

const launcherSchema = z.object({
  ...common,
  ...workerHeap,
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  DATABASE_URL: postgresUrl.optional(),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  MERITFLOW_DATA_DIR: z.string().min(1).default('.data'),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /**
   * How long the dev server keeps a closed workflow's history (the namespace retention), in days. A
   * decision, not a default: the audit record lives in the PostgreSQL history archive, not here.
   */
  TEMPORAL_RETENTION_DAYS: positiveInt(3650).default(30),
  EMBEDDED_PG_PORT: port.default(54329),
  /** When the API is its own token issuer, the launcher keeps its key in the data directory unless one is given. */
  AUTH_LOCAL_ISSUER: bool.default(true),
  AUTH_LOCAL_SIGNING_KEY: ed25519PrivateKeyPem.optional(),
  /** Unset outside production: the launcher keeps a generated development key in the data directory. */
  PAYLOAD_KEYS: payloadKeys.optional(),
  PAYLOAD_ACTIVE_KEY_ID: payloadKeySettings.PAYLOAD_ACTIVE_KEY_ID,
  /** Where the launcher looks for the `temporal` and `go` executables. */
  PATH: z.string().default(''),
  /** Per-user cache root (XDG); the Temporal CLI is kept in <XDG_CACHE_HOME or ~/.cache>/meritflow/bin. */
  XDG_CACHE_HOME: z.string().min(1).optional(),
  /** Cluster mode (`npm run start:cluster`): explicit Temporal server and schema tool; else the cache, else a Go build. */
  ...serverBinaries,
  /**
   * Cluster mode: a superuser URL of the PostgreSQL server to create meritflow's roles and databases
   * on (once; its data stays). Unset: an embedded PostgreSQL in <MERITFLOW_DATA_DIR>/cluster/postgres.
   */
  CLUSTER_POSTGRES_ADMIN_URL: postgresUrl.optional(),
  /** Cluster mode: one Temporal node per address, all on this machine (loopback addresses work on Linux). */
  CLUSTER_NODE_IPS: csv
    .pipe(z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'must be IPv4 addresses')).min(1))
    .default(['127.0.0.1', '127.0.0.2']),
  /** Cluster mode: how many workers and API instances to run (API ports API_PORT, API_PORT+1, …). */
  CLUSTER_WORKERS: positiveInt(8).default(2),
  CLUSTER_APIS: positiveInt(8).default(2),
});

const apiSchemaChecked = apiSchema
  .superRefine((c, ctx) => {
    checkTlsPair(c, ctx);
    if (c.NODE_ENV === 'production' && c.AUTH_LOCAL_ISSUER) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_LOCAL_ISSUER'],
        message: 'the local token issuer must be off in production (set AUTH_LOCAL_ISSUER=false and AUTH_JWKS_URL)',
      });
    }
    if (!c.AUTH_LOCAL_ISSUER && !c.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'required when the local token issuer is off' });
    }
  })
  .superRefine(checkActivePayloadKey)
  .transform(withActivePayloadKey);

const workerSchemaChecked = workerSchema.superRefine(checkTlsPair).superRefine(checkActivePayloadKey).transform(withActivePayloadKey);

const launcherSchemaChecked = launcherSchema.superRefine((c, ctx) => {
  if (c.NODE_ENV === 'production' && !c.PAYLOAD_KEYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['PAYLOAD_KEYS'],
      message: 'required in production: npm start generates a development key only outside production',
    });
  }
  checkActivePayloadKey(c, ctx);
});

export type ApiConfig = z.output<typeof apiSchemaChecked>;
export type WorkerConfig = z.output<typeof workerSchemaChecked>;
export type LauncherConfig = z.output<typeof launcherSchemaChecked>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function parse<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  // Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return Object.freeze(result.data) as z.infer<T>;
}

export const loadApiConfig = (env: NodeJS.ProcessEnv = process.env): ApiConfig => parse(apiSchemaChecked, env);
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => parse(workerSchemaChecked, env);
export const loadLauncherConfig = (env: NodeJS.ProcessEnv = process.env): LauncherConfig => parse(launcherSchemaChecked, env);

/**
 * The offline audit (`npm run audit:replay`): the payload keys that open the exported histories, from
 * the environment or, with `--keys-file`, from a file in the same format. Optional: without them the
 * chain and the history hashes are still checked.
 */
const auditCliSchema = z.object({ PAYLOAD_KEYS: payloadKeys.optional() });
export type AuditCliConfig = z.infer<typeof auditCliSchema>;
export const loadAuditCliConfig = (env: NodeJS.ProcessEnv = process.env): AuditCliConfig => parse(auditCliSchema, env);

/** Keys written in the PAYLOAD_KEYS format (a keys file, a test stack's state), checked as at boot. */
export const parsePayloadKeys = (text: string): PayloadKeyConfig[] =>
  parse(z.object({ PAYLOAD_KEYS: payloadKeys }), { PAYLOAD_KEYS: text }).PAYLOAD_KEYS;

const databaseSchema = z.object({ DATABASE_URL: postgresUrl });
export type DatabaseConfig = z.infer<typeof databaseSchema>;
export const loadDatabaseConfig = (env: NodeJS.ProcessEnv = process.env): DatabaseConfig => parse(databaseSchema, env);

const testStackSchema = z.object({
  ...workerHeap,
  /** A server where the suite may create and drop its own database; default: local 5432, else embedded. */
  TEST_DATABASE_URL: postgresUrl.optional(),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  ...serverBinaries,
  /** Set by the suite's global setup: where tests find the running stack. */
  MERITFLOW_TEST_STATE: z.string().min(1).optional(),
  /** Where the suite looks for the `temporal` and `go` executables, and the per-user cache root. */
  PATH: z.string().default(''),
  XDG_CACHE_HOME: z.string().min(1).optional(),
  /** The Chromium the browser tests drive (Debian's package by default). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Write freshly recorded workflow histories into workflows/test/histories. */
  RECORD_HISTORIES: bool.default(false),
});
export type TestStackConfig = z.infer<typeof testStackSchema>;
export const loadTestStackConfig = (env: NodeJS.ProcessEnv = process.env): TestStackConfig => parse(testStackSchema, env);

const count = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** The benchmark harness (`npm run bench`), the fault drills (`npm run drills`) and the twin's worker. */
const benchSchema = z.object({
  BENCH_ROUNDS: count(3, 1),
  BENCH_SELECTIONS: count(6, 1),
  BENCH_CONCURRENCY: count(6, 1),
  BENCH_CANDIDATES: count(4, 1),
  BENCH_LATENCY_DECISIONS: count(60, 1),
  BENCH_APPEND_ROWS: count(2000, 1),
  BENCH_APPEND_CONCURRENCY: count(8, 1),
  BENCH_VERIFY_ROWS: count(200_000, 1),
  BENCH_VERIFY_CASES: count(2_000, 1),
  BENCH_REPLAY_CASES: count(3, 1),
  BENCH_SCALE: count(500),
  BENCH_SCALE_CONCURRENCY: count(16, 1),
  /** (f): how many times the soak opens and closes its BENCH_SCALE cases on the same worker. */
  BENCH_SCALE_WAVES: count(6, 1),
  /** (l) flat in case size: candidates of the large selection, against selections of 10. */
  BENCH_CASE_CANDIDATES: count(500, 11),
  /** (m): people of the large bulk rotation, timed per person against one of 100. */
  BENCH_BULK_PEOPLE: count(1000, 101),
  /** Officials in the synthetic SIASN export that (h) imports. */
  BENCH_REGISTER_PEOPLE: count(50_000, 1),
  /** Measures to leave out, e.g. "d,f". */
  BENCH_SKIP: csv.default([]),
  /** A directory: also write the replayed histories there. */
  BENCH_SAVE_HISTORIES: z.string().min(1).optional(),
  /** Also run on cluster mode: dev server vs cluster, one worker vs two, and BENCH_CLUSTER_SCALE open cases on the cluster. */
  BENCH_CLUSTER: bool.default(false),
  BENCH_CLUSTER_SCALE: count(20_000),
  BENCH_CLUSTER_SELECTIONS: count(6, 1),
  DRILL_PG_OUTAGE_S: z.coerce.number().positive().default(60),
  DRILL_TEMPORAL_DOWN_S: z.coerce.number().positive().default(10),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  ...serverBinaries,
  TEST_DATABASE_URL: postgresUrl.optional(),
  PATH: z.string().default(''),
  XDG_CACHE_HOME: z.string().min(1).optional(),
});
export type BenchConfig = z.infer<typeof benchSchema>;
export const loadBenchConfig = (env: NodeJS.ProcessEnv = process.env): BenchConfig => parse(benchSchema, env);
