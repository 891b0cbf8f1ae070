import { request } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createApi } from '@meritflow/api';
import { loadApiConfig } from '@meritflow/config';
import { LocalIssuer } from '@meritflow/auth';
import { getFreePort } from '@meritflow/devstack';
import { HR, PPK, Stack, uniqueCode, vacancyProposal } from '../support/api-client';
import { readStackState } from '../support/test-stack';

/**
 * Hardening (issue "Who may do what", item 7, and the rate limit of item 6): security headers on every
 * answer, CORS only for configured origins, no stack traces or secrets in error bodies, and 429 for bursts.
 * The shared test API has no CORS origins and a very high rate limit, so those are tested on APIs of
 * their own, started in-process against the same Temporal and PostgreSQL.
 */

const stack = new Stack();
afterAll(() => stack.close());

const STACK_TRACE = /\bat .+\.(js|ts):\d+|node_modules|\n\s+at |Error: /;

/** An API of the test's own, sharing the stack's database, Temporal and token issuer. */
async function ownApi(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
  const state = readStackState();
  const app = await createApi(
    loadApiConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: state.databaseUrl,
      TEMPORAL_ADDRESS: state.temporalAddress,
      TEMPORAL_NAMESPACE: state.namespace,
      MERITFLOW_ALLOW_TEST_SOPS: 'true',
      AUTH_LOCAL_SIGNING_KEY: state.auth.signingKeyPem,
      AUTH_ISSUER: state.auth.issuer,
      AUTH_AUDIENCE: state.auth.audience,
      PAYLOAD_KEYS: state.payloadKeys,
      ...env,
    }),
  );
  await app.listen(0, '127.0.0.1');
  return { app, url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api` };
}

/** Lets the last refusals' security events be written before the database connection goes. */
async function closeApi(api: { app: INestApplication } | undefined): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  await api?.app.close();
}

describe('security headers', () => {
  const responses: [label: string, method: string, path: string, auth: boolean, status: number][] = [
    ['the health check', 'GET', '/health', false, 200],
    ['a listing', 'GET', '/v1/cases?limit=1', true, 200],
    ['a 401 without a token', 'GET', '/v1/cases', false, 401],
    ['a 400 on a malformed id', 'GET', '/v1/vacancies/not-an-id', true, 400],
    ['a 404 on an unknown route', 'GET', '/v1/nowhere', true, 404],
  ];

  it.each(responses)('are on %s', async (_label, method, path, auth, status) => {
    const res = await fetch(`${stack.state.apiUrl}${path}`, { method, headers: auth ? await stack.authHeaders(HR) : {} });
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    // Never cached, so no body is hashed for an ETag (evidence downloads set their own).
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
    // No CORS origin is configured on the shared API.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('escape markup in JSON answers, so echoed input is never sniffed as HTML', async () => {
    // fetch would percent-encode the path; a raw request sends the markup as it is.
    const url = new URL(stack.state.apiUrl);
    const { status, type, text } = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: `${url.pathname}/v1/nowhere/<script>alert(1)</script>`, method: 'GET' },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text: data }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
    expect(type).toMatch(/^application\/json/);
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text).details.path).toContain('<script>alert(1)</script>');
  });

  it('keep Swagger UI working: its page, scripts and document load under its own policy', async () => {
    const page = await fetch(`${stack.state.apiUrl}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    // Every script the page loads is its own (the policy allows no inline script and no other origin).
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\.?\/?[\w./-]+\.js"/);
      expect(body.trim()).toBe('');
    }
    for (const asset of ['swagger-ui-init.js', 'swagger-ui-bundle.js', 'swagger-ui.css']) {
      const res = await fetch(`${stack.state.apiUrl}/docs/${asset}`);
      expect([asset, res.status]).toEqual([asset, 200]);
    }
    const doc = await fetch(`${stack.state.apiUrl}/docs-json`);
    expect(doc.status).toBe(200);
    expect((await doc.json()).openapi).toMatch(/^3\./);
  });
});

