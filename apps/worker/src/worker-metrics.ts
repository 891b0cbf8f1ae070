import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { WorkerConfig } from '@meritflow/config';
import { createMetricsRegistry, registerArchiveLag } from '@meritflow/metrics';
import { HistoryArchiveRepository } from '@meritflow/persistence';
import { WORKER_CONFIG } from './worker.tokens';

/** The worker's own Prometheus metrics; the SDK's worker metrics are appended to them at /metrics (worker-http.ts). */
@Injectable()
export class WorkerMetrics {
  readonly registry = createMetricsRegistry('worker');

  /** From a decision's time (workflow time) to its ledger row: how far the ledger trails the workflows. */
  readonly ledgerLag = new Histogram({
    name: 'meritflow_ledger_record_lag_seconds',
    help: 'Seconds from a decision (workflow time) until its ledger row was written; retries after an outage show here',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
    registers: [this.registry],
  });

  readonly ledgerWrites = new Counter({
    name: 'meritflow_ledger_writes_total',
    help: 'recordDecision activities that wrote their row (inserted) or found it already written by an earlier attempt (duplicate)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(archive: HistoryArchiveRepository, @Inject(WORKER_CONFIG) config: WorkerConfig) {
    registerArchiveLag(this.registry, () => archive.sweepStatus(config.TEMPORAL_NAMESPACE));
  }

  recorded(decidedAt: string, inserted: boolean): void {
    this.ledgerWrites.inc({ result: inserted ? 'inserted' : 'duplicate' });
    if (inserted) this.ledgerLag.observe(Math.max(0, (Date.now() - Date.parse(decidedAt)) / 1000));
  }
}
