import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { ActivatedRoute, Router } from '@angular/router';
import { DEMO_ACCOUNTS, InvalidParam, LoginRequest, TOTP_REQUIRED_PROBLEM_TYPE } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { finalize } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { safeReturnUrl } from '../auth/return-url';
import { problemFrom } from '../http/problem-details';
import { retryAfterSeconds } from '../http/retry-after';
import { DemoMode } from './demo-mode';

type Field = 'email' | 'password' | 'totp';

/** A message under a field: one of ours (a translation key) or the API's own words. */
type FieldError = { key: string } | { text: string };

/** What went wrong with the last attempt, shown above the form. */
type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'rateLimited'; seconds: number | null }
  | { kind: 'unreachable' };

/** The form's steps: e-mail and password, then (for accounts with TOTP) the second-factor code. */
type Step = 'credentials' | 'code';

/** What the code field takes: the authenticator app's code, or one of the recovery codes. */
type CodeKind = 'app' | 'recovery';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const APP_CODE_PATTERN = /^\d{6}$/;
const RECOVERY_CODE_PATTERN = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/i;
const FIELDS: readonly Field[] = ['email', 'password', 'totp'];

/** The notices other pages may pass in the navigation state (`{ notice: 'accountActivated' }`). */
const NOTICES = ['accountActivated'] as const;
type Notice = (typeof NOTICES)[number];

function noticeFrom(state: Record<string, unknown> | undefined): Notice | null {
  const notice = state?.['notice'];
  return NOTICES.find((known) => known === notice) ?? null;
}

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

/**
 * Sign-in: e-mail and password, then the second-factor code when the account needs one.
 * Our own checks run first (messages under the fields); the API's refusals are shown with its
 * problem `detail`. Afterwards the user goes back to `returnUrl` (a path of this app) or home.
 */
@Component({
  selector: 'cp-sign-in-page',
  imports: [TranslatePipe, ItIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  protected readonly demoMode = inject(DemoMode);
  protected readonly demoAccounts = DEMO_ACCOUNTS;

  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  protected readonly step = signal<Step>('credentials');
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly code = signal('');
  protected readonly codeKind = signal<CodeKind>('app');
  protected readonly passwordVisible = signal(false);
  protected readonly submitting = signal(false);
  /** A message brought by the navigation here, e.g. after activating an account. */
  protected readonly notice = signal(noticeFrom(this.router.currentNavigation()?.extras.state));
  protected readonly fieldErrors = signal<Partial<Record<Field, FieldError>>>({});
  protected readonly failure = signal<Failure | null>(null);

  protected onInput(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    ({ email: this.email, password: this.password, totp: this.code })[field].set(value);
  }

  protected fieldError(field: Field): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected errorKey(error: FieldError): string | null {
    return 'key' in error ? error.key : null;
  }

  protected errorText(error: FieldError): string {
    return 'text' in error ? error.text : '';
  }

  protected togglePasswordVisible(): void {
    this.passwordVisible.update((visible) => !visible);
  }

  protected setCodeKind(kind: CodeKind): void {
    this.codeKind.set(kind);
    this.code.set('');
    this.fieldErrors.set({});
    this.focusAfterRender(() => this.codeInput());
  }

  /** Back from the code step to e-mail and password (another account). */
  protected startOver(): void {
    this.step.set('credentials');
    this.password.set('');
    this.code.set('');
    this.codeKind.set('app');
    this.fieldErrors.set({});
    this.failure.set(null);
    this.focusAfterRender(() => this.emailInput());
  }

  /** A demo account's address goes into the e-mail field; the password is the user's to type. */
  protected useDemoAccount(email: string): void {
    this.startOver();
    this.email.set(email);
    this.focusAfterRender(() => this.passwordInput());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;

    const errors = this.validate();
    this.fieldErrors.set(errors);
    const firstInvalid = FIELDS.find((field) => errors[field]);
    if (firstInvalid) {
      this.failure.set(null);
      this.focusField(firstInvalid);
      return;
    }

    const request: LoginRequest = { email: this.email().trim(), password: this.password() };
    if (this.step() === 'code') request.totp = this.normalizedCode();

    this.submitting.set(true);
    this.failure.set(null);
    this.notice.set(null);
    this.auth
      .login(request)
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: () => void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl'))),
        error: (error: unknown) => this.showError(error),
      });
  }

  private validate(): Partial<Record<Field, FieldError>> {
    const errors: Partial<Record<Field, FieldError>> = {};
    if (this.step() === 'credentials') {
      const email = this.email().trim();
      if (!email) errors.email = { key: 'signIn.errors.emailRequired' };
      else if (!EMAIL_PATTERN.test(email)) errors.email = { key: 'signIn.errors.emailInvalid' };
      if (!this.password()) errors.password = { key: 'signIn.errors.passwordRequired' };
    } else {
      const code = this.normalizedCode();
      const recovery = this.codeKind() === 'recovery';
      if (!code) errors.totp = { key: recovery ? 'signIn.errors.recoveryRequired' : 'signIn.errors.codeRequired' };
      else if (!(recovery ? RECOVERY_CODE_PATTERN : APP_CODE_PATTERN).test(code)) {
        errors.totp = { key: recovery ? 'signIn.errors.recoveryInvalid' : 'signIn.errors.codeInvalid' };
      }
    }
    return errors;
  }

  /** App codes are often typed or pasted as "123 456". */
  private normalizedCode(): string {
    const code = this.code().trim();
    return this.codeKind() === 'app' ? code.replace(/\s+/g, '') : code.toLowerCase();
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

    if (problem.type === TOTP_REQUIRED_PROBLEM_TYPE) {
      if (this.step() === 'credentials') {
        // Not a failure: the account has a second factor. Ask for the code.
        this.step.set('code');
        this.code.set('');
        this.focusAfterRender(() => this.codeInput());
      } else {
        // The code was not accepted.
        this.fieldErrors.set({ totp: { text: problem.detail } });
        this.focusField('totp');
      }
      return;
    }

    const invalid = problem.errors ?? [];
    const onFields: Partial<Record<Field, FieldError>> = {};
    for (const { name, reason } of invalid) {
      if (isField(name) && !onFields[name]) onFields[name] = { text: reason };
    }
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others: invalid.filter(({ name }) => !isField(name)) });
    const firstInvalid = FIELDS.find((field) => onFields[field] && this.isShown(field));
    if (firstInvalid) this.focusField(firstInvalid);
    else this.focusAfterRender(() => this.failureAlert());
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert());
  }

  private isShown(field: Field): boolean {
    return field === 'totp' ? this.step() === 'code' : this.step() === 'credentials';
  }

  private focusField(field: Field): void {
    const inputs = { email: () => this.emailInput(), password: () => this.passwordInput(), totp: () => this.codeInput() };
    this.focusAfterRender(inputs[field]);
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
