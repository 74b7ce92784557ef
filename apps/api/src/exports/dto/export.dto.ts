import { ItalianProvince, ITALIAN_PROVINCES } from '@coopera/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';

export class AttendanceExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  /** Any Italian sigla (the national network). */
  @ApiPropertyOptional({ enum: ITALIAN_PROVINCES })
  @IsOptional()
  @IsIn(ITALIAN_PROVINCES)
  province?: ItalianProvince;

  @ApiPropertyOptional({ format: 'date', description: 'Meetings held from this day.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Meetings held up to this day.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
