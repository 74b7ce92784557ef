import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { openDatabase } from './database/database-setup';
import { loadDemoData } from './demo/demo-data';
import { Lifecycle } from './health/lifecycle';
import { createLogger } from './logging/logger';

/** Connections the kernel may hold for the API to accept (Linux caps it at net.core.somaxconn, 4096 by default). */
const LISTEN_BACKLOG = 4096;
/** After the drain period: the most that closing (in-flight requests, mail worker, pool) may take. */
const CLOSE_TIMEOUT_MS = 10_000;

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

  let closing = false;
  closeConnectionsAsResponsesEnd(app.getHttpServer(), () => closing);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: not ready any more, serving for ${config.shutdownDrainMs} ms, then closing`);
    const timer = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownDrainMs + CLOSE_TIMEOUT_MS);
    timer.unref();
    try {
      // Readiness turns 503 at once; requests are still served while the load balancer notices.
      app.get(Lifecycle).startDraining();
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
      closing = true;
      // In Nest's order: the mail worker finishes its message; the listener closes and in-flight
      // requests complete; then the database pool closes, last.
      await app.close();
      await database.stop();
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    }
    logger.info('Stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    // A burst of new connections (thousands at once, past saturation) waits in the kernel's accept
    // queue for the shedding to answer it: Node's default of 511 would drop the excess, which
    // clients see as a connection that never answers.
    await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
  } catch (error) {
    await app.close();
    await database.stop();
    throw error;
  }
  const url = `http://localhost:${config.port}/`;
  logger.info(`Coopera is ready at ${url} (API docs: ${url}api/docs) in ${Date.now() - started} ms`);
}

/**
 * `server.close()` closes the keep-alive connections idle at that moment only: one whose response
 * ends later would hold the close until the client drops it (load balancers keep upstream
 * connections for minutes), and the shutdown would time out. Once closing, a connection is
 * closed as soon as its response has ended.
 */
function closeConnectionsAsResponsesEnd(server: Server, closing: () => boolean): void {
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    response.once('finish', () => {
      if (closing()) setImmediate(() => server.closeIdleConnections());
    });
  });
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
