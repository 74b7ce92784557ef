import globalSetup from '../global-setup';

/** As the e2e setup, but always on an embedded server of our own: these tests must not touch a shared one. */
export default async function faultsGlobalSetup(): Promise<void> {
  delete process.env['DATABASE_URL'];
  await globalSetup();
}
