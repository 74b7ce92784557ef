import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { ComuneDetail, InvalidParam, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, fieldErrorsFrom, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { ComuniApiService } from './comuni-api.service';
import {
  PROFILE_FIELDS,
  ProfileField,
  ProfileValues,
  canSeeNotes,
  profileChanges,
  profileMaxLength,
  profileValuesFrom,
  validateProfile,
} from './comune-profile';

/** What went wrong with the last attempt, shown above the form. */
type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

/** The fields as the template lays them out: input type, autocomplete, and whether a hint goes with it. */
interface FieldLayout {
  name: ProfileField;
  type: 'text' | 'email' | 'tel' | 'textarea';
  autocomplete: string;
  hint?: string;
}

const LAYOUT: readonly FieldLayout[] = [
  { name: 'saiOffice', type: 'text', autocomplete: 'organization', hint: 'comune.form.hints.saiOffice' },
  { name: 'email', type: 'email', autocomplete: 'email' },
  { name: 'pec', type: 'email', autocomplete: 'off', hint: 'comune.form.hints.pec' },
  { name: 'phone', type: 'tel', autocomplete: 'tel' },
  { name: 'coordinationReferent', type: 'text', autocomplete: 'off', hint: 'comune.form.hints.coordinationReferent' },
  { name: 'notes', type: 'textarea', autocomplete: 'off', hint: 'comune.form.hints.notes' },
];

/**
 * The SAI profile of a Comune (office, e-mail, PEC, phone, coordination referent, and the notes
 * when the reader may see them), saved with the version it was read at. The API's refusals land
 * on the fields they name; a 409 means someone saved the profile meanwhile, and offers a reload.
 * Used on a Comune's page (opened by "Edit", closed by Cancel or a save) and on Il mio Comune
 * (`embedded`: always open).
 */
@Component({
  selector: 'cp-comune-profile-form',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './comune-profile-form.html',
  styleUrl: './comune-profile-form.scss',
})
export class ComuneProfileForm {
  private readonly api = inject(ComuniApiService);
  private readonly injector = inject(Injector);

  readonly comune = input.required<ComuneDetail>();
  /**
   * The form is part of the page from the start rather than opened by an Edit button: there is
   * nothing to cancel, taking the focus on load would skip the reader past the page's start, and
   * the page's section heading already names it (no panel, no heading of its own).
   */
  readonly embedded = input(false);
  readonly saved = output<ComuneDetail>();
  /** A fresher copy of the Comune, read after a conflict: the page shows it too. */
  readonly reloadedComune = output<ComuneDetail>();
  readonly cancelled = output<void>();

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');
  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');

  /** The Comune as last read (the given one, or a fresher copy after a reload). */
  protected readonly current = linkedSignal(() => this.comune());
  protected readonly values = linkedSignal<ProfileValues>(() => profileValuesFrom(this.current().profile));
  protected readonly withNotes = computed(() => canSeeNotes(this.current().profile));
  protected readonly fields = computed(() => LAYOUT.filter((field) => field.name !== 'notes' || this.withNotes()));

  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly reloaded = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<ProfileField>>({});
  protected readonly failure = signal<Failure | null>(null);

  /** Whether leaving would lose typed changes. */
  readonly dirty = computed(() => profileChanges(this.current().profile, this.values()) !== null);

  constructor() {
    // Only a form opened by the user takes the focus (embedded, there is no heading to take it).
    afterNextRender(() => this.heading()?.nativeElement.focus());
  }

  protected fieldError(field: ProfileField): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected maxLength(field: ProfileField): number {
    return profileMaxLength(field);
  }

  protected describedBy(field: FieldLayout): string | null {
    return describedBy(field.hint ? `comune-${field.name}-hint` : null, `comune-${field.name}-error`, Boolean(this.fieldError(field.name)));
  }

  protected onInput(field: ProfileField, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.values.update((values) => ({ ...values, [field]: value }));
    if (this.fieldErrors()[field]) this.fieldErrors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  protected cancel(): void {
    this.cancelled.emit();
  }

  /** After a 409: read the Comune again; the form then shows (and edits) the saved profile. */
  protected reload(): void {
    if (this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(this.current().id)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (fresh) => {
          this.current.set(fresh);
          this.failure.set(null);
          this.fieldErrors.set({});
          this.reloaded.set(true);
          this.reloadedComune.emit(fresh);
          this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>('input, textarea') ?? undefined);
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.reloaded.set(false);

    const errors = validateProfile(this.values(), this.withNotes());
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, PROFILE_FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    const comune = this.current();
    const request = profileChanges(comune.profile, this.values());
    if (!request) {
      this.showFailure({ kind: 'noChanges' });
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    this.api
      .updateProfile(comune.id, request)
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (updated) => {
          this.current.set(updated);
          this.saved.emit(updated);
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
    if (status === 409 || problem.type === STALE_VERSION_PROBLEM_TYPE) {
      this.showFailure({ kind: 'stale' });
      return;
    }
    const { onFields, others } = fieldErrorsFrom(problem, PROFILE_FIELDS);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, PROFILE_FIELDS);
    if (invalid && (invalid !== 'notes' || this.withNotes())) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert());
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert());
  }

  private focusField(field: ProfileField): void {
    this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>(`#comune-${field}`) ?? undefined);
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | HTMLElement | undefined): void {
    afterNextRender(
      () => {
        const found = target();
        (found instanceof ElementRef ? found.nativeElement : found)?.focus();
      },
      { injector: this.injector },
    );
  }
}
