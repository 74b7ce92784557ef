import { Page, Role, ROLES } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';

export class UserSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  comuneId: string | null;

  @ApiProperty({ type: String, nullable: true })
  comuneName: string | null;

  @ApiProperty()
  active: boolean;
}

export class UsersPageDto implements Page<UserSummaryDto> {
  @ApiProperty({ type: [UserSummaryDto] })
  items: UserSummaryDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
