/* End-to-end tests: the real app on a real PostgreSQL (DATABASE_URL's server, else an embedded one). */
// The global setup is loaded by ts-node: type checking happens in the typecheck step, not here.
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
// ...and outside jest's module mapper, so it needs the workspace aliases (@coopera/domain) too.
require('../../tools/scripts/register-paths.cjs');
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/test/swc-jest.cjs')],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30_000,
  // Each file has a database of its own, and waits on it most of the time: one worker per core
  // (jest's default leaves one core to itself) halves the run on two cores (4m23s -> 2m22s).
  maxWorkers: '100%',
};
