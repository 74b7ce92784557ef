import { InvalidParam } from '@coopera/domain';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationProblem } from './problem';

/** Strict input: unknown fields are refused, types converted, every offending field named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors)),
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
