import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROMETHEUS_CONTENT_TYPE } from '@meritflow/metrics';
import type { Registry } from 'prom-client';

export interface WorkerHttpOptions {
  host: string;
  /** 0: any free port (the bound one is in `url`). */
  port: number;
  registry: Registry;
  /** The Temporal SDK's own Prometheus exporter (Core), appended to /metrics; undefined when not running. */
  sdkMetricsUrl?: string;
  /** Readiness: polling, not draining, PostgreSQL reachable. Resolves to the reason it is not ready, or null. */
  notReady: () => Promise<string | null>;
}

export interface WorkerHttp {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The worker serves no API, only what orchestrators and Prometheus need:
 *  - `GET /health/live`: 200 while the process runs and its event loop answers (restart it otherwise);
 *  - `GET /health/ready`: 200 while it polls Temporal and reaches PostgreSQL; 503 once it drains after
 *    SIGTERM, or when either is lost (send it no traffic, do not restart it);
 *  - `GET /metrics`: meritflow's metrics (ledger lag, archive lag, process) and the SDK's worker metrics
 *    (task slots, poll and schedule-to-start latencies, sticky cache), in the Prometheus text format.
 */
export async function startWorkerHttp(opts: WorkerHttpOptions): Promise<WorkerHttp> {
  const server: Server = createServer((req, res) => void handle(opts, req, res));
  // Liveness must answer even when a scrape hangs: no request may hold the server for long.
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(opts: WorkerHttpOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'application/json', { error: 'method not allowed' });
    if (path === '/health/live') return send(res, 200, 'application/json', { status: 'up' });
    if (path === '/health/ready') {
      const reason = await opts.notReady();
      return send(res, reason ? 503 : 200, 'application/json', reason ? { status: 'down', reason } : { status: 'up' });
    }
    if (path === '/metrics') {
      const own = await opts.registry.metrics();
      const sdk = opts.sdkMetricsUrl ? await sdkMetrics(opts.sdkMetricsUrl) : '';
      return send(res, 200, PROMETHEUS_CONTENT_TYPE, `${own}\n${sdk}`);
    }
    return send(res, 404, 'application/json', { error: 'not found' });
  } catch (err) {
    return send(res, 500, 'application/json', { error: (err as Error).message });
  }
}

/** The SDK exporter's page; a failure becomes a comment, so meritflow's own metrics are still scraped. */
async function sdkMetrics(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) return `# Temporal SDK metrics unavailable: HTTP ${res.status}\n`;
    return await res.text();
  } catch (err) {
    return `# Temporal SDK metrics unavailable: ${(err as Error).message}\n`;
  }
}

function send(res: ServerResponse, status: number, type: string, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(text);
}
