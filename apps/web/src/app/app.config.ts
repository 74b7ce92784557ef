import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TitleStrategy, provideRouter } from '@angular/router';
import { TranslateLoader } from '@ngx-translate/core';
import { provideDesignAngularKit } from 'design-angular-kit';
import { appRoutes } from './app.routes';
import { authInterceptor } from './auth/auth.interceptor';
import { AuthService } from './auth/auth.service';
import { CooperaTranslateLoader } from './i18n/coopera-translate-loader';
import { LanguageService } from './i18n/language.service';
import { TranslatedTitleStrategy } from './i18n/translated-title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // No zone.js: every component is OnPush and keeps its state in signals (or the async pipe), which
    // tell Angular what to check. Without zone.js's patching of every browser API, the initial
    // bundle is ~12 kB lighter and each event, timer and request no longer runs its bookkeeping.
    provideZonelessChangeDetection(),
    provideRouter(appRoutes),
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    // Bootstrap Italia: assets under /bootstrap-italia (svg sprite, kit labels), HttpClient,
    // ngx-translate with Italian as default. Our loader adds the app's labels to the kit's. The
    // fonts are declared in the stylesheet (styles/_fonts.scss) instead of by the kit's loader.
    provideDesignAngularKit({
      loadFont: false,
      translateLoader: (kitPrefix: string, kitSuffix: string) => ({
        provide: TranslateLoader,
        useFactory: (http: HttpClient) => new CooperaTranslateLoader(http, kitPrefix, kitSuffix),
        deps: [HttpClient],
      }),
    }),
    // After the kit's provideHttpClient(): the access token goes on our API's requests.
    provideHttpClient(withInterceptors([authInterceptor])),
    // Render in the stored (or default) language from the first paint.
    provideAppInitializer(() => inject(LanguageService).init()),
    // Restore the session from the refresh cookie, without holding up the first paint: the header
    // waits for the answer, and so do guarded routes.
    provideAppInitializer(() => {
      inject(AuthService).restore().subscribe();
    }),
  ],
};
