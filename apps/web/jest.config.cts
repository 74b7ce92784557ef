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
  // design-angular-kit (.mjs) and bootstrap-italia's plugins ship ES modules: let jest-preset-angular
  // transform them. bootstrap-italia's main bundle (dist/js/, UMD, 1 MB minified) and video.js's
  // CommonJS build need nothing: transpiling that bundle took ~3.3 s of CPU in each worker whenever
  // Jest's cache was cold, as on a clean clone.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|bootstrap-italia/(?!dist/js/)))'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ]
};
