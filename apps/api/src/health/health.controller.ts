import { Public } from '../auth/access.decorators';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { TEMPORAL_CONNECTION } from '../temporal/temporal.tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Reachability of PostgreSQL and Temporal' })
  check() {
    return this.health.check([
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
    ]);
  }
}
