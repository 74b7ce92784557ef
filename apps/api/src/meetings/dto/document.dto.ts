import { StoredDocument } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';

export class StoredDocumentDto implements StoredDocument {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ description: 'Decided from the content, not from the name.' })
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
