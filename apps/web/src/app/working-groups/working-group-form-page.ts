import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { InvalidParam, ProblemDetails, STALE_VERSION_PROBLEM_TYPE, WorkingGroupDetail } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subscription, finalize } from 'rxjs';
import { CanLeave } from '../auth/can-leave.guard';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { ComuneChoice } from '../admin/users/comune-chooser';
import {
  EMPTY_GROUP,
  GROUP_LIMITS,
  GROUP_FIELDS,
  GroupField,
  GroupValues,
  createRequest,
  groupChanged,
  groupErrorsFrom,
  updateRequest,
  validateGroup,
  valuesOf,
} from './working-group-form';
import { WorkingGroupMembers } from './working-group-members';
import { WorkingGroupNavigationState } from './working-group-navigation';
import { WorkingGroupsApiService } from './working-groups-api.service';

type LoadState = { status: 'ready' } | { status: 'loading' } | { status: 'error'; problem: ProblemDetails | null };

type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

/**
 * `/gruppi-di-lavoro/nuovo` and `/gruppi-di-lavoro/:id/modifica` (`working-groups:manage`):
 * name, description and member Comuni. A change sends the version it was read at; a 409 means
 * someone changed the group meanwhile, and offers to reload it. Leaving with unsaved changes asks first.
 */
@Component({
  selector: 'cp-working-group-form-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, FieldErrorMessage, WorkingGroupMembers],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './working-group-form-page.html',
  styleUrl: './working-groups.scss',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class WorkingGroupFormPage implements CanLeave {
  private readonly api = inject(WorkingGroupsApiService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);

  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  /** The id of the group to edit; none to create one. */
  protected readonly groupId = inject(ActivatedRoute).snapshot.paramMap.get('id');
  protected readonly editing = this.groupId !== null;
  protected readonly loadState = signal<LoadState>(this.editing ? { status: 'loading' } : { status: 'ready' });
  /** The group as last read (edit only). */
  protected readonly group = signal<WorkingGroupDetail | null>(null);
  private readonly initial = signal<GroupValues>(EMPTY_GROUP);

  protected readonly name = signal('');
  protected readonly description = signal('');
  protected readonly members = signal<readonly ComuneChoice[]>([]);
  protected readonly limits = GROUP_LIMITS;
  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly reloaded = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<GroupField>>({});
  protected readonly failure = signal<Failure | null>(null);

  private readonly values = computed<GroupValues>(() => ({ name: this.name(), description: this.description(), members: this.members() }));
  protected readonly dirty = computed(() => groupChanged(this.initial(), this.values()));
  /** Set once saved, so that the navigation away does not ask about unsaved changes. */
  private saved = false;
  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    if (this.groupId) this.load(this.groupId);
  }

  canLeave(): boolean {
    if (this.saved || !this.dirty()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('workingGroups.form.leaveConfirm') as string) ?? true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.saved && this.dirty()) event.preventDefault();
  }

  protected fieldError(field: GroupField): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: GroupField, hint = false): string | null {
    return describedBy(hint ? `group-${field}-hint` : null, `group-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: 'name' | 'description', event: Event): void {
    (field === 'name' ? this.name : this.description).set((event.target as HTMLInputElement | HTMLTextAreaElement).value);
    this.clearError(field);
  }

  protected onMembersChange(): void {
    this.clearError('members');
  }

  protected retryLoad(): void {
    if (this.groupId) this.load(this.groupId);
  }

  /** After a 409: read the group again; the form then shows (and edits) its current state. */
  protected reload(): void {
    if (!this.groupId || this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(this.groupId)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (group) => {
          this.apply(group);
          this.failure.set(null);
          this.fieldErrors.set({});
          this.reloaded.set(true);
          this.focusField('name');
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.reloaded.set(false);
    const values = this.values();
    const errors = validateGroup(values);
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, GROUP_FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    const group = this.group();
    if (group) {
      const request = updateRequest(group, values);
      if (!request) {
        this.showFailure({ kind: 'noChanges' });
        return;
      }
      this.send(this.api.update(group.id, request), 'updated');
    } else {
      this.send(this.api.create(createRequest(values)), 'created');
    }
  }

  private send(request: Observable<WorkingGroupDetail>, how: 'created' | 'updated'): void {
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.submitting.set(false))).subscribe({
      next: (group) => {
        this.saved = true;
        const state: WorkingGroupNavigationState = { savedGroup: how };
        void this.router.navigate(['/gruppi-di-lavoro', group.id], { state });
      },
      error: (error: unknown) => this.showError(error),
    });
  }

  private load(id: string): void {
    this.loading?.unsubscribe();
    this.loadState.set({ status: 'loading' });
    this.loading = this.api.get(id).subscribe({
      next: (group) => {
        this.apply(group);
        this.loadState.set({ status: 'ready' });
      },
      error: (error: unknown) => this.loadState.set({ status: 'error', problem: problemFrom(error) }),
    });
  }

  private apply(group: WorkingGroupDetail): void {
    const values = valuesOf(group);
    this.group.set(group);
    this.initial.set(values);
    this.name.set(values.name);
    this.description.set(values.description);
    this.members.set(values.members);
  }

  private clearError(field: GroupField): void {
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
    if (status === 409) {
      // The other conflict a group has: its name is taken.
      this.fieldErrors.set({ name: { key: 'workingGroups.form.errors.nameTaken' } });
      this.failure.set({ kind: 'problem', detail: problem.detail, others: [] });
      this.focusField('name');
      return;
    }
    const { onFields, others } = groupErrorsFrom(problem);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, GROUP_FIELDS);
    if (invalid) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private focusField(field: GroupField): void {
    this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>(`#group-${field}`) ?? undefined);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
