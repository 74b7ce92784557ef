import { DashboardStats } from '@coopera/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { DashboardStatsDto, StatsQueryDto } from './dto/stats.dto';
import { StatsService } from './stats.service';

@ApiTags('stats')
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('dashboard')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: DashboardStatsDto, description: 'Network figures; a referent gets the same totals, and their own Comune’s attendance only.' })
  @ApiProblems(400)
  dashboard(@Query() query: StatsQueryDto, @CurrentUser() reader: AuthenticatedUser): Promise<DashboardStats> {
    return this.stats.dashboard(query, reader);
  }
}
