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

  it('is live but not ready: restart nothing, send it no traffic', async () => {
    const live = await fetch(`${url}/live`);
    expect(live.status).toBe(200);
    expect((await live.json()).details).toMatchObject({ process: { status: 'up', pid: process.pid } });
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).details.report.details).toMatchObject({ lifecycle: { status: 'up' }, temporal: { status: 'down' } });
  });
});
