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
import { CreateUserRequest, CreateUserResponse, InvalidParam, ROLES, Role, UpdateUserRequest, UserSummary } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable, finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../../forms/field-error';
import { EMAIL_PATTERN, FieldError, FieldErrors, fieldErrorsFrom, firstInvalid } from '../../forms/field-errors';
import { problemFrom } from '../../http/problem-details';
import { ComuneChoice, ComuneChooser } from './comune-chooser';
import { UsersApiService } from './users-api.service';

type Field = 'email' | 'name' | 'role' | 'comuneId';
const FIELDS: readonly Field[] = ['email', 'name', 'role', 'comuneId'];
const REFERENT: Role = 'COMUNE_REFERENT';

/** What went wrong with the last attempt, shown above the form. */
type Failure =
  | { kind: 'problem'; detail: string; others: InvalidParam[] }
  | { kind: 'conflict'; detail: string }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Creates an account (e-mail, name, role, Comune for referents) or edits one (name, role,
 * Comune, active) sending the version it was read at. The API's refusals land on the fields
 * they name; a 409 on edit means someone changed the account meanwhile, and offers a reload.
 */
@Component({
  selector: 'cp-user-form',
  imports: [TranslatePipe, ComuneChooser, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-form.html',
  styleUrl: './user-form.scss',
})
export class UserForm {
  private readonly api = inject(UsersApiService);
  private readonly injector = inject(Injector);

  /** The account to edit; none to create one. */
  readonly user = input<UserSummary | null>(null);
  readonly created = output<CreateUserResponse>();
  readonly updated = output<UserSummary>();
  readonly cancelled = output<void>();

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');
  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');

  protected readonly roles = ROLES;
  /** The account as last read (the edited one, or a fresher copy after a reload). */
  protected readonly current = linkedSignal(() => this.user());
  protected readonly editing = computed(() => this.current() !== null);
  protected readonly email = signal('');
  protected readonly name = linkedSignal(() => this.current()?.name ?? '');
  protected readonly role = linkedSignal<Role | ''>(() => this.current()?.role ?? '');
  protected readonly comune = linkedSignal<ComuneChoice | null>(() => {
    const user = this.current();
    return user?.comuneId && user.comuneName ? { id: user.comuneId, name: user.comuneName } : null;
  });
  protected readonly active = linkedSignal(() => this.current()?.active ?? true);
  protected readonly isReferent = computed(() => this.role() === REFERENT);

  protected readonly submitting = signal(false);
  protected readonly reloading = signal(false);
  protected readonly reloaded = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<Field>>({});
  protected readonly failure = signal<Failure | null>(null);

  constructor() {
    afterNextRender(() => this.heading()?.nativeElement.focus());
  }

  protected fieldError(field: Field): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: Field, hint = false): string | null {
    return describedBy(hint ? `user-${field}-hint` : null, `user-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: 'email' | 'name', event: Event): void {
    (field === 'email' ? this.email : this.name).set((event.target as HTMLInputElement).value);
    this.clearError(field);
  }

  protected onRoleChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.role.set(isRole(value) ? value : '');
    this.clearError('role');
  }

  protected onComuneChange(): void {
    this.clearError('comuneId');
  }

  /** A field's message goes once the user changes it (the next submit checks again). */
  private clearError(field: Field): void {
    if (!this.fieldErrors()[field]) return;
    this.fieldErrors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  protected onActiveChange(event: Event): void {
    this.active.set((event.target as HTMLInputElement).checked);
  }

  protected cancel(): void {
    this.cancelled.emit();
  }

  /** After a 409: read the account again; the form then shows (and edits) its current state. */
  protected reload(): void {
    const user = this.current();
    if (!user || this.reloading()) return;
    this.reloading.set(true);
    this.api
      .get(user.id)
      .pipe(finalize(() => this.reloading.set(false)))
      .subscribe({
        next: (fresh) => {
          this.current.set(fresh);
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

    const errors = this.validate();
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }

    const user = this.current();
    if (user) {
      const request = this.changes(user);
      if (!request) {
        this.showFailure({ kind: 'noChanges' });
        return;
      }
      this.send(this.api.update(user.id, request), (updated) => this.updated.emit(updated));
    } else {
      const role = this.role() as Role;
      const request: CreateUserRequest = { email: this.email().trim(), name: this.name().trim(), role };
      if (role === REFERENT) request.comuneId = this.comune()?.id;
      this.send(this.api.create(request), (created) => this.created.emit(created));
    }
  }

  private send<T>(request: Observable<T>, done: (answer: T) => void): void {
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.submitting.set(false))).subscribe({
      next: done,
      error: (error: unknown) => this.showError(error),
    });
  }

  /** The fields that differ from the account as read, with its version; null when nothing does. */
  private changes(user: UserSummary): UpdateUserRequest | null {
    const request: UpdateUserRequest = { version: user.version };
    const name = this.name().trim();
    const role = this.role() as Role;
    if (name !== user.name) request.name = name;
    if (role !== user.role) request.role = role;
    if (role === REFERENT && this.comune()?.id !== user.comuneId) request.comuneId = this.comune()?.id;
    if (this.active() !== user.active) request.active = this.active();
    return Object.keys(request).length > 1 ? request : null;
  }

  private validate(): FieldErrors<Field> {
    const errors: FieldErrors<Field> = {};
    if (!this.editing()) {
      const email = this.email().trim();
      if (!email) errors.email = { key: 'users.form.errors.emailRequired' };
      else if (!EMAIL_PATTERN.test(email)) errors.email = { key: 'users.form.errors.emailInvalid' };
    }
    if (this.name().trim().length < 2) errors.name = { key: 'users.form.errors.nameRequired' };
    if (!this.role()) errors.role = { key: 'users.form.errors.roleRequired' };
    else if (this.isReferent() && !this.comune()) errors.comuneId = { key: 'users.form.errors.comuneRequired' };
    return errors;
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (!problem) {
      this.showFailure({ kind: 'unreachable' });
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : problem.status;
    if (status === 409 && this.editing()) {
      this.showFailure({ kind: 'conflict', detail: problem.detail });
      return;
    }
    if (status === 409) {
      // A new account whose e-mail is taken.
      this.fieldErrors.set({ email: { key: 'users.form.errors.emailTaken' } });
      this.failure.set({ kind: 'problem', detail: problem.detail, others: [] });
      this.focusField('email');
      return;
    }
    const { onFields, others } = fieldErrorsFrom(problem, FIELDS);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, FIELDS);
    if (invalid && this.isShown(invalid)) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert());
  }

  private showFailure(failure: Failure): void {
    this.fieldErrors.set({});
    this.failure.set(failure);
    this.focusAfterRender(() => this.failureAlert());
  }

  private isShown(field: Field): boolean {
    if (field === 'email') return !this.editing();
    if (field === 'comuneId') return this.isReferent();
    return true;
  }

  private focusField(field: Field): void {
    this.focusAfterRender(() => {
      const element = this.form()?.nativeElement.querySelector<HTMLElement>(`#user-${field}`);
      return element ? new ElementRef(element) : undefined;
    });
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
