import type { ValidationError } from '@nestjs/common';
import { flatten } from './validation';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return { property, constraints, children };
}

describe('flatten', () => {
  it('gives dotted paths to nested fields and strips the repeated property name', () => {
    const errors = [
      error('page', { min: 'page must not be less than 1' }),
      error('agenda', undefined, [error('0', undefined, [error('title', { isString: 'title must be a string' })])]),
    ];
    expect(flatten(errors)).toEqual([
      { name: 'page', reason: 'must not be less than 1' },
      { name: 'agenda.0.title', reason: 'must be a string' },
    ]);
  });
});
