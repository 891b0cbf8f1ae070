import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ApiConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { API_CONFIG } from './config.provider';
import { AuditModule } from './audit/audit.module';
import { CaseReplayModule } from './audit/replay/case-replay.module';
import { AuditReadLogInterceptor } from './common/audit-read-log.interceptor';
import { AuditorReadOnlyGuard } from './common/auditor-read-only.guard';
import { DossierModule } from './dossier/dossier.module';
import { EvidenceModule } from './evidence/evidence.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { HealthModule } from './health/health.module';
import { MovesModule } from './moves/moves.module';
import { LedgerModule } from './ledger/ledger.module';
import { PersistenceModule } from './persistence.module';
import { ReferenceModule } from './reference/reference.module';
import { SelectionsModule } from './selections/selections.module';
import { TemporalModule } from './temporal/temporal.module';
import { VacanciesModule } from './vacancies/vacancies.module';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.DATABASE_URL, 'meritflow-api'), retryAttempts: 3 }),
        PersistenceModule,
        TemporalModule.forRoot(config),
        HealthModule,
        VacanciesModule,
        EvidenceModule,
        SelectionsModule,
        CasesModule,
        CalendarModule,
        ReferenceModule,
        MovesModule,
        AuditModule,
        DossierModule,
        LedgerModule,
        CaseReplayModule,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        // Auditors are read-only on every endpoint, and every request they make is logged.
        { provide: APP_GUARD, useClass: AuditorReadOnlyGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditReadLogInterceptor },
      ],
      exports: [API_CONFIG],
    };
  }
}
