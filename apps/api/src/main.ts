import { Logger } from '@nestjs/common';
import { loadApiConfig } from '../../../libs/config/src';
import { validateShippedSops } from '../../../libs/domain/src/sop/sop.schema';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const config = loadApiConfig();
  validateShippedSops();
  const app = await createApi(config);
  await app.listen(config.API_PORT, config.API_HOST);
  new Logger('api').log(`listening on http://${config.API_HOST}:${config.API_PORT}/api (docs at /api/docs)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
