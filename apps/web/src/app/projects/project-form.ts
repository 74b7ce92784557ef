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
import { RouterLink } from '@angular/router';
import {
  ENTE_ROLES,
  EnteRole,
  OPEN_PROJECT_STATUSES,
  OpenProjectStatus,
  PROJECT_CATEGORIES,
  PROJECT_LIMITS,
  ProjectCategory,
  ProjectDetail,
  SAI_SERVICES,
  SaiService,
  normalizeTaxCode,
} from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { Observable, finalize } from 'rxjs';
import { ComuneChooser } from '../admin/users/comune-chooser';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { EnteGestoreAdder } from './ente-gestore-adder';
import { ProjectSaveFailure, firstInvalidField, projectErrorsFrom, saveFailureFrom } from './project-form-errors';
import {
  ComuneRef,
  EnteRow,
  MAILBOX_MAX_LENGTH,
  ProjectFieldErrors,
  ProjectFormValue,
  createProjectRequest,
  emptyProjectForm,
  fieldId,
  formSnapshot,
  projectFormFrom,
  rowKey,
  updateProjectRequest,
  validateProjectForm,
} from './project-form-model';
import { ProjectsApiService } from './projects-api.service';

type TextField = 'code' | 'title' | 'posti' | 'startDate' | 'endDate' | 'responsibleOfficer' | 'mailbox';

function isCategory(value: string): value is ProjectCategory {
  return (PROJECT_CATEGORIES as readonly string[]).includes(value);
}

function isStatus(value: string): value is OpenProjectStatus {
  return (OPEN_PROJECT_STATUSES as readonly string[]).includes(value);
}

function isRole(value: string): value is EnteRole {
  return (ENTE_ROLES as readonly string[]).includes(value);
}

/**
 * The one form of a SAI project, to create one (for the given or chosen titolare Comune) or to
 * change one (sending the fields that changed and the version read). It checks what the API
 * checks; the API's refusals land on the fields they name, down to a row of a list; a 409 on a
 * stale version offers to load the saved version instead.
 */
@Component({
  selector: 'cp-project-form',
  imports: [TranslatePipe, RouterLink, ItIconComponent, FieldErrorMessage, ComuneChooser, EnteGestoreAdder],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './project-form.html',
  styleUrl: './project-form.scss',
})
export class ProjectForm {
  private readonly api = inject(ProjectsApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  /** The project to change; none to create one. */
  readonly project = input<ProjectDetail | null>(null);
  /** The titolare of a new project, when it is given (a referent's own Comune, or preselected). */
  readonly titolare = input<ComuneRef | null>(null);
  /** Whether the user picks the titolare of a new project (the secretariat). */
  readonly chooseTitolare = input(false);
  readonly saved = output<ProjectDetail>();
  readonly cancelled = output<void>();

  protected readonly categories = PROJECT_CATEGORIES;
  protected readonly statuses = OPEN_PROJECT_STATUSES;
  protected readonly services = SAI_SERVICES;
  protected readonly roles = ENTE_ROLES;
  protected readonly limits = PROJECT_LIMITS;
  protected readonly mailboxMax = MAILBOX_MAX_LENGTH;

  /** The project as last read (the given one, or a fresher copy after a reload). */
  protected readonly current = linkedSignal(() => this.project());
  protected readonly editing = computed(() => this.current() !== null);
  protected readonly value = linkedSignal<ProjectFormValue>(() => {
    const project = this.current();
    return project ? projectFormFrom(project) : emptyProjectForm();
  });
  private readonly baseline = computed(() => {
    const project = this.current();
    return formSnapshot(project ? projectFormFrom(project) : emptyProjectForm());
  });
  protected readonly titolareChoice = linkedSignal<ComuneRef | null>(() => this.titolare());
  protected readonly titolareId = computed(() => this.current()?.titolareComuneId ?? this.titolareChoice()?.id ?? null);
  protected readonly titolareName = computed(() => this.current()?.titolareComuneName ?? this.titolare()?.name ?? '');
  /** Bumped to give the "add an associated Comune" chooser a fresh, empty instance. */
  protected readonly associatedPicker = signal(0);
  protected readonly takenTaxCodes = computed(() => this.value().entiGestori.map((row) => normalizeTaxCode(row.taxCode)));

  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly reloaded = signal(false);
  protected readonly errors = signal<ProjectFieldErrors>({});
  protected readonly failure = signal<ProjectSaveFailure | null>(null);
  private done = false;

  /** Whether the form holds something not saved (the page asks before leaving). */
  isDirty(): boolean {
    if (this.done) return false;
    const titolareChanged = !this.editing() && this.chooseTitolare() && this.titolareChoice()?.id !== this.titolare()?.id;
    return titolareChanged || formSnapshot(this.value()) !== this.baseline();
  }

  protected id(name: string): string {
    return fieldId(name);
  }

  protected error(name: string): FieldError | undefined {
    return this.errors()[name];
  }

  protected describedBy(name: string, hint = false): string | null {
    const id = fieldId(name);
    return describedBy(hint ? `${id}-hint` : null, `${id}-error`, Boolean(this.error(name)));
  }

  /** A field's message goes once the user changes it (the next submit checks again). */
  private clearError(...names: string[]): void {
    const errors = this.errors();
    if (!names.some((name) => errors[name])) return;
    const next = { ...errors };
    for (const name of names) delete next[name];
    this.errors.set(next);
  }

  /** Adding or removing a row renumbers the list: its old messages no longer point anywhere. */
  private clearListErrors(list: string): void {
    const next: ProjectFieldErrors = {};
    for (const [name, error] of Object.entries(this.errors())) {
      if (name !== list && !name.startsWith(`${list}.`)) next[name] = error;
    }
    this.errors.set(next);
  }

  private patch(change: Partial<ProjectFormValue>): void {
    this.value.update((value) => ({ ...value, ...change }));
  }

  protected onText(field: TextField, event: Event): void {
    this.patch({ [field]: (event.target as HTMLInputElement).value });
    this.clearError(field);
  }

  protected onCategoryChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.patch({ category: isCategory(value) ? value : '' });
    this.clearError('category');
  }

