// @swc/jest options for the API's tests: TypeScript with Nest's and TypeORM's decorators and their
// design-type metadata, as tsc compiles them (experimentalDecorators, emitDecoratorMetadata).
// SWC transpiles a file in ~1 ms where ts-jest took ~30: on a clean clone, with no transform
// cache, that was a third of the end-to-end suite's time. Types are checked by `npm test`'s tsc step.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2021',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
