// esbuild plugin (loaded by @nx/angular:application, see project.json "plugins").
//
// design-angular-kit ships as a single FESM file that imports `video.js` at module level for its
// <it-video-player>. video.js is not marked side-effect free, so esbuild keeps all of it — about
// 750 kB raw with its HLS/DASH dependencies — in the initial bundle of any app that imports
// anything from the kit, even `provideDesignAngularKit`. Coopera has no video: resolve the
// import to a small stub instead.
import { fileURLToPath } from 'node:url';

const stub = fileURLToPath(new URL('./video-js-stub.mjs', import.meta.url));

export default {
  name: 'coopera-video-js-stub',
  setup(build) {
    build.onResolve({ filter: /^video\.js$/ }, () => ({ path: stub }));
  },
};
