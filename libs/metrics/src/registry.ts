import { collectDefaultMetrics, Registry } from 'prom-client';

/** The content type Prometheus scrapes (text exposition format 0.0.4). */
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * One registry per process, labelled with the service, with Node's process metrics (CPU, memory, event
 * loop lag, handles). Its own registry rather than prom-client's global one, so tests and the bench can
 * hold several without clashing names.
 */
export function createMetricsRegistry(service: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: `meritflow-${service}` });
  collectDefaultMetrics({ register: registry });
  return registry;
}
