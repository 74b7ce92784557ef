import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { InvalidParam } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { finalize } from 'rxjs';
import { AccountApiService } from '../account/account-api.service';
import { AuthService } from '../auth/auth.service';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, fieldErrorsFrom } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';

type Failure = { kind: 'problem'; detail: string; others: InvalidParam[] } | { kind: 'unreachable' };

/** The signed-in user's display name (`PATCH /auth/me`); the header follows at once. */
@Component({
  selector: 'cp-profile-name-form',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-name-form.html',
  styles: `
    .profile-form {
      max-width: 32rem;
      padding-top: 1rem;
    }

    .alert:focus {
      outline: 2px solid #0066cc;
      outline-offset: 2px;
    }
  `,
})
export class ProfileNameForm {
  private readonly api = inject(AccountApiService);
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);
  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('nameInput');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  protected readonly name = signal(this.auth.user()?.name ?? '');
  protected readonly submitting = signal(false);
  protected readonly error = signal<FieldError | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly done = signal(false);

  protected describedBy(): string | null {
    return describedBy(null, 'profile-name-error', Boolean(this.error()));
  }

  protected onInput(event: Event): void {
    this.name.set((event.target as HTMLInputElement).value);
    this.done.set(false);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    const name = this.name().trim();
    this.done.set(false);
    this.failure.set(null);
    if (name.length < 2) {
      this.error.set({ key: name ? 'profile.nameForm.errors.tooShort' : 'profile.nameForm.errors.required' });
      this.focusAfterRender(() => this.nameInput());
      return;
    }
    this.error.set(null);
    this.submitting.set(true);
    this.api
      .updateProfile({ name })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (user) => {
          this.name.set(user.name);
          this.done.set(true);
        },
        error: (error: unknown) => {
          const problem = problemFrom(error);
          if (!problem) {
            this.failure.set({ kind: 'unreachable' });
            this.focusAfterRender(() => this.failureAlert());
            return;
          }
          const { onFields, others } = fieldErrorsFrom(problem, ['name'] as const);
          this.error.set(onFields.name ?? null);
          this.failure.set({ kind: 'problem', detail: problem.detail, others });
          this.focusAfterRender(() => (onFields.name ? this.nameInput() : this.failureAlert()));
        },
      });
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
