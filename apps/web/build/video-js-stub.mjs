/**
 * Build-time stand-in for `video.js`, substituted by ./video-js-stub.plugin.mjs.
 *
 * Coopera shows no video. If a page ever needs the kit's <it-video-player>, remove the plugin
 * from apps/web/project.json (and load that page lazily).
 */
function videojs() {
  throw new Error('video.js is not bundled in Coopera (see apps/web/build/video-js-stub.plugin.mjs).');
}
videojs.addLanguage = () => undefined;

export default videojs;
