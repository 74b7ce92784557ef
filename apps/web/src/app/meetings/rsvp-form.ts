import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { InvalidParam, Invitation, MAX_DELEGATES, MEETING_LIMITS, MeetingDetail, RsvpAnswer } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { LanguageService } from '../i18n/language.service';
import { InvitationStatusBadge } from './meeting-badges';
import { meetingWriteFailure } from './meeting-problems';
import { MeetingsApiService } from './meetings-api.service';
import { romeDateTime } from './rome-time';
import { DelegateRow, RsvpErrors, RsvpValues, answersClosed, hasRsvpErrors, rsvpErrorsFrom, rsvpRequestOf, rsvpValuesOf, validateRsvp } from './rsvp-model';

type Failure = { kind: 'invalid'; detail: string; others: InvalidParam[] } | { kind: 'stale' } | { kind: 'closed'; detail: string } | { kind: 'other'; detail: string } | { kind: 'unreachable' };

/**
 * A referent's invitation: where their Comune stands (a seat, the waiting list and its place,
 * not coming), a notice when a freed seat moved it off the waiting list, and the answer form —
 * "Partecipiamo" with 1 to 5 delegates, or "Non partecipiamo" — while the meeting is convened
 * and has not started. A 409 on a stale answer offers to read it again.
 */
@Component({
  selector: 'cp-rsvp-form',
  imports: [TranslatePipe, FieldErrorMessage, InvitationStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rsvp-form.html',
  styleUrls: ['./meetings.scss', './rsvp-form.scss'],
})
export class RsvpForm {
  private readonly api = inject(MeetingsApiService);
  private readonly language = inject(LanguageService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly meeting = input.required<MeetingDetail>();
  readonly invitation = input.required<Invitation>();
  readonly answered = output<Invitation>();
  readonly reloadRequested = output<void>();

  protected readonly maxDelegates = MAX_DELEGATES;
  protected readonly limits = MEETING_LIMITS;
  protected readonly values = signal<RsvpValues>({ answer: null, delegates: [] });
  protected readonly errors = signal<RsvpErrors>({ names: {} });
  protected readonly failure = signal<Failure | null>(null);
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  /** The form is open: always before a first answer, on request to change one. */
  protected readonly changing = signal(false);

  protected readonly closed = computed(() => answersClosed(this.meeting(), Date.now()));
  protected readonly showForm = computed(() => this.closed() === null && (this.invitation().status === 'PENDING' || this.changing()));

  constructor() {
    effect(() => {
      const invitation = this.invitation();
      untracked(() => {
        this.values.set(rsvpValuesOf(invitation));
        this.errors.set({ names: {} });
      });
    });
  }

  protected stamp(iso: string): string {
    return romeDateTime(iso, this.language.locale());
  }

  protected nameDescribedBy(index: number): string | null {
    return describedBy(null, `rsvp-delegate-${index}-error`, Boolean(this.errors().names[index]));
  }

  protected change(): void {
    this.changing.set(true);
    this.sent.set(false);
    this.focus('#rsvp-answer-ATTENDING');
  }

  protected cancelChange(): void {
    this.changing.set(false);
    this.values.set(rsvpValuesOf(this.invitation()));
    this.errors.set({ names: {} });
    this.failure.set(null);
  }

  protected onAnswer(answer: RsvpAnswer): void {
    this.values.update((v) => ({ ...v, answer, delegates: answer === 'ATTENDING' && v.delegates.length === 0 ? [{ name: '', role: '' }] : v.delegates }));
    this.errors.update((e) => ({ ...e, answer: undefined }));
  }

  protected onDelegate(index: number, field: keyof DelegateRow, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.values.update((v) => ({ ...v, delegates: v.delegates.map((d, i) => (i === index ? { ...d, [field]: value } : d)) }));
    if (field === 'name' && this.errors().names[index]) {
      this.errors.update((e) => {
        const names = { ...e.names };
        delete names[index];
        return { ...e, names };
      });
    }
  }

  protected addDelegate(): void {
    const count = this.values().delegates.length;
    if (count >= MAX_DELEGATES) return;
    this.values.update((v) => ({ ...v, delegates: [...v.delegates, { name: '', role: '' }] }));
    this.errors.update((e) => ({ ...e, delegates: undefined }));
    this.focus(`#rsvp-delegate-${count}-name`);
  }

  protected removeDelegate(index: number): void {
    this.values.update((v) => ({ ...v, delegates: v.delegates.filter((_, i) => i !== index) }));
    this.errors.set({ names: {} });
    this.focus('#rsvp-add-delegate');
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.sending()) return;
    const values = this.values();
    const errors = validateRsvp(values);
    this.errors.set(errors);
    if (hasRsvpErrors(errors)) {
      const first = Object.keys(errors.names)[0];
      this.focus(errors.answer ? '#rsvp-answer-ATTENDING' : first !== undefined ? `#rsvp-delegate-${first}-name` : '#rsvp-add-delegate');
      return;
    }
    this.sending.set(true);
    this.failure.set(null);
    this.api
      .answer(this.meeting().id, this.invitation().id, rsvpRequestOf(this.invitation(), values))
      .pipe(finalize(() => this.sending.set(false)))
      .subscribe({
        next: (invitation) => {
          this.changing.set(false);
          this.sent.set(true);
          this.answered.emit(invitation);
          this.focus('#rsvp-status');
        },
        error: (error: unknown) => {
          const failure = meetingWriteFailure(error);
          switch (failure.kind) {
            case 'invalid': {
              const { errors: onFields, others } = rsvpErrorsFrom(failure.problem);
              this.errors.set(onFields);
              this.failure.set({ kind: 'invalid', detail: failure.problem.detail, others });
              break;
            }
            case 'stale':
              this.failure.set({ kind: 'stale' });
              break;
            case 'closedForAnswers':
            case 'notEditable':
              this.failure.set({ kind: 'closed', detail: failure.detail });
              break;
            case 'unreachable':
              this.failure.set({ kind: 'unreachable' });
              break;
            default:
              this.failure.set({ kind: 'other', detail: failure.problem.detail });
          }
          this.focus('#rsvp-failure');
        },
      });
  }

  protected reload(): void {
    this.failure.set(null);
    this.changing.set(false);
    this.reloadRequested.emit();
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
