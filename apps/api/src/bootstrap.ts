import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiConfig } from '../../../libs/config/src';
import { AppModule } from './app.module';
import { DomainErrorFilter } from './common/domain-error.filter';
import { createValidationPipe } from './common/validation';

/** Builds the configured API application (used by main and by tests that need it in-process). */
export async function createApi(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: [config.LOG_LEVEL, 'error', 'warn'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: config.API_BODY_LIMIT });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter(config.DEFAULT_LOCALE));
  app.disable('x-powered-by');
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('meritflow API')
    .setDescription(
      'Merit-based promotion, mutation and rotation workflows for ASN. Until authentication lands, ' +
        'the acting user comes from the x-actor-id / x-actor-role headers (development stand-in).',
    )
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
