import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Role, ROLES } from '@coopera/domain';

/** Configuration of one API process, read once from the environment and validated at start. */
export interface AppConfig {
  port: number;
  host: string;
  production: boolean;
  /** Owner connection (migrations); null means "start the embedded PostgreSQL". */
  databaseUrl: string | null;
  /** Application-role connection; null means "derive it from the owner connection". */
  databaseAppUrl: string | null;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  jwtSecret: string;
  /** Folder of the built web app served at `/`; null when it is not built. */
  webDir: string;
  logLevel: string;
  dbPoolSize: number;
  /** Requests per minute and client address, over all routes. */
  rateLimitPerMinute: number;
  /** Sign-in attempts per client address per 15 minutes. */
  loginLimitPerIp: number;
  /** Sign-in attempts per account per 15 minutes. */
  loginLimitPerAccount: number;
  /** Session refreshes (one per page load of the web app) per client address per minute. */
  refreshLimitPerIp: number;
  /** Where users reach the portal: the base of the links it hands out (activation). */
  publicUrl: string;
  /** Roles that must sign in with a second factor. */
  totpRequiredRoles: Role[];
  /** `smtp://` or `smtps://` URL of the mail server; null: demo writes to a folder, else mail waits queued. */
  smtpUrl: string | null;
  /** The From of every message. */
  mailFrom: string;
  /** How often the outbox worker looks for due messages (it is also woken after each commit that queues mail). */
  mailPollMs: number;
  /** First retry delay; each further failure doubles it, up to an hour. */
  mailRetryBaseMs: number;
  /** Attempts before a message is marked FAILED (the secretariat can retry it). */
  mailMaxAttempts: number;
  /** Browser tests only: `PUT /api/test/clock` moves the time the meeting rules read. Refused in production. */
  testClock: boolean;
  /**
   * On SIGTERM, how long readiness answers 503 while requests are still served, so that a load
   * balancer stops sending traffic before the listener closes.
   */
  shutdownDrainMs: number;
  /** Load shedding: API requests in progress past which a new one is answered 503 at once. */
  maxInFlightRequests: number;
  /** Load shedding: requests waiting for a database connection past which a new one is answered 503 at once. */
  maxPoolWaiting: number;
  /** Load shedding: event-loop lag (ms, mean over a second) past which API requests are answered 503; 0 turns it off. */
  maxEventLoopDelayMs: number;
  /**
   * Load shedding: share of the last second (percent) the event loop was busy past which API
   * requests are answered 503, while more than two are in progress; 0 turns it off.
   */
  maxEventLoopUtilizationPercent: number;
}

