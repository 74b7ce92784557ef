import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { openDatabase } from './database/database-setup';
import { loadDemoData } from './demo/demo-data';
import { Lifecycle } from './health/lifecycle';
import { createLogger } from './logging/logger';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, !config.production && process.stdout.isTTY);
  const started = Date.now();

  const database = await openDatabase(config, (message) => logger.info(message));
  if (config.demo) {
    const accounts = await loadDemoData(database.ownerUrl, config.demoPassword).catch(async (error: unknown) => {
      await database.stop();
      throw error;
    });
    logger.info(`Demo accounts, password "${config.demoPassword}": ${accounts.join('; ')}`);
  }
  const app = await createApp(config, database.appUrl, logger).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: draining`);
    const timer = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.get(Lifecycle).startDraining();
    await app.close(); // stops accepting, lets in-flight requests finish, then closes the pool
    await database.stop();
    logger.info('Stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await database.stop();
    throw error;
  }
  const url = `http://localhost:${config.port}/`;
  logger.info(`Coopera is ready at ${url} (API docs: ${url}api/docs) in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  // One clear line for the operator; the stack only when it is a bug, not a configuration mistake.
  if (error instanceof ConfigError) {
    process.stderr.write(`Coopera cannot start: ${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(`Coopera cannot start: port ${process.env['PORT'] ?? 3000} is already in use (set PORT).\n`);
  } else {
    process.stderr.write(`Coopera cannot start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
