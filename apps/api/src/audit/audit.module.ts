import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuditReadLog, AuditReadLogMiddleware } from '../common/audit-read-log.interceptor';
import { AuditReadsController } from './audit-reads.controller';

/** The auditor log: written for every auditor request (see the global guard and interceptor), read here. */
@Module({
  controllers: [AuditReadsController],
  providers: [AuditReadLog],
  exports: [AuditReadLog],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditReadLogMiddleware).forRoutes('{*path}');
  }
}
