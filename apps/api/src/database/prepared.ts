import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/** Past this many distinct texts, statements go unnamed: a bound on what each connection keeps. */
const MAX_NAMED = 256;
const names = new Map<string, string>();

/**
 * `text` as a named statement: PostgreSQL parses and plans it once per connection, then only
 * binds and executes it. For the statements every request of a hot path sends (the token's account,
 * the directory, a project's detail), planning was the larger part of their cost: the project's
 * detail took ~0.55 ms to plan and ~0.5 ms to run (bench/README.md). The name is derived from the
 * text, so one text always has one name on every connection, and a new text cannot collide with
 * one a connection has already prepared under that name.
 */
export function prepared(text: string, values: unknown[]): QueryConfig {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `coopera_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name === undefined ? { text, values } : { name, text, values };
}
