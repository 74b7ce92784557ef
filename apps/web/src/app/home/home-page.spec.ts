import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { HomePage } from './home-page';

describe('HomePage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
  });

  function render(): HTMLElement {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('has a single h1 and says what Coopera is', () => {
    const element = render();
    expect(element.querySelectorAll('h1')).toHaveLength(1);
    expect(element.querySelector('h1')?.textContent).toContain('Il coordinamento dei Comuni siciliani nella rete SAI');
    const text = element.textContent ?? '';
    expect(text).toContain('strumenti, metodologie e buone pratiche');
    expect(text).toContain('ANCI Sicilia');
    expect(text).toContain('FAMI');
  });

  it('leads to the Comuni directory', () => {
    const links = Array.from(render().querySelectorAll('a')).filter((a) => a.getAttribute('href') === '/comuni');
    expect(links.map((a) => a.textContent?.trim())).toEqual(['Consulta la rete dei Comuni', 'La rete dei Comuni']);
  });
});
