import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { InvalidParam, PASSWORD_MIN_LENGTH } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { finalize } from 'rxjs';
import { AccountApiService } from '../account/account-api.service';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, fieldErrorsFrom, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';

type Field = 'currentPassword' | 'newPassword' | 'repeat';
const FIELDS: readonly Field[] = ['currentPassword', 'newPassword', 'repeat'];

type Failure = { kind: 'problem'; detail: string; others: InvalidParam[] } | { kind: 'rateLimited' } | { kind: 'unreachable' };

/** Changes the password: the current one, the new one twice. The API signs out the other sessions. */
@Component({
  selector: 'cp-profile-password-form',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-password-form.html',
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
export class ProfilePasswordForm {
  private readonly api = inject(AccountApiService);
  private readonly injector = inject(Injector);
  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly values = { currentPassword: signal(''), newPassword: signal(''), repeat: signal('') };
  protected readonly submitting = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<Field>>({});
  protected readonly failure = signal<Failure | null>(null);
  protected readonly done = signal(false);

  protected fieldError(field: Field): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: Field): string | null {
    return describedBy(field === 'newPassword' ? 'profile-newPassword-hint' : null, `profile-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: Field, event: Event): void {
    this.values[field].set((event.target as HTMLInputElement).value);
    this.done.set(false);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.done.set(false);
    const errors = this.validate();
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    this.api
      .changePassword({ currentPassword: this.values.currentPassword(), newPassword: this.values.newPassword() })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: () => {
          for (const field of FIELDS) this.values[field].set('');
          this.done.set(true);
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  private validate(): FieldErrors<Field> {
    const errors: FieldErrors<Field> = {};
    const next = this.values.newPassword();
    if (!this.values.currentPassword()) errors.currentPassword = { key: 'profile.passwordForm.errors.currentRequired' };
    if (!next) errors.newPassword = { key: 'profile.passwordForm.errors.newRequired' };
    else if (next.length < PASSWORD_MIN_LENGTH) errors.newPassword = { key: 'profile.passwordForm.errors.newShort' };
    if (!this.values.repeat()) errors.repeat = { key: 'profile.passwordForm.errors.repeatRequired' };
    else if (next && this.values.repeat() !== next) errors.repeat = { key: 'profile.passwordForm.errors.mismatch' };
    return errors;
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (error instanceof HttpErrorResponse && error.status === 429) {
      this.showFailure({ kind: 'rateLimited' });
    } else if (!problem) {
      this.showFailure({ kind: 'unreachable' });
    } else {
      const { onFields, others } = fieldErrorsFrom(problem, FIELDS);
      this.fieldErrors.set(onFields);
      this.failure.set({ kind: 'problem', detail: problem.detail, others });
      const invalid = firstInvalid(onFields, FIELDS);
      if (invalid) this.focusField(invalid);
      else this.focusAfterRender(() => this.failureAlert()?.nativeElement);
    }
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private focusField(field: Field): void {
    this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>(`#profile-${field}`) ?? undefined);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
