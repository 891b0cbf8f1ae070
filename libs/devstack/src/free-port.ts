import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where getFreePort starts looking; below it sit well-known services (PostgreSQL 5432, Redis 6379, …). */
export const FREE_PORT_LOW = 20_000;

/**
 * The first port Linux hands to outgoing connections (`ip_local_port_range`, 32768 by default), capped
 * at 32768: Temporal keeps a node's membership port in a PostgreSQL smallint, so the cluster needs ports
 * below it. Other systems fall back to 32768.
 */
export function ephemeralPortLow(rangeFile = '/proc/sys/net/ipv4/ip_local_port_range'): number {
  try {
    const low = Number(readFileSync(rangeFile, 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > FREE_PORT_LOW + 1_000) return Math.min(low, 32_768);
  } catch {
    // Not Linux, or no /proc: the usual default.
  }
  return 32_768;
}

/** Ports this process has handed out, so two servers it starts never get the same one. */
const handedOut = new Set<number>();

/**
 * A TCP port that is unused right now on every one of `hosts` (the same number on each), for a server
 * started soon after. It lies below the ephemeral range: a port the kernel picked with listen(0) is one
 * it may hand to any outgoing connection (a test's HTTP client, a pool's new socket) before the server
 * binds it, and under load that happened. Here only another process choosing the same port at the same
 * moment can take it, and a server that then cannot bind is started again on new ports (see
 * startTemporalDevServer).
 */
export async function getFreePort(hosts: string | readonly string[] = '127.0.0.1'): Promise<number> {
  const on = typeof hosts === 'string' ? [hosts] : hosts;
  const high = ephemeralPortLow();
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = FREE_PORT_LOW + Math.floor(Math.random() * (high - FREE_PORT_LOW));
    if (handedOut.has(port)) continue;
    let free = true;
    for (const host of on) free = free && (await isPortFree(port, host));
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no port between ${FREE_PORT_LOW} and ${high - 1} is free on ${on.join(', ')}`);
}

/**
 * True for a server's start-up failure whose cause is a port another process bound first: the Temporal
 * CLI says `bind: address already in use`, PostgreSQL `could not bind … Address already in use`.
 */
export function isPortTakenFailure(err: unknown): boolean {
  return /address already in use/i.test((err as Error)?.message ?? '');
}

/** How many times a server on ports it chose itself is started when one was taken meanwhile. */
export const PORT_TAKEN_ATTEMPTS = 3;

/**
 * Runs `start` (which chooses its ports afresh each time) again, up to PORT_TAKEN_ATTEMPTS in all, while
 * it fails because another process bound a chosen port first. A port is free when chosen and bound by
 * the server a moment later; nothing closes that gap, so a server that lost its port starts again. Only
 * for ports the caller chose (`choosesPorts`): a configured port that is taken is the user's to fix.
 */
export async function startWhilePortTaken<T>(
  what: string,
  opts: { choosesPorts: boolean; log: (line: string) => void; signal?: AbortSignal },
  start: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (!opts.choosesPorts || attempt >= PORT_TAKEN_ATTEMPTS || !isPortTakenFailure(err) || opts.signal?.aborted) throw err;
      opts.log(`[devstack] a port was taken while ${what} started; starting it on new ports`);
    }
  }
}

/** True when `host:port` can be bound right now, i.e. no server holds it. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
      else reject(err);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Polls until `host:port` can be bound again; resolves false if it is still taken after `timeoutMs`. */
export async function waitForPortFree(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isPortFree(port, host)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
