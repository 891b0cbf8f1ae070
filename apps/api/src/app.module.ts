import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ApiConfig } from '@meritflow/config';
import { dataSourceOptions } from '@meritflow/persistence';
import { PersistenceModule } from '@meritflow/persistence/nest';
import { API_CONFIG } from './config.provider';
import { AuditModule } from './audit/audit.module';
import { CaseReplayModule } from './audit/replay/case-replay.module';
import { AuditReadLogInterceptor } from './common/audit-read-log.interceptor';
import { AuthModule } from './auth/auth.module';
import { DossierModule } from './dossier/dossier.module';
import { DecreesModule } from './decrees/decrees.module';
import { EvidenceModule } from './evidence/evidence.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { ConsoleModule } from './console/console.module';
import { InboxModule } from './inbox/inbox.module';
import { HealthModule } from './health/health.module';
import { MovesModule } from './moves/moves.module';
import { DisciplineModule } from './discipline/discipline.module';
import { LedgerModule } from './ledger/ledger.module';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitModule } from './common/rate-limit.module';
import { ReferenceModule } from './reference/reference.module';
import { RegisterModule } from './register/register.module';
import { SelectionsModule } from './selections/selections.module';
import { TemporalModule } from './temporal/temporal.module';
import { VacanciesModule } from './vacancies/vacancies.module';
import { TalentModule } from './talent/talent.module';
import { SopMigrationsModule } from './sop-migrations/sop-migrations.module';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RateLimitModule,
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.DATABASE_URL, `meritflow-api:${process.pid}`, config.DATABASE_POOL_MAX),
          retryAttempts: 3,
        }),
        PersistenceModule,
        TemporalModule.forRoot(config),
        AuthModule.forRoot(config),
        HealthModule,
        MetricsModule,
        VacanciesModule,
        SopMigrationsModule,
        EvidenceModule,
        SelectionsModule,
        CasesModule,
        CalendarModule,
        ReferenceModule,
        RegisterModule,
        MovesModule,
        DisciplineModule,
        TalentModule,
        AuditModule,
        DossierModule,
        DecreesModule,
        LedgerModule,
        CaseReplayModule,
        CodecModule,
        InboxModule,
        ConsoleModule,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_INTERCEPTOR, useClass: AuditReadLogInterceptor },
      ],
      exports: [API_CONFIG],
    };
  }
}
