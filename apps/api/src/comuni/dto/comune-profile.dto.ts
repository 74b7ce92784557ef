import { ComuneProfile, PHONE_PATTERN, PROFILE_LIMITS, UpdateComuneProfileRequest } from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { applyAll, trimToNull, IsVersion } from '../../common/dto-helpers';

export class ComuneProfileDto implements ComuneProfile {
  @ApiProperty({ type: String, nullable: true, example: 'Ufficio Servizi sociali — SAI' })
  saiOffice: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Posta elettronica certificata.' })
  pec: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The person designated for the coordination.' })
  coordinationReferent: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only for the Comune itself and the network roles.' })
  notes?: string | null;

  @ApiProperty({ description: '0 while the profile has never been saved.' })
  version: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt: string | null;
}

/** Optional text: blank becomes null, which clears the field. */
const optionalText = (max: number) => [IsOptional(), trimToNull(), IsString(), MaxLength(max)];


export class UpdateComuneProfileDto implements UpdateComuneProfileRequest {
  @ApiProperty({ description: 'The version the change is based on (0 for a profile never saved).' })
  @IsVersion(0)
  version: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: PROFILE_LIMITS.textMaxLength })
  @applyAll(...optionalText(PROFILE_LIMITS.textMaxLength))
  saiOffice?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @applyAll(...optionalText(PROFILE_LIMITS.emailMaxLength))
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @applyAll(...optionalText(PROFILE_LIMITS.emailMaxLength))
  @IsEmail()
  pec?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+39 0931 123456' })
  @applyAll(...optionalText(PROFILE_LIMITS.phoneMaxLength))
  @Matches(PHONE_PATTERN, { message: 'must be a phone number (digits, spaces, + . / -)' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: PROFILE_LIMITS.textMaxLength })
  @applyAll(...optionalText(PROFILE_LIMITS.textMaxLength))
  coordinationReferent?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: PROFILE_LIMITS.notesMaxLength })
  @applyAll(...optionalText(PROFILE_LIMITS.notesMaxLength))
  notes?: string | null;
}
