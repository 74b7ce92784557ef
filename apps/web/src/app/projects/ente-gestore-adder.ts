import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { ENTE_ROLES, EnteGestore, EnteRole, LEGAL_FORMS, LegalForm, normalizeTaxCode } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { Subscription, finalize } from 'rxjs';
import { ComuneChooser } from '../admin/users/comune-chooser';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { ComuneRef, ENTE_NAME_MAX_LENGTH, EnteRow, MIN_ENTE_NAME_LENGTH, rowKey, taxCodeError } from './project-form-model';
import { ProjectsApiService } from './projects-api.service';

/** Where the lookup stands: nothing asked yet, asking, found in the register, not there, failed. */
type Lookup =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'found'; ente: EnteGestore }
  | { status: 'notFound'; taxCode: string }
  | { status: 'error' };

type AdderField = 'taxCode' | 'name' | 'legalForm';

function isLegalForm(value: string): value is LegalForm {
  return (LEGAL_FORMS as readonly string[]).includes(value);
}

function isRole(value: string): value is EnteRole {
  return (ENTE_ROLES as readonly string[]).includes(value);
}

/**
 * Adds an ente gestore to the project by tax code: the code is checked (check digit) here, then
 * looked up in the register. One found is added with the chosen role; an unknown one is
 * proposed to the register with its name, legal form and seat.
 */
@Component({
  selector: 'cp-ente-gestore-adder',
  imports: [TranslatePipe, FieldErrorMessage, ComuneChooser],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ente-gestore-adder.html',
  styleUrl: './ente-gestore-adder.scss',
})
export class EnteGestoreAdder {
  private readonly api = inject(ProjectsApiService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly taxCodeInput = viewChild<ElementRef<HTMLInputElement>>('taxCodeInput');

  /** Tax codes already linked to the project (normalized). */
  readonly taken = input<readonly string[]>([]);
  readonly disabled = input(false);
  readonly added = output<EnteRow>();

  protected readonly roles = ENTE_ROLES;
  protected readonly legalForms = LEGAL_FORMS;
  protected readonly nameMax = ENTE_NAME_MAX_LENGTH;
  protected readonly taxCode = signal('');
  protected readonly lookup = signal<Lookup>({ status: 'idle' });
  protected readonly role = signal<EnteRole>('ATTUATORE');
  protected readonly name = signal('');
  protected readonly legalForm = signal<LegalForm | ''>('');
  protected readonly seat = signal<ComuneRef | null>(null);
  protected readonly errors = signal<Partial<Record<AdderField, FieldError>>>({});
  protected readonly lastAdded = signal<string | null>(null);
  protected readonly searching = computed(() => this.lookup().status === 'searching');
  private request: Subscription | null = null;

  protected error(field: AdderField): FieldError | undefined {
    return this.errors()[field];
  }

  protected describedBy(field: AdderField, hint: boolean): string | null {
    return describedBy(hint ? `ente-add-${field}-hint` : null, `ente-add-${field}-error`, Boolean(this.error(field)));
  }

  protected onTaxCodeInput(event: Event): void {
    this.taxCode.set((event.target as HTMLInputElement).value);
    // A different code: what was found for the old one no longer applies.
    this.request?.unsubscribe();
    this.lookup.set({ status: 'idle' });
    this.errors.set({});
    this.lastAdded.set(null);
  }

  /** Enter in the code field looks it up, rather than submitting the project form. */
  protected onTaxCodeKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    this.search();
  }

  protected onProposalKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    this.add();
  }

  protected onRoleChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isRole(value)) this.role.set(value);
  }

  protected onNameInput(event: Event): void {
    this.name.set((event.target as HTMLInputElement).value);
    this.errors.update((errors) => ({ ...errors, name: undefined }));
  }

  protected onLegalFormChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.legalForm.set(isLegalForm(value) ? value : '');
    this.errors.update((errors) => ({ ...errors, legalForm: undefined }));
  }

  protected search(): void {
    if (this.disabled() || this.searching()) return;
    this.lastAdded.set(null);
    const code = normalizeTaxCode(this.taxCode());
    const problem = taxCodeError(code);
    const duplicate = !problem && this.taken().includes(code);
    if (problem || duplicate) {
      this.errors.set({ taxCode: problem ?? { key: 'projects.form.errors.enteAlreadyLinked' } });
      this.lookup.set({ status: 'idle' });
      this.focusAfterRender(() => this.taxCodeInput()?.nativeElement);
      return;
    }
    this.errors.set({});
    this.lookup.set({ status: 'searching' });
    this.request = this.api
      .findEnteGestore(code)
      .pipe(finalize(() => (this.request = null)))
      .subscribe({
        next: (ente) => {
          this.lookup.set(ente ? { status: 'found', ente } : { status: 'notFound', taxCode: code });
          this.role.set('ATTUATORE');
          this.name.set('');
          this.legalForm.set('');
          this.seat.set(null);
          this.focusAfterRender(() => this.hostQuery(ente ? '#ente-add-role' : '#ente-add-name'));
        },
        error: () => this.lookup.set({ status: 'error' }),
      });
  }

  protected add(): void {
    const state = this.lookup();
    if (state.status === 'found') {
      this.emit({ key: rowKey(), taxCode: state.ente.taxCode, role: this.role(), name: state.ente.name, known: true, legalForm: null, seat: null });
      return;
    }
    if (state.status !== 'notFound') return;
    const name = this.name().trim();
    const errors: Partial<Record<AdderField, FieldError>> = {};
    if (!name) errors.name = { key: 'projects.form.errors.required' };
    else if (name.length < MIN_ENTE_NAME_LENGTH) errors.name = { key: 'projects.form.errors.tooShort' };
    else if (name.length > ENTE_NAME_MAX_LENGTH) errors.name = { key: 'projects.form.errors.tooLong' };
    const legalForm = this.legalForm();
    if (!legalForm) errors.legalForm = { key: 'projects.form.errors.legalFormRequired' };
    this.errors.set(errors);
    if (errors.name || errors.legalForm) {
      this.focusAfterRender(() => this.hostQuery(errors.name ? '#ente-add-name' : '#ente-add-legalForm'));
      return;
    }
    this.emit({ key: rowKey(), taxCode: state.taxCode, role: this.role(), name, known: false, legalForm: legalForm || null, seat: this.seat() });
  }

  protected cancel(): void {
    this.reset();
    this.focusAfterRender(() => this.taxCodeInput()?.nativeElement);
  }

  private emit(row: EnteRow): void {
    this.added.emit(row);
    this.reset();
    this.lastAdded.set(row.name);
    this.focusAfterRender(() => this.taxCodeInput()?.nativeElement);
  }

  private reset(): void {
    this.taxCode.set('');
    this.lookup.set({ status: 'idle' });
    this.errors.set({});
    this.name.set('');
    this.legalForm.set('');
    this.seat.set(null);
  }

  private hostQuery(selector: string): HTMLElement | undefined {
    return this.host.nativeElement.querySelector<HTMLElement>(selector) ?? undefined;
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
