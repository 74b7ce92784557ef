import { Invitation, InviteResponse, Page } from '@coopera/domain';
import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { csvDisposition } from '../common/csv';
import { PageQuery } from '../common/query-params';
import { Idempotent } from '../common/idempotency.interceptor';
import { UuidParam } from '../common/uuid-param';
import { InvitationDto, InvitationsPageDto, InviteDto, InviteResponseDto, RecordAttendanceDto, RsvpDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('meetings')
@Controller('v1/meetings/:id')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('invitations')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: InvitationsPageDto, description: 'Every invitation for the network roles; a referent’s own Comune’s only.' })
  @ApiProblems(400, 404)
  list(@UuidParam('id') id: string, @Query() query: PageQuery, @CurrentUser() reader: AuthenticatedUser): Promise<Page<Invitation>> {
    return this.invitations.list(id, query, reader);
  }

  @Get('invitations.csv')
  @RequirePermission('meetings:read-all')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Every invitation, its answer and attendance: UTF-8 with BOM, `;`-separated, as Italian Excel opens it.', schema: { type: 'string' } })
  @ApiProblems(400, 404)
  async exportCsv(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { fileName, csv } = await this.invitations.exportCsv(id, reader);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', csvDisposition(fileName));
    return csv;
  }

  @Post('invitations')
  @Idempotent()
  @HttpCode(200)
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: InviteResponseDto, description: 'Comuni already invited are left as they are.' })
  @ApiProblems(400, 404, 409, 422)
  invite(@UuidParam('id') id: string, @Body() dto: InviteDto, @CurrentUser() actor: AuthenticatedUser): Promise<InviteResponse> {
    return this.invitations.invite(id, dto, actor);
  }

  @Put('invitations/:invitationId/rsvp')
  @RequirePermission('meetings:answer-own', 'meetings:manage')
  @ApiOkResponse({ type: InvitationDto })
  @ApiProblems(400, 404, 409)
  answer(
    @UuidParam('id') id: string,
    @UuidParam('invitationId') invitationId: string,
    @Body() dto: RsvpDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<Invitation> {
    return this.invitations.answer(id, invitationId, dto, actor);
  }

  @Put('attendance')
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: InvitationsPageDto, description: 'The invitations with the register.' })
  @ApiProblems(400, 404, 409)
  recordAttendance(@UuidParam('id') id: string, @Body() dto: RecordAttendanceDto, @CurrentUser() actor: AuthenticatedUser): Promise<Page<Invitation>> {
    return this.invitations.recordAttendance(id, dto, actor);
  }
}
