import { EnteGestore, Page } from '@coopera/domain';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { CreateEnteGestoreDto, EnteGestoreDto, EntiGestoriPageDto, ListEntiGestoriQueryDto, UpdateEnteGestoreDto } from './dto/ente-gestore.dto';
import { EntiGestoriService } from './enti-gestori.service';

@ApiTags('enti-gestori')
@Controller('v1/enti-gestori')
export class EntiGestoriController {
  constructor(private readonly entiGestori: EntiGestoriService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: EntiGestoriPageDto })
  @ApiProblems(400)
  list(@Query() query: ListEntiGestoriQueryDto): Promise<Page<EnteGestore>> {
    return this.entiGestori.list(query);
  }

  @Post()
  @RequirePermission('enti:manage')
  @ApiCreatedResponse({ type: EnteGestoreDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateEnteGestoreDto, @CurrentUser() actor: AuthenticatedUser): Promise<EnteGestore> {
    return this.entiGestori.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: EnteGestoreDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<EnteGestore> {
    return this.entiGestori.get(id);
  }

  @Patch(':id')
  @RequirePermission('enti:manage')
  @ApiOkResponse({ type: EnteGestoreDto })
  @ApiProblems(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateEnteGestoreDto, @CurrentUser() actor: AuthenticatedUser): Promise<EnteGestore> {
    return this.entiGestori.update(id, dto, actor);
  }
}
