import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, WithoutTransaction } from '../auth/access.decorator';
import { ApiProblems } from '../common/api-problem';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Lifecycle } from './lifecycle';

/** The state of each thing checked (here: `database`), as @nestjs/terminus reports it. */
const INDICATORS = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', example: 'up' } }, additionalProperties: true },
};

@ApiTags('health')
@Controller('health')
@Public('health probes of the load balancer and the orchestrator')
@WithoutTransaction()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly lifecycle: Lifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Liveness: the process answers. Deliberately independent of the database. `demo` tells the
   * web app to offer the demo accounts on the sign-in page.
   */
  @Get()
  @ApiOkResponse({
    description: 'The process is alive.',
    schema: {
      type: 'object',
      required: ['status', 'demo'],
      properties: { status: { type: 'string', enum: ['ok'] }, demo: { type: 'boolean', description: 'Demo mode: the sign-in page offers the demo accounts.' } },
    },
  })
  live(): { status: 'ok'; demo: boolean } {
    return { status: 'ok', demo: this.config.demo };
  }

  /** Readiness: the process can serve, i.e. it is not draining and the database answers. */
  @Get('ready')
  // Terminus would document its 503 as application/json: the answer is problem+json, like every error.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({
    description: 'Ready to serve requests.',
    schema: {
      type: 'object',
      required: ['status', 'info', 'error', 'details'],
      properties: { status: { type: 'string', enum: ['ok'] }, info: INDICATORS, error: INDICATORS, details: INDICATORS },
    },
  })
  @ApiProblems(503)
  ready(): Promise<HealthCheckResult> {
    if (this.lifecycle.isDraining) throw new ServiceUnavailableException('The server is shutting down.');
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2_000 })]);
  }
}
