import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../auth/auth.service';

/**
 * The signed-in user's account, read-only: name, e-mail, role and Comune. Shows what is known
 * at once and refreshes it from `GET /auth/me`, so a role changed by an administrator shows here.
 */
@Component({
  selector: 'cp-profile-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.scss',
})
export class ProfilePage {
  protected readonly auth = inject(AuthService);

  constructor() {
    // A failure keeps what is shown; a session that is over is handled by the interceptor.
    this.auth.reloadUser().pipe(takeUntilDestroyed()).subscribe({ error: () => undefined });
  }
}
