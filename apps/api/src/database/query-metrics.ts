import type { Logger } from 'typeorm';
import { currentMetrics, QueryMetrics } from './db-scope';

export type { QueryMetrics } from './db-scope';

/**
 * The `Server-Timing` entry of a request (shown by the browsers' developer tools): the number of
 * statements is how a test sees an N+1 (it grows with the page) and how an operator sees a slow
 * page's cause without turning on query logging.
 */
export function serverTiming(metrics: QueryMetrics): string {
  const millis = Number(process.hrtime.bigint() - metrics.startedAt) / 1e6;
  return `db;desc="${metrics.queries} queries";dur=${millis.toFixed(1)}`;
}

/** TypeORM's logger, reduced to counting: the API logs requests, not statements. */
export class QueryCountingLogger implements Logger {
  logQuery(): void {
    const metrics = currentMetrics();
    if (metrics) metrics.queries++;
  }
  logQueryError(): void {
    // The error reaches the caller, which decides what to log.
  }
  logQuerySlow(): void {
    // Slow statements show in PostgreSQL's own log (log_min_duration_statement).
  }
  logSchemaBuild(): void {
    // No schema synchronisation: migrations only.
  }
  logMigration(): void {
    // database-setup.ts reports the migrations it applied.
  }
  log(): void {
    // TypeORM's notices are not needed in the API's log.
  }
}
