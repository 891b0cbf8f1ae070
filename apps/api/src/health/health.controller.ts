import { Public } from '../auth/access.decorators';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { TEMPORAL_CONNECTION } from '../temporal/temporal.tokens';
import type { ApiConfig } from '@meritflow/config';
import { HistoryArchiveRepository } from '@meritflow/persistence';
import { archiveStatus } from '../audit/archive/history-archive.service';
import { API_CONFIG } from '../config.provider';
import { ApiLifecycle } from './api-lifecycle';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
    private readonly archive: HistoryArchiveRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly lifecycle: ApiLifecycle,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: "Reachability of PostgreSQL and Temporal, and the history archive's lag",
    description: 'The archive entry reports the last sweep, the closed runs pending and the lag; it informs and never fails the check.',
  })
  check() {
    return this.health.check(this.dependencies());
  }

  @Public()
  @Get('live')
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness: the process runs and answers',
    description: 'Checks nothing outside the process: restart the instance when this fails, not when PostgreSQL or Temporal is down.',
  })
  live() {
    return this.health.check([
      () => this.indicators.check('process').up({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: send this instance traffic',
    description:
      'PostgreSQL and Temporal reachable, and not draining: after SIGTERM it answers 503 at once while requests already received finish (API_SHUTDOWN_GRACE_SECONDS).',
  })
  ready() {
    return this.health.check([
      () =>
        this.lifecycle.draining
          ? this.indicators.check('lifecycle').down({ draining: true })
          : this.indicators.check('lifecycle').up({ draining: false }),
      ...this.dependencies(),
    ]);
  }

  private dependencies() {
    return [
      () => this.db.pingCheck('postgres', { timeout: 2_000 }),
      () =>
        this.indicators
          .check('temporal')
          .attempt(async () => {
            await this.temporal.ensureConnected();
            const res = await this.temporal.healthService.check({});
            // 1 = SERVING in grpc.health.v1
            if (res.status !== 1) throw new Error(`Temporal health status ${res.status}`);
            return { address: this.temporal.options.address };
          })
          .withTimeout(3_000),
      // Informs, never fails: a lagging archive is an operator's alarm, not a reason to stop serving.
      async () => {
        const status = await archiveStatus(this.archive, this.config.TEMPORAL_NAMESPACE, new Date()).catch(() => null);
        return this.indicators.check('archive').up({ ...(status ?? { unknown: true }) });
      },
    ];
  }
}
