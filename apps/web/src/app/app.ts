import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, map, pairwise } from 'rxjs';
import { SiteFooter } from './layout/site-footer';
import { SiteHeader } from './layout/site-header';

/** The shell: skip link, header, the routed page in `<main>`, footer. */
@Component({
  selector: 'cp-root',
  imports: [RouterOutlet, TranslatePipe, SiteHeader, SiteFooter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
})
export class App {
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly document = inject(DOCUMENT);

  constructor() {
    // When the page (not just its query string) changes, start reading from the top of the new
    // page and tell screen readers where they are by moving focus to <main>.
    inject(Router)
      .events.pipe(
        filter((event): event is NavigationEnd => event instanceof NavigationEnd),
        map((event) => event.urlAfterRedirects.split(/[?#]/)[0]),
        pairwise(),
        filter(([previous, current]) => previous !== current),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.document.defaultView?.scrollTo(0, 0);
        this.main().nativeElement.focus({ preventScroll: true });
      });
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus(); // focusing also scrolls it into view
  }
}
