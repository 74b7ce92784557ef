import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { InvalidParam, PASSWORD_MIN_LENGTH } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { finalize } from 'rxjs';
import { AccountApiService } from '../account/account-api.service';
import { SIGN_IN_PATH } from '../auth/return-url';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, fieldErrorsFrom, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { retryAfterSeconds } from '../http/retry-after';

type Field = 'password' | 'repeat';
const FIELDS: readonly Field[] = ['password', 'repeat'];

/** The notice the sign-in page shows after an activation (passed as navigation state). */
export const ACCOUNT_ACTIVATED_STATE = { notice: 'accountActivated' } as const;

type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'invalidLink'; detail: string }
  | { kind: 'rateLimited'; seconds: number | null }
  | { kind: 'unreachable' };

/**
 * `/attiva?token=…`: the first password of an account, through the one-time link an
 * administrator passed on. Typed twice; the API checks its strength. Then on to sign in.
 */
@Component({
  selector: 'cp-activate-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './activate-page.html',
  styleUrl: './activate-page.scss',
})
export class ActivatePage {
  private readonly api = inject(AccountApiService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly repeatInput = viewChild<ElementRef<HTMLInputElement>>('repeatInput');

  protected readonly token = inject(ActivatedRoute).snapshot.queryParamMap.get('token')?.trim() ?? '';
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly signInPath = SIGN_IN_PATH;
  protected readonly password = signal('');
  protected readonly repeat = signal('');
  protected readonly passwordVisible = signal(false);
  protected readonly submitting = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<Field>>({});
  protected readonly failure = signal<Failure | null>(null);

  protected fieldError(field: Field): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: Field): string | null {
    return describedBy(field === 'password' ? 'activate-password-hint' : null, `activate-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: Field, event: Event): void {
    (field === 'password' ? this.password : this.repeat).set((event.target as HTMLInputElement).value);
  }

  protected togglePasswordVisible(): void {
    this.passwordVisible.update((visible) => !visible);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
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
      .activate({ token: this.token, password: this.password() })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: () => void this.router.navigate([SIGN_IN_PATH], { state: ACCOUNT_ACTIVATED_STATE }),
        error: (error: unknown) => this.showError(error),
      });
  }

  private validate(): FieldErrors<Field> {
    const errors: FieldErrors<Field> = {};
    const password = this.password();
    if (!password) errors.password = { key: 'activate.errors.passwordRequired' };
    else if (password.length < PASSWORD_MIN_LENGTH) errors.password = { key: 'activate.errors.passwordShort' };
    if (!this.repeat()) errors.repeat = { key: 'activate.errors.repeatRequired' };
    else if (password && this.repeat() !== password) errors.repeat = { key: 'activate.errors.mismatch' };
    return errors;
  }

  private showError(error: unknown): void {
    if (error instanceof HttpErrorResponse && error.status === 429) {
      this.showFailure({ kind: 'rateLimited', seconds: retryAfterSeconds(error.headers.get('Retry-After')) });
      return;
    }
    const problem = problemFrom(error);
    if (!problem) {
      this.showFailure({ kind: 'unreachable' });
      return;
    }
    if (problem.status === 401) {
      this.showFailure({ kind: 'invalidLink', detail: problem.detail });
      return;
    }
    const { onFields, others } = fieldErrorsFrom(problem, FIELDS);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, FIELDS);
    if (invalid) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert());
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert());
  }

  private focusField(field: Field): void {
    this.focusAfterRender(() => (field === 'password' ? this.passwordInput() : this.repeatInput()));
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
