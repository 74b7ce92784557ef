import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ItHeaderComponent, ItIconComponent } from 'design-angular-kit';
import { filter } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { visibleFor } from '../auth/permissions';
import { LanguageSwitch } from './language-switch';
import { NAV_ITEMS } from './nav-items';
import { UserMenu } from './user-menu';

/**
 * Bootstrap Italia header: slim bar (ANCI Sicilia, language, account), brand, and the main
 * navigation, filtered by the signed-in user's permissions.
 */
@Component({
  selector: 'cp-site-header',
  imports: [RouterLink, RouterLinkActive, TranslatePipe, ItHeaderComponent, ItIconComponent, LanguageSwitch, UserMenu],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './site-header.html',
})
export class SiteHeader {
  private readonly header = viewChild(ItHeaderComponent);
  private readonly auth = inject(AuthService);
  private readonly allItems = inject(NAV_ITEMS);

  protected readonly navItems = computed(() => visibleFor(this.allItems, this.auth.user()));

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
