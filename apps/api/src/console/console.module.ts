import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import { API_CONFIG } from '../config.provider';
import { HttpAdapterHost } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { CONSOLE_PATH, consoleHandler, DEFAULT_CONSOLE_DIST_DIR } from './console-static';

/**
 * Serves the web console (apps/console, built into dist/console) at /console, same origin as the
 * API so it needs no CORS. Mounted on the HTTP server directly: it is static files, not API routes,
 * so it carries no @Roles; every API call the console makes is authorised as usual.
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance?.() as { use?: (path: string, fn: unknown) => void } | undefined;
    if (!instance?.use) return;
    const dir = this.config.CONSOLE_DIST_DIR ?? DEFAULT_CONSOLE_DIST_DIR;
    if (!existsSync(dir)) new Logger('console').warn(`console not built (${dir} is missing): run npm run build:console`);
    instance.use(CONSOLE_PATH, consoleHandler(dir));
  }
}
