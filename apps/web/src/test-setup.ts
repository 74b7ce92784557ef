import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

// The app runs without zone.js (app.config.ts): so do its tests.
setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// jsdom has no matchMedia; Bootstrap Italia's navbar plugin (created by the kit's header)
// asks it whether the viewport is mobile.
if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
