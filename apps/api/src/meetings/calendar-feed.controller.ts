import { CalendarFeed } from '@coopera/domain';
import { Controller, Delete, Get, Header, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, RequirePermission, WithoutTransaction } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { CalendarFeedService, FEED_TOKEN_PATTERN } from './calendar-feed.service';
import { CalendarFeedDto } from './dto/calendar-feed.dto';

@ApiTags('meetings')
@Controller('v1')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get('me/calendar-feed')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: CalendarFeedDto, description: 'Whether the user has a feed; its address is never shown again.' })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<CalendarFeed> {
    return this.feeds.mine(user);
  }

  @Post('me/calendar-feed')
  @RequirePermission('comuni:read')
  @ApiCreatedResponse({ type: CalendarFeedDto, description: 'A new address (the previous one stops working), shown in this answer only.' })
  create(@CurrentUser() user: AuthenticatedUser): Promise<CalendarFeed> {
    return this.feeds.create(user);
  }

  @Delete('me/calendar-feed')
  @HttpCode(204)
  @RequirePermission('comuni:read')
  @ApiNoContentResponse({ description: 'The address stops working.' })
  async revoke(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.feeds.revoke(user);
  }

  @Get('calendar-feeds/:file')
  @Public('the token in the address is the credential')
  @WithoutTransaction()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The meetings the owner may see, as iCalendar (RFC 5545).', schema: { type: 'string' } })
  @ApiProblems(404)
  feed(@Param('file') file: string): Promise<string> {
    const token = FEED_TOKEN_PATTERN.exec(file)?.[1];
    if (!token) throw new NotFoundException('No calendar feed at this address.');
    return this.feeds.feed(token);
  }
}
