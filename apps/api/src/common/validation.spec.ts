import type { ValidationError } from '@nestjs/common';
import { flatten, inputProblems } from './validation';

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

describe('inputProblems', () => {
  it('names the fields that Object.prototype has too, at any depth', () => {
    expect(inputProblems({ toString: 1, items: [{ hasOwnProperty: 2 }], ok: { constructor: 3, prototype: 4 } }).map((e) => e.name)).toEqual([
      'toString',
      'items.0.hasOwnProperty',
      'ok.constructor',
      'ok.prototype',
    ]);
  });

  it('names text with a NUL or an unpaired surrogate, and takes every well-formed text', () => {
    expect(inputProblems({ a: 'x\u0000y', b: ['ok', '\uD800'], c: { d: 'e\uDC00' } })).toEqual([
      { name: 'a', reason: 'must not contain NUL characters' },
      { name: 'b.1', reason: 'must be valid Unicode text (an unpaired surrogate)' },
      { name: 'c.d', reason: 'must be valid Unicode text (an unpaired surrogate)' },
    ]);
    expect(inputProblems({ a: '👩‍👩‍👧‍👦 🇮🇹 e\u0301 مرحبا \u202E', n: 1, b: null, t: true })).toEqual([]);
    expect(inputProblems('\u0000')).toEqual([{ name: 'body', reason: 'must not contain NUL characters' }]);
  });
});