  protected onStatusChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isStatus(value)) this.patch({ status: value });
    this.clearError('status');
  }

  protected onTitolareChange(): void {
    this.clearError('titolareComuneId');
  }

  protected hasService(service: SaiService): boolean {
    return this.value().services.includes(service);
  }

  protected onServiceToggle(service: SaiService, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    const services = this.value().services.filter((s) => s !== service);
    this.patch({ services: checked ? SAI_SERVICES.filter((s) => s === service || services.includes(s)) : services });
    this.clearListErrors('services');
  }

  // Ampliamenti

  protected addExpansion(): void {
    this.patch({ expansions: [...this.value().expansions, { key: rowKey(), posti: '', effectiveFrom: '', actReference: '' }] });
    this.clearListErrors('expansions');
    this.focusById(fieldId(`expansions.${this.value().expansions.length - 1}.posti`));
  }

  protected onExpansion(index: number, part: 'posti' | 'effectiveFrom' | 'actReference', event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.patch({ expansions: this.value().expansions.map((row, i) => (i === index ? { ...row, [part]: text } : row)) });
    this.clearError(`expansions.${index}.${part}`);
  }

  protected removeExpansion(index: number): void {
    this.patch({ expansions: this.value().expansions.filter((_, i) => i !== index) });
    this.clearListErrors('expansions');
    this.focusById('project-add-expansion');
  }

  // Proroghe

  protected addExtension(): void {
    this.patch({ extensions: [...this.value().extensions, { key: rowKey(), until: '', actReference: '' }] });
    this.clearListErrors('extensions');
    this.focusById(fieldId(`extensions.${this.value().extensions.length - 1}.until`));
  }

  protected onExtension(index: number, part: 'until' | 'actReference', event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.patch({ extensions: this.value().extensions.map((row, i) => (i === index ? { ...row, [part]: text } : row)) });
    this.clearError(`extensions.${index}.${part}`);
  }

  protected removeExtension(index: number): void {
    this.patch({ extensions: this.value().extensions.filter((_, i) => i !== index) });
    this.clearListErrors('extensions');
    this.focusById('project-add-extension');
  }

  // Comuni associati

  protected onAssociatedPicked(comune: ComuneRef | null): void {
    if (!comune) return;
    if (!this.value().associatedComuni.some((c) => c.id === comune.id)) {
      this.patch({ associatedComuni: [...this.value().associatedComuni, { id: comune.id, name: comune.name }] });
      this.clearListErrors('associatedComuneIds');
    }
    // A fresh chooser, empty, keeps the focus for the next one.
    this.associatedPicker.update((n) => n + 1);
    this.focusById('project-associatedComuneIds');
  }

  protected removeAssociated(index: number): void {
    this.patch({ associatedComuni: this.value().associatedComuni.filter((_, i) => i !== index) });
    this.clearListErrors('associatedComuneIds');
    this.focusById('project-associatedComuneIds');
  }

  // Enti gestori

  protected onEnteAdded(row: EnteRow): void {
    this.patch({ entiGestori: [...this.value().entiGestori, row] });
    this.clearListErrors('entiGestori');
  }

  protected onEnteRole(index: number, event: Event): void {
    const role = (event.target as HTMLSelectElement).value;
    if (!isRole(role)) return;
    this.patch({ entiGestori: this.value().entiGestori.map((row, i) => (i === index ? { ...row, role } : row)) });
    this.clearError(`entiGestori.${index}.role`);
  }

  protected removeEnte(index: number): void {
    this.patch({ entiGestori: this.value().entiGestori.filter((_, i) => i !== index) });
    this.clearListErrors('entiGestori');
    this.focusById('ente-add-taxCode');
  }

  /** Messages about a row of the enti gestori that has no field of its own (name, legal form…). */
  protected enteRowErrors(index: number): FieldError[] {
    return ['taxCode', 'name', 'legalForm', 'seatComuneId']
      .map((part) => this.error(`entiGestori.${index}.${part}`))
      .filter((error): error is FieldError => error !== undefined);
  }

  protected cancel(): void {
    this.cancelled.emit();
  }

  /** After a 409: load the saved version; the form then shows (and edits) it, and says so. */
  protected reload(): void {
    const project = this.current();
    if (!project || this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(project.id)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (fresh) => {
          this.current.set(fresh);
          this.failure.set(null);
          this.errors.set({});
          this.reloaded.set(true);
          this.focusById('project-reloaded');
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.reloaded.set(false);
    const value = this.value();
    const errors = validateProjectForm(value, this.titolareId());
    if (!this.editing() && !this.titolareId()) errors['titolareComuneId'] = { key: 'projects.form.errors.titolareRequired' };
    this.errors.set(errors);
    const invalid = firstInvalidField(errors, value);
    if (invalid) {
      this.failure.set({ kind: 'invalid', detail: '', others: [] });
      this.focusField(invalid);
      return;
    }

    const project = this.current();
    if (project) {
      const request = updateProjectRequest(value, project);
      if (!request) {
        this.showFailure({ kind: 'noChanges' });
        return;
      }
      this.send(this.api.update(project.id, request));
    } else {
      this.send(this.api.create(createProjectRequest(value, this.titolareId() ?? '')));
    }
  }

  private send(request: Observable<ProjectDetail>): void {
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.submitting.set(false))).subscribe({
      next: (saved) => {
        this.done = true;
        this.saved.emit(saved);
      },
      error: (error: unknown) => this.showError(error),
    });
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    const status = error instanceof HttpErrorResponse ? error.status : (problem?.status ?? 0);
    const failure = saveFailureFrom(status, problem);
    if (problem && (failure.kind === 'invalid' || failure.kind === 'conflict')) {
      const { onFields, others } = projectErrorsFrom(problem, this.value(), !this.editing() && this.chooseTitolare());
      this.errors.set(onFields);
      this.failure.set(failure.kind === 'invalid' ? { ...failure, others } : failure);
      const invalid = firstInvalidField(onFields, this.value());
      if (invalid) this.focusField(invalid);
      else this.focusAfterRender(() => this.failureAlert()?.nativeElement);
      return;
    }
    this.showFailure(failure);
  }

  private showFailure(failure: ProjectSaveFailure): void {
    this.errors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  /** Focus a field by its API name; a list's own message sits by its "add" control. */
  private focusField(name: string): void {
    const fallbacks: Record<string, string> = {
      services: `${fieldId('services')}-${SAI_SERVICES[0]}`,
      expansions: 'project-add-expansion',
      extensions: 'project-add-extension',
      entiGestori: 'ente-add-taxCode',
    };
    const enteRow = /^entiGestori\.(\d+)\./.exec(name);
    const target = fallbacks[name] ?? (enteRow ? fieldId(`entiGestori.${enteRow[1]}.role`) : fieldId(name));
    this.focusById(target);
  }

  private focusById(id: string): void {
    this.focusAfterRender(() => this.host.nativeElement.querySelector<HTMLElement>(`#${id}`) ?? undefined);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
