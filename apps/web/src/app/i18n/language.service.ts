import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { Observable, map } from 'rxjs';
import { DEFAULT_LANGUAGE, LANGUAGE_LOCALES, Language, isLanguage } from './languages';

/** localStorage key under which the visitor's language choice is kept. */
export const LANGUAGE_STORAGE_KEY = 'coopera.language';

/**
 * The active UI language: Italian unless the visitor chose otherwise. Switching loads the
 * translations, updates `<html lang>` (so assistive technology pronounces the page correctly)
 * and remembers the choice in localStorage.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(DEFAULT_LANGUAGE);

  /** The active language. */
  readonly language = this.current.asReadonly();

  /** The locale matching the active language, for number and date formatting. */
  locale(): string {
    return LANGUAGE_LOCALES[this.current()];
  }

  /** Applies the stored choice (or Italian); completes when its translations are loaded. */
  init(): Observable<Language> {
    this.translate.setDefaultLang(DEFAULT_LANGUAGE);
    return this.apply(this.readStoredLanguage() ?? DEFAULT_LANGUAGE);
  }

  /** Switches to `language` and remembers the choice. */
  use(language: Language): Observable<Language> {
    this.store(language);
    return this.apply(language);
  }

  private apply(language: Language): Observable<Language> {
    this.current.set(language);
    this.document.documentElement.lang = language;
    return this.translate.use(language).pipe(map(() => language));
  }

  private readStoredLanguage(): Language | null {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isLanguage(stored) ? stored : null;
    } catch {
      return null; // storage disabled (privacy settings): fall back to the default
    }
  }

  private store(language: Language): void {
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }
}
