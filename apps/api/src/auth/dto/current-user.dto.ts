import { CurrentUser, LoginResponse, Permission, PERMISSIONS, Role, ROLES } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';

export class CurrentUserDto implements CurrentUser {
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

  @ApiProperty({ enum: PERMISSIONS, isArray: true })
  permissions: Permission[];

  @ApiProperty()
  totpEnabled: boolean;

  @ApiProperty({ description: 'The role must use a second factor and none is set up yet.' })
  totpEnrollmentRequired: boolean;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires.' })
  expiresIn: number;

  @ApiProperty({ type: CurrentUserDto })
  user: CurrentUserDto;
}
