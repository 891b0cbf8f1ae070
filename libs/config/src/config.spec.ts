import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ConfigError,
  loadApiConfig,
  loadAuditCliConfig,
  loadLauncherConfig,
  loadWorkerConfig,
  parsePayloadKeys,
  temporalTls,
} from './config';

const DB = 'postgres://meritflow:secret@127.0.0.1:5432/meritflow';
const KEY_BYTES = Buffer.alloc(32, 7);
const KEY = `dev-1:${KEY_BYTES.toString('base64')}`;
/** What the API and the worker cannot start without. */
const BASE = { DATABASE_URL: DB, PAYLOAD_KEYS: KEY };

const configError = (load: () => unknown): ConfigError => {
  try {
    load();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('loadApiConfig', () => {
  it('applies every default when only DATABASE_URL is set', () => {
    expect(loadApiConfig({ ...BASE })).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'log',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      MERITFLOW_ALLOW_TEST_SOPS: false,
      TEMPORAL_TLS: false,
      DATABASE_URL: DB,
      DATABASE_POOL_MAX: 10,
      API_HOST: '127.0.0.1',
      API_PORT: 3000,
      API_SHUTDOWN_GRACE_SECONDS: 10,
      API_BODY_LIMIT: '256kb',
      DEFAULT_LOCALE: 'id',
      DECREE_NUMBER_PATTERNS: {},
      EVIDENCE_MAX_BYTES: 10 * 1024 * 1024,
      REGISTER_IMPORT_MAX_BYTES: 64 * 1024 * 1024,
      REGISTER_IMPORT_MAX_ROWS: 2_000_000,
      REGISTER_IMPORT_WAIT_MS: 10_000,
      AUTH_ISSUER: 'meritflow-local',
      AUTH_AUDIENCE: 'meritflow-api',
      AUTH_LOCAL_ISSUER: true,
      AUTH_LOCAL_TOKEN_TTL_SECONDS: 3600,
      AUTH_CLOCK_TOLERANCE_SECONDS: 30,
      CORS_ORIGINS: [],
      CODEC_CORS_ORIGINS: [],
      PAYLOAD_KEYS: [{ id: 'dev-1', key: KEY_BYTES }],
      PAYLOAD_ACTIVE_KEY_ID: 'dev-1',
      RATE_LIMIT_MAX: 300,
      RATE_LIMIT_WINDOW_MS: 10_000,
      SELECTION_HISTORY_LIMIT_EVENTS: 4_000,
    });
  });

  it('refuses the local token issuer in production, and requires a JWKS URL without it', () => {
    expect(configError(() => loadApiConfig({ ...BASE, NODE_ENV: 'production' })).issues).toEqual([
      expect.stringMatching(/^AUTH_LOCAL_ISSUER: /),
    ]);
    expect(configError(() => loadApiConfig({ ...BASE, AUTH_LOCAL_ISSUER: 'false' })).issues).toEqual([
      expect.stringMatching(/^AUTH_JWKS_URL: /),
    ]);
    const prod = loadApiConfig({
      ...BASE,
      NODE_ENV: 'production',
      AUTH_LOCAL_ISSUER: 'false',
      AUTH_JWKS_URL: 'https://sso.example.go.id/jwks.json',
      CORS_ORIGINS: 'https://a.go.id, https://b.go.id',
    });
    expect(prod).toMatchObject({
      AUTH_JWKS_URL: 'https://sso.example.go.id/jwks.json',
      CORS_ORIGINS: ['https://a.go.id', 'https://b.go.id'],
    });
  });

  it('takes explicit values and coerces the port to a number', () => {
    const config = loadApiConfig({
      ...BASE,
      DATABASE_URL: 'postgresql://db.internal/meritflow',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      API_PORT: '8080',
      API_BODY_LIMIT: '1mb',
      DEFAULT_LOCALE: 'en',
      TEMPORAL_ADDRESS: 'temporal:7233',
      AUTH_LOCAL_ISSUER: 'false',
      AUTH_JWKS_URL: 'https://sso.example.go.id/.well-known/jwks.json',
    });

    expect(config).toMatchObject({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      API_PORT: 8080,
      API_BODY_LIMIT: '1mb',
      DEFAULT_LOCALE: 'en',
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads MERITFLOW_ALLOW_TEST_SOPS=%s as %p', (value, expected) => {
    expect(loadApiConfig({ ...BASE, MERITFLOW_ALLOW_TEST_SOPS: value }).MERITFLOW_ALLOW_TEST_SOPS).toBe(expected);
  });

  it('ignores variables it does not know', () => {
    expect(loadApiConfig({ ...BASE, HOME: '/root', SOMETHING_ELSE: 'x' })).not.toHaveProperty('HOME');
  });

  it.each([
    { what: 'DATABASE_URL missing', env: { PAYLOAD_KEYS: KEY }, variable: 'DATABASE_URL' },
    { what: 'DATABASE_URL empty', env: { PAYLOAD_KEYS: KEY, DATABASE_URL: '' }, variable: 'DATABASE_URL' },
    {
      what: 'DATABASE_URL for MySQL',
      env: { PAYLOAD_KEYS: KEY, DATABASE_URL: 'mysql://root@localhost/meritflow' },
      variable: 'DATABASE_URL',
    },
    { what: 'DATABASE_URL not a URL', env: { PAYLOAD_KEYS: KEY, DATABASE_URL: 'localhost:5432' }, variable: 'DATABASE_URL' },
    { what: 'API_PORT 0', env: { ...BASE, API_PORT: '0' }, variable: 'API_PORT' },
    { what: 'API_PORT 65536', env: { ...BASE, API_PORT: '65536' }, variable: 'API_PORT' },
    { what: 'API_PORT not a number', env: { ...BASE, API_PORT: 'http' }, variable: 'API_PORT' },
    {
      what: 'SELECTION_HISTORY_LIMIT_EVENTS above Temporal’s own limit',
      env: { ...BASE, SELECTION_HISTORY_LIMIT_EVENTS: '60000' },
      variable: 'SELECTION_HISTORY_LIMIT_EVENTS',
    },
    {
      what: 'SELECTION_HISTORY_LIMIT_EVENTS 0',
      env: { ...BASE, SELECTION_HISTORY_LIMIT_EVENTS: '0' },
      variable: 'SELECTION_HISTORY_LIMIT_EVENTS',
    },
    { what: 'API_PORT fractional', env: { ...BASE, API_PORT: '80.5' }, variable: 'API_PORT' },
    { what: 'LOG_LEVEL info', env: { ...BASE, LOG_LEVEL: 'info' }, variable: 'LOG_LEVEL' },
    { what: 'LOG_LEVEL upper case', env: { ...BASE, LOG_LEVEL: 'DEBUG' }, variable: 'LOG_LEVEL' },
    { what: 'NODE_ENV staging', env: { ...BASE, NODE_ENV: 'staging' }, variable: 'NODE_ENV' },
    {
      what: 'MERITFLOW_ALLOW_TEST_SOPS on',
      env: { ...BASE, MERITFLOW_ALLOW_TEST_SOPS: 'on' },
      variable: 'MERITFLOW_ALLOW_TEST_SOPS',
    },
    { what: 'API_BODY_LIMIT without unit', env: { ...BASE, API_BODY_LIMIT: '1024' }, variable: 'API_BODY_LIMIT' },
    { what: 'DEFAULT_LOCALE fr', env: { ...BASE, DEFAULT_LOCALE: 'fr' }, variable: 'DEFAULT_LOCALE' },
  ])('refuses $what with a ConfigError naming $variable', ({ env, variable }) => {
    const error = configError(() => loadApiConfig(env));

    expect(error.issues).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
    expect(error.message).toContain(variable);
  });

  it('lists every bad variable at once', () => {
    const error = configError(() => loadApiConfig({ API_PORT: '-1', LOG_LEVEL: 'loud' }));

    expect(error.issues.map((i) => i.split(':')[0]).sort()).toEqual(['API_PORT', 'DATABASE_URL', 'LOG_LEVEL', 'PAYLOAD_KEYS']);
    expect(error.name).toBe('ConfigError');
  });

  it.each(['API_PORT', 'LOG_LEVEL', 'NODE_ENV', 'API_HOST', 'MERITFLOW_ALLOW_TEST_SOPS'])(
    'treats an empty %s as unset and falls back to the default',
    (variable) => {
      expect(loadApiConfig({ ...BASE, [variable]: '' })).toEqual(loadApiConfig({ ...BASE }));
    },
  );

  it('reads DECREE_NUMBER_PATTERNS per agency and refuses a pattern without {seq} or with an unknown token', () => {
    expect(loadApiConfig({ ...BASE }).DECREE_NUMBER_PATTERNS).toEqual({});
    const patterns = { 'PEMKAB-SLEMAN': '800.1.3.3/{seq}/BKPSDM/{month}/{year}' };
    expect(loadApiConfig({ ...BASE, DECREE_NUMBER_PATTERNS: JSON.stringify(patterns) }).DECREE_NUMBER_PATTERNS).toEqual(patterns);
    for (const bad of ['not json', '{"PEMKAB-SLEMAN":"800/{year}"}', '{"PEMKAB-SLEMAN":"{seq}/{unit}"}', '{"pemkab":"{seq}"}']) {
      const error = configError(() => loadApiConfig({ ...BASE, DECREE_NUMBER_PATTERNS: bad }));
      expect(error.issues.join(' ')).toContain('DECREE_NUMBER_PATTERNS');
    }
  });

  it('returns a frozen object', () => {
    const config = loadApiConfig({ ...BASE });

    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { API_PORT: number }).API_PORT = 1;
    }).toThrow(TypeError);
  });
});

