import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { InvalidParam, MembershipDetail, RequestMembershipRequest } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { EMAIL_PATTERN, FieldError, FieldErrors, fieldErrorsFrom, firstInvalid } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { MEMBERSHIP_LIMITS } from './membership-view';
import { MembershipsApiService } from './memberships-api.service';

type Field = 'referentName' | 'referentRole' | 'referentEmail' | 'note';
const FIELDS: readonly Field[] = ['referentName', 'referentRole', 'referentEmail', 'note'];

type Failure = { kind: 'problem'; detail: string; others: InvalidParam[] } | { kind: 'unreachable' };

/** The values the form starts from (the signed-in referent is the likely designee). */
export interface RequestDefaults {
  referentName: string;
  referentEmail: string;
}

/** The request to send, trimmed; empty optional fields are left out. */
export function membershipRequest(comuneId: string, values: Record<Field, string>): RequestMembershipRequest {
  const request: RequestMembershipRequest = { comuneId, referentName: values.referentName.trim() };
  const role = values.referentRole.trim();
  const email = values.referentEmail.trim();
  const note = values.note.trim();
  if (role) request.referentRole = role;
  if (email) request.referentEmail = email;
  if (note) request.note = note;
  return request;
}

/** Our own checks, the same the API makes: a referent name (2 characters at least), and a well-formed e-mail if any. */
export function validateMembershipRequest(values: Record<Field, string>): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (values.referentName.trim().length < MEMBERSHIP_LIMITS.referentNameMin) errors.referentName = { key: 'memberships.request.errors.nameRequired' };
  const email = values.referentEmail.trim();
  if (email && !EMAIL_PATTERN.test(email)) errors.referentEmail = { key: 'memberships.request.errors.emailInvalid' };
  return errors;
}

/**
 * A referent asks their Comune's adherence to the coordination (`POST /api/v1/memberships`),
 * designating the person who will follow it. A 409 means a request already exists: the parent
 * reloads and shows it.
 */
@Component({
  selector: 'cp-membership-request-form',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './membership-request-form.html',
})
export class MembershipRequestForm {
  private readonly api = inject(MembershipsApiService);
  private readonly injector = inject(Injector);

  readonly comuneId = input.required<string>();
  readonly defaults = input.required<RequestDefaults>();
  /** A request after a rejection or withdrawal. */
  readonly again = input(false);
  readonly requested = output<MembershipDetail>();
  readonly alreadyRequested = output<string>();

  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');
  private readonly failureAlert = viewChild<ElementRef<HTMLElement>>('failureAlert');

  protected readonly referentName = linkedSignal(() => this.defaults().referentName);
  protected readonly referentRole = signal('');
  protected readonly referentEmail = linkedSignal(() => this.defaults().referentEmail);
  protected readonly note = signal('');
  protected readonly limits = MEMBERSHIP_LIMITS;
  protected readonly submitting = signal(false);
  protected readonly fieldErrors = signal<FieldErrors<Field>>({});
  protected readonly failure = signal<Failure | null>(null);

  private readonly values = { referentName: this.referentName, referentRole: this.referentRole, referentEmail: this.referentEmail, note: this.note };

  protected fieldError(field: Field): FieldError | undefined {
    return this.fieldErrors()[field];
  }

  protected describedBy(field: Field, hint = false): string | null {
    return describedBy(hint ? `membership-${field}-hint` : null, `membership-${field}-error`, Boolean(this.fieldError(field)));
  }

  protected onInput(field: Field, event: Event): void {
    this.values[field].set((event.target as HTMLInputElement | HTMLTextAreaElement).value);
    if (this.fieldErrors()[field]) this.fieldErrors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    const values = this.currentValues();
    const errors = validateMembershipRequest(values);
    this.fieldErrors.set(errors);
    const invalid = firstInvalid(errors, FIELDS);
    if (invalid) {
      this.failure.set(null);
      this.focusField(invalid);
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    this.api
      .request(membershipRequest(this.comuneId(), values))
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (detail) => this.requested.emit(detail),
        error: (error: unknown) => this.showError(error),
      });
  }

  private currentValues(): Record<Field, string> {
    return {
      referentName: this.referentName(),
      referentRole: this.referentRole(),
      referentEmail: this.referentEmail(),
      note: this.note(),
    };
  }

  private showError(error: unknown): void {
    const problem = problemFrom(error);
    if (!problem) {
      this.fieldErrors.set({});
      this.failure.set({ kind: 'unreachable' });
      this.focusAfterRender(() => this.failureAlert()?.nativeElement);
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : problem.status;
    if (status === 409) {
      this.alreadyRequested.emit(problem.detail);
      return;
    }
    const { onFields, others } = fieldErrorsFrom(problem, FIELDS);
    this.fieldErrors.set(onFields);
    this.failure.set({ kind: 'problem', detail: problem.detail, others });
    const invalid = firstInvalid(onFields, FIELDS);
    if (invalid) this.focusField(invalid);
    else this.focusAfterRender(() => this.failureAlert()?.nativeElement);
  }

  private focusField(field: Field): void {
    this.focusAfterRender(() => this.form()?.nativeElement.querySelector<HTMLElement>(`#membership-${field}`) ?? undefined);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}