describe('no stack traces or secrets in error bodies', () => {
  const bad: [
    label: string,
    init: () => Promise<{ method: string; path: string; headers?: Record<string, string>; body?: string }>,
    status: number,
  ][] = [
    [
      'a body that is not JSON',
      async () => ({
        method: 'POST',
        path: '/v1/vacancies',
        headers: { 'content-type': 'application/json', ...(await stack.authHeaders(HR)) },
        body: '{"a":',
      }),
      400,
    ],
    [
      'a body over the limit',
      async () => ({
        method: 'POST',
        path: '/v1/vacancies',
        headers: { 'content-type': 'application/json', ...(await stack.authHeaders(HR)) },
        body: JSON.stringify({ reason: 'x'.repeat(300_000) }),
      }),
      413,
    ],
    ['a garbage token', async () => ({ method: 'GET', path: '/v1/cases', headers: { authorization: 'Bearer a.b.c' } }), 401],
    ['an unknown route', async () => ({ method: 'DELETE', path: '/v1/vacancies', headers: await stack.authHeaders(HR) }), 404],
    ['an invalid query', async () => ({ method: 'GET', path: '/v1/cases?limit=%00', headers: await stack.authHeaders(HR) }), 400],
  ];

  it.each(bad)('for %s', async (_label, init, status) => {
    const { method, path, headers, body } = await init();
    const res = await fetch(`${stack.state.apiUrl}${path}`, { method, headers, body });
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed).sort()).toEqual(['code', 'details', 'field', 'message', 'messages', 'statusCode']);
    expect(parsed.statusCode).toBe(status);
    expect(text).not.toMatch(STACK_TRACE);
    expect(text).not.toContain(stack.state.databaseUrl);
    expect(text).not.toContain('PRIVATE KEY');
  });

  describe('on an API whose Temporal is down (5xx)', () => {
    let api: { app: INestApplication; url: string };
    beforeAll(async () => {
      api = await ownApi({ TEMPORAL_ADDRESS: `127.0.0.1:${await getFreePort()}` });
    });
    afterAll(() => closeApi(api));

    it('answers 503 with the error shape and nothing of the server inside', async () => {
      const health = await fetch(`${api.url}/health`);
      const text = await health.text();
      expect(health.status).toBe(503);
      expect(JSON.parse(text).code).toBe('UPSTREAM_UNAVAILABLE');
      expect(text).not.toMatch(STACK_TRACE);
      expect(text).not.toContain(readStackState().databaseUrl);

      const proposal = vacancyProposal();
      const res = await fetch(`${api.url}/v1/vacancies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await stack.authHeaders(HR, '', proposal.agencyCode)) },
        body: JSON.stringify(proposal),
      });
      const body = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(Object.keys(JSON.parse(body)).sort()).toEqual(['code', 'details', 'field', 'message', 'messages', 'statusCode']);
      expect(body).not.toMatch(STACK_TRACE);
      expect(body).not.toContain('PRIVATE KEY');
      expect(body).not.toContain(readStackState().databaseUrl);
    });
  });
});

describe('CORS', () => {
  const ALLOWED = 'https://simpeg.pemkab-sleman.go.id';
  const ALSO_ALLOWED = 'https://audit.bkn.go.id';
  const DENIED = 'https://evil.example';
  let api: { app: INestApplication; url: string };

  beforeAll(async () => {
    api = await ownApi({ CORS_ORIGINS: `${ALLOWED}, ${ALSO_ALLOWED}` });
  });
  afterAll(() => closeApi(api));

  it.each([ALLOWED, ALSO_ALLOWED])(
    'lets the configured origin %s read answers, without credentials, with Retry-After exposed',
    async (origin) => {
      const res = await fetch(`${api.url}/v1/cases?limit=1`, { headers: { origin, ...(await stack.authHeaders(HR)) } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
      expect(res.headers.get('vary')).toMatch(/origin/i);
    },
  );

  it('answers a configured origin’s preflight for a decision with the headers it may send', async () => {
    const res = await fetch(`${api.url}/v1/vacancies/vacancy:PEMKAB-X:KADIS-Y/decisions`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'idempotency-key']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives any other origin no CORS headers, on answers and on preflights', async () => {
    for (const origin of [DENIED, `${ALLOWED}.evil.example`, 'null', ALLOWED.replace('https', 'http')]) {
      const get = await fetch(`${api.url}/v1/cases?limit=1`, { headers: { origin, ...(await stack.authHeaders(HR)) } });
      expect([origin, get.headers.get('access-control-allow-origin')]).toEqual([origin, null]);
      const pre = await fetch(`${api.url}/v1/vacancies`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      expect([origin, pre.headers.get('access-control-allow-origin')]).toEqual([origin, null]);
    }
  });

  it('is off on the shared API, which has no origins configured', async () => {
    const pre = await fetch(`${stack.state.apiUrl}/v1/vacancies`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('rate limiting (RATE_LIMIT_MAX=20 per 60 s)', () => {
  const LIMIT = 20;
  let api: { app: INestApplication; url: string };

  beforeAll(async () => {
    api = await ownApi({ RATE_LIMIT_MAX: String(LIMIT), RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(() => closeApi(api));

  const get = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(`${api.url}${path}`, { headers });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), text, body: JSON.parse(text) };
  };

  it('answers a burst beyond the limit with 429 RATE_LIMITED and Retry-After, and counts each caller on their own', async () => {
    const caller = { ...HR, id: `burst-${uniqueCode('U').toLowerCase()}` };
    const headers = await stack.authHeaders(caller);
    const answers = [];
    for (let i = 0; i < LIMIT + 5; i++) answers.push(await get('/v1/cases?limit=1', headers));
    expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(200));
    for (const a of answers.slice(LIMIT)) {
      expect(a.status).toBe(429);
      expect(a.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      const retryAfter = Number(a.retryAfter);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(a.body.details.retryAfterSeconds).toBe(retryAfter);
      expect(a.body.messages.en).toContain(`${retryAfter} seconds`);
      expect(a.text).not.toMatch(STACK_TRACE);
    }
    // Another caller from the same address has a budget of their own.
    const other = await get('/v1/cases?limit=1', await stack.authHeaders({ ...PPK, id: `other-${uniqueCode('U').toLowerCase()}` }));
    expect(other.status).toBe(200);
    // The health check is exempt: probes still see the truth.
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
  });

  it('limits a burst of forged tokens too (it runs before authentication)', async () => {
    const forger = LocalIssuer.fromPem(undefined);
    const token = await forger.sign(
      { sub: `mallory-${uniqueCode('M').toLowerCase()}`, roles: ['hr_officer'], agency: 'PEMKAB-TEST' },
      {
        issuer: stack.state.auth.issuer,
        audience: stack.state.auth.audience,
        ttlSeconds: 600,
      },
    );
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await get('/v1/cases', { authorization: `Bearer ${token}` })).status);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
  });

  it('limits one address that forges a new subject for every request', async () => {
    const forger = LocalIssuer.fromPem(undefined);
    const statuses: number[] = [];
    // The address ceiling is ten times the caller limit; requests of the tests above count towards it too.
    for (let i = 0; i < LIMIT * 10 + 5 && !statuses.includes(429); i++) {
      const token = await forger.sign(
        { sub: `sybil-${i}-${uniqueCode('S').toLowerCase()}`, roles: ['hr_officer'], agency: 'PEMKAB-TEST' },
        {
          issuer: stack.state.auth.issuer,
          audience: stack.state.auth.audience,
          ttlSeconds: 600,
        },
      );
      statuses.push((await get('/v1/cases', { authorization: `Bearer ${token}` })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429 && s !== 401)).toEqual([]);
    expect(statuses.length).toBeLessThanOrEqual(LIMIT * 10);
  });
});
