import { escapeLiteral } from 'pg';
import { finalReadMessage, prepared, StatementNames } from './prepared';

describe('prepared statements', () => {
  it('gives one text one name, the same every time, and another text another name', () => {
    const names = new StatementNames(10);
    const a = names.nameOf('SELECT 1');
    expect(a).toMatch(/^coopera_[0-9a-f]{24}$/);
    expect(names.nameOf('SELECT 1')).toBe(a);
    expect(names.nameOf('SELECT 2')).not.toBe(a);
    // PostgreSQL truncates identifiers past 63 bytes: two names must never meet there.
    expect(a?.length).toBeLessThanOrEqual(63);
  });

  it('names no more than its bound, and keeps the names it gave', () => {
    const names = new StatementNames(2);
    const first = names.nameOf('SELECT 1');
    names.nameOf('SELECT 2');
    expect(names.nameOf('SELECT 3')).toBeUndefined();
    expect(names.nameOf('SELECT 1')).toBe(first);
  });

  it('sends the text and the values with the name', () => {
    expect(prepared('SELECT $1::int', [7])).toEqual({ name: expect.stringMatching(/^coopera_/), text: 'SELECT $1::int', values: [7] });
  });
});

describe('a final read', () => {
  const quote = escapeLiteral; // as a connection quotes
  const none = () => false;

  it('PREPAREs its statement the first time on a connection, then only EXECUTEs it, and COMMITs in the same message', () => {
    const first = finalReadMessage('SELECT $1::int + $2::int AS n', [1, 2], quote, none);
    expect(first?.name).toMatch(/^coopera_final_[0-9a-f]{24}$/);
    expect(first?.prepares).toBe(true);
    expect(first?.text).toBe(`PREPARE ${first?.name} AS SELECT $1::int + $2::int AS n; EXECUTE ${first?.name}('1', '2'); COMMIT`);
    const later = finalReadMessage('SELECT $1::int + $2::int AS n', [1, 2], quote, (name) => name === first?.name);
    expect(later).toEqual({ name: first?.name, prepares: false, text: `EXECUTE ${first?.name}('1', '2'); COMMIT` });
  });

  it('is named apart from the named statements of the protocol, which share PostgreSQL\'s namespace', () => {
    const sql = 'SELECT 1';
    expect(finalReadMessage(sql, [], quote, none)?.name).not.toBe(prepared(sql, []).name);
    expect(finalReadMessage(sql, [], quote, none)?.text).toMatch(/EXECUTE coopera_final_[0-9a-f]{24}; COMMIT$/);
  });

  it('quotes every value as a literal, nulls as NULL, and refuses a number SQL cannot read', () => {
    const message = finalReadMessage('SELECT $1, $2, $3, $4', ["l'Aquila", null, true, 2.5], quote, () => true);
    expect(message?.text).toMatch(/\('l''Aquila', NULL, 'true', '2\.5'\); COMMIT$/);
    expect(finalReadMessage('SELECT $1', ['a\\b'], quote, () => true)?.text).toContain(" E'a\\\\b'");
    expect(() => finalReadMessage('SELECT $1', [Number.NaN], quote, () => true)).toThrow(TypeError);
  });
});
