import { dirname } from 'node:path';
import { dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__COOPERA_E2E__;
  if (!state) return;
  if (state.cluster && state.clusterDir) {
    await state.cluster.destroy(dirname(state.clusterDir)); // the whole scratch folder goes
  } else {
    await dropDatabase(state.serverUrl, state.template);
  }
}
