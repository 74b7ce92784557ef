import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/** Names for statement texts: one per text, derived from it, for at most `max` texts. */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max: number) {}

  /** The text's name; undefined once `max` other texts have one (the statement then goes unnamed). */
  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.max) {
      name = `coopera_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }
    return name;
  }
}

// A bound on what each connection keeps prepared; the texts sent through `prepared` are a few dozen.
const names = new StatementNames(256);

/**
 * `text` as a named statement: PostgreSQL parses and plans it once per connection, then only
 * binds and executes it. For the statements every request of a hot path sends (the token's account,
 * the directory, a project's detail), planning was the larger part of their cost: the project's
 * detail took ~0.55 ms to plan and ~0.5 ms to run (bench/README.md). The name is derived from the
 * text, so one text always has one name on every connection, and a new text cannot collide with
 * one a connection has already prepared under that name.
 */
export function prepared(text: string, values: unknown[]): QueryConfig {
  const name = names.nameOf(text);
  return name === undefined ? { text, values } : { name, text, values };
}
