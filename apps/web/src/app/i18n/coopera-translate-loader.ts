import { HttpClient } from '@angular/common/http';
import { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { Observable, catchError, forkJoin, map, of } from 'rxjs';

/** Where the app's own translation files are served (from `apps/web/public/i18n`). */
export const APP_I18N_PREFIX = 'i18n/';

/**
 * Loads, for one language, the design-angular-kit labels (all under the `it.` namespace, e.g.
 * `it.core.loading`) and the app's own labels, and merges them. A missing kit file only costs
 * the kit's labels; a missing app file is an error worth seeing.
 */
export class CooperaTranslateLoader implements TranslateLoader {
  constructor(
    private readonly http: HttpClient,
    private readonly kitPrefix: string,
    private readonly kitSuffix: string,
    private readonly appPrefix = APP_I18N_PREFIX,
  ) {}

  getTranslation(lang: string): Observable<TranslationObject> {
    const kit = this.http
      .get<TranslationObject>(`${this.kitPrefix}${lang}${this.kitSuffix}`)
      .pipe(catchError(() => of<TranslationObject>({})));
    const app = this.http.get<TranslationObject>(`${this.appPrefix}${lang}.json`);
    return forkJoin([kit, app]).pipe(map(([kitLabels, appLabels]) => ({ ...kitLabels, ...appLabels })));
  }
}
