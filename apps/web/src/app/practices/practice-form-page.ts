import { Location } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { InvalidParam, PRACTICE_KINDS, PRACTICE_LIMITS, Practice, PracticeKind, ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subscription, catchError, finalize, map, of } from 'rxjs';
import { ComuneChoice, ComuneChooser } from '../admin/users/comune-chooser';
import { AuthService } from '../auth/auth.service';
import { CanLeave } from '../auth/can-leave.guard';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { PracticeNavigationState, canEditPractice, choosesComune, savedPracticeFrom } from './practice-access';
import { PracticeDocumentPanel } from './practice-document-panel';
import {
  EMPTY_PRACTICE,
  PRACTICE_FIELDS,
  PracticeField,
  PracticeValues,
  SharedBy,
  createRequest,
  practiceChanged,
  practiceErrorsFrom,
  updateRequest,
  validatePractice,
  valuesOf,
} from './practice-form-model';
import { isPracticeKind } from './practices-query';
import { PracticesApiService } from './practices-api.service';
import { TagInput } from './tag-input';

type LoadState =
  | { status: 'ready' }
  | { status: 'loading' }
  | { status: 'readOnly' }
  | { status: 'error'; problem: ProblemDetails | null; notFound: boolean };

type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'forbidden' }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

/**
 * `/buone-pratiche/nuova` and `/buone-pratiche/:id/modifica`: title, summary, kind, tags, link
 * and — for the secretariat sharing a new one — the Comune it is shared for, or the coordination.
 * A new practice is saved first; its file is attached after, on the edit page it opens (with the
 * upload's progress). A change sends the version it was read at: a 409 offers to reload the
 * saved version. Leaving with unsaved changes asks first.
 */
