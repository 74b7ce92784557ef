import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Invitation, MeetingDetail, Page } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { EMPTY, Observable, Subject, catchError, expand, finalize, map, of, reduce, startWith, switchMap } from 'rxjs';
import { InvitationStatusBadge } from './meeting-badges';
import { meetingWriteFailure } from './meeting-problems';
import { AttendanceRow, attendanceChanged, attendanceRequestOf, attendanceRowOf, attendanceTotals } from './meeting-records';
import { MeetingsApiService } from './meetings-api.service';

/** The largest page the API serves: the register lists every invited Comune at once. */
const REGISTER_PAGE_SIZE = 100;

type LoadState = { status: 'loading' } | { status: 'loaded' } | { status: 'error' };
type Failure = { kind: 'stale' } | { kind: 'message'; text: string };

/**
 * The attendance register of a held meeting (`meetings:manage`): every invited Comune with a
 * "present" box and, when present, a box per delegate it announced. One PUT saves the whole
 * register; the totals are those the minutes will show.
 */
@Component({
  selector: 'cp-attendance-register',
  imports: [TranslatePipe, ItSpinnerComponent, InvitationStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attendance-register.html',
  styleUrls: ['./meetings.scss', './attendance-register.scss'],
})
export class AttendanceRegister {
  private readonly api = inject(MeetingsApiService);
  private readonly translate = inject(TranslateService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly meeting = input.required<MeetingDetail>();
  /** Saved: the meeting's version moved on, so the page reads it again. */
  readonly saved = output<void>();
  readonly reloadRequested = output<void>();

  protected readonly rows = signal<AttendanceRow[]>([]);
  protected readonly saving = signal(false);
  protected readonly done = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  private readonly retry$ = new Subject<void>();

  protected readonly totals = computed(() => attendanceTotals(this.rows()));
  protected readonly changed = computed(() => attendanceChanged(this.rows()));

  protected readonly load = toSignal(
    toObservable(computed(() => `${this.meeting().id}@${this.meeting().version}`)).pipe(
      switchMap(() => this.retry$.pipe(startWith(undefined))),
      switchMap(() =>
        this.allInvitations(this.meeting().id).pipe(
          map((invitations): LoadState => {
            // Read again after another write moved the meeting on (e.g. minutes saved): unsaved ticks stay.
            const unsaved = this.changed() ? new Map(this.rows().map((row) => [row.invitationId, row])) : null;
            this.rows.set(
              invitations.map((invitation) => {
                const fresh = attendanceRowOf(invitation);
                const kept = unsaved?.get(invitation.id);
                return kept ? { ...fresh, present: kept.present, delegates: kept.delegates } : fresh;
              }),
            );
            return { status: 'loaded' };
          }),
          catchError(() => of<LoadState>({ status: 'error' })),
          startWith<LoadState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as LoadState },
  );

  /** Whether the register has unsaved ticks (the page asks before leaving). */
  hasChanges(): boolean {
    return this.changed();
  }

  protected onPresent(index: number, event: Event): void {
    const present = (event.target as HTMLInputElement).checked;
    this.rows.update((rows) => rows.map((row, i) => (i === index ? { ...row, present } : row)));
    this.done.set(false);
  }

  protected onDelegate(index: number, delegateIndex: number, event: Event): void {
    const present = (event.target as HTMLInputElement).checked;
    this.rows.update((rows) =>
      rows.map((row, i) => (i === index ? { ...row, delegates: row.delegates.map((d, j) => (j === delegateIndex ? { ...d, present } : d)) } : row)),
    );
    this.done.set(false);
  }

  protected retry(): void {
    this.retry$.next();
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    const meeting = this.meeting();
    this.saving.set(true);
    this.failure.set(null);
    this.done.set(false);
    this.api
      .recordAttendance(meeting.id, attendanceRequestOf(meeting.version, this.rows()))
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: () => {
          this.done.set(true);
          this.saved.emit();
          this.focus('#attendance-done');
        },
        error: (error: unknown) => {
          const failure = meetingWriteFailure(error);
          if (failure.kind === 'stale') this.failure.set({ kind: 'stale' });
          else if (failure.kind === 'unreachable') this.failure.set({ kind: 'message', text: this.translate.instant('meetings.error.unreachable') as string });
          else if (failure.kind === 'notEditable' || failure.kind === 'closedForAnswers') this.failure.set({ kind: 'message', text: failure.detail });
          else this.failure.set({ kind: 'message', text: failure.problem.detail });
          this.focus('#attendance-failure');
        },
      });
  }

  protected reloadAfterConflict(): void {
    this.failure.set(null);
    this.reloadRequested.emit();
  }

  private allInvitations(id: string): Observable<Invitation[]> {
    return this.api.invitations(id, 1, REGISTER_PAGE_SIZE).pipe(
      expand((page: Page<Invitation>) => (page.page * page.pageSize < page.total ? this.api.invitations(id, page.page + 1, REGISTER_PAGE_SIZE) : EMPTY)),
      reduce((all: Invitation[], page: Page<Invitation>) => [...all, ...page.items], []),
    );
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
