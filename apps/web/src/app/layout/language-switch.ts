import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../i18n/language.service';
import { LANGUAGES, LANGUAGE_NAMES, Language } from '../i18n/languages';

/**
 * Italiano / English toggle for the slim header. Each name is written in its own language
 * (and marked with `lang`), the active one is `aria-pressed`.
 */
@Component({
  selector: 'cp-language-switch',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="language-switch" role="group" [attr.aria-label]="'language.label' | translate">
      @for (lang of languages; track lang) {
        <button
          type="button"
          class="btn btn-sm"
          [class.active]="lang === languageService.language()"
          [attr.lang]="lang"
          [attr.aria-pressed]="lang === languageService.language()"
          (click)="choose(lang)"
        >
          {{ names[lang] }}
        </button>
      }
    </div>
  `,
})
export class LanguageSwitch {
  protected readonly languageService = inject(LanguageService);
  protected readonly languages = LANGUAGES;
  protected readonly names = LANGUAGE_NAMES;

  protected choose(language: Language): void {
    if (language !== this.languageService.language()) {
      this.languageService.use(language).subscribe();
    }
  }
}
