/**
 * Harness of the fault tests: a durable PostgreSQL of the test's own that can be crashed and
 * restarted (`startFaultCluster`), and the built API as a child process on it (`startApi`).
 *
 *   const db = await startFaultCluster();
 *   const api = await startApi({ databaseUrl: db.cluster.url('coopera') });
 *   const token = await api.signIn(DEMO_EMAIL.SECRETARIAT);
 *   // … fetch(`${api.url}/api/v1/…`, { headers: { authorization: `Bearer ${token}` } })
 *   const exit = await api.stop(); // SIGTERM; exit.code, exit.ms
 *   await api.dispose(); await db.destroy();
 */
export type { ApiExit, ApiProcess, StartApiOptions } from './api-process';
export { DEMO_EMAIL, DEMO_PASSWORD, startApi } from './api-process';
export type { FaultCluster } from './fault-cluster';
export { startFaultCluster } from './fault-cluster';
export { uniquePartitaIva } from './tax-code';
