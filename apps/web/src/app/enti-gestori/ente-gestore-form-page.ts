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
import { HttpErrorResponse } from '@angular/common/http';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  ENTE_GESTORE_LIMITS,
  EnteGestore,
  InvalidParam,
  LEGAL_FORMS,
  STALE_VERSION_PROBLEM_TYPE,
  TAX_CODE_MAX_LENGTH,
  normalizeTaxCode,
} from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Observable, catchError, finalize, map, of } from 'rxjs';
import { ComuneChoice, ComuneChooser } from '../admin/users/comune-chooser';
import { CanLeave } from '../auth/can-leave.guard';
import { Breadcrumb } from '../comuni/breadcrumb';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError, FieldErrors, fieldErrorsFrom, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { RecordLoadError, RecordLoadStatus, RecordLoadTexts, recordLoadError } from '../layout/record-load-status';
import {
  EMPTY_ENTE,
  ENTE_FIELDS,
  EnteField,
  EnteValues,
  enteValuesFrom,
  isLegalForm,
  taxCodeErrorKey,
  toCreateRequest,
  toUpdateRequest,
  validateEnte,
} from './ente-gestore-form';
import { EntiGestoriApiService } from './enti-gestori-api.service';

/** What went wrong with the last attempt, shown above the form. */
type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; ente: EnteGestore | null }
  | RecordLoadError;

type TextField = 'name' | 'taxCode' | 'email' | 'pec' | 'phone' | 'website';

/** A field of the contacts group as the template lays it out: all optional, alike but for these. */
interface ContactField {
  name: 'email' | 'pec' | 'phone' | 'website';
  type: 'email' | 'tel' | 'url';
  maxLength: number;
  hint?: string;
}

const CONTACT_FIELDS: readonly ContactField[] = [
  { name: 'email', type: 'email', maxLength: ENTE_GESTORE_LIMITS.emailMaxLength },
  { name: 'pec', type: 'email', maxLength: ENTE_GESTORE_LIMITS.emailMaxLength },
  { name: 'phone', type: 'tel', maxLength: ENTE_GESTORE_LIMITS.phoneMaxLength },
  { name: 'website', type: 'url', maxLength: ENTE_GESTORE_LIMITS.websiteMaxLength, hint: 'entiGestori.form.websiteHint' },
];

/** The loading, not-found and error texts of an ente's page (shared with its edit page). */
export const ENTE_LOAD_TEXTS: RecordLoadTexts = {
  loading: 'entiGestori.loading',
  notFoundHeading: 'entiGestori.notFound.heading',
  notFoundText: 'entiGestori.notFound.text',
  back: 'entiGestori.backToRegister',
  title: 'entiGestori.detail.pageTitle',
  errorHeading: 'entiGestori.error.detailHeading',
  unreachable: 'entiGestori.error.unreachable',
  retry: 'entiGestori.error.retry',
};

/** An ente being opened for editing: as on its page, but the heading says what the page is for. */
const EDIT_LOAD_TEXTS: RecordLoadTexts = { ...ENTE_LOAD_TEXTS, title: 'entiGestori.form.editHeading' };

/** What the detail page says after a save (read from the navigation state). */
export interface EnteSavedState {
  enteSaved: 'created' | 'updated';
}

/**
 * Creates an ente gestore (`/enti-gestori/nuovo`) or edits one (`/enti-gestori/:id/modifica`),
 * for the secretariat and admins (`enti:manage`). The tax code is checked as the API checks it
 * (check digit); a tax code already in the register is shown on its field, with the way to the
 * existing ente; a 409 on a stale version offers a reload.
 */
