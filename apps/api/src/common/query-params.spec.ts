import { containsPattern } from './query-params';

describe('containsPattern', () => {
  it('escapes the LIKE wildcards so that they match themselves', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(containsPattern('Noto')).toBe('%Noto%');
  });
});
