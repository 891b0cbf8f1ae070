import type { Server } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { loadApiConfig, type ApiConfig } from '@meritflow/config';
import { validateShippedSops } from '@meritflow/domain/sop-schema';
import { createApi } from './bootstrap';
import { ApiLifecycle } from './health/api-lifecycle';

const logger = new Logger('api');

async function main(): Promise<void> {
  const config = loadApiConfig();
  validateShippedSops();
  const app = await createApi(config);
  await app.listen(config.API_PORT, config.API_HOST);
  // Clients and proxies keep idle connections a few seconds (undici 4 s, most load balancers 60 s). A
  // server that closes them first races the client's next request on a closing socket ("other side
  // closed" under load); outlive them instead.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void drain(app, server, config, signal));
  logger.log(`listening on http://${config.API_HOST}:${config.API_PORT}/api (docs at /api/docs, metrics at /metrics)`);
}

/**
 * Graceful shutdown: readiness answers 503 at once, no new connection is accepted, idle keep-alive
 * connections close, and the requests already received (a decision waiting for its workflow) finish,
 * for at most API_SHUTDOWN_GRACE_SECONDS. Then the database pool and the Temporal connection close.
 */
async function drain(app: INestApplication, server: Server, config: ApiConfig, signal: NodeJS.Signals): Promise<void> {
  logger.log(`${signal}: draining (answers in flight get ${config.API_SHUTDOWN_GRACE_SECONDS}s)`);
  app.get(ApiLifecycle).drain();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() only closes the connections idle at that moment: close each of the others as soon as its
  // answer is sent, rather than when its client's keep-alive runs out.
  const idle = setInterval(() => server.closeIdleConnections(), 200);
  const timer = setTimeout(() => {
    logger.warn('grace period over: closing the connections still open');
    server.closeAllConnections();
  }, config.API_SHUTDOWN_GRACE_SECONDS * 1000);
  await closed;
  clearInterval(idle);
  clearTimeout(timer);
  await app.close();
  logger.log('stopped');
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
