import {
  ENTE_GESTORE_LIMITS,
  ENTE_GESTORE_SORTS,
  EnteGestore,
  EnteGestoreSortField,
  EnteGestoreWrite,
  LEGAL_FORMS,
  LegalForm,
  ListEntiGestoriQuery,
  PHONE_PATTERN,
  SortParam,
  UpdateEnteGestoreRequest,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Equals, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { toBoolean, trim, trimToNull, IsVersion, NOT_NULL } from '../../common/dto-helpers';
import { PageQuery } from '../../common/query-params';
import { IsTaxCode } from '../../common/tax-code.validator';
import { PageDtoOf } from '../../common/page.dto';

export class EnteGestoreDto implements EnteGestore {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Cooperativa Sociale Il Pellicano' })
  name: string;

  @ApiProperty({ example: '02118311006' })
  taxCode: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  legalForm: LegalForm;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  seatComuneId: string | null;

  @ApiProperty({ type: String, nullable: true })
  seatComuneName: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  pec: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  website: string | null;

  @ApiProperty({ description: 'Proposed by a referent and not yet reviewed by the secretariat.' })
  proposed: boolean;

  @ApiProperty()
  projectCount: number;

  @ApiProperty()
  version: number;
}

export class EntiGestoriPageDto extends PageDtoOf(EnteGestoreDto) {}

export class CreateEnteGestoreDto implements EnteGestoreWrite {
  @ApiProperty({ maxLength: ENTE_GESTORE_LIMITS.nameMaxLength })
  @trim()
  @IsString()
  @MinLength(ENTE_GESTORE_LIMITS.nameMinLength)
  @MaxLength(ENTE_GESTORE_LIMITS.nameMaxLength)
  name: string;

  @ApiProperty({ description: '11-digit partita IVA or 16-character codice fiscale, checksum validated.' })
  @IsTaxCode()
  taxCode: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS)
  legalForm: LegalForm;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  seatComuneId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @IsOptional()
  @trimToNull()
  @IsEmail()
  @MaxLength(ENTE_GESTORE_LIMITS.emailMaxLength)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @IsOptional()
  @trimToNull()
  @IsEmail()
  @MaxLength(ENTE_GESTORE_LIMITS.emailMaxLength)
  pec?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(ENTE_GESTORE_LIMITS.phoneMaxLength)
  @Matches(PHONE_PATTERN, { message: 'must be a phone number (digits, spaces, + . / -)' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.example.org' })
  @IsOptional()
  @trimToNull()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(ENTE_GESTORE_LIMITS.websiteMaxLength)
  website?: string | null;
}

export class UpdateEnteGestoreDto extends PartialType(CreateEnteGestoreDto, NOT_NULL) implements UpdateEnteGestoreRequest {
  @ApiProperty({ description: 'The version the change is based on.' })
  @IsVersion()
  version: number;

  @ApiPropertyOptional({ enum: [false], description: 'false: the secretariat has reviewed a proposal.' })
  @IsOptional()
  @IsBoolean()
  @Equals(false)
  proposed?: false;
}

export class ListEntiGestoriQueryDto extends PageQuery implements ListEntiGestoriQuery {
  @ApiPropertyOptional({ enum: ENTE_GESTORE_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(ENTE_GESTORE_SORTS)
  sort: SortParam<EnteGestoreSortField> = 'name';

  @ApiPropertyOptional({ description: 'Text searched in the name and the tax code.', maxLength: 100 })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Exact tax code (spaces and case ignored).', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  taxCode?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @toBoolean()
  @IsBoolean()
  proposed?: boolean;
}
