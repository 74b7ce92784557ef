import { CalendarFeed } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedDto implements CalendarFeed {
  @ApiProperty()
  active: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  createdAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a calendar last fetched it.' })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Only in the answer that created it: only its hash is kept.' })
  url: string | null;
}
