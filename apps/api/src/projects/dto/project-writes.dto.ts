import {
  CloseProjectRequest,
  CreateProjectRequest,
  ENTE_ROLES,
  EnteRole,
  LEGAL_FORMS,
  LegalForm,
  OPEN_PROJECT_STATUSES,
  OpenProjectStatus,
  PROJECT_CATEGORIES,
  PROJECT_CODE_PATTERN,
  PROJECT_LIMITS,
  ProjectCategory,
  ProjectEnteGestoreInput,
  SAI_SERVICES,
  SaiService,
  UpdateProjectRequest,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { trim, trimToNull, IsVersion, NOT_NULL, EachObject } from '../../common/dto-helpers';
import { IsTaxCode } from '../../common/tax-code.validator';

export class ProjectExpansionInputDto {
  @ApiProperty({ minimum: 1, maximum: PROJECT_LIMITS.postiMax })
  @IsInt()
  @Min(1)
  @Max(PROJECT_LIMITS.postiMax)
  posti: number;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  effectiveFrom: string;

  @ApiProperty({ maxLength: PROJECT_LIMITS.actReferenceMaxLength })
  @trim()
  @IsString()
  @MinLength(PROJECT_LIMITS.actReferenceMinLength)
  @MaxLength(PROJECT_LIMITS.actReferenceMaxLength)
  actReference: string;
}

export class ProjectExtensionInputDto {
  @ApiProperty({ format: 'date', description: 'New end of the funding period, after the previous one.' })
  @IsCalendarDate()
  until: string;

  @ApiProperty({ maxLength: PROJECT_LIMITS.actReferenceMaxLength })
  @trim()
  @IsString()
  @MinLength(PROJECT_LIMITS.actReferenceMinLength)
  @MaxLength(PROJECT_LIMITS.actReferenceMaxLength)
  actReference: string;
}

export class ProjectEnteGestoreInputDto implements ProjectEnteGestoreInput {
  @ApiProperty({ example: '02118311006', description: 'Partita IVA or codice fiscale; an unknown one is proposed to the register.' })
  @IsTaxCode()
  taxCode: string;

  @ApiProperty({ enum: ENTE_ROLES })
  @IsIn(ENTE_ROLES)
  role: EnteRole;

  @ApiPropertyOptional({ description: 'Required when the tax code is not in the register yet.', maxLength: PROJECT_LIMITS.enteNameMaxLength })
  @IsOptional()
  @trim()
  @IsString()
  @MinLength(PROJECT_LIMITS.enteNameMinLength)
  @MaxLength(PROJECT_LIMITS.enteNameMaxLength)
  name?: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS })
  @IsOptional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  seatComuneId?: string | null;
}

/** Every field of a project, each validated on its own; rules across fields are the service's. */
class ProjectFieldsDto {
  @ApiProperty({ example: 'PROG-123-PR-2', maxLength: PROJECT_LIMITS.codeMaxLength })
  @trim()
  @IsString()
  @Matches(PROJECT_CODE_PATTERN, { message: 'must be letters, digits and - _ . / (e.g. PROG-123-PR-2)' })
  @MaxLength(PROJECT_LIMITS.codeMaxLength)
  code: string;

  @ApiProperty({ maxLength: PROJECT_LIMITS.titleMaxLength })
  @trim()
  @IsString()
  @MinLength(PROJECT_LIMITS.titleMinLength)
  @MaxLength(PROJECT_LIMITS.titleMaxLength)
  title: string;

  @ApiProperty({ enum: PROJECT_CATEGORIES })
  @IsIn(PROJECT_CATEGORIES)
  category: ProjectCategory;

  @ApiProperty({ enum: OPEN_PROJECT_STATUSES, description: 'Closing has its own route.' })
  @IsIn(OPEN_PROJECT_STATUSES)
  status: OpenProjectStatus;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: PROJECT_LIMITS.maxAssociatedComuni })
  @IsArray()
  @ArrayMaxSize(PROJECT_LIMITS.maxAssociatedComuni)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  associatedComuneIds: string[];

  @ApiProperty({ minimum: 1, maximum: PROJECT_LIMITS.postiMax, description: 'Posti financed at the start.' })
  @IsInt()
  @Min(1)
  @Max(PROJECT_LIMITS.postiMax)
  posti: number;

  @ApiProperty({ type: [ProjectExpansionInputDto], maxItems: PROJECT_LIMITS.maxExpansions })
  @IsArray()
  @ArrayMaxSize(PROJECT_LIMITS.maxExpansions)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => ProjectExpansionInputDto)
  expansions: ProjectExpansionInputDto[];

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ format: 'date', description: 'End of the first funding period; after the start.' })
  @IsCalendarDate()
  endDate: string;

  @ApiProperty({ type: [ProjectExtensionInputDto], maxItems: PROJECT_LIMITS.maxExtensions })
  @IsArray()
  @ArrayMaxSize(PROJECT_LIMITS.maxExtensions)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => ProjectExtensionInputDto)
  extensions: ProjectExtensionInputDto[];

  @ApiProperty({ type: String, nullable: true, maxLength: PROJECT_LIMITS.textMaxLength })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(PROJECT_LIMITS.textMaxLength)
  responsibleOfficer: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'email' })
  @IsOptional()
  @trimToNull()
  @IsEmail()
  @MaxLength(PROJECT_LIMITS.mailboxMaxLength)
  mailbox: string | null;

  @ApiProperty({ enum: SAI_SERVICES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(SAI_SERVICES, { each: true })
  services: SaiService[];

  @ApiProperty({ type: [ProjectEnteGestoreInputDto], maxItems: PROJECT_LIMITS.maxEntiGestori })
  @IsArray()
  @ArrayMaxSize(PROJECT_LIMITS.maxEntiGestori)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => ProjectEnteGestoreInputDto)
  entiGestori: ProjectEnteGestoreInputDto[];
}

const REQUIRED_ON_CREATE = ['code', 'title', 'category', 'posti', 'startDate', 'endDate'] as const;

export class CreateProjectDto
  extends IntersectionType(PickType(ProjectFieldsDto, REQUIRED_ON_CREATE), PartialType(OmitType(ProjectFieldsDto, REQUIRED_ON_CREATE), NOT_NULL))
  implements CreateProjectRequest
{
  @ApiProperty({ format: 'uuid', description: 'The titolare Comune; a referent may only name their own.' })
  @IsUUID()
  titolareComuneId: string;
}

export class UpdateProjectDto extends PartialType(ProjectFieldsDto, NOT_NULL) implements UpdateProjectRequest {
  @ApiProperty({ description: 'The version the change is based on.' })
  @IsVersion()
  version: number;
}

export class CloseProjectDto implements CloseProjectRequest {
  @ApiProperty()
  @IsVersion()
  version: number;

  @ApiProperty({ maxLength: PROJECT_LIMITS.closeReasonMaxLength, example: 'Fine del triennio di finanziamento' })
  @trim()
  @IsString()
  @MinLength(PROJECT_LIMITS.closeReasonMinLength)
  @MaxLength(PROJECT_LIMITS.closeReasonMaxLength)
  reason: string;
}
