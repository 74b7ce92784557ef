import { ActivateAccountRequest, ChangePasswordRequest, PASSWORD_MAX_LENGTH, UpdateProfileRequest } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class ActivateAccountDto implements ActivateAccountRequest {
  @ApiProperty({ description: 'The token of the activation link.' })
  @IsString()
  @Matches(/^[\w-]{43}$/, { message: 'is not an activation token' })
  token: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiProperty({ example: 'Maria Rossi' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;
}