describe('loadWorkerConfig', () => {
  it('applies the worker defaults', () => {
    expect(loadWorkerConfig({ ...BASE })).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'log',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      MERITFLOW_ALLOW_TEST_SOPS: false,
      TEMPORAL_TLS: false,
      DATABASE_URL: DB,
      DATABASE_POOL_MAX: 10,
      WORKER_HTTP_HOST: '127.0.0.1',
      WORKER_HTTP_PORT: 9464,
      WORKER_SHUTDOWN_GRACE_SECONDS: 30,
      WORKER_MAX_CONCURRENT_ACTIVITIES: 50,
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 50,
      WORKER_MAX_CACHED_WORKFLOWS: 2_000,
      WORKER_MAX_OLD_SPACE_MB: 1_024,
      ARCHIVE_SWEEP_INTERVAL_SECONDS: 60,
      ARCHIVE_SWEEP_BATCH: 200,
      PAYLOAD_KEYS: [{ id: 'dev-1', key: KEY_BYTES }],
      PAYLOAD_ACTIVE_KEY_ID: 'dev-1',
    });
  });

  it.each([
    { what: 'DATABASE_URL missing', env: { PAYLOAD_KEYS: KEY }, variable: 'DATABASE_URL' },
    { what: 'DATABASE_URL for sqlite', env: { PAYLOAD_KEYS: KEY, DATABASE_URL: 'sqlite://meritflow.db' }, variable: 'DATABASE_URL' },
    {
      what: 'zero concurrent activities',
      env: { ...BASE, WORKER_MAX_CONCURRENT_ACTIVITIES: '0' },
      variable: 'WORKER_MAX_CONCURRENT_ACTIVITIES',
    },
    {
      what: '1001 concurrent workflow tasks',
      env: { ...BASE, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1001' },
      variable: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
    },
    { what: 'LOG_LEVEL trace', env: { ...BASE, LOG_LEVEL: 'trace' }, variable: 'LOG_LEVEL' },
    { what: 'a heap of 64 MB', env: { ...BASE, WORKER_MAX_OLD_SPACE_MB: '64' }, variable: 'WORKER_MAX_OLD_SPACE_MB' },
  ])('refuses $what with a ConfigError naming $variable', ({ env, variable }) => {
    expect(configError(() => loadWorkerConfig(env)).issues).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadWorkerConfig({ ...BASE }))).toBe(true);
  });
});

