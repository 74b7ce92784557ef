/**
 * Seconds to wait from a `Retry-After` header (RFC 9110: a number of seconds or an HTTP date),
 * rounded up and at least 1; null when the header is missing or unreadable.
 */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.max(1, Number(value));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(1, Math.ceil((date - now) / 1000));
}
