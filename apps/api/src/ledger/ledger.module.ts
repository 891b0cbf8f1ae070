import { Logger, Module } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import { ledgerSigningKey } from '@meritflow/persistence';
import { API_CONFIG } from '../config.provider';
import { LedgerController } from './ledger.controller';
import { LEDGER_SIGNING_KEY, LedgerService } from './ledger.service';

@Module({
  controllers: [LedgerController],
  providers: [
    {
      provide: LEDGER_SIGNING_KEY,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => {
        const key = ledgerSigningKey({ privateKeyPem: config.LEDGER_SIGNING_KEY, keyId: config.LEDGER_SIGNING_KEY_ID });
        if (key.ephemeral) {
          new Logger('ledger').warn(
            `LEDGER_SIGNING_KEY is not set: ledger digests are signed with ephemeral key ${key.keyId}, which dies with this process. Configure a key in production.`,
          );
        }
        return key;
      },
    },
    LedgerService,
  ],
})
export class LedgerModule {}
