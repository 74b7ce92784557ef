import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { ComuneDetail, InvalidParam } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable, finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, fieldErrorsFrom, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import {
  PROFILE_FIELDS,
  PROFILE_MAX_LENGTHS,
  ProfileField,
  ProfileFormValue,
  profileChanges,
  profileFormFrom,
  validateProfile,
} from './my-comune-profile-model';
import { MyComuneApiService } from './my-comune-api.service';

type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

/** One input of the form: its field, translation key, input type and whether it has a hint. */
interface ProfileInput {
  field: ProfileField;
  type: 'text' | 'email' | 'tel';
  autocomplete: string;
  hint: boolean;
}

/**
 * The SAI profile of a Comune (office, e-mail, PEC, phone, designated coordination referent,
 * notes), sent as the changed fields with the version read; a 409 offers to load the saved one.
 */
@Component({
  selector: 'cp-my-comune-profile-form',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-comune-profile-form.html',
})
export class MyComuneProfileForm {
  private readonly api = inject(MyComuneApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  readonly comune = input.required<ComuneDetail>();
  /** The Comune as the API answered a save or a reload. */
  readonly changed = output<ComuneDetail>();

  protected readonly inputs: readonly ProfileInput[] = [
    { field: 'saiOffice', type: 'text', autocomplete: 'organization', hint: true },
    { field: 'email', type: 'email', autocomplete: 'off', hint: false },
    { field: 'pec', type: 'email', autocomplete: 'off', hint: true },
    { field: 'phone', type: 'tel', autocomplete: 'off', hint: false },
    { field: 'coordinationReferent', type: 'text', autocomplete: 'off', hint: true },
  ];
  protected readonly maxLengths = PROFILE_MAX_LENGTHS;
  protected readonly profile = computed(() => this.comune().profile);
  protected readonly showNotes = computed(() => this.profile().notes !== undefined);
  protected readonly value = linkedSignal<ProfileFormValue>(() => profileFormFrom(this.profile()));
  protected readonly errors = signal<FieldErrors<ProfileField>>({});
  protected readonly failure = signal<Failure | null>(null);
  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly notice = signal<'saved' | 'reloaded' | null>(null);

  /** Whether the form holds changes not saved. */
  isDirty(): boolean {
    return profileChanges(this.value(), this.profile()) !== null;
  }

  protected error(field: ProfileField): FieldError | undefined {
    return this.errors()[field];
  }

  protected describedBy(field: ProfileField, hint: boolean): string | null {
    return describedBy(hint ? `profile-${field}-hint` : null, `profile-${field}-error`, Boolean(this.error(field)));
  }

  protected onInput(field: ProfileField, event: Event): void {
    const text = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.value.update((value) => ({ ...value, [field]: text }));
    this.notice.set(null);
    if (this.errors()[field]) this.errors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.notice.set(null);
    const errors = validateProfile(this.value());
    this.errors.set(errors);
    const invalid = firstInvalid(errors, PROFILE_FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    const request = profileChanges(this.value(), this.profile());
    if (!request) {
      this.showFailure({ kind: 'noChanges' });
      return;
    }
    this.run(this.api.updateProfile(this.comune().id, request), 'saved');
  }

  /** After a 409: load the saved profile; the form then shows it. */
  protected reload(): void {
    if (this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(this.comune().id)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (fresh) => {
          this.failure.set(null);
          this.errors.set({});
          this.changed.emit(fresh);
          this.notice.set('reloaded');
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  private run(request: Observable<ComuneDetail>, notice: 'saved'): void {
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.submitting.set(false))).subscribe({
      next: (saved) => {
        this.changed.emit(saved);
        this.notice.set(notice);
      },
      error: (error: unknown) => this.showError(error),
    });
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (!problem) {
      this.showFailure({ kind: 'unreachable' });
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : problem.status;
    if (status === 409) {
      this.showFailure({ kind: 'stale' });
      return;
    }
    const { onFields, others } = fieldErrorsFrom(problem, PROFILE_FIELDS);
    this.errors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, PROFILE_FIELDS);
    if (invalid) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private showFailure(failure: Failure): void {
    this.errors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private focusField(field: ProfileField): void {
    this.focusAfterRender(() => this.host.nativeElement.querySelector<HTMLElement>(`#profile-${field}`) ?? undefined);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
