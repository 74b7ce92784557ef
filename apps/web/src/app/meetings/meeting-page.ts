import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { EDITABLE_MEETING_STATUSES, Invitation, MEETING_LIMITS, MeetingDetail } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { Subscription, finalize } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { CanLeave } from '../auth/can-leave.guard';
import { FieldErrorMessage } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { LanguageService } from '../i18n/language.service';
import { RecordLoadState, RecordLoadStatus, RecordLoadTexts, recordLoadError } from '../layout/record-load-status';
import { AgendaBuilder } from './agenda-builder';
import { AttendanceRegister } from './attendance-register';
import { DocumentsPanel } from './documents-panel';
import { InvitationsPanel } from './invitations-panel';
import { MeetingStatusBadge } from './meeting-badges';
import { MeetingNavigationState } from './meeting-form-page';
import { meetingWriteFailure } from './meeting-problems';
import { MeetingProgramme, programmeOf } from './meeting-programme';
import { canMarkHeld, icsFileName, supersedes } from './meeting-records';
import { MeetingsApiService } from './meetings-api.service';
import { MinutesPanel } from './minutes-panel';
import { meetingWhen } from './rome-time';
import { RsvpForm } from './rsvp-form';

type PageState = RecordLoadState | { status: 'loaded'; meeting: MeetingDetail };

type StepFailure = { kind: 'stale' } | { kind: 'message'; text: string };

const LOAD_TEXTS: RecordLoadTexts = {
  loading: 'meetings.loading',
  notFoundHeading: 'meetings.detail.notFoundHeading',
  notFoundText: 'meetings.detail.notFoundText',
  back: 'meetings.backToList',
  title: 'meetings.detail.pageTitle',
  errorHeading: 'meetings.error.heading',
  unreachable: 'meetings.error.unreachable',
  retry: 'meetings.error.retry',
};

/**
 * `/incontri/:id`: a meeting's details and programme for everyone who may read it. The
 * secretariat (`meetings:manage`) also builds the programme, convenes or cancels the meeting
 * and invites Comuni; the network roles see the answers; a referent answers for their Comune.
 */
