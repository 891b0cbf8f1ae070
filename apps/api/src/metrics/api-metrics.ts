import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import type { ApiConfig } from '@meritflow/config';
import { createMetricsRegistry, registerArchiveLag } from '@meritflow/metrics';
import { HistoryArchiveRepository } from '@meritflow/persistence';
import { API_CONFIG } from '../config.provider';

/** The API's Prometheus metrics: HTTP requests by route, the archive's lag, and the process. */
@Injectable()
export class ApiMetrics {
  readonly registry = createMetricsRegistry('api');

  private readonly duration = new Histogram({
    name: 'meritflow_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, from arrival to the last byte sent',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly aborted = new Counter({
    name: 'meritflow_http_requests_aborted_total',
    help: 'HTTP requests whose client went away before the answer was sent',
    labelNames: ['method', 'route'] as const,
    registers: [this.registry],
  });

  constructor(archive: HistoryArchiveRepository, @Inject(API_CONFIG) config: ApiConfig) {
    registerArchiveLag(this.registry, () => archive.sweepStatus(config.TEMPORAL_NAMESPACE));
  }

  /** Express middleware timing every request. The route is the pattern (`/api/v1/vacancies/:id`), never the raw path. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = this.duration.startTimer();
      res.once('close', () => {
        const route = routeOf(req);
        if (res.writableFinished) end({ method: req.method, route, status: String(res.statusCode) });
        else this.aborted.inc({ method: req.method, route });
      });
      next();
    };
  }
}

const routeOf = (req: Request): string => {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  if (req.originalUrl.startsWith('/console')) return '/console';
  if (req.originalUrl.startsWith('/metrics')) return '/metrics';
  // Unknown paths stay one series, whatever a scanner sends.
  return 'unmatched';
};
