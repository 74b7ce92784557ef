/*
 * Fault tests (`npm run test:faults`): database crashes, shutdown under load, concurrent writers,
 * generated bad input, load. They run one file at a time against PostgreSQL servers the tests start
 * themselves (never the machine's shared one), because they stop servers and saturate both cores.
 */
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
require('../../tools/scripts/register-paths.cjs');
module.exports = {
  displayName: 'api-faults',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/test/swc-jest.cjs')],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
