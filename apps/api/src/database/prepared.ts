import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/** Names for statement texts: one per text, derived from it, for at most `max` texts. */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly max: number,
    private readonly prefix = 'coopera_',
  ) {}

  /** The text's name; undefined once `max` other texts have one (the statement then goes unnamed). */
  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.max) {
      name = `${this.prefix}${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
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

// PREPARE's statements and the protocol's named statements share one namespace in PostgreSQL: a
// prefix of their own keeps a text sent both ways from meeting its own name.
const finalNames = new StatementNames(64, 'coopera_final_');

/** What `finalReadMessage` takes as a value: what `pg` would send as text for a parameter. */
export type LiteralValue = string | number | boolean | null | undefined;

/**
 * One simple-protocol message that runs `sql` with `values` and then COMMITs: the request's last
 * read and the end of its transaction in one round trip (Db.finalQuery). A message of several
 * statements cannot carry bound parameters, so `sql` runs as an SQL-level prepared statement
 * (`PREPARE` the first time on a connection, planned once as the protocol's named statements
 * are) and the values go to `EXECUTE` as quoted literals, each of which PostgreSQL reads as the
 * parameter's type, as it reads a value bound as text. `prepared` says whether this connection
 * already holds the statement. Undefined once the bound on names is reached.
 */
export function finalReadMessage(
  sql: string,
  values: readonly LiteralValue[],
  escapeLiteral: (text: string) => string,
  prepared: (name: string) => boolean,
): { name: string; text: string; prepares: boolean } | undefined {
  const name = finalNames.nameOf(sql);
  if (name === undefined) return undefined;
  const prepares = !prepared(name);
  const args = values.length ? `(${values.map((value) => literal(value, escapeLiteral)).join(', ')})` : '';
  return { name, prepares, text: `${prepares ? `PREPARE ${name} AS ${sql}; ` : ''}EXECUTE ${name}${args}; COMMIT` };
}

function literal(value: LiteralValue, escapeLiteral: (text: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Not a value for SQL: ${value}`);
  return escapeLiteral(String(value));
}
