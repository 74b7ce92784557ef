import { InvalidParam, PROBLEM_CONTENT_TYPE, ProblemDetails } from '@coopera/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

class InvalidParamDto implements InvalidParam {
  @ApiProperty({ example: 'pageSize' })
  name: string;

  @ApiProperty({ example: 'must not be greater than 100' })
  reason: string;
}

export class ProblemDetailsDto implements ProblemDetails {
  @ApiProperty({ example: 'urn:coopera:problem:validation-error' })
  type: string;

  @ApiProperty({ example: 'Invalid request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'Invalid request: pageSize must not be greater than 100' })
  detail: string;

  @ApiPropertyOptional({ example: '/api/v1/comuni' })
  instance?: string;

  @ApiPropertyOptional({ type: [InvalidParamDto], description: 'The offending fields of a validation error.' })
  errors?: InvalidParamDto[];

  @ApiPropertyOptional({ description: 'On a 409 for a stale version: the current version to reload.' })
  currentVersion?: number;
}

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: STATUS_CODES[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
