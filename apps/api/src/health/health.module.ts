import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ApiLifecycle } from './api-lifecycle';
import { HealthController } from './health.controller';

@Global()
@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [ApiLifecycle], exports: [ApiLifecycle] })
export class HealthModule {}
