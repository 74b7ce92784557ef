import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequirePermission, WithoutTransaction } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { ValidationProblem } from '../common/problem';
import { ListComuniQueryDto } from '../comuni/dto/list-comuni.query';
import { Db } from '../database/db-context';
import { ListMembershipsQueryDto } from '../memberships/dto/membership.dto';
import { ListProjectsQueryDto } from '../projects/dto/list-projects.query';
import { AttendanceExportQueryDto } from './dto/export.dto';
import { attendanceExport, directoryExport, membershipsExport, projectsExport } from './exports';
import { EXPORT_FORMATS, ExportFormat, streamTable, TableExport } from './table-export';

const FORMAT = { name: 'format', enum: EXPORT_FORMATS, description: 'csv: UTF-8 with BOM, `;`-separated (Italian Excel); xlsx: typed cells, frozen and filterable header.' };
const PRODUCES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
const STREAMED = { description: 'Streamed; `X-Export-Rows` gives the number of rows before the first byte.', schema: { type: 'string', format: 'binary' } };

/**
 * Exports of the screens, with their filters. Each streams from a cursor in a transaction of its
 * own, held until the last row is sent (the request transaction would end when the handler returns).
 */
@ApiTags('exports')
@Controller('v1/exports')
@WithoutTransaction()
export class ExportsController {
  constructor(private readonly db: Db) {}

  @Get('directory.:format')
  @RequirePermission('comuni:read')
  @ApiParam(FORMAT)
  @ApiProduces(...PRODUCES)
  @ApiOkResponse(STREAMED)
  @ApiProblems(400)
  directory(@Param('format') format: string, @Query() query: ListComuniQueryDto, @CurrentUser() reader: AuthenticatedUser, @Res() reply: FastifyReply): Promise<void> {
    return this.send(directoryExport(query), format, reader, reply);
  }

  @Get('projects.:format')
  @RequirePermission('network:read-private')
  @ApiParam(FORMAT)
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ ...STREAMED, description: `${STREAMED.description} With services, enti gestori and associated Comuni.` })
  @ApiProblems(400)
  projects(@Param('format') format: string, @Query() query: ListProjectsQueryDto, @CurrentUser() reader: AuthenticatedUser, @Res() reply: FastifyReply): Promise<void> {
    return this.send(projectsExport(query), format, reader, reply);
  }

  @Get('memberships.:format')
  @RequirePermission('network:read-private')
  @ApiParam(FORMAT)
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ ...STREAMED, description: `${STREAMED.description} One row per step of each membership's history.` })
  @ApiProblems(400)
  memberships(
    @Param('format') format: string,
    @Query() query: ListMembershipsQueryDto,
    @CurrentUser() reader: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(membershipsExport(query, reader), format, reader, reply);
  }

  @Get('attendance.:format')
  @RequirePermission('meetings:read-all')
  @ApiParam(FORMAT)
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ ...STREAMED, description: `${STREAMED.description} Each invited Comune of each held meeting.` })
  @ApiProblems(400)
  attendance(
    @Param('format') format: string,
    @Query() query: AttendanceExportQueryDto,
    @CurrentUser() reader: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(attendanceExport(query), format, reader, reply);
  }

  private async send(table: TableExport<Record<string, unknown>>, format: string, reader: AuthenticatedUser, reply: FastifyReply): Promise<void> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ValidationProblem([{ name: 'format', reason: 'must be csv or xlsx' }]);
    await this.db.run({ userId: reader.id, role: reader.role, comuneId: reader.comuneId }, (manager) =>
      streamTable(manager, reply, table, format as ExportFormat),
    );
  }
}
