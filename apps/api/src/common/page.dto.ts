import { Page } from '@coopera/domain';
import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The OpenAPI schema of a list answer, `{ items, total, page, pageSize }`, for one item type:
 * `class ProjectsPageDto extends PageDtoOf(ProjectSummaryDto) {}` names the schema.
 */
export function PageDtoOf<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ description: 'Number of records matching the filters, over all pages.' })
    total: number;

    @ApiProperty()
    page: number;

    @ApiProperty()
    pageSize: number;
  }
  return PageOfItems;
}
