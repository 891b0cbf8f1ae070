import type { INestApplication } from '@nestjs/common';
import type { CorsOptions, CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { ApiConfig } from '@meritflow/config';

/** Where Swagger UI is served (see bootstrap.ts): the only HTML this API sends. */
const DOCS_UI = /^\/api\/docs(\/|$)/;

/** The request headers a browser client may send cross-origin. */
const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Accept-Language',
  'Idempotency-Key',
  'X-Acting-For',
  'X-Acting-Role',
];
/** The response headers a browser client may read cross-origin (beyond the CORS-safelisted ones). */
const CORS_EXPOSED_HEADERS = ['Retry-After', 'Content-Disposition', 'ETag'];

/** The codec endpoint, which a Temporal Web UI calls from its own origin. */
const CODEC_PATH = /^\/api\/v1\/codec\//;

/**
 * The API answers JSON (and evidence downloads): nothing it sends may run script, be framed or load
 * anything. Only Swagger UI needs its own assets, inline styles and data: images.
 */
const apiHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  },
  // Responses are data for one client, never to be embedded by another site.
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
});

const docsHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Swagger UI's page carries a <style> block and sets inline styles.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
});

/** Deeper than any request body meritflow accepts (its DTOs nest about five levels). */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A JSON.parse reviver for request bodies (`app.useBodyParser('json', { reviver: strictJsonReviver })`):
 * refuses keys that aim at prototypes, which the DTO layer would otherwise drop silently, and nesting
 * deep enough to exhaust the stack of the validators after it (a 6 KB body of nested arrays did).
 * Throwing here makes the body unreadable: 400 naming `body`, before any handler runs.
 */
export function strictJsonReviver(this: unknown, key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`the key "${key}" is not allowed`);
  if (typeof value === 'object' && value !== null) {
    let depth = 1;
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) depth = Math.max(depth, 1 + (depths.get(child) ?? 1));
    }
    if (depth > MAX_JSON_DEPTH) throw new SyntaxError(`nested deeper than ${MAX_JSON_DEPTH}`);
    depths.set(value, depth);
  }
  return value;
}
// Children are revived before their parent, so each one's depth is known when the parent's is asked.
const depths = new WeakMap<object, number>();

/**
 * Security headers on every response (errors included), CORS for the configured origins only, and no
 * caching of personnel data unless an endpoint says otherwise (evidence downloads do).
 */
export function applyHardening(app: INestApplication, config: ApiConfig): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    (DOCS_UI.test(req.path) ? docsHeaders : apiHeaders)(req, res, next);
  });

  // JSON answers escape <, > and & so that echoed input can never be sniffed as markup.
  const http = app.getHttpAdapter().getInstance() as { set?: (setting: string, value: unknown) => void };
  http.set?.('json escape', true);
  // JSON answers are never cached (no-store above), so Express's automatic ETag, a SHA-1 of every
  // answer's whole body (2 MB for a bulk move at its cap), would serve no conditional request. Evidence
  // downloads, which are cached, set their own ETag (the bytes' SHA-256) and answer 304 themselves.
  http.set?.('etag', false);

  // No configured origin: no CORS headers at all, so browsers keep every other site out.
  const api: CorsOptions = {
    origin: config.CORS_ORIGINS.length > 0 ? [...config.CORS_ORIGINS] : false,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
  // The Temporal UI's origins reach the codec endpoint only. It sends X-Namespace, and cookies when
  // told to include credentials: harmless here, since only the bearer token authenticates.
  const codec: CorsOptions = {
    origin: config.CODEC_CORS_ORIGINS.length > 0 ? [...config.CODEC_CORS_ORIGINS] : false,
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
  if (config.CORS_ORIGINS.length > 0 || config.CODEC_CORS_ORIGINS.length > 0) {
    const byPath: CorsOptionsDelegate<Request> = (req, done) => done(null, CODEC_PATH.test(req.path) ? codec : api);
    app.enableCors(byPath);
  }
}
