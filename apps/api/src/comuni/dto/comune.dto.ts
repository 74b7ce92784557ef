import { COMUNE_KINDS, ComuneKind, ComuneSummary, Page, PROVINCES, Province } from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';

export class ComuneDto implements ComuneSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: COMUNE_KINDS })
  kind: ComuneKind;

  @ApiProperty({ example: 'Canicattini Bagni' })
  name: string;

  @ApiProperty({ enum: PROVINCES })
  province: Province;

  @ApiProperty({ type: String, nullable: true, example: '089005' })
  istatCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'B603' })
  codiceCatastale: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Resident population, 2011 census (Fonte: ISTAT).' })
  population: number | null;
}

export class ComuniPageDto implements Page<ComuneDto> {
  @ApiProperty({ type: [ComuneDto] })
  items: ComuneDto[];

  @ApiProperty({ description: 'Number of records matching the filters, over all pages.' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
