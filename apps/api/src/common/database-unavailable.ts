/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, shutting
 * down, connection lost or no connection free in time), as opposed to a bug or a refused
 * statement. Such a request may well succeed if retried: the client gets a 503 with Retry-After,
 * not a 500, and a token check that hits it must not answer 401.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(isUnavailabilitySignal);
}

/** SQLSTATEs of a server that is going away or not yet back, or out of connection slots. */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: fast or immediate shutdown
  '57P02', // crash_shutdown: another backend crashed, the server restarts
  '57P03', // cannot_connect_now: starting up, in recovery, or shutting down
  '53300', // too_many_connections
]);
/** Class 08: connection exceptions. */
const CONNECTION_EXCEPTION = /^08/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** Messages of node-postgres (and its pool), which carry no code. */
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection ended unexpectedly)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

function isUnavailabilitySignal(error: ErrorLike): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (UNAVAILABLE_STATES.has(code) || CONNECTION_EXCEPTION.test(code) || NETWORK_CODES.has(code)) return true;
  return typeof error.message === 'string' && DRIVER_MESSAGES.test(error.message);
}

/** The error and what it wraps: TypeORM's `driverError`, `cause`, an AggregateError's errors. */
function causes(error: unknown, depth = 0): ErrorLike[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const e = error as ErrorLike;
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])].filter((n) => n !== error);
  return [e, ...nested.flatMap((n) => causes(n, depth + 1))];
}
