module.exports = {
  displayName: 'web',
  preset: '../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../coverage/apps/web',
  transform: {
    // jest-preset-angular, with the libraries linked once (see the transformer).
    '^.+\\.(ts|mjs|js|html)$': [
      '<rootDir>/jest-linker.transformer.cjs',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // design-angular-kit (.mjs) and bootstrap-italia ship ES modules: let jest-preset-angular
  // transform them. video.js is loaded through its CommonJS build and needs nothing.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|bootstrap-italia/))'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ]
};
