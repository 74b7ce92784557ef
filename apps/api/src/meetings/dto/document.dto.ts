import { DOCUMENT_TYPES, StoredDocument } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';

/** What a stored file is served as: the media type found in its content when it was uploaded. */
export const DOCUMENT_MEDIA_TYPES: string[] = Object.values(DOCUMENT_TYPES).map((t) => t.mediaType);

export class StoredDocumentDto implements StoredDocument {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ enum: DOCUMENT_MEDIA_TYPES, description: 'Decided from the content, not from the name.' })
  mediaType: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty({ description: 'Hex SHA-256 of the content.' })
  sha256: string;

  @ApiProperty({ type: String, nullable: true })
  uploadedByName: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
