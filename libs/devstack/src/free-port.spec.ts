import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ephemeralPortLow, FREE_PORT_LOW, getFreePort, isPortFree, isPortTakenFailure } from './free-port';

const listen = (port: number, host = '127.0.0.1') =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('getFreePort', () => {
  it('chooses ports below the range the kernel hands to outgoing connections, each one once', async () => {
    const high = ephemeralPortLow();
    const ports: number[] = [];
    for (let i = 0; i < 40; i++) ports.push(await getFreePort());
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(FREE_PORT_LOW);
      expect(port).toBeLessThan(high);
    }
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('chooses a port that can be bound, on every host asked for', async () => {
    const port = await getFreePort(['127.0.0.1', '127.0.0.2']);
    const servers = [await listen(port, '127.0.0.1'), await listen(port, '127.0.0.2')];
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await Promise.all(servers.map(close));
    }
    expect(await isPortFree(port)).toBe(true);
  });
});

describe('ephemeralPortLow', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'meritflow-ports-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rangeFile = async (text: string) => {
    const file = path.join(dir, `range-${Math.random()}`);
    await writeFile(file, text);
    return file;
  };

  it('reads the low end of the kernel range, tab-separated as /proc writes it', async () => {
    expect(ephemeralPortLow(await rangeFile('28000\t60999\n'))).toBe(28_000);
  });

  it('caps it at 32768, since a cluster membership port must fit a smallint', async () => {
    expect(ephemeralPortLow(await rangeFile('49152\t65535\n'))).toBe(32_768);
  });

  it('falls back to 32768 when the file is missing or leaves no room above 20000', async () => {
    expect(ephemeralPortLow(path.join(dir, 'missing'))).toBe(32_768);
    expect(ephemeralPortLow(await rangeFile('1024\t65535\n'))).toBe(32_768);
  });
});

describe('isPortTakenFailure', () => {
  it('recognises the Temporal CLI and PostgreSQL failing to bind, and nothing else', () => {
    const cli = 'msg="can\'t set frontend port 27918: listen tcp 127.0.0.1:27918: bind: address already in use"';
    const postgres = 'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use';
    expect(isPortTakenFailure(new Error(`Temporal dev server exited during start-up (exit code 1):\n    ${cli}`))).toBe(true);
    expect(isPortTakenFailure(new Error(`PostgreSQL exited during start-up (exit code 1):\n    ${postgres}`))).toBe(true);
    expect(
      isPortTakenFailure(new Error('PostgreSQL exited during start-up (exit code 1): FATAL: data directory has wrong ownership')),
    ).toBe(false);
    expect(isPortTakenFailure(undefined)).toBe(false);
  });
});
