import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import { dataConverterWith, payloadCodecFromConfig, type AesGcmPayloadCodec } from '@meritflow/codec';
import { TEMPORAL_CLIENT_CHANNEL_ARGS, temporalTls, type WorkerConfig } from '@meritflow/config';
import { dataSourceOptions } from '@meritflow/persistence';
import { PersistenceModule } from '@meritflow/persistence/nest';
import { ArchiveActivitiesImpl } from './activities/archive.activities';
import { DisciplineActivitiesImpl } from './activities/discipline.activities';
import { LedgerActivitiesImpl } from './activities/ledger.activities';
import { ReferenceActivitiesImpl } from './activities/reference.activities';
import { WorkerMetrics } from './worker-metrics';
import { TalentActivitiesImpl } from './activities/talent.activities';
import { WORKER_CONFIG, WORKER_PAYLOAD_CODEC, WORKER_TEMPORAL_CLIENT } from './worker.tokens';

export { WORKER_CONFIG, WORKER_PAYLOAD_CODEC, WORKER_TEMPORAL_CLIENT };

@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(WORKER_TEMPORAL_CLIENT) private readonly temporal: Client) {}

  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL, `meritflow-worker:${process.pid}`, config.DATABASE_POOL_MAX)),
        PersistenceModule,
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: WORKER_PAYLOAD_CODEC, useValue: payloadCodecFromConfig(config) },
        {
          provide: WORKER_TEMPORAL_CLIENT,
          inject: [WORKER_PAYLOAD_CODEC],
          // The schedule's arguments and the sweep's results go through the codec like everything else.
          useFactory: async (codec: AesGcmPayloadCodec) =>
            new Client({
              connection: await Connection.connect({
                address: config.TEMPORAL_ADDRESS,
                tls: temporalTls(config),
                channelArgs: TEMPORAL_CLIENT_CHANNEL_ARGS,
              }),
              namespace: config.TEMPORAL_NAMESPACE,
              dataConverter: dataConverterWith(codec),
            }),
        },
        WorkerMetrics,
        LedgerActivitiesImpl,
        ReferenceActivitiesImpl,
        DisciplineActivitiesImpl,
        TalentActivitiesImpl,
        ArchiveActivitiesImpl,
      ],
      exports: [
        LedgerActivitiesImpl,
        ReferenceActivitiesImpl,
        DisciplineActivitiesImpl,
        TalentActivitiesImpl,
        ArchiveActivitiesImpl,
        WORKER_TEMPORAL_CLIENT,
        WORKER_PAYLOAD_CODEC,
        WorkerMetrics,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close();
  }
}
