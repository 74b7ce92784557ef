// jest-preset-angular's transformer, with the Angular linker run on the libraries first.
//
// Angular libraries (@angular/common, forms, router, design-angular-kit, ngx-translate) ship
// "partially compiled" components: `ɵɵngDeclareComponent(...)` calls that the application build
// links into their final form once. Under Jest nothing links them, so Angular's JIT compiler did
// it again in every spec file, for every library component the file touched: a third of the web
// unit tests' CPU time. Linked here, the result lands in Jest's transform cache, and each spec file
// loads the libraries as the application build does (measured: 96 s of CPU for the web specs, 47 s
// with the linker, the same 383 tests passing).
const { readFileSync, existsSync } = require('node:fs');
const { dirname, relative, resolve } = require('node:path');
const { transformSync } = require('@babel/core');
const { NgJestTransformer } = require('jest-preset-angular/build/ng-jest-transformer');
const { version: compilerCliVersion } = require('@angular/compiler-cli/package.json');

/** The same test as the Angular CLI's: @angular/core and @angular/compiler hold no declarations to link. */
const needsLinking = (filePath, source) =>
  /[\\/]node_modules[\\/]/.test(filePath) && !/[\\/]@angular[\\/](?:compiler|core)[\\/]/.test(filePath) && source.includes('ɵɵngDeclare');

let linkerPlugin;
function linker() {
  // An ES module: Node loads it with require() since 20.19. Created once per Jest worker.
  const { createEs2015LinkerPlugin } = require('@angular/compiler-cli/linker/babel');
  linkerPlugin ??= createEs2015LinkerPlugin({
    // TestBed compiles the specs' own components just in time: keep what it needs of NgModules.
    linkerJitMode: true,
    sourceMapping: false,
    fileSystem: { resolve, exists: existsSync, dirname, relative, readFile: readFileSync },
    logger: { level: 2, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
  });
  return linkerPlugin;
}

class LinkingNgJestTransformer extends NgJestTransformer {
  process(source, filePath, options) {
    if (needsLinking(filePath, source)) {
      const linked = transformSync(source, { filename: filePath, configFile: false, babelrc: false, compact: false, sourceMaps: false, plugins: [linker()] });
      if (linked?.code) source = linked.code;
    }
    return super.process(source, filePath, options);
  }

  getCacheKey(source, filePath, options) {
    return `${super.getCacheKey(source, filePath, options)}:linker-${compilerCliVersion}`;
  }
}

module.exports = { createTransformer: (config) => new LinkingNgJestTransformer(config) };
