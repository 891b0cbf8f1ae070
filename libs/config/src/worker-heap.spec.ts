import { loadWorkerConfig, workerHeapIssue, workerNodeArgs } from './config';

const BASE = {
  DATABASE_URL: 'postgres://meritflow@127.0.0.1:5432/meritflow',
  PAYLOAD_KEYS: `dev-1:${Buffer.alloc(32, 7).toString('base64')}`,
};

describe('the heap bound', () => {
  const MB = 2 ** 20;
  it('is passed to node by whoever starts a worker', () => {
    expect(workerNodeArgs(loadWorkerConfig({ ...BASE, WORKER_MAX_OLD_SPACE_MB: '1536' }))).toEqual(['--max-old-space-size=1536']);
  });

  it('is accepted when V8 runs with it (its young generation on top)', () => {
    expect(workerHeapIssue(1_072 * MB, { WORKER_MAX_OLD_SPACE_MB: 1_024 })).toBeNull();
  });

  it.each([
    { what: 'started without the flag', limitMb: 4_144 },
    { what: 'started with a smaller bound', limitMb: 368 },
  ])('names the flag to start with when $what', ({ limitMb }) => {
    const issue = workerHeapIssue(limitMb * MB, { WORKER_MAX_OLD_SPACE_MB: 1_024 });
    expect(issue).toContain(`heap limit is ${limitMb} MB`);
    expect(issue).toContain('node --max-old-space-size=1024 dist/apps/worker/src/main.js');
  });
});
