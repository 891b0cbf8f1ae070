import 'reflect-metadata';
import { createServer } from 'node:net';
import { getHeapStatistics } from 'node:v8';
import { validateShippedSops } from '@meritflow/domain/sop-schema';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel, type Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { loadWorkerConfig, workerHeapIssue, type WorkerConfig } from '@meritflow/config';
import { PERSONNEL_TASK_QUEUE } from '@meritflow/contracts';
import { ArchiveActivitiesImpl } from './activities/archive.activities';
import { DisciplineActivitiesImpl } from './activities/discipline.activities';
import { LedgerActivitiesImpl } from './activities/ledger.activities';
import { ReferenceActivitiesImpl } from './activities/reference.activities';
import { TalentActivitiesImpl } from './activities/talent.activities';
import { createPersonnelWorker } from './temporal-worker';
import { ensureArchiveSchedule } from './archive-schedule';
import { startWorkerHttp } from './worker-http';
import { WorkerMetrics } from './worker-metrics';
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

/** A loopback port for the SDK's own Prometheus exporter, which /metrics reads and appends. */
const freeLoopbackPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  // Shipped SOP data is validated here, once, not inside every workflow sandbox.
  validateShippedSops();
  const sdkMetricsPort = await freeLoopbackPort();
  Runtime.install({
    logger: new DefaultLogger(SDK_LOG_LEVEL[config.LOG_LEVEL]),
    // Signals are handled below, so readiness turns 503 before the worker drains.
    shutdownSignals: [],
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } },
  });
  const logger = new Logger('worker');
  const heapIssue = workerHeapIssue(getHeapStatistics().heap_size_limit, config);
  if (heapIssue) logger.warn(heapIssue);

  let worker: Worker | undefined;
  let draining = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    if (worker?.getState() !== 'RUNNING') {
      logger.log(`${signal} before the worker started polling: exiting`);
      process.exit(0);
    }
    logger.log(`${signal}: draining (no new tasks; activities already running get ${config.WORKER_SHUTDOWN_GRACE_SECONDS}s to finish)`);
    worker!.shutdown();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, onSignal);

  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: [config.LOG_LEVEL, 'error', 'warn'],
  });
  const db = app.get(DataSource);
  const http = await startWorkerHttp({
    host: config.WORKER_HTTP_HOST,
    port: config.WORKER_HTTP_PORT,
    registry: app.get(WorkerMetrics).registry,
    sdkMetricsUrl: `http://127.0.0.1:${sdkMetricsPort}/metrics`,
    notReady: async () => {
      if (draining) return 'draining';
      if (worker?.getState() !== 'RUNNING') return `worker ${worker?.getState() ?? 'starting'}`;
      try {
        await Promise.race([db.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000))]);
      } catch (err) {
        return `PostgreSQL unreachable: ${(err as Error).message}`;
      }
      return null;
    },
  });
  logger.log(`metrics and health at ${http.url} (/metrics, /health/live, /health/ready)`);

  const activities = {
    ...app.get(LedgerActivitiesImpl).asActivities(),
    ...app.get(ReferenceActivitiesImpl).asActivities(),
    ...app.get(ArchiveActivitiesImpl).asActivities(),
    ...app.get(DisciplineActivitiesImpl).asActivities(),
    ...app.get(TalentActivitiesImpl).asActivities(),
  };
  const created = await createPersonnelWorker(config, activities, app.get<PayloadCodec>(WORKER_PAYLOAD_CODEC));
  worker = created.worker;
  await ensureArchiveSchedule(app.get<Client>(WORKER_TEMPORAL_CLIENT), config);
  logger.log(
    `polling task queue ${PERSONNEL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE}); ` +
      `payloads encrypted with key ${config.PAYLOAD_ACTIVE_KEY_ID} (${config.PAYLOAD_KEYS.length} key(s) held)`,
  );
  try {
    // Resolves after shutdown() once in-flight tasks have drained.
    await worker.run();
  } finally {
    await http.close();
    await created.connection.close();
    await app.close();
    logger.log('stopped');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
