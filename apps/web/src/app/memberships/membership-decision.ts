import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { InvalidParam, MembershipDecision, MembershipDetail } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, fieldErrorsFrom } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { MEMBERSHIP_LIMITS, decisionsFor, reasonRequired } from './membership-view';
import { MembershipsApiService } from './memberships-api.service';

type Failure = { kind: 'problem'; detail: string; others: InvalidParam[] } | { kind: 'unreachable' };

/**
 * The secretariat's decision on a membership: one button per step the current status allows
 * (`decisionsFrom()`), then the reason — required where `MEMBERSHIP_TRANSITIONS` says so — and a
 * confirmation. A 409 means someone decided meanwhile: the parent reloads and says so.
 */
@Component({
  selector: 'cp-membership-decision',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './membership-decision.html',
  styleUrl: './memberships.scss',
})
export class MembershipDecisionPanel {
  private readonly api = inject(MembershipsApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly membership = input.required<MembershipDetail>();
  readonly decided = output<{ decision: MembershipDecision; membership: MembershipDetail }>();
  /** The API refused the step because the status changed meanwhile (its message). */
  readonly outdated = output<string>();

  private readonly reasonInput = viewChild<ElementRef<HTMLTextAreaElement>>('reasonInput');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  protected readonly decisions = computed(() => decisionsFor(this.membership()));
  protected readonly reasonMaxLength = MEMBERSHIP_LIMITS.reason;
  protected readonly chosen = signal<MembershipDecision | null>(null);
  protected readonly required = computed(() => {
    const decision = this.chosen();
    return decision !== null && reasonRequired(decision);
  });
  protected readonly reason = signal('');
  protected readonly reasonError = signal<FieldError | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly submitting = signal(false);
  protected readonly describedBy = computed(() => describedBy('decision-reason-hint', 'decision-reason-error', this.reasonError() !== null));

  protected choose(decision: MembershipDecision): void {
    this.chosen.set(decision);
    this.reason.set('');
    this.reasonError.set(null);
    this.failure.set(null);
    this.focusAfterRender(() => this.reasonInput()?.nativeElement);
  }

  protected cancel(): void {
    const decision = this.chosen();
    // Back to the button that opened the form, rather than losing the focus with the form.
    if (decision) this.focusAfterRender(() => this.host.nativeElement.querySelector<HTMLElement>(`#decision-${decision}`) ?? undefined);
    this.chosen.set(null);
    this.reasonError.set(null);
    this.failure.set(null);
  }

  protected onReasonInput(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
    if (this.reasonError()) this.reasonError.set(null);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const decision = this.chosen();
    if (!decision || this.submitting()) return;
    const reason = this.reason().trim();
    if (this.required() && !reason) {
      this.reasonError.set({ key: 'memberships.decision.errors.reasonRequired' });
      this.failure.set(null);
      this.focusAfterRender(() => this.reasonInput()?.nativeElement);
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    this.api
      .decide(this.membership().id, decision, { reason: reason || null })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (membership) => {
          this.chosen.set(null);
          this.decided.emit({ decision, membership });
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (!problem) {
      this.failure.set({ kind: 'unreachable' });
      this.focusAfterRender(() => this.failureAlert()?.nativeElement);
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : problem.status;
    if (status === 409) {
      this.chosen.set(null);
      this.outdated.emit(problem.detail);
      return;
    }
    const { onFields, others } = fieldErrorsFrom(problem, ['reason'] as const);
    this.reasonError.set(onFields.reason ?? null);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    this.focusAfterRender(() => (onFields.reason ? this.reasonInput()?.nativeElement : this.failureAlert()?.nativeElement));
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
