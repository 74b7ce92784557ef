import { Membership, MembershipDetail, Page } from '@coopera/domain';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { ListMembershipsQueryDto, MembershipDecisionDto, MembershipDetailDto, MembershipsPageDto, RequestMembershipDto } from './dto/membership.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('memberships')
@Controller('v1/memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: MembershipsPageDto, description: 'A referent sees their own Comune’s membership only.' })
  @ApiProblems(400)
  list(@Query() query: ListMembershipsQueryDto, @CurrentUser() reader: AuthenticatedUser): Promise<Page<Membership>> {
    return this.memberships.list(query, reader);
  }

  @Post()
  @RequirePermission('memberships:request-own', 'memberships:decide')
  @ApiCreatedResponse({ type: MembershipDetailDto })
  @ApiProblems(400, 409)
  request(@Body() dto: RequestMembershipDto, @CurrentUser() actor: AuthenticatedUser): Promise<MembershipDetail> {
    return this.memberships.request(dto, actor);
  }

  @Get(':id')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: MembershipDetailDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser): Promise<MembershipDetail> {
    return this.memberships.get(id, reader);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('memberships:decide')
  @ApiOkResponse({ type: MembershipDetailDto })
  @ApiProblems(400, 404, 409)
  approve(@UuidParam('id') id: string, @Body() dto: MembershipDecisionDto, @CurrentUser() actor: AuthenticatedUser): Promise<MembershipDetail> {
    return this.memberships.decide(id, 'approve', dto, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('memberships:decide')
  @ApiOkResponse({ type: MembershipDetailDto })
  @ApiProblems(400, 404, 409)
  reject(@UuidParam('id') id: string, @Body() dto: MembershipDecisionDto, @CurrentUser() actor: AuthenticatedUser): Promise<MembershipDetail> {
    return this.memberships.decide(id, 'reject', dto, actor);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @RequirePermission('memberships:decide')
  @ApiOkResponse({ type: MembershipDetailDto })
  @ApiProblems(400, 404, 409)
  suspend(@UuidParam('id') id: string, @Body() dto: MembershipDecisionDto, @CurrentUser() actor: AuthenticatedUser): Promise<MembershipDetail> {
    return this.memberships.decide(id, 'suspend', dto, actor);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequirePermission('memberships:decide')
  @ApiOkResponse({ type: MembershipDetailDto })
  @ApiProblems(400, 404, 409)
  withdraw(@UuidParam('id') id: string, @Body() dto: MembershipDecisionDto, @CurrentUser() actor: AuthenticatedUser): Promise<MembershipDetail> {
    return this.memberships.decide(id, 'withdraw', dto, actor);
  }
}
