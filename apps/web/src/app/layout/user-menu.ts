import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  Injector,
  ViewEncapsulation,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { filter, map } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { SIGN_IN_PATH, signInQueryParams } from '../auth/return-url';

/**
 * The slim header's account corner. Signed out: an "Accedi" link that comes back to the current
 * page. Signed in: the user's name and role, opening a small menu (disclosure pattern: a button
 * with aria-expanded, closed by Escape, by leaving it, or by choosing an entry) with the profile
 * and sign-out. Nothing is shown until the start-up session check has answered, so a reload of
 * a signed-in page does not flash "Accedi".
 */
@Component({
  selector: 'cp-user-menu',
  imports: [NgTemplateOutlet, RouterLink, TranslatePipe, ItIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-menu.html',
  styleUrl: './user-menu.scss',
  // Scoped by the element name instead (see the stylesheet).
  encapsulation: ViewEncapsulation.None,
  host: {
    '(document:click)': 'onDocumentClick($event)',
    '(focusout)': 'onFocusOut($event)',
    '(keydown.escape)': 'onEscape()',
  },
})
export class UserMenu {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly toggleButton = viewChild<ElementRef<HTMLButtonElement>>('toggleButton');
  private readonly signInLink = viewChild<ElementRef<HTMLAnchorElement>>('signInLink');

  protected readonly open = signal(false);
  protected readonly signInPath = SIGN_IN_PATH;

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  /** On the sign-in page itself the link keeps nothing to come back to. */
  protected readonly signInParams = computed(() => signInQueryParams(this.url()));

  constructor() {
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.open.set(false));
  }

  protected toggle(): void {
    this.open.update((open) => !open);
  }

  /** Escape closes the menu and gives focus back to its button. */
  protected onEscape(): void {
    if (!this.open()) return;
    this.open.set(false);
    this.toggleButton()?.nativeElement.focus();
  }

  /** Tabbing out of the menu closes it. */
  protected onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (next instanceof Node && this.host.nativeElement.contains(next)) return;
    if (next !== null) this.open.set(false);
  }

  protected onDocumentClick(event: MouseEvent): void {
    if (this.open() && event.target instanceof Node && !this.host.nativeElement.contains(event.target)) {
      this.open.set(false);
    }
  }

  protected signOut(): void {
    this.open.set(false);
    this.auth.logout().subscribe(() => {
      void this.router.navigateByUrl('/').then(() =>
        afterNextRender(
          () => {
            // Already on the home page: the menu that had focus is gone, so hand focus to "Accedi".
            const active = this.document.activeElement;
            if (!active || active === this.document.body) this.signInLink()?.nativeElement.focus();
          },
          { injector: this.injector },
        ),
      );
    });
  }
}
