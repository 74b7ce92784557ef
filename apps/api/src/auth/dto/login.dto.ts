import { LoginRequest, PASSWORD_MAX_LENGTH } from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'referente.palermo@coopera.example' })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({ description: 'The 6-digit code of the authenticator app, or a recovery code.' })
  @IsOptional()
  @IsString()
  @Matches(/^(\d{6}|[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})$/i, { message: 'must be a 6-digit code or a recovery code' })
  totp?: string;
}
