import { CreateUserResponse, Role, ROLES, UserSummary } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';
import { PageDtoOf } from '../../common/page.dto';

export class UserSummaryDto implements UserSummary {
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

  @ApiProperty({ description: 'The password has been set through the activation link.' })
  activated: boolean;

  @ApiProperty()
  totpEnabled: boolean;

  @ApiProperty({ description: 'Send it back with a change; a stale one answers 409.' })
  version: number;
}

export class UsersPageDto extends PageDtoOf(UserSummaryDto) {}

export class CreateUserResponseDto implements CreateUserResponse {
  @ApiProperty({ type: UserSummaryDto })
  user: UserSummaryDto;

  @ApiProperty({ description: 'One-time link to set the password.' })
  activationUrl: string;

  @ApiProperty({ format: 'date-time' })
  activationExpiresAt: string;
}
