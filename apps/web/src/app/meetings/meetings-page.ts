import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Invitation, MEETING_STATUSES, Meeting, Page, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subject, catchError, combineLatest, debounceTime, distinctUntilChanged, forkJoin, map, of, scan, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { IfAllowed } from '../auth/permissions';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { Pager } from '../layout/pager';
import { CalendarFeedPanel } from './calendar-feed-panel';
import { InvitationStatusBadge, MeetingStatusBadge } from './meeting-badges';
import { MeetingsApiService } from './meetings-api.service';
import {
  MEETINGS_PAGE_SIZE,
  MEETING_PERIODS,
  MeetingPeriod,
  MeetingsQuery,
  isMeetingPeriod,
  isMeetingStatus,
  parseMeetingsQuery,
  sameMeetingsQuery,
  toListMeetingsQuery,
  toMeetingsQueryParams,
} from './meetings-query';
import { meetingWhen } from './rome-time';

export const MEETING_SEARCH_DEBOUNCE_MS = 300;

type ListState =
  | { status: 'loading'; result: Page<Meeting> | null }
  | { status: 'loaded'; result: Page<Meeting> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

/** A referent's meeting with their Comune's answer (null while it cannot be read). */
export interface OwnMeeting {
  meeting: Meeting;
  invitation: Invitation | null;
}

type OwnState =
  | { status: 'loading' }
  | { status: 'loaded'; upcoming: OwnMeeting[]; past: OwnMeeting[] }
  | { status: 'error'; problem: ProblemDetails | null };

/**
 * `/incontri`: for the network roles every meeting, with period, status and title search kept in
 * the URL; for a referent "I tuoi incontri", the convened meetings their Comune is invited to,
 * upcoming first, each with their Comune's answer. Below, for everyone, the personal calendar feed.
 */
@Component({
  selector: 'cp-meetings-page',
  imports: [NgTemplateOutlet, RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, Pager, IfAllowed, MeetingStatusBadge, InvitationStatusBadge, CalendarFeedPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meetings-page.html',
  styleUrl: './meetings.scss',
})
export class MeetingsPage {
  private readonly api = inject(MeetingsApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly language = inject(LanguageService);

  protected readonly periods = MEETING_PERIODS;
  protected readonly statuses = MEETING_STATUSES;
  /** A referent reads the meetings of their own Comune only. */
  protected readonly ownComune = computed(() => {
    const user = this.auth.user();
    return user?.role === 'COMUNE_REFERENT' ? (user.comuneName ?? '') : null;
  });

  private readonly query$ = this.route.queryParamMap.pipe(map(parseMeetingsQuery), distinctUntilChanged(sameMeetingsQuery));
  private readonly retry$ = new Subject<void>();
  private readonly searchInput$ = new Subject<string>();

  protected readonly query = toSignal(this.query$, { initialValue: parseMeetingsQuery(this.route.snapshot.queryParamMap) });
  protected readonly searchText = signal(this.query().q ?? '');

  protected readonly state = toSignal(
    combineLatest([this.query$, this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        this.ownComune() !== null
          ? of<ListState>({ status: 'loading', result: null })
          : this.api.list(toListMeetingsQuery(query, new Date())).pipe(
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

  protected readonly own = toSignal(
    this.retry$.pipe(
      startWith(undefined),
      switchMap(() => (this.ownComune() === null ? of<OwnState>({ status: 'loading' }) : this.loadOwn())),
    ),
    { initialValue: { status: 'loading' } as OwnState },
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
  protected readonly hasFilters = computed(() => Boolean(this.query().q || this.query().status));

  constructor() {
    this.query$.pipe(takeUntilDestroyed()).subscribe((query) => {
      if ((query.q ?? '') !== this.searchText().trim()) this.searchText.set(query.q ?? '');
    });
    this.searchInput$
      .pipe(
        debounceTime(MEETING_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.search(q));
  }

  protected when(meeting: Meeting): string {
    return meetingWhen(meeting.startsAt, meeting.endsAt, this.language.locale());
  }

  protected periodParams(period: MeetingPeriod): Record<string, unknown> {
    return toMeetingsQueryParams({ ...this.query(), period, page: 1 });
  }

  protected onSearchInput(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.searchText.set(text);
    this.searchInput$.next(text);
  }

  protected onSubmit(event: Event): void {
    event.preventDefault();
    this.search(this.searchText().trim());
  }

  protected onPeriodChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isMeetingPeriod(value)) this.navigate({ period: value, page: 1 });
  }

  protected onStatusChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ status: isMeetingStatus(value) ? value : undefined, page: 1 });
  }

  protected resetFilters(): void {
    this.searchText.set('');
    this.navigate({ q: undefined, status: undefined, page: 1 });
  }

  protected goToPage(page: number): void {
    this.navigate({ page });
  }

  protected retry(): void {
    this.retry$.next();
  }

  private search(q: string): void {
    if (q === (this.query().q ?? '')) return;
    this.navigate({ q: q || undefined, page: 1 });
  }

  private navigate(changes: Partial<MeetingsQuery>): void {
    const next: MeetingsQuery = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toMeetingsQueryParams(next) });
  }

  /**
   * The referent's meetings: those still to come (soonest first), then the past ones (latest
   * first), each with their Comune's invitation, which the list does not carry.
   */
  private loadOwn(): Observable<OwnState> {
    const now = new Date().toISOString();
    const withAnswers = (page: Page<Meeting>): Observable<OwnMeeting[]> =>
      page.items.length === 0
        ? of([])
        : forkJoin(
            page.items.map((meeting) =>
              this.api.invitations(meeting.id, 1, 1).pipe(
                map((invitations): OwnMeeting => ({ meeting, invitation: invitations.items[0] ?? null })),
                catchError(() => of<OwnMeeting>({ meeting, invitation: null })),
              ),
            ),
          );
    return forkJoin([
      this.api.list({ page: 1, pageSize: MEETINGS_PAGE_SIZE, sort: 'startsAt', from: now }),
      this.api.list({ page: 1, pageSize: MEETINGS_PAGE_SIZE, sort: '-startsAt', to: now }),
    ]).pipe(
      switchMap(([upcoming, past]) =>
        forkJoin([withAnswers(upcoming), withAnswers({ ...past, items: past.items.filter((m) => !upcoming.items.some((u) => u.id === m.id)) })]),
      ),
      map(([upcoming, past]): OwnState => ({ status: 'loaded', upcoming, past })),
      catchError((error: unknown) => of<OwnState>({ status: 'error', problem: problemFrom(error) })),
      startWith<OwnState>({ status: 'loading' }),
    );
  }
}