@Component({
  selector: 'cp-practice-form-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, FieldErrorMessage, ComuneChooser, TagInput, PracticeDocumentPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './practice-form-page.html',
  styleUrl: './practices.scss',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class PracticeFormPage implements CanLeave {
  private readonly api = inject(PracticesApiService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);

  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  /** The id of the practice to edit; none to share a new one. */
  protected readonly practiceId = inject(ActivatedRoute).snapshot.paramMap.get('id');
  protected readonly editing = this.practiceId !== null;
  protected readonly created = signal(savedPracticeFrom(inject(Location).getState()) === 'created');
  protected readonly loadState = signal<LoadState>(this.editing ? { status: 'loading' } : { status: 'ready' });
  protected readonly loadFailure = computed(() => {
    const state = this.loadState();
    return state.status === 'error' ? state : null;
  });
  /** The practice as last read or saved (edit only). */
  protected readonly practice = signal<Practice | null>(null);
  private readonly initial = signal<PracticeValues>(EMPTY_PRACTICE);

  protected readonly kinds = PRACTICE_KINDS;
  protected readonly limits = PRACTICE_LIMITS;
  /** The secretariat chooses who shares a new practice; a referent shares for their own Comune. */
  protected readonly chooseComune = !this.editing && choosesComune(this.auth.user());
  protected readonly ownComune = this.auth.user()?.comuneName ?? null;

  protected readonly title = signal('');
  protected readonly summary = signal('');
  protected readonly kind = signal<PracticeKind | ''>('');
  protected readonly tags = signal<readonly string[]>([]);
  protected readonly link = signal('');
  protected readonly sharedBy = signal<SharedBy>('COORDINATION');
  protected readonly comune = signal<ComuneChoice | null>(null);

  protected readonly knownTags = toSignal(
    this.api.tags().pipe(
      map((tags) => tags.map((t) => t.tag)),
      catchError(() => of<string[]>([])),
    ),
    { initialValue: [] as string[] },
  );

  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly reloaded = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<PracticeField>>({});
  protected readonly failure = signal<Failure | null>(null);

  private readonly values = computed<PracticeValues>(() => ({
    title: this.title(),
    summary: this.summary(),
    kind: this.kind(),
    tags: this.tags(),
    link: this.link(),
    sharedBy: this.sharedBy(),
    comune: this.comune(),
  }));
  protected readonly dirty = computed(() => practiceChanged(this.initial(), this.values()));
  protected readonly summaryLength = computed(() => this.summary().trim().length);

  /** Set once saved, so that the navigation away does not ask about unsaved changes. */
  private saved = false;
  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    if (this.practiceId) this.load(this.practiceId);
  }

  canLeave(): boolean {
    if (this.saved || !this.dirty() || !this.auth.signedIn()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('practices.form.leaveConfirm') as string) ?? true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.saved && this.dirty()) event.preventDefault();
  }

  protected fieldError(field: PracticeField): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: PracticeField, hint = false): string | null {
    return describedBy(hint ? `practice-${field}-hint` : null, `practice-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: 'title' | 'summary' | 'link', event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    ({ title: this.title, summary: this.summary, link: this.link })[field].set(value);
    this.clearError(field);
  }

  protected onKind(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.kind.set(isPracticeKind(value) ? value : '');
    this.clearError('kind');
  }

  protected onTagsChange(): void {
    this.clearError('tags');
  }

  protected onSharedBy(value: SharedBy): void {
    this.sharedBy.set(value);
    this.clearError('comune');
  }

  protected onComune(choice: ComuneChoice | null): void {
    this.comune.set(choice);
    if (choice) this.clearError('comune');
  }

  /** The file panel answered the practice anew: keep the form's edits, take the new version. */
  protected onDocumentChanged(practice: Practice): void {
    this.practice.set(practice);
  }

  protected retryLoad(): void {
    if (this.practiceId) this.load(this.practiceId);
  }

  /** After a 409: read the practice again; the form then shows (and edits) its current state. */
  protected reload(): void {
    if (!this.practiceId || this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(this.practiceId)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (practice) => {
          this.apply(practice);
          this.failure.set(null);
          this.fieldErrors.set({});
          this.reloaded.set(true);
          this.focusField('title');
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.reloaded.set(false);
    this.created.set(false);
    const values = this.values();
    const errors = validatePractice(values, this.chooseComune);
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, PRACTICE_FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    const practice = this.practice();
    if (practice) {
      const request = updateRequest(practice, values);
      if (!request) {
        this.showFailure({ kind: 'noChanges' });
        return;
      }
      this.send(this.api.update(practice.id, request), 'updated');
    } else {
      this.send(this.api.create(createRequest(values, this.chooseComune)), 'created');
    }
  }

  private send(request: Observable<Practice>, how: 'created' | 'updated'): void {
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.submitting.set(false))).subscribe({
      next: (practice) => {
        this.saved = true;
        const state: PracticeNavigationState = { savedPractice: how };
        // A new practice opens its edit page, where the file goes; a change, the practice itself.
        if (how === 'created') void this.router.navigate(['/buone-pratiche', practice.id, 'modifica'], { state, replaceUrl: true });
        else void this.router.navigate(['/buone-pratiche', practice.id], { state });
      },
      error: (error: unknown) => this.showError(error),
    });
  }

  private load(id: string): void {
    this.loading?.unsubscribe();
    this.loadState.set({ status: 'loading' });
    this.loading = this.api.get(id).subscribe({
      next: (practice) => {
        this.apply(practice);
        this.loadState.set(canEditPractice(this.auth.user(), practice) ? { status: 'ready' } : { status: 'readOnly' });
      },
      error: (error: unknown) => {
        const problem = problemFrom(error);
        const status = error instanceof HttpErrorResponse ? error.status : (problem?.status ?? 0);
        this.loadState.set({ status: 'error', problem, notFound: status === 404 || status === 400 });
      },
    });
  }

  private apply(practice: Practice): void {
    const values = valuesOf(practice);
    this.practice.set(practice);
    this.initial.set(values);
    this.title.set(values.title);
    this.summary.set(values.summary);
    this.kind.set(values.kind);
    this.tags.set(values.tags);
    this.link.set(values.link);
    this.sharedBy.set(values.sharedBy);
    this.comune.set(values.comune);
  }

  private clearError(field: PracticeField): void {
    if (this.fieldErrors()[field]) this.fieldErrors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (!problem) {
      this.showFailure({ kind: 'unreachable' });
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : problem.status;
    if (status === 409 && this.editing && (problem.type === STALE_VERSION_PROBLEM_TYPE || problem.currentVersion !== undefined)) {
      this.showFailure({ kind: 'stale' });
      return;
    }
    if (status === 403) {
      this.showFailure({ kind: 'forbidden' });
      return;
    }
    const { onFields, others } = practiceErrorsFrom(problem);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, PRACTICE_FIELDS);
    if (invalid) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private focusField(field: PracticeField): void {
    this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>(`#practice-${field}`) ?? undefined);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
