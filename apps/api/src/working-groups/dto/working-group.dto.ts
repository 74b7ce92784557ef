import {
  CreateWorkingGroupRequest,
  ITALIAN_PROVINCES,
  Province,
  UpdateWorkingGroupRequest,
  WORKING_GROUP_LIMITS,
  WORKING_GROUP_MAX_MEMBERS,
  WorkingGroup,
  WorkingGroupDetail,
  WorkingGroupMember,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { trim, trimToNull, IsVersion, NOT_NULL } from '../../common/dto-helpers';
import { PageQuery } from '../../common/query-params';
import { PageDtoOf } from '../../common/page.dto';

export class WorkingGroupDto implements WorkingGroup {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Inserimento lavorativo' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty()
  memberCount: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty()
  version: number;
}

class WorkingGroupMemberDto implements WorkingGroupMember {
  @ApiProperty({ format: 'uuid' })
  comuneId: string;

  @ApiProperty()
  comuneName: string;

  @ApiProperty({ enum: ITALIAN_PROVINCES })
  province: Province;
}

export class WorkingGroupDetailDto extends WorkingGroupDto implements WorkingGroupDetail {
  @ApiProperty({ type: [WorkingGroupMemberDto] })
  members: WorkingGroupMemberDto[];
}

export class WorkingGroupsPageDto extends PageDtoOf(WorkingGroupDto) {}

export class CreateWorkingGroupDto implements CreateWorkingGroupRequest {
  @ApiProperty({ maxLength: WORKING_GROUP_LIMITS.name })
  @trim()
  @IsString()
  @MinLength(WORKING_GROUP_LIMITS.nameMin)
  @MaxLength(WORKING_GROUP_LIMITS.name)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: WORKING_GROUP_LIMITS.description })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(WORKING_GROUP_LIMITS.description)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: WORKING_GROUP_MAX_MEMBERS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WORKING_GROUP_MAX_MEMBERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberComuneIds?: string[];
}

export class UpdateWorkingGroupDto extends PartialType(CreateWorkingGroupDto, NOT_NULL) implements UpdateWorkingGroupRequest {
  @ApiProperty({ description: 'The version the change is based on.' })
  @IsVersion()
  version: number;
}

export class ListWorkingGroupsQueryDto extends PageQuery {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}
