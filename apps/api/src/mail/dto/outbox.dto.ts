import {
  MAIL_TRANSPORT_KINDS,
  MailTransportKind,
  OUTBOX_KINDS,
  OUTBOX_STATUSES,
  OutboxCounts,
  OutboxKind,
  OutboxMessage,
  OutboxMessageDetail,
  OutboxOverview,
  OutboxStatus,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageDtoOf } from '../../common/page.dto';
import { PageQuery } from '../../common/query-params';

export class ListOutboxQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ enum: OUTBOX_KINDS })
  @IsOptional()
  @IsIn(OUTBOX_KINDS)
  kind?: OutboxKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;
}

export class OutboxOverviewQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Count the messages of this meeting only.' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;
}

export class OutboxMessageDto implements OutboxMessage {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: OUTBOX_KINDS })
  kind: OutboxKind;

  @ApiProperty({ enum: OUTBOX_STATUSES })
  status: OutboxStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  meetingId: string | null;

  @ApiProperty({ type: String, nullable: true })
  meetingTitle: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  comuneId: string | null;

  @ApiProperty({ type: String, nullable: true })
  comuneName: string | null;

  @ApiProperty()
  subject: string;

  @ApiProperty({ type: [String], description: 'Resolved at delivery: the Comune’s active referents.' })
  recipients: string[];

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class OutboxMessageDetailDto extends OutboxMessageDto implements OutboxMessageDetail {
  @ApiProperty()
  text: string;

  @ApiProperty({ type: [String] })
  attachments: string[];

  @ApiProperty({ type: String, nullable: true, description: 'Demo mode: the .eml file, relative to the data folder.' })
  file: string | null;
}

export class OutboxPageDto extends PageDtoOf(OutboxMessageDto) {}

class OutboxCountsDto implements OutboxCounts {
  @ApiProperty()
  pending: number;

  @ApiProperty()
  sent: number;

  @ApiProperty()
  failed: number;

  @ApiProperty()
  skipped: number;
}

export class OutboxOverviewDto implements OutboxOverview {
  @ApiProperty({ enum: MAIL_TRANSPORT_KINDS })
  transport: MailTransportKind;

  @ApiProperty({ type: OutboxCountsDto })
  counts: OutboxCounts;
}
