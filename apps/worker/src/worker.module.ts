import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { WorkerConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { LedgerActivitiesImpl } from './activities/ledger.activities';
import { ReferenceActivitiesImpl } from './activities/reference.activities';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL, 'meritflow-worker'))],
      providers: [{ provide: WORKER_CONFIG, useValue: config }, LedgerActivitiesImpl, ReferenceActivitiesImpl],
      exports: [LedgerActivitiesImpl, ReferenceActivitiesImpl],
    };
  }
}