/** A configuration mistake: its message is the one line the operator sees. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): AppConfig {
  const production = env['NODE_ENV'] === 'production';
  const demo = isTrue(env['COOPERA_DEMO']);
  if (demo && production) {
    throw new ConfigError('COOPERA_DEMO=1 is refused when NODE_ENV=production: demo accounts have known passwords.');
  }

  const jwtSecret = env['JWT_SECRET'] ?? '';
  if (!demo && jwtSecret === '') {
    throw new ConfigError('JWT_SECRET is required outside demo mode (set COOPERA_DEMO=1 for a local demo).');
  }
  if (jwtSecret !== '' && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters long.');
  }

  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`);
  }

  const testClock = isTrue(env['COOPERA_TEST_CLOCK']);
  if (testClock && production) throw new ConfigError('COOPERA_TEST_CLOCK=1 is refused when NODE_ENV=production.');

  const port = parsePort(env['PORT']);
  return {
    port,
    publicUrl: (env['PUBLIC_URL'] || `http://localhost:${port}`).replace(/\/+$/, ''),
    host: env['HOST'] || '0.0.0.0',
    production,
    databaseUrl: parseDatabaseUrl('DATABASE_URL', env['DATABASE_URL']),
    databaseAppUrl: parseDatabaseUrl('DATABASE_APP_URL', env['DATABASE_APP_URL']),
    dataDir: resolve(cwd, env['COOPERA_DATA_DIR'] || '.data'),
    demo,
    demoPassword: env['COOPERA_DEMO_PASSWORD'] || 'coopera-demo-2021',
    // Demo mode without a secret gets a random one: tokens simply do not survive a restart.
    jwtSecret: jwtSecret || randomSecret(),
    webDir: resolve(cwd, env['COOPERA_WEB_DIR'] || 'dist/apps/web/browser'),
    logLevel,
    dbPoolSize: parseInteger('DB_POOL_SIZE', env['DB_POOL_SIZE'], 10, 1, 200),
    rateLimitPerMinute: parseInteger('RATE_LIMIT_PER_MINUTE', env['RATE_LIMIT_PER_MINUTE'], 600, 1, 1_000_000),
    totpRequiredRoles: parseRoles(env['TOTP_REQUIRED_ROLES'], production ? ['ADMIN', 'SECRETARIAT'] : []),
    loginLimitPerIp: parseInteger('LOGIN_LIMIT_PER_IP', env['LOGIN_LIMIT_PER_IP'], 20, 1, 1_000_000),
    loginLimitPerAccount: parseInteger('LOGIN_LIMIT_PER_ACCOUNT', env['LOGIN_LIMIT_PER_ACCOUNT'], 10, 1, 1_000_000),
    refreshLimitPerIp: parseInteger('REFRESH_LIMIT_PER_IP', env['REFRESH_LIMIT_PER_IP'], 60, 1, 1_000_000),
    smtpUrl: parseSmtpUrl(env['SMTP_URL']),
    mailFrom: env['MAIL_FROM'] || 'Coordinamento SAI ANCI Sicilia <segreteria@coopera.example>',
    mailPollMs: parseInteger('MAIL_POLL_MS', env['MAIL_POLL_MS'], 5_000, 10, 3_600_000),
    mailRetryBaseMs: parseInteger('MAIL_RETRY_BASE_MS', env['MAIL_RETRY_BASE_MS'], 30_000, 1, 3_600_000),
    mailMaxAttempts: parseInteger('MAIL_MAX_ATTEMPTS', env['MAIL_MAX_ATTEMPTS'], 10, 1, 100),
    testClock,
    // Behind a load balancer (production) a few seconds; locally Ctrl-C should stop at once.
    shutdownDrainMs: parseInteger('SHUTDOWN_DRAIN_MS', env['SHUTDOWN_DRAIN_MS'], production ? 3_000 : 0, 0, 60_000),
    // 20 waiting per pool connection: a few hundred milliseconds of queue at the pool's pace, well
    // within its 3 s wait; past that a request is better refused at once than failed late.
    maxInFlightRequests: parseInteger(
      'MAX_IN_FLIGHT_REQUESTS',
      env['MAX_IN_FLIGHT_REQUESTS'],
      20 * parseInteger('DB_POOL_SIZE', env['DB_POOL_SIZE'], 10, 1, 200),
      1,
      100_000,
    ),
    // 10 waiting per connection: tens of milliseconds of queue on a healthy database, a second
    // when each statement crawls; a burst passes, a database that cannot keep up sheds.
    maxPoolWaiting: parseInteger('MAX_POOL_WAITING', env['MAX_POOL_WAITING'], 10 * parseInteger('DB_POOL_SIZE', env['DB_POOL_SIZE'], 10, 1, 200), 1, 100_000),
    maxEventLoopDelayMs: parseInteger('MAX_EVENT_LOOP_DELAY_MS', env['MAX_EVENT_LOOP_DELAY_MS'], 1_000, 0, 60_000),
    maxEventLoopUtilizationPercent: parseInteger('MAX_EVENT_LOOP_UTILIZATION_PERCENT', env['MAX_EVENT_LOOP_UTILIZATION_PERCENT'], 95, 0, 100),
  };
}

function parseRoles(value: string | undefined, fallback: Role[]): Role[] {
  if (value === undefined) return fallback;
  const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new ConfigError(`TOTP_REQUIRED_ROLES has unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')}).`);
  return roles as Role[];
}

function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

function parsePort(value: string | undefined): number {
  return parseInteger('PORT', value, 3000, 0, 65535);
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}; got "${value}".`);
  }
  return Number(value);
}

function parseDatabaseUrl(name: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected postgres://user:password@host:5432/database).`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres:// or postgresql://; got "${url.protocol}//".`);
  }
  if (url.hostname === '' || url.pathname.length <= 1) {
    throw new ConfigError(`${name} must name a host and a database (postgres://user:password@host:5432/database).`);
  }
  return value;
}

function parseSmtpUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('SMTP_URL is not a valid URL (expected smtp://user:password@host:587 or smtps://…:465).');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://; got "${url.protocol}//".`);
  }
  return value;
}

function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}