describe('loadLauncherConfig', () => {
  it('needs no variable at all and leaves the stack addresses unset', () => {
    const config = loadLauncherConfig({});

    expect(config).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'log',
      TEMPORAL_NAMESPACE: 'default',
      MERITFLOW_ALLOW_TEST_SOPS: false,
      TEMPORAL_TLS: false,
      API_HOST: '127.0.0.1',
      API_PORT: 3000,
      MERITFLOW_DATA_DIR: '.data',
      CLUSTER_NODE_IPS: ['127.0.0.1', '127.0.0.2'],
      CLUSTER_WORKERS: 2,
      CLUSTER_APIS: 2,
      TEMPORAL_DEV_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      TEMPORAL_RETENTION_DAYS: 30,
      EMBEDDED_PG_PORT: 54329,
      AUTH_LOCAL_ISSUER: true,
      PATH: '',
      WORKER_MAX_OLD_SPACE_MB: 1_024,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadLauncherConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '', XDG_CACHE_HOME: '', PATH: '' })).toEqual(loadLauncherConfig({}));
  });

  it('keeps a given postgres DATABASE_URL, PATH and ports', () => {
    expect(loadLauncherConfig({ DATABASE_URL: DB, PATH: '/usr/bin:/bin', EMBEDDED_PG_PORT: '55432' })).toMatchObject({
      DATABASE_URL: DB,
      PATH: '/usr/bin:/bin',
      EMBEDDED_PG_PORT: 55432,
    });
  });

  it.each([
    { what: 'a non-postgres DATABASE_URL', env: { DATABASE_URL: 'mysql://localhost/x' }, variable: 'DATABASE_URL' },
    { what: 'TEMPORAL_DEV_PORT 70000', env: { TEMPORAL_DEV_PORT: '70000' }, variable: 'TEMPORAL_DEV_PORT' },
    { what: 'TEMPORAL_UI_PORT abc', env: { TEMPORAL_UI_PORT: 'abc' }, variable: 'TEMPORAL_UI_PORT' },
    { what: 'EMBEDDED_PG_PORT 0', env: { EMBEDDED_PG_PORT: '0' }, variable: 'EMBEDDED_PG_PORT' },
    { what: 'LOG_LEVEL silly', env: { LOG_LEVEL: 'silly' }, variable: 'LOG_LEVEL' },
  ])('refuses $what with a ConfigError naming $variable', ({ env, variable }) => {
    expect(configError(() => loadLauncherConfig(env)).issues).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadLauncherConfig({}))).toBe(true);
  });
});

