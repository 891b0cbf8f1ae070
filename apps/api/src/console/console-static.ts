import express from 'express';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Where the console is served. */
export const CONSOLE_PATH = '/console';

/**
 * The console's own Content-Security-Policy: its scripts, styles and fonts come from this origin
 * only, it talks to this API only, and nothing may frame it. It replaces the API's `default-src
 * 'none'` (common/hardening.ts) on console pages alone; every other header helmet set stays.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The built console: `npm run build:console` writes dist/console (dist/apps/api/src/console → dist/console). */
export const DEFAULT_CONSOLE_DIST_DIR = path.resolve(__dirname, '../../../../console');

/**
 * Serves the console's static files under /console with express.static, and index.html for any other
 * path below it (the console routes in the browser). Hashed assets are cached for good; index.html
 * never is. A missing asset (a path with an extension) is a 404.
 */
export function consoleHandler(dir: string) {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  const files = express.static(root, {
    index: false,
    fallthrough: true,
    setHeaders: (res, file) =>
      res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    files(req, res, () => {
      if (path.extname(req.path) !== '' && !req.path.endsWith('.html')) {
        res.status(404).type('text/plain').send('not found');
        return;
      }
      if (!existsSync(index)) {
        res.status(503).type('text/plain').send('The console is not built: run `npm run build:console` (part of `npm run build`).');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
}
