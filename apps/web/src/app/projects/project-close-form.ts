import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { PROJECT_LIMITS, ProjectDetail } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { ProjectSaveFailure, saveFailureFrom } from './project-form-errors';
import { ProjectsApiService } from './projects-api.service';

/** The API takes a closure's reason of 3 to 500 characters. */
export const CLOSE_REASON_MIN_LENGTH = PROJECT_LIMITS.closeReasonMinLength;
export const CLOSE_REASON_MAX_LENGTH = PROJECT_LIMITS.closeReasonMaxLength;

/**
 * Closes a project (`POST /projects/:id/close`) with the reason the user gives; the project is
 * read-only afterwards. A 409 on a stale version asks the page to load the project again.
 */
@Component({
  selector: 'cp-project-close-form',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="close-panel" aria-labelledby="close-heading">
      <h2 #heading id="close-heading" class="h4" tabindex="-1">{{ 'projects.close.heading' | translate }}</h2>
      <p class="mb-4">{{ 'projects.close.text' | translate }}</p>
      @if (failure(); as failed) {
        <div #failureAlert class="alert alert-danger" role="alert" tabindex="-1">
          @switch (failed.kind) {
            @case ('stale') {
              <p class="mb-2">{{ 'projects.close.stale' | translate }}</p>
              <button type="button" class="btn btn-outline-danger btn-sm" (click)="reloadRequested.emit()">{{ 'projects.form.stale.reload' | translate }}</button>
            }
            @case ('closed') {
              <p class="mb-0">{{ 'projects.close.alreadyClosed' | translate }}</p>
            }
            @case ('invalid') {
              <p class="mb-0">{{ failed.detail }}</p>
            }
            @case ('conflict') {
              <p class="mb-0">{{ failed.detail }}</p>
            }
            @case ('forbidden') {
              <p class="mb-0">{{ failed.detail }}</p>
            }
            @default {
              <p class="mb-0">{{ 'projects.form.errors.unreachable' | translate }}</p>
            }
          }
        </div>
      }
      <form novalidate [attr.aria-busy]="submitting()" (submit)="submit($event)">
        <div class="form-group">
          <label for="close-reason" class="active">{{ 'projects.close.reason' | translate }}</label>
          <textarea
            #reasonInput
            id="close-reason"
            class="form-control"
            rows="3"
            [attr.maxlength]="maxLength"
            [class.is-invalid]="error()"
            [attr.aria-invalid]="error() ? true : null"
            [attr.aria-describedby]="describedBy()"
            [value]="reason()"
            (input)="onInput($event)"
          ></textarea>
          <small id="close-reason-hint" class="form-text">{{ 'projects.form.noPersonalData' | translate }}</small>
          <cp-field-error errorId="close-reason-error" [error]="error()" />
        </div>
        <div class="d-flex flex-wrap gap-3">
          <button type="submit" class="btn btn-danger" [attr.aria-disabled]="submitting()">
            {{ (submitting() ? 'projects.close.closing' : 'projects.close.confirm') | translate }}
          </button>
          <button type="button" class="btn btn-outline-primary" (click)="cancelled.emit()">{{ 'projects.close.cancel' | translate }}</button>
        </div>
      </form>
    </section>
  `,
  styles: `
    .close-panel {
      max-width: 56rem;
      margin-bottom: 2rem;
      padding: 1.5rem;
      border: 1px solid #c5c7c9;
      border-top: 4px solid #d9364f;
      border-radius: 4px;
    }

    textarea {
      height: auto;
    }

    h2:focus,
    .alert:focus {
      outline: 2px solid #0066cc;
      outline-offset: 2px;
    }
  `,
})
export class ProjectCloseForm {
  private readonly api = inject(ProjectsApiService);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly reasonInput = viewChild<ElementRef<HTMLElement>>('reasonInput');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  readonly project = input.required<ProjectDetail>();
  readonly closed = output<ProjectDetail>();
  readonly cancelled = output<void>();
  readonly reloadRequested = output<void>();

  protected readonly maxLength = CLOSE_REASON_MAX_LENGTH;
  protected readonly reason = signal('');
  protected readonly error = signal<FieldError | null>(null);
  /** Cleared when the page loads a fresher version of the project (after a 409). */
  protected readonly failure = linkedSignal<number, ProjectSaveFailure | null>({ source: () => this.project().version, computation: () => null });
  protected readonly submitting = signal(false);

  constructor() {
    afterNextRender(() => this.heading()?.nativeElement.focus());
  }

  protected describedBy(): string | null {
    return describedBy('close-reason-hint', 'close-reason-error', Boolean(this.error()));
  }

  protected onInput(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
    this.error.set(null);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    const reason = this.reason().trim();
    if (reason.length < CLOSE_REASON_MIN_LENGTH || reason.length > CLOSE_REASON_MAX_LENGTH) {
      this.error.set({ key: !reason ? 'projects.close.reasonRequired' : reason.length < CLOSE_REASON_MIN_LENGTH ? 'projects.form.errors.tooShort' : 'projects.form.errors.tooLong' });
      this.focusAfterRender(() => this.reasonInput());
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    this.api
      .close(this.project().id, { version: this.project().version, reason })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (project) => this.closed.emit(project),
        error: (error: unknown) => {
          const problem = problemFrom(error);
          const status = error instanceof HttpErrorResponse ? error.status : 0;
          const failure = saveFailureFrom(status, problem);
          const onReason = problem?.errors?.find((invalid) => invalid.name === 'reason');
          if (onReason) {
            this.error.set({ text: onReason.reason });
            this.focusAfterRender(() => this.reasonInput());
            return;
          }
          this.failure.set(failure);
          this.focusAfterRender(() => this.failureAlert());
        },
      });
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
