import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  InvalidParam,
  MEETING_LIMITS,
  MEETING_MODES,
  MeetingDetail,
  MeetingMode,
  ProblemDetails,
  WorkingGroup,
  MEETING_NOT_EDITABLE_PROBLEM_TYPE,
} from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subscription, catchError, finalize, map, of } from 'rxjs';
import { CanLeave } from '../auth/can-leave.guard';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { WorkingGroupsApiService } from '../working-groups/working-groups-api.service';
import {
  EMPTY_MEETING,
  MEETING_FIELDS,
  MeetingField,
  MeetingValues,
  createRequest,
  meetingChanged,
  meetingErrorsFrom,
  needsLink,
  needsPlace,
  updateRequest,
  validateMeeting,
  valuesOf,
} from './meeting-form';
import { MeetingsApiService } from './meetings-api.service';

type LoadState = { status: 'ready' } | { status: 'loading' } | { status: 'error'; problem: ProblemDetails | null };

type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'notEditable'; detail: string }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

/** What the meeting page shows after a save. */
export interface MeetingNavigationState {
  savedMeeting?: 'created' | 'updated';
}

type TextField = Exclude<MeetingField, 'mode'>;

/**
 * `/incontri/nuovo` and `/incontri/:id/modifica` (`meetings:manage`): title, description, when
 * (a date with start and end time, typed in Italian time), mode with place and/or link, seat
 * limit and working group. A change sends the version it was read at; 409 offers a reload.
 */
@Component({
  selector: 'cp-meeting-form-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-form-page.html',
  styleUrl: './meetings.scss',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class MeetingFormPage implements CanLeave {
  private readonly api = inject(MeetingsApiService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);

  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  protected readonly meetingId = inject(ActivatedRoute).snapshot.paramMap.get('id');
  protected readonly editing = this.meetingId !== null;
  protected readonly loadState = signal<LoadState>(this.editing ? { status: 'loading' } : { status: 'ready' });
  protected readonly meeting = signal<MeetingDetail | null>(null);
  private readonly initial = signal<MeetingValues>(EMPTY_MEETING);
  protected readonly values = signal<MeetingValues>(EMPTY_MEETING);
  protected readonly modes = MEETING_MODES;
  protected readonly limits = MEETING_LIMITS;
  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly reloaded = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<MeetingField>>({});
  protected readonly failure = signal<Failure | null>(null);

  /** The working groups to choose from (up to a hundred: the coordination has a handful). */
  protected readonly groups = toSignal(
    inject(WorkingGroupsApiService)
      .list({ page: 1, pageSize: 100 })
      .pipe(
        map((page): WorkingGroup[] | null => page.items),
        catchError(() => of(null)),
      ),
    { initialValue: [] as WorkingGroup[] | null },
  );

  protected readonly dirty = computed(() => meetingChanged(this.initial(), this.values()));
  protected readonly showPlace = computed(() => needsPlace(this.values().mode));
  protected readonly showLink = computed(() => needsLink(this.values().mode));
  private saved = false;
  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    if (this.meetingId) this.load(this.meetingId);
  }

  canLeave(): boolean {
    if (this.saved || !this.dirty()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('meetings.form.leaveConfirm') as string) ?? true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.saved && this.dirty()) event.preventDefault();
  }

  protected fieldError(field: MeetingField): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: MeetingField, hint = false): string | null {
    return describedBy(hint ? `meeting-${field}-hint` : null, `meeting-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: TextField, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
    this.values.update((values) => ({ ...values, [field]: value }));
    this.clearError(field);
    // The end is checked against the start: a new start may settle the end's error too.
    if (field === 'startTime' || field === 'date') this.clearError('endTime');
  }

  protected onModeChange(mode: MeetingMode): void {
    this.values.update((values) => ({ ...values, mode }));
    this.clearError('mode');
    this.clearError('place');
    this.clearError('onlineUrl');
  }

  protected retryLoad(): void {
    if (this.meetingId) this.load(this.meetingId);
  }

  /** After a 409: read the meeting again; the form then shows (and edits) its current state. */
  protected reload(): void {
    if (!this.meetingId || this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(this.meetingId)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (meeting) => {
          this.apply(meeting);
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
    const values = this.values();
    const errors = validateMeeting(values);
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, MEETING_FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    const meeting = this.meeting();
    if (meeting) {
      const request = updateRequest(meeting, values);
      if (!request) {
        this.showFailure({ kind: 'noChanges' });
        return;
      }
      this.send(this.api.update(meeting.id, request), 'updated');
    } else {
      this.send(this.api.create(createRequest(values)), 'created');
    }
  }

  private send(request: Observable<MeetingDetail>, how: 'created' | 'updated'): void {
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.submitting.set(false))).subscribe({
      next: (meeting) => {
        this.saved = true;
        const state: MeetingNavigationState = { savedMeeting: how };
        void this.router.navigate(['/incontri', meeting.id], { state });
      },
      error: (error: unknown) => this.showError(error),
    });
  }

  private load(id: string): void {
    this.loading?.unsubscribe();
    this.loadState.set({ status: 'loading' });
    this.loading = this.api.get(id).subscribe({
      next: (meeting) => {
        this.apply(meeting);
        this.loadState.set({ status: 'ready' });
      },
      error: (error: unknown) => this.loadState.set({ status: 'error', problem: problemFrom(error) }),
    });
  }

  private apply(meeting: MeetingDetail): void {
    const values = valuesOf(meeting);
    this.meeting.set(meeting);
    this.initial.set(values);
    this.values.set(values);
  }

  private clearError(field: MeetingField): void {
    if (this.fieldErrors()[field]) this.fieldErrors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (!problem) {
      this.showFailure({ kind: 'unreachable' });
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : problem.status;
    if (status === 409 && problem.type === MEETING_NOT_EDITABLE_PROBLEM_TYPE) {
      this.showFailure({ kind: 'notEditable', detail: problem.detail });
      return;
    }
    if (status === 409) {
      this.showFailure({ kind: 'stale' });
      return;
    }
    const { onFields, others } = meetingErrorsFrom(problem);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, MEETING_FIELDS);
    if (invalid) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private focusField(field: MeetingField): void {
    this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>(`#meeting-${field}`) ?? undefined);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
