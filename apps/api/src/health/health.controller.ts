import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, WithoutTransaction } from '../auth/access.decorator';
import { ApiProblems } from '../common/api-problem';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Lifecycle } from './lifecycle';

@ApiTags('health')
@Controller('health')
@Public('health probes of the load balancer and the orchestrator')
@WithoutTransaction()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Liveness: the process answers. Deliberately independent of the database. */
  @Get()
  @ApiOkResponse({ description: 'The process is alive.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the process can serve, i.e. it is not draining and the database answers. */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'Ready to serve requests.' })
  @ApiProblems(503)
  ready(): Promise<HealthCheckResult> {
    if (this.lifecycle.isDraining) throw new ServiceUnavailableException('The server is shutting down.');
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2_000 })]);
  }
}
