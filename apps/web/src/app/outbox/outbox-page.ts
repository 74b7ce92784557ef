import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { OUTBOX_STATUSES, OutboxMessage, OutboxOverview, OutboxStatus, Page, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subject, catchError, combineLatest, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { Pager } from '../layout/pager';
import { MeetingsApiService } from '../meetings/meetings-api.service';
import { romeDateTime } from '../meetings/rome-time';
import { OutboxApiService } from './outbox-api.service';
import { OutboxStatusBadge } from './outbox-badges';
import { countOf, parseOutboxQuery, sameOutboxQuery, toOutboxApiQuery, toOutboxQueryParams, totalOf } from './outbox-query';

type ListState =
  | { status: 'loading'; result: Page<OutboxMessage> | null }
  | { status: 'loaded'; result: Page<OutboxMessage> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

type OverviewState = { status: 'loading' } | { status: 'loaded'; overview: OutboxOverview } | { status: 'error' };

/** The meeting the list is narrowed to: its title once read (null when it cannot be). */
type MeetingFilter = { id: string; title: string | null } | null;

/**
 * `/posta-in-uscita` (`meetings:manage`): every e-mail the portal sends is first written to the
 * outbox, then delivered by a worker with retries. The page says where mail goes (SMTP server,
 * the data folder in demo mode, or nowhere yet), counts the messages by status — the counts are
 * the filters, of the meeting the list is narrowed to when it is — and lists them newest first;
 * status, meeting and page live in the URL.
 */
@Component({
  selector: 'cp-outbox-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, Pager, OutboxStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './outbox-page.html',
  styleUrl: './outbox-page.scss',
})
export class OutboxPage {
  private readonly api = inject(OutboxApiService);
  private readonly meetings = inject(MeetingsApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly language = inject(LanguageService);

  protected readonly statuses = OUTBOX_STATUSES;

  private readonly query$ = this.route.queryParamMap.pipe(map(parseOutboxQuery), distinctUntilChanged(sameOutboxQuery));
  private readonly refresh$ = new Subject<void>();

  protected readonly query = toSignal(this.query$, { initialValue: parseOutboxQuery(this.route.snapshot.queryParamMap) });

  protected readonly overview = toSignal(
    combineLatest([this.query$.pipe(map((query) => query.meetingId), distinctUntilChanged()), this.refresh$.pipe(startWith(undefined))]).pipe(
      // The counts of the meeting the list is narrowed to, when it is.
      switchMap(([meetingId]) =>
        this.api.overview(meetingId).pipe(
          map((overview): OverviewState => ({ status: 'loaded', overview })),
          catchError(() => of<OverviewState>({ status: 'error' })),
        ),
      ),
      // A refresh keeps the counts on screen until the new ones arrive.
      startWith<OverviewState>({ status: 'loading' }),
    ),
    { initialValue: { status: 'loading' } as OverviewState },
  );

  protected readonly state = toSignal(
    combineLatest([this.query$, this.refresh$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        this.api.list(toOutboxApiQuery(query)).pipe(
          map((result): ListState => ({ status: 'loaded', result })),
          catchError((error: unknown) => of<ListState>({ status: 'error', problem: problemFrom(error), result: null })),
          startWith<ListState>({ status: 'loading', result: null }),
        ),
      ),
      // While a new page loads, keep showing the previous rows (dimmed) rather than nothing.
      scan((previous: ListState, next: ListState): ListState => (next.status === 'loading' ? { status: 'loading', result: previous.result } : next)),
    ),
    { initialValue: { status: 'loading', result: null } as ListState },
  );

  protected readonly meetingFilter = toSignal(
    this.query$.pipe(
      map((query) => query.meetingId ?? null),
      distinctUntilChanged(),
      switchMap((id): Observable<MeetingFilter> =>
        id === null
          ? of(null)
          : this.meetings.get(id).pipe(
              map((meeting): MeetingFilter => ({ id, title: meeting.title })),
              catchError(() => of<MeetingFilter>({ id, title: null })),
              startWith<MeetingFilter>({ id, title: null }),
            ),
      ),
    ),
    { initialValue: null as MeetingFilter },
  );

  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly result = computed(() => this.state().result);
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? { problem: state.problem } : null;
  });
  protected readonly pageCount = computed(() => {
    const result = this.result();
    return result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  });
  protected readonly counts = computed(() => {
    const overview = this.overview();
    return overview.status === 'loaded' ? overview.overview.counts : null;
  });
  protected readonly transport = computed(() => {
    const overview = this.overview();
    return overview.status === 'loaded' ? overview.overview.transport : null;
  });
  protected readonly total = computed(() => {
    const counts = this.counts();
    return counts ? totalOf(counts) : null;
  });

  protected count(status: OutboxStatus): number | null {
    const counts = this.counts();
    return counts ? countOf(counts, status) : null;
  }

  protected stamp(iso: string): string {
    return romeDateTime(iso, this.language.locale());
  }

  protected statusParams(status: OutboxStatus | undefined): Record<string, unknown> {
    return toOutboxQueryParams({ ...this.query(), status, page: 1 });
  }

  protected allMeetingsParams(): Record<string, unknown> {
    return toOutboxQueryParams({ ...this.query(), meetingId: undefined, page: 1 });
  }

  protected goToPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: toOutboxQueryParams({ ...this.query(), page }) });
  }

  protected refresh(): void {
    this.refresh$.next();
  }
}
