import type { INestApplication } from '@nestjs/common';
import { getFreePort } from '@meritflow/devstack';
import { loadApiConfig } from '@meritflow/config';
import { readStackState } from '../../../../test/support/test-stack';
import { createApi } from '../bootstrap';

describe('health endpoint when Temporal is unreachable', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const { databaseUrl, payloadKeys } = readStackState();
    const deadPort = await getFreePort();
    app = await createApi(
      loadApiConfig({
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}`,
        LOG_LEVEL: 'error',
        PAYLOAD_KEYS: payloadKeys,
      }),
    );
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/api/health`.replace('[::1]', '127.0.0.1');
  });

  afterAll(() => app.close());

  it('answers 503 with PostgreSQL up and Temporal down', async () => {
    const res = await fetch(url);
    const body = await res.json();
    expect(res.status).toBe(503);
    expect(body.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(body.details.report.details).toMatchObject({ postgres: { status: 'up' }, temporal: { status: 'down' } });
  });
});
