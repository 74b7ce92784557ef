import { jsonDepthExceeds } from './json-body';

describe('jsonDepthExceeds', () => {
  it('counts the nesting of arrays and objects', () => {
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[[1]]}]}', 4)).toBe(true);
    expect(jsonDepthExceeds('['.repeat(33) + ']'.repeat(33), 32)).toBe(true);
    expect(jsonDepthExceeds('[[],[],[],[]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(100)}"}`, 1)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"\\"${'{'.repeat(100)}"}`, 1)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"\\\\", "b":[[1]]}`, 2)).toBe(true);
  });
});