@Component({
  selector: 'cp-ente-gestore-form-page',
  imports: [RouterLink, TranslatePipe, RecordLoadStatus, FieldErrorMessage, ComuneChooser, Breadcrumb],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ente-gestore-form-page.html',
  styleUrl: './ente-gestore-form-page.scss',
})
export class EnteGestoreFormPage implements CanLeave {
  private readonly api = inject(EntiGestoriApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');
  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');

  protected readonly legalForms = LEGAL_FORMS;
  protected readonly limits = ENTE_GESTORE_LIMITS;
  protected readonly taxCodeMaxLength = TAX_CODE_MAX_LENGTH;
  protected readonly contactFields = CONTACT_FIELDS;
  protected readonly loadTexts = EDIT_LOAD_TEXTS;

  protected readonly load = signal<LoadState>({ status: 'loading' });
  /** The ente as last read; null while creating one. */
  protected readonly current = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? load.ente : null;
  });
  protected readonly editing = computed(() => this.current() !== null);
  protected readonly values = signal<EnteValues>(EMPTY_ENTE);

  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly reloaded = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<EnteField>>({});
  protected readonly failure = signal<Failure | null>(null);
  /** The ente that already holds the tax code typed, after a 409 (to open it instead). */
  protected readonly existing = signal<EnteGestore | null>(null);
  private done = false;

  protected readonly dirty = computed(() => {
    const load = this.load();
    if (load.status !== 'ready') return false;
    if (load.ente) return toUpdateRequest(load.ente, this.values()) !== null;
    return JSON.stringify(this.values()) !== JSON.stringify(EMPTY_ENTE);
  });

  constructor() {
    this.route.paramMap
      .pipe(
        map((params) => params.get('id')),
        takeUntilDestroyed(),
      )
      .subscribe((id) => this.open(id));
  }

  canLeave(): boolean {
    if (this.done || !this.dirty()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('entiGestori.form.leaveConfirm') as string) ?? true;
  }

  protected fieldError(field: EnteField): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: EnteField, hint = false): string | null {
    return describedBy(hint ? `ente-${field}-hint` : null, `ente-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: TextField, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.values.update((values) => ({ ...values, [field]: value }));
    this.clearError(field);
    if (field === 'taxCode') this.existing.set(null);
  }

  /** The tax code is checked as soon as the user leaves the field: a typo shows at once. */
  protected onTaxCodeBlur(): void {
    const taxCode = normalizeTaxCode(this.values().taxCode);
    if (!taxCode) return;
    const key = taxCodeErrorKey(taxCode);
    if (key) this.fieldErrors.update((errors) => ({ ...errors, taxCode: { key } }));
  }

  protected onLegalFormChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.values.update((values) => ({ ...values, legalForm: isLegalForm(value) ? value : '' }));
    this.clearError('legalForm');
  }

  protected onSeatChange(seat: ComuneChoice | null): void {
    this.values.update((values) => ({ ...values, seat }));
    this.clearError('seatComuneId');
  }

  protected retryLoad(): void {
    this.open(this.route.snapshot.paramMap.get('id'));
  }

  protected cancelLink(): string[] {
    const ente = this.current();
    return ente ? ['/enti-gestori', ente.id] : ['/enti-gestori'];
  }

  /** After a 409 on a stale version: read the ente again; the form then shows (and edits) it. */
  protected reload(): void {
    const ente = this.current();
    if (!ente || this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(ente.id)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (fresh) => {
          this.load.set({ status: 'ready', ente: fresh });
          this.values.set(enteValuesFrom(fresh));
          this.failure.set(null);
          this.fieldErrors.set({});
          this.reloaded.set(true);
          this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>('input, select') ?? undefined);
        },
        error: (error: unknown) => this.showError(error),
      });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.reloaded.set(false);
    this.existing.set(null);

    const errors = validateEnte(this.values());
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, ENTE_FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    const ente = this.current();
    if (ente) {
      const request = toUpdateRequest(ente, this.values());
      if (!request) {
        this.showFailure({ kind: 'noChanges' });
        return;
      }
      this.send(this.api.update(ente.id, request), 'updated', request.taxCode !== undefined);
    } else {
      this.send(this.api.create(toCreateRequest(this.values())), 'created', true);
    }
  }

  private open(id: string | null): void {
    this.failure.set(null);
    this.fieldErrors.set({});
    if (id === null) {
      this.load.set({ status: 'ready', ente: null });
      this.values.set(EMPTY_ENTE);
      return;
    }
    this.load.set({ status: 'loading' });
    this.api.get(id).subscribe({
      next: (ente) => {
        this.load.set({ status: 'ready', ente });
        this.values.set(enteValuesFrom(ente));
      },
      error: (error: unknown) => this.load.set(recordLoadError(error)),
    });
  }

  private send(request: Observable<EnteGestore>, outcome: EnteSavedState['enteSaved'], taxCodeSent: boolean): void {
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.submitting.set(false))).subscribe({
      next: (saved) => {
        this.done = true;
        const state: EnteSavedState = { enteSaved: outcome };
        void this.router.navigate(['/enti-gestori', saved.id], { state });
      },
      error: (error: unknown) => this.showError(error, taxCodeSent),
    });
  }

  private showError(error: unknown, taxCodeSent = false): void {
    const problem = problemFrom(error);
    if (!problem) {
      this.showFailure({ kind: 'unreachable' });
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : problem.status;
    if (status === 409 && (problem.type === STALE_VERSION_PROBLEM_TYPE || !taxCodeSent)) {
      this.showFailure({ kind: 'stale' });
      return;
    }
    if (status === 409) {
      // The tax code belongs to another ente of the register.
      this.fieldErrors.set({ taxCode: { key: 'entiGestori.form.errors.taxCodeTaken' } });
      this.failure.set({ kind: 'problem', detail: problem.detail, others: [] });
      this.focusField('taxCode');
      this.findExisting(normalizeTaxCode(this.values().taxCode));
      return;
    }
    const { onFields, others } = fieldErrorsFrom(problem, ENTE_FIELDS);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, ENTE_FIELDS);
    if (invalid) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert());
  }

  private findExisting(taxCode: string): void {
    this.api
      .list({ taxCode, pageSize: 1 })
      .pipe(
        map((page) => page.items.find((ente) => ente.taxCode === taxCode && ente.id !== this.current()?.id) ?? null),
        catchError(() => of(null)),
      )
      .subscribe((ente) => this.existing.set(ente));
  }

  private clearError(field: EnteField): void {
    if (!this.fieldErrors()[field]) return;
    this.fieldErrors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert());
  }

  private focusField(field: EnteField): void {
    this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>(`#ente-${field}`) ?? undefined);
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
