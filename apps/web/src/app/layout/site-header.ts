import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ItHeaderComponent, ItIconComponent } from 'design-angular-kit';
import { filter } from 'rxjs';
import { LanguageSwitch } from './language-switch';

/** Bootstrap Italia header: slim bar (ANCI Sicilia, language), brand, main navigation. */
@Component({
  selector: 'cp-site-header',
  imports: [RouterLink, RouterLinkActive, TranslatePipe, ItHeaderComponent, ItIconComponent, LanguageSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './site-header.html',
})
export class SiteHeader {
  private readonly header = viewChild(ItHeaderComponent);

  constructor() {
    // On mobile the navigation is an off-canvas panel; BI closes it only on its own buttons,
    // so close it once a link has taken the user to another page.
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.header()?.closeNavBar()); // no-op when the panel is closed
  }
}
