import { CreateUserRequest, Role, ROLES, UpdateUserRequest } from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trim, IsVersion } from '../../common/dto-helpers';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';



export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'referente.noto@comune.noto.sr.it' })
  @trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Maria Rossi' })
  @trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Required for COMUNE_REFERENT only.' })
  @ValidateIf((o: CreateUserDto) => o.comuneId !== null && o.comuneId !== undefined)
  @IsUUID()
  comuneId?: string | null;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiProperty({ description: 'The version the change is based on.' })
  @IsVersion()
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((o: UpdateUserDto) => o.comuneId !== null && o.comuneId !== undefined)
  @IsUUID()
  comuneId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
