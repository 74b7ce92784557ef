import { ChangeDetectionStrategy, Component, DOCUMENT, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../auth/auth.service';
import { CanLeave } from '../auth/can-leave.guard';
import { ProfileNameForm } from './profile-name-form';
import { ProfilePasswordForm } from './profile-password-form';
import { TotpSection } from './totp-section';

/**
 * The signed-in user's account: name, e-mail, role and Comune (refreshed from `GET /auth/me`,
 * so a role changed by an administrator shows here), the name and password forms, and the
 * second factor. Users whose role must use a second factor are kept here until it is set up.
 */
@Component({
  selector: 'cp-profile-page',
  imports: [TranslatePipe, ProfileNameForm, ProfilePasswordForm, TotpSection],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.scss',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class ProfilePage implements CanLeave {
  protected readonly auth = inject(AuthService);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly totp = viewChild(TotpSection);

  constructor() {
    // A failure keeps what is shown; a session that is over is handled by the interceptor.
    this.auth.reloadUser().pipe(takeUntilDestroyed()).subscribe({ error: () => undefined });
  }

  /** Leaving while the recovery codes are shown and not yet acknowledged asks first. */
  canLeave(): boolean {
    if (!this.totp()?.hasUnsavedCodes() || !this.auth.signedIn()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('profile.totp.codes.leaveConfirm') as string) ?? true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.totp()?.hasUnsavedCodes()) event.preventDefault();
  }
}
