import { readFileSync } from 'node:fs';
import { loadTestStackConfig, workerNodeArgs } from '@meritflow/config';
import { readStackState } from '../support/test-stack';

/** The arguments a running process was started with (Linux /proc). */
const argvOf = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

describe('the worker heap bound (WORKER_MAX_OLD_SPACE_MB)', () => {
  it('starts the stack worker with --max-old-space-size before its script', () => {
    const argv = argvOf(readStackState().workerPid);
    const [flag] = workerNodeArgs(loadTestStackConfig());
    const script = argv.findIndex((a) => a.endsWith('apps/worker/src/main.js'));

    expect(flag).toMatch(/^--max-old-space-size=\d+$/);
    expect(script).toBeGreaterThan(0);
    expect(argv.slice(1, script)).toContain(flag);
  });
});
