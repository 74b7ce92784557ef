import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MEMBERSHIP_SORTS, Membership, PROVINCES, PROVINCE_NAMES, Page, ProblemDetails, Province, isProvince } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { ExportButtons } from '../exports/export-buttons';
import { ExportParams } from '../exports/export-download';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { Pager } from '../layout/pager';
import { MembershipStatusBadge } from './membership-status';
import { romeDateTimeFormat } from './membership-view';
import { MembershipsApiService } from './memberships-api.service';
import {
  MembershipSort,
  MembershipsQuery,
  SORT_CHOICES,
  STATUS_FILTERS,
  StatusFilter,
  parseMembershipsQuery,
  sameMembershipsQuery,
  toListMembershipsQuery,
  toMembershipsQueryParams,
} from './memberships-query';

/** How long the search box waits for the user to stop typing before it searches. */
export const MEMBERSHIP_SEARCH_DEBOUNCE_MS = 300;

type ListState =
  | { status: 'loading'; result: Page<Membership> | null }
  | { status: 'loaded'; result: Page<Membership> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

function isSort(value: string): value is MembershipSort {
  return (MEMBERSHIP_SORTS as readonly string[]).includes(value);
}

/**
 * The memberships of the network as a queue (secretariat, administrators) or a read-only list
 * (Servizio Centrale): one tab per status — requests waiting first —, search by Comune,
 * province, order, pages. The view lives in the URL; each row opens the membership.
 */
@Component({
  selector: 'cp-membership-queue',
  imports: [RouterLink, TranslatePipe, ItSpinnerComponent, Pager, MembershipStatusBadge, ExportButtons],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './membership-queue.html',
  styleUrls: ['./memberships.scss', './membership-queue.scss'],
})
export class MembershipQueue {
  private readonly api = inject(MembershipsApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly languageService = inject(LanguageService);

  /** The Servizio Centrale reads; it never decides. */
  readonly readOnly = input(false);

  protected readonly statusFilters = STATUS_FILTERS;
  protected readonly sortChoices = SORT_CHOICES;
  protected readonly provinces = PROVINCES;
  protected readonly provinceNames = PROVINCE_NAMES;

  private readonly query$ = this.route.queryParamMap.pipe(map(parseMembershipsQuery), distinctUntilChanged(sameMembershipsQuery));
  private readonly retry$ = new Subject<void>();
  private readonly searchInput$ = new Subject<string>();

  protected readonly query = toSignal(this.query$, { initialValue: parseMembershipsQuery(this.route.snapshot.queryParamMap) });
  /** What the search box shows; follows the URL (back button) unless the user is typing. */
  protected readonly searchText = signal(this.query().q ?? '');

  protected readonly state = toSignal(
    combineLatest([this.query$, this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        this.api.list(toListMembershipsQuery(query)).pipe(
          map((result): ListState => ({ status: 'loaded', result })),
          catchError((error: unknown) => of<ListState>({ status: 'error', problem: problemFrom(error), result: null })),
          startWith<ListState>({ status: 'loading', result: null }),
        ),
      ),
      // While a new page loads, keep showing the previous rows (dimmed) rather than a blank table.
      scan((previous: ListState, next: ListState): ListState =>
        next.status === 'loading' ? { status: 'loading', result: previous.result } : next,
      ),
    ),
    { initialValue: { status: 'loading', result: null } as ListState },
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
  protected readonly hasFilters = computed(() => Boolean(this.query().q || this.query().province));
  /** The export holds the memberships of the tab and filters shown (every page), with their history. */
  protected readonly exportParams = computed((): ExportParams => {
    const list = toListMembershipsQuery(this.query());
    return { status: list.status, q: list.q, province: list.province, sort: list.sort };
  });
  private readonly dateFormat = computed(() => romeDateTimeFormat(this.languageService.locale()));

  constructor() {
    this.query$.pipe(takeUntilDestroyed()).subscribe((query) => {
      if ((query.q ?? '') !== this.searchText().trim()) this.searchText.set(query.q ?? '');
    });
    this.searchInput$
      .pipe(
        debounceTime(MEMBERSHIP_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.search(q));
  }

  /** The query string of a status tab's link (the other filters stay, the page restarts). */
  protected statusParams(status: StatusFilter): Record<string, unknown> {
    return toMembershipsQueryParams({ ...this.query(), status, page: 1 });
  }

  protected formatDate(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }

  protected onSearchInput(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.searchText.set(text);
    this.searchInput$.next(text);
  }

  /** Enter in the search box searches at once, without waiting for the debounce. */
  protected onSubmit(event: Event): void {
    event.preventDefault();
    this.search(this.searchText().trim());
  }

  protected onStatusChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if ((STATUS_FILTERS as readonly string[]).includes(value)) this.navigate({ status: value as StatusFilter, page: 1 });
  }

  protected onProvinceChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ province: isProvince(value) ? (value as Province) : undefined, page: 1 });
  }

  protected onSortChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isSort(value)) this.navigate({ sort: value, page: 1 });
  }

  protected resetFilters(): void {
    this.searchText.set('');
    this.navigate({ q: undefined, province: undefined, page: 1 });
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

  private navigate(changes: Partial<MembershipsQuery>): void {
    const next: MembershipsQuery = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toMembershipsQueryParams(next) });
  }
}
