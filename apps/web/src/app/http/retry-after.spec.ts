import { retryAfterSeconds } from './retry-after';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it('reads a number of seconds', () => {
    expect(retryAfterSeconds('42', now)).toBe(42);
    expect(retryAfterSeconds(' 7 ', now)).toBe(7);
    expect(retryAfterSeconds('0', now)).toBe(1);
  });

  it('reads an HTTP date', () => {
    expect(retryAfterSeconds('Mon, 02 Mar 2026 10:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(1);
  });

  it('gives null when there is nothing usable', () => {
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('', now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });
});