describe('payload encryption keys', () => {
  const key = (fill: number, bytes = 32) => Buffer.alloc(bytes, fill).toString('base64');
  const loaders = [
    ['the API', loadApiConfig],
    ['the worker', loadWorkerConfig],
  ] as const;

  it.each(loaders)('%s reads a rotation: several keys, the active one named, the others kept to decrypt', (_who, load) => {
    const config = load({
      DATABASE_URL: DB,
      PAYLOAD_KEYS: `kms-2026-01:${key(1)}, kms-2026-12:${key(2)}`,
      PAYLOAD_ACTIVE_KEY_ID: 'kms-2026-12',
    });
    expect(config.PAYLOAD_ACTIVE_KEY_ID).toBe('kms-2026-12');
    expect(config.PAYLOAD_KEYS).toEqual([
      { id: 'kms-2026-01', key: Buffer.alloc(32, 1) },
      { id: 'kms-2026-12', key: Buffer.alloc(32, 2) },
    ]);
  });

  it.each(loaders)('%s refuses to start without keys, in every environment', (_who, load) => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      const issues = configError(() => load({ DATABASE_URL: DB, NODE_ENV })).issues.filter((i) => i.startsWith('PAYLOAD_'));
      expect(issues).toEqual([expect.stringMatching(/^PAYLOAD_KEYS: required: the payload encryption keys/)]);
    }
  });

  it.each([
    { what: 'a 16-byte key', keys: `k1:${key(1, 16)}`, message: /^PAYLOAD_KEYS: key "k1" is 16 bytes; AES-256 needs 32/ },
    { what: 'a 33-byte key', keys: `k1:${key(1, 33)}`, message: /^PAYLOAD_KEYS: key "k1" is 33 bytes/ },
    { what: 'a key that is not base64', keys: 'k1:not*base64', message: /^PAYLOAD_KEYS: key "k1" is not base64$/ },
    { what: 'an entry without an id', keys: `${key(1)}`, message: /^PAYLOAD_KEYS: entry 1 is not keyId:base64key$/ },
    { what: 'an id with a space', keys: `k 1:${key(1)}`, message: /^PAYLOAD_KEYS: key id "k 1" may hold only/ },
    { what: 'the same id twice', keys: `k1:${key(1)},k1:${key(2)}`, message: /^PAYLOAD_KEYS: key "k1" is given twice$/ },
    { what: 'only separators', keys: ' , ,', message: /^PAYLOAD_KEYS: no key given$/ },
    {
      what: 'an active id that is not among the keys',
      keys: `k1:${key(1)}`,
      active: 'k2',
      message: /^PAYLOAD_ACTIVE_KEY_ID: unknown key id "k2": PAYLOAD_KEYS holds k1$/,
    },
    {
      what: 'several keys and no active id',
      keys: `k1:${key(1)},k2:${key(2)}`,
      message: /^PAYLOAD_ACTIVE_KEY_ID: required when PAYLOAD_KEYS holds several keys \(k1, k2\)/,
    },
  ])('refuses $what at boot, naming the variable and never the key material', ({ keys, active, message }) => {
    const env = { DATABASE_URL: DB, PAYLOAD_KEYS: keys, ...(active ? { PAYLOAD_ACTIVE_KEY_ID: active } : {}) };
    for (const load of [loadApiConfig, loadWorkerConfig]) {
      const error = configError(() => load(env));
      expect(error.issues).toEqual([expect.stringMatching(message)]);
      expect(error.message).not.toContain(key(1));
    }
  });

  it('reads a keys file: one key per line, with comments', () => {
    const file = `# retired 2026-12-01, still decrypts older histories\nkms-2026-01:${key(1)}\n\nkms-2026-12:${key(2)}  # active\n`;
    expect(loadAuditCliConfig({ PAYLOAD_KEYS: file }).PAYLOAD_KEYS?.map((k) => k.id)).toEqual(['kms-2026-01', 'kms-2026-12']);
    expect(parsePayloadKeys(file)).toEqual(loadAuditCliConfig({ PAYLOAD_KEYS: file }).PAYLOAD_KEYS);
    expect(() => parsePayloadKeys('# no key yet\n')).toThrow(/PAYLOAD_KEYS: no key given/);
    expect(loadAuditCliConfig({}).PAYLOAD_KEYS).toBeUndefined();
    expect(configError(() => loadAuditCliConfig({ PAYLOAD_KEYS: `k1:${key(1, 8)}` })).issues).toEqual([
      expect.stringMatching(/^PAYLOAD_KEYS: key "k1" is 8 bytes/),
    ]);
  });

  it('lets npm start generate a development key, but not in production', () => {
    expect(loadLauncherConfig({}).PAYLOAD_KEYS).toBeUndefined();
    expect(configError(() => loadLauncherConfig({ NODE_ENV: 'production' })).issues).toEqual([
      expect.stringMatching(/^PAYLOAD_KEYS: required in production/),
    ]);
    expect(loadLauncherConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${key(1)}` }).PAYLOAD_KEYS).toHaveLength(1);
  });
});

describe('TLS to the Temporal frontend', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meritflow-config-tls-'));
  const file = (name: string, content: string) => {
    writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const ca = file('ca.pem', 'CA');
  const crt = file('client.pem', 'CERT');
  const key = file('client.key', 'KEY');

  it('is off by default: a plain connection', () => {
    expect(temporalTls(loadWorkerConfig(BASE))).toBeUndefined();
  });

  it('is on with TEMPORAL_TLS alone (the system CAs), and reads the CA, client pair and server name from the settings', () => {
    expect(temporalTls(loadWorkerConfig({ ...BASE, TEMPORAL_TLS: 'true' }))).toEqual({});
    const config = loadApiConfig({
      ...BASE,
      TEMPORAL_TLS_CA_FILE: ca,
      TEMPORAL_TLS_CERT_FILE: crt,
      TEMPORAL_TLS_KEY_FILE: key,
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
    });
    expect(temporalTls(config)).toEqual({
      serverRootCACertificate: Buffer.from('CA'),
      clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
      serverNameOverride: 'temporal-frontend',
    });
  });

  it.each([
    { what: 'a certificate without its key', env: { TEMPORAL_TLS_CERT_FILE: crt }, variable: 'TEMPORAL_TLS_KEY_FILE' },
    { what: 'a key without its certificate', env: { TEMPORAL_TLS_KEY_FILE: key }, variable: 'TEMPORAL_TLS_CERT_FILE' },
    {
      what: 'a CA file that does not exist',
      env: { TEMPORAL_TLS_CA_FILE: path.join(dir, 'missing.pem') },
      variable: 'TEMPORAL_TLS_CA_FILE',
    },
  ])('refuses $what, naming $variable, in the API and the worker alike', ({ env, variable }) => {
    for (const load of [loadApiConfig, loadWorkerConfig]) {
      expect(configError(() => load({ ...BASE, ...env })).issues).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
    }
  });
});

describe('cluster mode settings', () => {
  it('reads the node addresses as a list and refuses what is not an IPv4 address', () => {
    expect(loadLauncherConfig({ CLUSTER_NODE_IPS: '127.0.0.1, 127.0.0.3' }).CLUSTER_NODE_IPS).toEqual(['127.0.0.1', '127.0.0.3']);
    expect(configError(() => loadLauncherConfig({ CLUSTER_NODE_IPS: 'localhost' })).issues).toEqual([
      expect.stringMatching(/^CLUSTER_NODE_IPS/),
    ]);
  });
});
