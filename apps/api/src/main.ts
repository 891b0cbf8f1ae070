import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { loadApiConfig } from '@meritflow/config';
import { validateShippedSops } from '@meritflow/domain/sop-schema';
import { createApi } from './bootstrap';

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
  new Logger('api').log(`listening on http://${config.API_HOST}:${config.API_PORT}/api (docs at /api/docs)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
