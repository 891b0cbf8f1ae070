import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ProcessLedger, reclaimFromLedger } from './process-ledger';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Linux only, like the ledger itself: process identity comes from /proc.
describe('process ledger', () => {
  let dir: string;
  let file: string;
  const sleepers: ChildProcess[] = [];

  const sleeper = () => {
    // Detached like the launcher's children, so it has its own process group.
    const child = spawn('sleep', ['60'], { stdio: 'ignore', detached: true });
    sleepers.push(child);
    return child;
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'meritflow-ledger-'));
    file = path.join(dir, 'launcher-processes.json');
  });

  afterEach(async () => {
    for (const s of sleepers.splice(0)) s.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  /** Rewrites the ledger as if a launcher that has since died had written it. */
  const orphan = async () => {
    const content = JSON.parse(await readFile(file, 'utf8'));
    content.owner = { pid: 999_999_999, startTime: '1' };
    await writeFile(file, JSON.stringify(content));
  };

  it('stops what a dead launcher left running and removes the file', async () => {
    const child = sleeper();
    const ledger = new ProcessLedger(file);
    ledger.add('sleeper', child.pid as number);
    await orphan();

    await reclaimFromLedger(file);

    await exited(child);
    expect(child.signalCode).toBe('SIGTERM');
    expect(existsSync(file)).toBe(false);
  });

  it('leaves a process alone when its pid now belongs to a different process', async () => {
    const child = sleeper();
    new ProcessLedger(file).add('sleeper', child.pid as number);
    const content = JSON.parse(await readFile(file, 'utf8'));
    content.owner = { pid: 999_999_999, startTime: '1' };
    content.children[0].startTime = '1';
    await writeFile(file, JSON.stringify(content));

    await reclaimFromLedger(file);

    expect(isAlive(child.pid as number)).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to touch anything while the launcher that wrote it is alive', async () => {
    const owner = sleeper();
    const child = sleeper();
    new ProcessLedger(file).add('sleeper', child.pid as number);
    const content = JSON.parse(await readFile(file, 'utf8'));
    const stat = await readFile(`/proc/${owner.pid}/stat`, 'utf8');
    content.owner = { pid: owner.pid, startTime: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] };
    await writeFile(file, JSON.stringify(content));

    await expect(reclaimFromLedger(file)).rejects.toThrow(
      `meritflow is already running from this data directory (launcher pid ${owner.pid})`,
    );
    expect(isAlive(child.pid as number)).toBe(true);
  });

  it('clear() deletes the file', () => {
    const ledger = new ProcessLedger(file);
    ledger.add('self', process.pid);
    expect(existsSync(file)).toBe(true);
    ledger.clear();
    expect(existsSync(file)).toBe(false);
  });
});
