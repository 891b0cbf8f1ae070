import 'reflect-metadata';
import { validateShippedSops } from '@meritflow/domain/sop-schema';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { loadWorkerConfig, type WorkerConfig } from '@meritflow/config';
import { PERSONNEL_TASK_QUEUE } from '@meritflow/contracts';
import { ArchiveActivitiesImpl } from './activities/archive.activities';
import { LedgerActivitiesImpl } from './activities/ledger.activities';
import { ReferenceActivitiesImpl } from './activities/reference.activities';
import { createPersonnelWorker } from './temporal-worker';
import { ensureArchiveSchedule } from './archive-schedule';
import { WORKER_PAYLOAD_CODEC, WORKER_TEMPORAL_CLIENT, WorkerModule } from './worker.module';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';

const SDK_LOG_LEVEL: Record<WorkerConfig['LOG_LEVEL'], LogLevel> = {
  error: 'ERROR',
  warn: 'WARN',
  log: 'INFO',
  debug: 'DEBUG',
  verbose: 'TRACE',
};

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  // Shipped SOP data is validated here, once, not inside every workflow sandbox.
  validateShippedSops();
  Runtime.install({ logger: new DefaultLogger(SDK_LOG_LEVEL[config.LOG_LEVEL]) });
  const logger = new Logger('worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: [config.LOG_LEVEL, 'error', 'warn'],
  });
  const activities = {
    ...app.get(LedgerActivitiesImpl).asActivities(),
    ...app.get(ReferenceActivitiesImpl).asActivities(),
    ...app.get(ArchiveActivitiesImpl).asActivities(),
  };
  const { worker, connection } = await createPersonnelWorker(config, activities, app.get<PayloadCodec>(WORKER_PAYLOAD_CODEC));
  await ensureArchiveSchedule(app.get<Client>(WORKER_TEMPORAL_CLIENT), config);
  logger.log(
    `polling task queue ${PERSONNEL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE}); ` +
      `payloads encrypted with key ${config.PAYLOAD_ACTIVE_KEY_ID} (${config.PAYLOAD_KEYS.length} key(s) held)`,
  );
  try {
    // Worker.run() resolves after SIGINT/SIGTERM once in-flight tasks have drained.
    await worker.run();
  } finally {
    await connection.close();
    await app.close();
    logger.log('stopped');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
