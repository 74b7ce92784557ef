import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../testing/i18n-testing';
import { App } from './app';
import { LanguageService } from './i18n/language.service';

@Component({ template: '<h1>Pagina</h1>' })
class StubPage {}

describe('App shell', () => {
  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', component: StubPage },
          { path: 'comuni', component: StubPage },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    await firstValueFrom(TestBed.inject(LanguageService).init());
  });

  async function render() {
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('has the landmarks in order: skip link, header with navigation, main, footer', async () => {
    const { element } = await render();
    const skip = element.querySelector<HTMLAnchorElement>('.skiplinks a');
    expect(skip?.textContent?.trim()).toBe('Vai al contenuto principale');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    expect(element.querySelector('header')).not.toBeNull();
    expect(element.querySelector('main#main-content')).not.toBeNull();
    expect(element.querySelector('footer')).not.toBeNull();
    expect(element.firstElementChild?.classList.contains('skiplinks')).toBe(true);
  });

  it('shows the portal title, ANCI Sicilia and the main navigation', async () => {
    const { element } = await render();
    const header = element.querySelector('header');
    expect(header?.querySelector('.it-brand-title')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Coopera — Coordinamento SAI Sicilia',
    );
    expect(header?.querySelector('.it-header-slim-wrapper')?.textContent).toContain('ANCI Sicilia');
    const nav = [...(header?.querySelectorAll('.navbar-nav a') ?? [])].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    // Signed out: the network pages need a session, so only the home page is offered.
    expect(nav).toEqual([['Home', '/']]);
    // the kit's <ul class="navbar-nav"> must hold <li> directly (axe "list" rule)
    const list = header?.querySelector('.navbar-nav');
    expect([...(list?.children ?? [])].every((child) => child.tagName === 'LI')).toBe(true);
  });

  it('credits the data source and the project in the footer', async () => {
    const { element } = await render();
    const footer = element.querySelector('footer')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(footer).toContain('Elenco dei Comuni: Fonte: ISTAT, licenza CC BY 3.0 IT');
    expect(footer).toContain('progetto COOPERA');
    expect(footer).toContain('ANCI Sicilia');
  });

  it('moves focus to <main> from the skip link', async () => {
    const { element } = await render();
    element.querySelector<HTMLAnchorElement>('.skiplinks a')?.click();
    expect(document.activeElement).toBe(element.querySelector('main'));
  });
});
