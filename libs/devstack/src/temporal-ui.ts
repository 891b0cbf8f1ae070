import { startProcess, type ManagedProcess } from './child-process';
import { getFreePort } from './free-port';
import type { LineLogger } from './log';
import type { TemporalFrontendTls } from './temporal-cluster';

/*
 * The Temporal Web UI server (built by resolveTemporalUi) against a frontend, configured by the
 * temporalio/ui image's own config/docker.yaml through the same variables.
 */

export interface TemporalUiOptions {
  binary: string;
  configRoot: string;
  /** The frontend it reads from. */
  address: string;
  host?: string;
  /** 0 or omitted: a free port. */
  port?: number;
  namespace: string;
  tls?: TemporalFrontendTls;
  log?: LineLogger;
}

export interface TemporalUi {
  readonly url: string;
  readonly process: ManagedProcess;
}

/** Starts the Temporal Web UI against a frontend and resolves once it serves. */
export async function startTemporalUi(opts: TemporalUiOptions): Promise<TemporalUi> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port || (await getFreePort(host));
  const tls = opts.tls;
  const proc = await startProcess({
    name: 'temporal ui',
    command: opts.binary,
    args: ['--root', opts.configRoot, '--config', 'config', '--env', 'docker', 'start'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: opts.address,
      TEMPORAL_UI_HOST: host,
      TEMPORAL_UI_PORT: String(port),
      TEMPORAL_DEFAULT_NAMESPACE: opts.namespace,
      TEMPORAL_CORS_ORIGINS: `http://${host}:${port}`,
      ...(tls
        ? {
            TEMPORAL_TLS_CA: tls.caFile,
            TEMPORAL_TLS_ENABLE_HOST_VERIFICATION: 'true',
            ...(tls.serverName ? { TEMPORAL_TLS_SERVER_NAME: tls.serverName } : {}),
            ...(tls.clientCertFile ? { TEMPORAL_TLS_CERT: tls.clientCertFile, TEMPORAL_TLS_KEY: tls.clientKeyFile } : {}),
          }
        : {}),
    },
    log: (line) => {
      // Its access log and start-up banner say nothing an operator needs.
      if (
        /"(method|uri)":|Loading config|____|\/ __|Starting UI server|http server started|tls cert unchanged|\/___\/|Loaded TLS|loaded new tls|High performance|echo.labstack|O\\$|^\s*$/.test(
          line,
        )
      )
        return;
      opts.log?.(`[ui] ${line}`);
    },
    stopTimeoutMs: 5_000,
  });
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.hasExited()) throw new Error(`the Temporal UI exited while starting:\n    ${proc.recentOutput().join('\n    ')}`);
    const ok = await fetch(`${url}/api/v1/settings`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, process: proc };
    if (Date.now() > deadline) throw new Error(`the Temporal UI did not answer at ${url} within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
