import { HttpClient } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZoneChangeDetection,
} from '@angular/core';
import { TitleStrategy, provideRouter } from '@angular/router';
import { TranslateLoader } from '@ngx-translate/core';
import { provideDesignAngularKit } from 'design-angular-kit';
import { appRoutes } from './app.routes';
import { CooperaTranslateLoader } from './i18n/coopera-translate-loader';
import { LanguageService } from './i18n/language.service';
import { TranslatedTitleStrategy } from './i18n/translated-title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZoneChangeDetection({ eventCoalescing: true }),
    provideRouter(appRoutes),
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    // Bootstrap Italia: assets under /bootstrap-italia (fonts, svg sprite, kit labels), HttpClient,
    // ngx-translate with Italian as default. Our loader adds the app's labels to the kit's.
    provideDesignAngularKit({
      translateLoader: (kitPrefix: string, kitSuffix: string) => ({
        provide: TranslateLoader,
        useFactory: (http: HttpClient) => new CooperaTranslateLoader(http, kitPrefix, kitSuffix),
        deps: [HttpClient],
      }),
    }),
    // Render in the stored (or default) language from the first paint.
    provideAppInitializer(() => inject(LanguageService).init()),
  ],
};
