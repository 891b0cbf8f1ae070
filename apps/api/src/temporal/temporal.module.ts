import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { dataConverterWith, payloadCodecFromConfig, type AesGcmPayloadCodec } from '@meritflow/codec';
import { TEMPORAL_CLIENT_CHANNEL_ARGS, temporalTls, type ApiConfig } from '@meritflow/config';
import { WorkflowGateway } from './workflow-gateway';

import { PAYLOAD_CODEC, TEMPORAL_CLIENT, TEMPORAL_CONNECTION, TEMPORAL_OPEN_RUN_CLIENT } from './temporal.tokens';

export { PAYLOAD_CODEC, TEMPORAL_CLIENT, TEMPORAL_CONNECTION, TEMPORAL_OPEN_RUN_CLIENT };

class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/**
 * One Temporal client for the API process, closed on shutdown. Workflow inputs, update arguments
 * and query answers pass through the payload codec, so Temporal holds them encrypted.
 */
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
          useFactory: () =>
            Connection.lazy({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config), channelArgs: TEMPORAL_CLIENT_CHANNEL_ARGS }),
        },
        { provide: PAYLOAD_CODEC, useValue: payloadCodecFromConfig(config) },
        {
          provide: TEMPORAL_CLIENT,
          inject: [TEMPORAL_CONNECTION, PAYLOAD_CODEC],
          useFactory: (connection: Connection, codec: AesGcmPayloadCodec) =>
            new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterWith(codec) }),
        },
        {
          provide: TEMPORAL_OPEN_RUN_CLIENT,
          inject: [TEMPORAL_CONNECTION, PAYLOAD_CODEC],
          useFactory: (connection: Connection, codec: AesGcmPayloadCodec) =>
            new Client({
              connection,
              namespace: config.TEMPORAL_NAMESPACE,
              dataConverter: dataConverterWith(codec),
              workflow: { queryRejectCondition: 'NOT_OPEN' },
            }),
        },
        TemporalConnectionCloser,
        WorkflowGateway,
      ],
      exports: [TEMPORAL_CLIENT, TEMPORAL_CONNECTION, PAYLOAD_CODEC, WorkflowGateway],
    };
  }
}
