import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { ValidationProblem } from './problem';

/**
 * The deepest nesting a request body may have. Ours need five levels; what walks a body after
 * parsing (Nest's ValidationPipe, class-transformer) recurses, and a 200,000-level body within the
 * size limit overflowed the stack: a 500 for a client's mistake.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `text` nests arrays and objects deeper than `max` (brackets inside strings do not count). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The body parser of `application/json`: Fastify's own (prototype poisoning refused) behind the
 * nesting limit. Registered through Nest's `useBodyParser`, it is also the only one: Nest no longer
 * adds its `application/x-www-form-urlencoded` parser, which let form bodies in as strings.
 */
export function jsonBodyParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new ValidationProblem([{ name: 'body', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` }]), undefined);
      return;
    }
    void parse(request, text, done);
  };
}
