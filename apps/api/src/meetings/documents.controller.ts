import { DOCUMENT_LIMITS, StoredDocument } from '@coopera/domain';
import { Controller, Delete, Get, HttpCode, Post, Req, StreamableFile, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { attachmentDisposition } from '../files/file-store';
import { firstFile } from '../files/multipart';
import { DOCUMENT_MEDIA_TYPES, StoredDocumentDto } from './dto/document.dto';
import { MeetingDocumentsService } from './documents.service';

@ApiTags('meetings')
@Controller('v1/meetings/:id/documents')
export class MeetingDocumentsController {
  constructor(private readonly documents: MeetingDocumentsService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: [StoredDocumentDto], description: 'Newest first; for whoever may see the meeting (else 404).' })
  @ApiProblems(400, 404)
  list(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser): Promise<StoredDocument[]> {
    return this.documents.list(id, reader);
  }

  @Post()
  @RequirePermission('meetings:manage')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        title: { type: 'string', maxLength: DOCUMENT_LIMITS.titleMax, description: 'Sent before the file; defaults to the file name.' },
        file: { type: 'string', format: 'binary', description: 'PDF, office document or image; its type is decided from the content.' },
      },
    },
  })
  @ApiCreatedResponse({ type: StoredDocumentDto })
  @ApiProblems(400, 404, 409, 413, 415)
  async upload(@UuidParam('id') id: string, @Req() request: FastifyRequest, @CurrentUser() actor: AuthenticatedUser): Promise<StoredDocument> {
    if (!request.isMultipart()) throw new UnsupportedMediaTypeException('Send the document as multipart/form-data, in a field named "file".');
    return this.documents.upload(id, await firstFile(request), actor);
  }

  @Get(':documentId/content')
  @RequirePermission('comuni:read')
  @ApiProduces(...DOCUMENT_MEDIA_TYPES)
  @ApiOkResponse({ description: 'The file, as an attachment, with the media type found in its content.', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404)
  async content(
    @UuidParam('id') id: string,
    @UuidParam('documentId') documentId: string,
    @CurrentUser() reader: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const { document, stream } = await this.documents.content(id, documentId, reader);
    return new StreamableFile(stream, { type: document.mediaType, length: document.sizeBytes, disposition: attachmentDisposition(document.fileName) });
  }

  @Delete(':documentId')
  @HttpCode(204)
  @RequirePermission('meetings:manage')
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async remove(@UuidParam('id') id: string, @UuidParam('documentId') documentId: string, @CurrentUser() actor: AuthenticatedUser): Promise<void> {
    await this.documents.remove(id, documentId, actor);
  }
}
