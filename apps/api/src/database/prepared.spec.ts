import { prepared, StatementNames } from './prepared';

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
