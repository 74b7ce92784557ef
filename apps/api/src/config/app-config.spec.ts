import { ConfigError, loadConfig } from './app-config';

const demo = { COOPERA_DEMO: '1' };

describe('loadConfig', () => {
  it('starts a local demo with nothing set but COOPERA_DEMO', () => {
    const config = loadConfig(demo, '/srv/coopera');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/coopera/.data');
    expect(config.demoPassword).toBe('coopera-demo-2021');
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('honours PORT and COOPERA_DATA_DIR', () => {
    const config = loadConfig({ ...demo, PORT: '4123', COOPERA_DATA_DIR: '/tmp/x' }, '/srv');
    expect(config.port).toBe(4123);
    expect(config.dataDir).toBe('/tmp/x');
  });

  it.each([
    [{}, /JWT_SECRET is required/],
    [{ JWT_SECRET: 'short' }, /at least 32/],
    [{ ...demo, NODE_ENV: 'production' }, /refused when NODE_ENV=production/],
    [{ ...demo, PORT: 'http' }, /PORT must be an integer/],
    [{ ...demo, PORT: '70000' }, /PORT must be an integer/],
    [{ ...demo, DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ ...demo, DATABASE_URL: 'mysql://localhost/db' }, /must start with postgres/],
    [{ ...demo, DATABASE_URL: 'postgres://localhost' }, /must name a host and a database/],
    [{ ...demo, LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ ...demo, SMTP_URL: 'http://mail' }, /SMTP_URL must start with smtp/],
    [{ ...demo, SMTP_URL: 'smtp mail' }, /SMTP_URL is not a valid URL/],
    [{ ...demo, MAIL_POLL_MS: '0' }, /MAIL_POLL_MS must be an integer/],
    [{ ...demo, SHUTDOWN_DRAIN_MS: '-1' }, /SHUTDOWN_DRAIN_MS must be an integer/],
    [{ JWT_SECRET: 'x'.repeat(32), NODE_ENV: 'production', COOPERA_TEST_CLOCK: '1' }, /COOPERA_TEST_CLOCK=1 is refused/],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts a postgres URL', () => {
    const url = 'postgresql://coopera:secret@db:5432/coopera';
    expect(loadConfig({ ...demo, DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('drains for a few seconds on shutdown in production, not locally, unless told', () => {
    const production = { JWT_SECRET: 'x'.repeat(32), NODE_ENV: 'production' };
    expect(loadConfig(production).shutdownDrainMs).toBe(3_000);
    expect(loadConfig(demo).shutdownDrainMs).toBe(0);
    expect(loadConfig({ ...demo, SHUTDOWN_DRAIN_MS: '1500' }).shutdownDrainMs).toBe(1_500);
  });

  it('sheds load past limits that follow the pool size unless set, past a second of event-loop lag, and past a loop busy 95 % of a second', () => {
    expect(loadConfig(demo)).toMatchObject({ maxInFlightRequests: 200, maxPoolWaiting: 100, maxEventLoopDelayMs: 1_000, maxEventLoopUtilizationPercent: 95 });
    expect(loadConfig({ ...demo, DB_POOL_SIZE: '20' })).toMatchObject({ maxInFlightRequests: 400, maxPoolWaiting: 200 });
    expect(
      loadConfig({ ...demo, MAX_IN_FLIGHT_REQUESTS: '3', MAX_POOL_WAITING: '2', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_EVENT_LOOP_UTILIZATION_PERCENT: '0' }),
    ).toMatchObject({
      maxInFlightRequests: 3,
      maxPoolWaiting: 2,
      maxEventLoopDelayMs: 0,
      maxEventLoopUtilizationPercent: 0,
    });
    expect(() => loadConfig({ ...demo, MAX_EVENT_LOOP_UTILIZATION_PERCENT: '101' })).toThrow(/MAX_EVENT_LOOP_UTILIZATION_PERCENT must be an integer between 0 and 100/);
    expect(() => loadConfig({ ...demo, MAX_IN_FLIGHT_REQUESTS: '0' })).toThrow(/MAX_IN_FLIGHT_REQUESTS must be an integer between 1 and 100000/);
  });
});
