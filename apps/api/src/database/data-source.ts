import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** The one DataSource definition, shared by the API, the migration CLI and the tests. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'coopera',
    extra: {
      // Waiting for a free connection, or for the server to accept one, ends in an error (a 503
      // with Retry-After) well before a client or load balancer would give up on the request.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      // A server that vanished without closing the socket (host down, network cut) is noticed.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
