import { OutboxMessage, OutboxMessageDetail, OutboxOverview, Page } from '@coopera/domain';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { ListOutboxQueryDto, OutboxOverviewQueryDto, OutboxMessageDetailDto, OutboxMessageDto, OutboxOverviewDto, OutboxPageDto } from './dto/outbox.dto';
import { OutboxService } from './outbox.service';

/** The secretariat's view of the mail the portal sends (or, in demo mode, writes to a folder). */
@ApiTags('outbox')
@Controller('v1/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: OutboxPageDto, description: 'Newest first.' })
  @ApiProblems(400)
  list(@Query() query: ListOutboxQueryDto): Promise<Page<OutboxMessage>> {
    return this.outbox.list(query);
  }

  @Get('overview')
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: OutboxOverviewDto })
  @ApiProblems(400)
  overview(@Query() query: OutboxOverviewQueryDto): Promise<OutboxOverview> {
    return this.outbox.overview(query.meetingId);
  }

  @Get(':id')
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: OutboxMessageDetailDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<OutboxMessageDetail> {
    return this.outbox.get(id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: OutboxMessageDto, description: 'Only a FAILED message; it is tried again at once.' })
  @ApiProblems(400, 404, 409)
  retry(@UuidParam('id') id: string): Promise<OutboxMessage> {
    return this.outbox.retry(id);
  }
}
