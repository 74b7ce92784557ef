// esbuild plugin (loaded by @nx/angular:application, see project.json "plugins").
//
// design-angular-kit ships as one FESM file whose components are all pure (the Angular build
// wraps them), except for one statement: the list of every component that its
// DesignAngularKitModule declares,
//
//     const components = [...core, ItFormModule, ...navigation, ...utils, ...pipes];
//
// An array spread may run an iterator, so esbuild must keep that statement, and with it every
// component, Bootstrap Italia plugin and library of the kit (carousel, autocomplete, popper,
// anime.js…): about 400 kB raw in the initial bundle of an app that uses a handful of them.
//
// The plugin resolves `design-angular-kit` to a copy of that file in which the statement is
// marked pure, so only the components an app imports are bundled. The copy lives under
// node_modules/.cache (so that its own imports resolve from the workspace's node_modules) and
// still goes through the Angular linker like the original. When the kit changes that statement,
// the build fails here rather than quietly growing again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const COMPONENTS_LIST = /^const components = \[\n((?: {4}.*\n)+?)\];$/m;

function treeShakableCopy() {
  const original = require.resolve('design-angular-kit');
  const source = readFileSync(original, 'utf8');
  if (!COMPONENTS_LIST.test(source)) {
    throw new Error(
      `${original}: the "const components = [...]" list was not found. design-angular-kit changed: ` +
        'check whether apps/web/build/design-angular-kit-tree-shaking.plugin.mjs is still needed.',
    );
  }
  const patched = source
    .replace(COMPONENTS_LIST, 'const components = /* @__PURE__ */ (() => [\n$1])();')
    // The kit's source map sits next to the original, not next to the copy.
    .replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const digest = createHash('sha256').update(patched).digest('hex').slice(0, 16);
  const workspaceModules = original.slice(0, original.lastIndexOf('/node_modules/') + '/node_modules'.length);
  const copy = join(workspaceModules, '.cache', 'coopera-design-angular-kit', `design-angular-kit-${digest}.mjs`);
  mkdirSync(dirname(copy), { recursive: true });
  // Several builds may run at once: write aside and rename, so none reads a half-written copy.
  const partial = `${copy}.${process.pid}.tmp`;
  writeFileSync(partial, patched);
  renameSync(partial, copy);
  return copy;
}

export default {
  name: 'coopera-design-angular-kit-tree-shaking',
  setup(build) {
    let copy;
    build.onResolve({ filter: /^design-angular-kit$/ }, () => {
      copy ??= treeShakableCopy();
      return { path: copy };
    });
  },
};