@Component({
  selector: 'cp-meeting-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, RecordLoadStatus, FieldErrorMessage, MeetingStatusBadge, MeetingProgramme, AgendaBuilder, InvitationsPanel, RsvpForm, AttendanceRegister, MinutesPanel, DocumentsPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-page.html',
  styleUrls: ['./meetings.scss', './meeting-page.scss'],
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class MeetingPage implements CanLeave {
  private readonly api = inject(MeetingsApiService);
  private readonly auth = inject(AuthService);
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  private readonly builder = viewChild(AgendaBuilder);
  private readonly register = viewChild(AttendanceRegister);
  private readonly minutesPanel = viewChild(MinutesPanel);

  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly texts = LOAD_TEXTS;
  protected readonly limits = MEETING_LIMITS;
  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly saved = signal((inject(Location).getState() as MeetingNavigationState | null)?.savedMeeting ?? null);

  protected readonly meeting = computed(() => {
    const state = this.state();
    return state.status === 'loaded' && 'meeting' in state ? state.meeting : null;
  });
  protected readonly canManage = computed(() => this.auth.can('meetings:manage'));
  protected readonly readsAll = computed(() => this.auth.can('meetings:read-all'));
  protected readonly editable = computed(() => {
    const meeting = this.meeting();
    return meeting !== null && EDITABLE_MEETING_STATUSES.includes(meeting.status);
  });
  protected readonly programme = computed(() => programmeOf(this.meeting()?.agenda ?? []));

  /** Offered once started; the check runs when the meeting is read (the API has the last word). */
  protected readonly canHold = computed(() => {
    const meeting = this.meeting();
    return meeting !== null && canMarkHeld(meeting, Date.now());
  });
  protected readonly downloading = signal(false);
  protected readonly calendarFailed = signal(false);

  protected readonly stepping = signal<'convene' | 'cancel' | 'hold' | null>(null);
  protected readonly cancelling = signal(false);
  protected readonly reason = signal('');
  protected readonly reasonError = signal<FieldError | null>(null);
  protected readonly stepFailure = signal<StepFailure | null>(null);
  protected readonly stepDone = signal<'convened' | 'cancelled' | 'held' | null>(null);

  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load();
  }

  canLeave(): boolean {
    if (!this.hasChanges()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('meetings.agenda.leaveConfirm') as string) ?? true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.hasChanges()) event.preventDefault();
  }

  private hasChanges(): boolean {
    return !!(this.builder()?.hasChanges() || this.register()?.hasChanges() || this.minutesPanel()?.hasChanges());
  }

  protected when(meeting: MeetingDetail): string {
    return meetingWhen(meeting.startsAt, meeting.endsAt, this.language.locale());
  }

  protected load(): void {
    this.loading?.unsubscribe();
    if (this.meeting() === null) this.state.set({ status: 'loading' });
    this.loading = this.api.get(this.id).subscribe({
      next: (meeting) => {
        if (supersedes(meeting, this.meeting())) this.state.set({ status: 'loaded', meeting });
      },
      error: (error: unknown) => this.state.set(recordLoadError(error)),
    });
  }

  protected onAgendaSaved(meeting: MeetingDetail): void {
    this.saved.set(null);
    this.state.set({ status: 'loaded', meeting });
  }

  protected onMeetingChanged(meeting: MeetingDetail): void {
    this.saved.set(null);
    this.stepDone.set(null);
    this.state.set({ status: 'loaded', meeting });
  }

  /**
   * The .ics needs the session's Authorization header, which a plain link would not send: it is
   * fetched as a blob and saved through a temporary object URL.
   */
  protected downloadCalendar(): void {
    const meeting = this.meeting();
    const view = this.document.defaultView;
    if (!meeting || !view || this.downloading()) return;
    this.downloading.set(true);
    this.calendarFailed.set(false);
    this.api
      .calendar(meeting.id)
      .pipe(finalize(() => this.downloading.set(false)))
      .subscribe({
        next: (blob) => {
          const url = view.URL.createObjectURL(blob);
          const link = this.document.createElement('a');
          link.href = url;
          link.download = icsFileName(meeting.title);
          this.document.body.appendChild(link);
          link.click();
          link.remove();
          // Revoked after the click has handed the file to the browser.
          view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
        },
        error: () => {
          this.calendarFailed.set(true);
          this.focus('#calendar-failure');
        },
      });
  }

  protected hold(): void {
    const meeting = this.meeting();
    if (!meeting || this.stepping()) return;
    this.runStep('hold', meeting, null);
  }

  protected onAnswered(invitation: Invitation): void {
    const meeting = this.meeting();
    if (meeting) this.state.set({ status: 'loaded', meeting: { ...meeting, myInvitation: invitation } });
  }

  protected convene(): void {
    const meeting = this.meeting();
    if (!meeting || this.stepping()) return;
    this.runStep('convene', meeting, null);
  }

  protected openCancel(): void {
    this.cancelling.set(true);
    this.stepFailure.set(null);
    this.focus('#cancel-reason');
  }

  protected closeCancel(): void {
    this.cancelling.set(false);
    this.reason.set('');
    this.reasonError.set(null);
    this.focus('#open-cancel');
  }

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
    this.reasonError.set(null);
  }

  protected confirmCancel(event: Event): void {
    event.preventDefault();
    const meeting = this.meeting();
    if (!meeting || this.stepping()) return;
    const reason = this.reason().trim();
    if (!reason) {
      this.reasonError.set({ key: 'meetings.cancel.reasonRequired' });
      this.focus('#cancel-reason');
      return;
    }
    this.runStep('cancel', meeting, reason);
  }

  protected reloadAfterConflict(): void {
    this.stepFailure.set(null);
    this.load();
  }

  private runStep(step: 'convene' | 'cancel' | 'hold', meeting: MeetingDetail, reason: string | null): void {
    // The step answers with the meeting as it leaves it: a refresh still on its way is older.
    this.loading?.unsubscribe();
    this.stepping.set(step);
    this.stepFailure.set(null);
    this.stepDone.set(null);
    this.api
      .step(meeting.id, step, { version: meeting.version, ...(reason ? { reason } : {}) })
      .pipe(finalize(() => this.stepping.set(null)))
      .subscribe({
        next: (updated) => {
          this.state.set({ status: 'loaded', meeting: updated });
          this.cancelling.set(false);
          this.reason.set('');
          this.saved.set(null);
          this.stepDone.set(step === 'convene' ? 'convened' : step === 'cancel' ? 'cancelled' : 'held');
          this.focus('#step-done');
        },
        error: (error: unknown) => {
          const failure = meetingWriteFailure(error);
          if (failure.kind === 'stale') this.stepFailure.set({ kind: 'stale' });
          else if (failure.kind === 'invalid' && failure.problem.errors?.some((e) => e.name === 'reason')) {
            this.reasonError.set({ text: failure.problem.errors.find((e) => e.name === 'reason')?.reason ?? failure.problem.detail });
          } else if (failure.kind === 'unreachable') this.stepFailure.set({ kind: 'message', text: this.translate.instant('meetings.error.unreachable') as string });
          else if (failure.kind === 'notEditable' || failure.kind === 'closedForAnswers') this.stepFailure.set({ kind: 'message', text: failure.detail });
          else this.stepFailure.set({ kind: 'message', text: failure.problem.detail });
          this.focus('#step-failure');
        },
      });
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
