import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiConfig } from '@meritflow/config';
import { SecurityEventRepository } from '@meritflow/persistence';
import { AppModule } from './app.module';
import { ApiLifecycle } from './health/api-lifecycle';
import { ApiMetrics } from './metrics/api-metrics';
import { completeErrorResponses } from './common/api-errors';
import { DomainErrorFilter } from './common/domain-error.filter';
import { applyHardening, strictJsonReviver } from './common/hardening';
import { createValidationPipe } from './common/validation';

/** Builds the configured API application (used by main and by tests that need it in-process). */
export async function createApi(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: [config.LOG_LEVEL, 'error', 'warn'],
    bodyParser: false,
  });
  app.use(app.get(ApiMetrics).middleware()); // first: every request is timed, refusals included
  const lifecycle = app.get(ApiLifecycle);
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    // Draining: clients reconnect (to another instance) for their next request.
    if (lifecycle.draining) res.setHeader('Connection', 'close');
    next();
  });
  applyHardening(app, config); // security headers and CORS on every answer, body-parser refusals included
  app.useBodyParser('json', { limit: config.API_BODY_LIMIT, reviver: strictJsonReviver });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter(config.DEFAULT_LOCALE, app.get(SecurityEventRepository)));
  app.disable('x-powered-by');
  // No enableShutdownHooks(): main.ts drains on SIGTERM (readiness first, then the answers in flight).

  const doc = new DocumentBuilder()
    .setTitle('meritflow API')
    .setDescription(
      'Merit-based promotion, mutation and rotation workflows for ASN. Every endpoint but health and the ' +
        'local issuer takes a bearer token (JWT) from the configured issuer; `x-allowed-roles` on each operation ' +
        'lists the roles it admits. X-Acting-Role picks one of several roles; X-Acting-For names a delegation.',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('api/docs', app, () => completeErrorResponses(SwaggerModule.createDocument(app, doc)), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
