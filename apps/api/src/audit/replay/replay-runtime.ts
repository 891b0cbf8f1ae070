import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { ApiConfig } from '@meritflow/config';

const SDK_LOG_LEVEL: Record<ApiConfig['LOG_LEVEL'], LogLevel> = {
  error: 'ERROR',
  warn: 'WARN',
  log: 'INFO',
  debug: 'DEBUG',
  verbose: 'TRACE',
};

/**
 * Replay creates the SDK runtime on demand (Runtime.install belongs to the worker process). Here it
 * logs at the API's level and leaves SIGINT/SIGTERM to Nest's shutdown hooks.
 */
export function configureReplayRuntime(level: ApiConfig['LOG_LEVEL']): void {
  Runtime.defaultOptions = { logger: new DefaultLogger(SDK_LOG_LEVEL[level]), shutdownSignals: [] };
}
