import { InvalidParam } from '@coopera/domain';
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationProblem } from './problem';

/** Strict input: unknown fields are refused, types converted, every offending field named. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors)),
  });
}

/**
 * Checks what class-validator cannot see, before the DTO is built:
 * - fields named like the members of Object.prototype (`toString`, `hasOwnProperty`,
 *   `constructor`…): class-transformer skips them and Nest strips some, so forbidNonWhitelisted
 *   never saw them and such a body was taken as if they were not there;
 * - text PostgreSQL cannot store: a NUL character, or half of a surrogate pair (jsonb refuses
 *   both, text columns refuse NUL). These reached the database and came back as 500s.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = inputProblems(value);
      if (errors.length) throw new ValidationProblem(errors);
    }
    return super.transform(value, metadata);
  }
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The reserved keys and unstorable strings of a request's body or query, at any depth (bodies are at most 32 levels deep). */
export function inputProblems(value: unknown, parent = ''): InvalidParam[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ name: parent || 'body', reason: 'must not contain NUL characters' }];
    if (UNPAIRED_SURROGATE.test(value)) return [{ name: parent || 'body', reason: 'must be valid Unicode text (an unpaired surrogate)' }];
    return [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => {
    const name = parent ? `${parent}.${key}` : key;
    if (key in Object.prototype || key === 'prototype') return [{ name, reason: 'should not exist' }];
    return inputProblems((value as Record<string, unknown>)[key], name);
  });
}

export function flatten(errors: ValidationError[], parent = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      name,
      // class-validator repeats the property name at the start of its messages.
      reason: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...flatten(error.children ?? [], name)];
  });
}
