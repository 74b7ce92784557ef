import { Page, Practice, PracticeSummary, PracticeTagCount } from '@coopera/domain';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query, Req, StreamableFile, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { attachmentDisposition } from '../files/file-store';
import { firstFile } from '../files/multipart';
import { DOCUMENT_MEDIA_TYPES } from '../meetings/dto/document.dto';
import { CreatePracticeDto, ListPracticesQueryDto, PracticeDto, PracticesPageDto, PracticeTagCountDto, UpdatePracticeDto } from './dto/practice.dto';
import { PracticesService } from './practices.service';

/** The good-practice library of the network. */
@ApiTags('practices')
@Controller('v1/practices')
export class PracticesController {
  constructor(private readonly practices: PracticesService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: PracticesPageDto, description: 'Full-text search in Italian: stemming, accents and case ignored.' })
  @ApiProblems(400)
  list(@Query() query: ListPracticesQueryDto): Promise<Page<PracticeSummary>> {
    return this.practices.list(query);
  }

  @Get('tags')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: [PracticeTagCountDto], description: 'The tags in use, most used first.' })
  tags(): Promise<PracticeTagCount[]> {
    return this.practices.tags();
  }

  @Get(':id')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<Practice> {
    return this.practices.get(id);
  }

  @Post()
  @RequirePermission('practices:publish-own', 'practices:manage')
  @ApiCreatedResponse({ type: PracticeDto, description: 'A referent shares for their own Comune.' })
  @ApiProblems(400)
  create(@Body() dto: CreatePracticeDto, @CurrentUser() actor: AuthenticatedUser): Promise<Practice> {
    return this.practices.create(dto, actor);
  }

  @Patch(':id')
  @RequirePermission('practices:publish-own', 'practices:manage')
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(400, 403, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdatePracticeDto, @CurrentUser() actor: AuthenticatedUser): Promise<Practice> {
    return this.practices.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('practices:publish-own', 'practices:manage')
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404)
  async remove(@UuidParam('id') id: string, @CurrentUser() actor: AuthenticatedUser): Promise<void> {
    await this.practices.remove(id, actor);
  }

  @Put(':id/document')
  @RequirePermission('practices:publish-own', 'practices:manage')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: PracticeDto, description: 'The file replaces the one attached, if any; checked as meeting documents are.' })
  @ApiProblems(400, 403, 404, 413, 415)
  async attach(@UuidParam('id') id: string, @Req() request: FastifyRequest, @CurrentUser() actor: AuthenticatedUser): Promise<Practice> {
    if (!request.isMultipart()) throw new UnsupportedMediaTypeException('Send the file as multipart/form-data, in a field named "file".');
    return this.practices.attach(id, await firstFile(request), actor);
  }

  @Delete(':id/document')
  @RequirePermission('practices:publish-own', 'practices:manage')
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(400, 403, 404)
  detach(@UuidParam('id') id: string, @CurrentUser() actor: AuthenticatedUser): Promise<Practice> {
    return this.practices.detach(id, actor);
  }

  @Get(':id/document')
  @RequirePermission('comuni:read')
  @ApiProduces(...DOCUMENT_MEDIA_TYPES)
  @ApiOkResponse({ description: 'The attached file, with the media type found in its content.', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404)
  async content(@UuidParam('id') id: string): Promise<StreamableFile> {
    const { document, stream } = await this.practices.content(id);
    return new StreamableFile(stream, { type: document.mediaType, length: document.sizeBytes, disposition: attachmentDisposition(document.fileName) });
  }
}
