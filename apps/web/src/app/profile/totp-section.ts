import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { TotpSetup } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { finalize } from 'rxjs';
import { AccountApiService } from '../account/account-api.service';
import { AuthService } from '../auth/auth.service';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';

/** The set-up's steps: the status, the key to scan and confirm, the recovery codes (shown once). */
type Step = { kind: 'status' } | { kind: 'setup'; setup: TotpSetup } | { kind: 'codes'; codes: string[] };

const CODE_PATTERN = /^\d{6}$/;

/** The manual key in groups of four characters, easier to type: `ABCD EFGH …`. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? '';
}

/**
 * The second factor (TOTP) of the signed-in user: its status and, when off, its set-up —
 * QR code and manual key, a first code to confirm, then the recovery codes, shown only once
 * and acknowledged before leaving.
 */
@Component({
  selector: 'cp-totp-section',
  imports: [TranslatePipe, ItIconComponent, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-section.html',
  styleUrl: './totp-section.scss',
})
export class TotpSection {
  private readonly api = inject(AccountApiService);
  protected readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly stepHeading = viewChild<ElementRef<HTMLElement>>('stepHeading');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');
  private readonly statusHeading = viewChild<ElementRef<HTMLElement>>('statusHeading');

  protected readonly step = signal<Step>({ kind: 'status' });
  protected readonly enabled = computed(() => this.auth.user()?.totpEnabled ?? false);
  protected readonly busy = signal(false);
  protected readonly code = signal('');
  protected readonly codeError = signal<FieldError | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly acknowledged = signal(false);
  protected readonly acknowledgeError = signal<FieldError | null>(null);
  protected readonly copied = signal(false);

  /** Recovery codes are on screen and the user has not confirmed keeping them. */
  hasUnsavedCodes(): boolean {
    return this.step().kind === 'codes';
  }

  protected groupKey(secret: string): string {
    return groupKey(secret);
  }

  protected codeDescribedBy(): string {
    return describedBy('totp-code-hint', 'totp-code-error', Boolean(this.codeError())) ?? '';
  }

  protected start(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.failure.set(null);
    this.api
      .setUpTotp()
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (setup) => {
          this.code.set('');
          this.codeError.set(null);
          this.step.set({ kind: 'setup', setup });
          this.focusAfterRender(() => this.stepHeading()?.nativeElement);
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  protected cancel(): void {
    this.step.set({ kind: 'status' });
    this.failure.set(null);
    this.focusAfterRender(() => this.statusHeading()?.nativeElement);
  }

  protected onCodeInput(event: Event): void {
    this.code.set((event.target as HTMLInputElement).value);
  }

  protected confirm(event: Event): void {
    event.preventDefault();
    if (this.busy()) return;
    const code = this.code().replace(/\s+/g, '');
    if (!CODE_PATTERN.test(code)) {
      this.codeError.set({ key: code ? 'profile.totp.errors.codeInvalid' : 'profile.totp.errors.codeRequired' });
      this.failure.set(null);
      this.focusAfterRender(() => this.codeInput()?.nativeElement);
      return;
    }
    this.codeError.set(null);
    this.failure.set(null);
    this.busy.set(true);
    this.api
      .enableTotp({ code })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: ({ recoveryCodes }) => {
          const user = this.auth.user();
          if (user) this.auth.applyUser({ ...user, totpEnabled: true, totpEnrollmentRequired: false });
          this.acknowledged.set(false);
          this.copied.set(false);
          this.step.set({ kind: 'codes', codes: recoveryCodes });
          this.focusAfterRender(() => this.stepHeading()?.nativeElement);
        },
        error: (error: unknown) => {
          const problem = problemFrom(error);
          if (problem && (problem.status === 401 || problem.status === 400)) {
            this.codeError.set(problem.status === 401 ? { key: 'profile.totp.errors.codeWrong' } : { text: problem.errors?.[0]?.reason ?? problem.detail });
            this.focusAfterRender(() => this.codeInput()?.nativeElement);
          } else {
            this.showError(error);
          }
        },
      });
  }

  protected onAcknowledge(event: Event): void {
    this.acknowledged.set((event.target as HTMLInputElement).checked);
    if (this.acknowledged()) this.acknowledgeError.set(null);
  }

  protected finish(): void {
    if (!this.acknowledged()) {
      this.acknowledgeError.set({ key: 'profile.totp.codes.acknowledgeRequired' });
      this.focusAfterRender(() => this.document.getElementById('totp-acknowledge') ?? undefined);
      return;
    }
    this.step.set({ kind: 'status' });
    this.focusAfterRender(() => this.statusHeading()?.nativeElement);
  }

  protected copyCodes(codes: string[]): void {
    const clipboard = this.document.defaultView?.navigator.clipboard;
    clipboard?.writeText(codes.join('\n')).then(
      () => this.copied.set(true),
      () => this.copied.set(false),
    );
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (problem?.status === 409) {
      // Already on (another tab?): show the real status.
      this.auth.reloadUser().subscribe({ error: () => undefined });
      this.step.set({ kind: 'status' });
    }
    this.failure.set(problem?.detail ?? null);
    if (!problem) this.failure.set('');
    this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
