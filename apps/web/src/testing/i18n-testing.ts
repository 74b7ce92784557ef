import { EnvironmentProviders } from '@angular/core';
import { TranslateLoader, TranslationObject, provideTranslateService } from '@ngx-translate/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IT_ASSET_BASE_PATH } from 'design-angular-kit';
import { Observable, of } from 'rxjs';

/** The app's real translation file for `lang`, read from apps/web/public/i18n. */
export function appTranslations(lang: string): TranslationObject {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'public', 'i18n', `${lang}.json`), 'utf8')) as TranslationObject;
}

class FileTranslateLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    return of(appTranslations(lang));
  }
}

/** ngx-translate wired to the real it/en files (synchronously), Italian by default. */
export function provideAppTranslationsForTesting(): EnvironmentProviders {
  return provideTranslateService({
    loader: { provide: TranslateLoader, useClass: FileTranslateLoader },
    defaultLanguage: 'it',
  });
}

/** What design-angular-kit components need from `provideDesignAngularKit()` in a unit test. */
export const KIT_TESTING_PROVIDERS = [{ provide: IT_ASSET_BASE_PATH, useValue: './bootstrap-italia' }];
