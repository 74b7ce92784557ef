import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { LANGUAGE_STORAGE_KEY, LanguageService } from '../i18n/language.service';
import { LanguageSwitch } from './language-switch';

describe('LanguageSwitch', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = 'it';
    TestBed.configureTestingModule({ providers: [provideAppTranslationsForTesting()] });
  });

  async function render() {
    await firstValueFrom(TestBed.inject(LanguageService).init());
    const fixture = TestBed.createComponent(LanguageSwitch);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const button = (name: string) =>
      [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
    return { fixture, element, button };
  }

  it('starts in Italian, with Italiano pressed and each name in its own language', async () => {
    const { element, button } = await render();
    expect(TestBed.inject(TranslateService).currentLang).toBe('it');
    expect(document.documentElement.lang).toBe('it');
    expect(button('Italiano').getAttribute('aria-pressed')).toBe('true');
    expect(button('English').getAttribute('aria-pressed')).toBe('false');
    expect(button('English').getAttribute('lang')).toBe('en');
    expect(element.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Lingua');
  });

  it('switches to English, updates <html lang> and remembers the choice', async () => {
    const { fixture, element, button } = await render();
    button('English').click();
    fixture.detectChanges();

    expect(TestBed.inject(TranslateService).currentLang).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(button('English').getAttribute('aria-pressed')).toBe('true');
    expect(button('Italiano').getAttribute('aria-pressed')).toBe('false');
    expect(element.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Language');
  });

  it('starts in the stored language on the next visit', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const { button } = await render();
    expect(TestBed.inject(TranslateService).currentLang).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(button('English').getAttribute('aria-pressed')).toBe('true');
  });

  it('ignores a stored value that is not a supported language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    await render();
    expect(TestBed.inject(TranslateService).currentLang).toBe('it');
    expect(document.documentElement.lang).toBe('it');
  });
});
