import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalTls, type ApiConfig } from '@meritflow/config';
import { WorkflowGateway } from './workflow-gateway';

import { TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './temporal.tokens';

export { TEMPORAL_CLIENT, TEMPORAL_CONNECTION };

class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** One Temporal client for the API process, closed on shutdown. */
@Global()
@Module({})
export class TemporalModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: TemporalModule,
      providers: [
        {
          provide: TEMPORAL_CONNECTION,
          // Lazy: the API boots (and reports Temporal as down on /health) even when Temporal is not up yet.
          useFactory: () => Connection.lazy({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) }),
        },
        {
          provide: TEMPORAL_CLIENT,
          inject: [TEMPORAL_CONNECTION],
          useFactory: (connection: Connection) => new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
        },
        TemporalConnectionCloser,
        WorkflowGateway,
      ],
      exports: [TEMPORAL_CLIENT, TEMPORAL_CONNECTION, WorkflowGateway],
    };
  }
}
