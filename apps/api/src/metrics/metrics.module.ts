import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PROMETHEUS_CONTENT_TYPE } from '@meritflow/metrics';
import { ApiMetrics } from './api-metrics';

/** Where Prometheus scrapes the API: outside /api, so no guard, rate limit or OpenAPI entry applies. */
export const METRICS_PATH = '/metrics';

/**
 * Serves `GET /metrics` in the Prometheus text format, mounted on the HTTP server directly as the
 * console is. It needs no token: keep it off the public reverse proxy (scrape the instance itself).
 */
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: ApiMetrics,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance?.() as { get?: (path: string, fn: unknown) => void } | undefined;
    if (!instance?.get) return;
    instance.get(METRICS_PATH, (_req: Request, res: Response) => {
      this.metrics.registry.metrics().then(
        (text) => res.status(200).type(PROMETHEUS_CONTENT_TYPE).setHeader('cache-control', 'no-store').send(text),
        (err: Error) => res.status(500).type('text/plain').send(`# metrics failed: ${err.message}\n`),
      );
    });
  }
}
