import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { PRACTICE_KINDS, PRACTICE_LIMITS, Page, PracticeSummary, PracticeTagCount, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { Pager } from '../layout/pager';
import { canSharePractices, deletedPracticeFrom } from './practice-access';
import { PracticeKindBadge } from './practice-kind-badge';
import { PracticesApiService } from './practices-api.service';
import {
  PracticesQuery,
  SORT_CHOICES,
  effectiveSort,
  hasPracticeFilters,
  isPracticeKind,
  isPracticeSort,
  parsePracticesQuery,
  samePracticesQuery,
  toListPracticesQuery,
  toPracticesQueryParams,
} from './practices-query';

/** How long the search box waits for the user to stop typing before it searches. */
export const PRACTICE_SEARCH_DEBOUNCE_MS = 300;
/** How many of the most used tags the list offers as filters. */
export const TAG_CHIPS = 16;

type ListState =
  | { status: 'loading'; result: Page<PracticeSummary> | null }
  | { status: 'loaded'; result: Page<PracticeSummary> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

/**
 * `/buone-pratiche`: the network's library of tools, methods and good practices. Full-text
 * search in Italian (the API stems: "tirocinio" finds "tirocini") over title, summary and tags,
 * with the matching passage highlighted; filters by kind and tag; newest first, or by relevance
 * while searching. The view lives in the URL. Referents and the secretariat share new practices.
 */
@Component({
  selector: 'cp-practices-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, Pager, PracticeKindBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './practices-page.html',
  styleUrl: './practices.scss',
})
export class PracticesPage {
  private readonly api = inject(PracticesApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly language = inject(LanguageService);
  private readonly auth = inject(AuthService);

  protected readonly kinds = PRACTICE_KINDS;
  protected readonly limits = PRACTICE_LIMITS;
  protected readonly canShare = computed(() => canSharePractices(this.auth.user()));
  protected readonly deleted = signal(deletedPracticeFrom(inject(Location).getState()));

  private readonly query$ = this.route.queryParamMap.pipe(map(parsePracticesQuery), distinctUntilChanged(samePracticesQuery));
  private readonly retry$ = new Subject<void>();
  private readonly searchInput$ = new Subject<string>();

  protected readonly query = toSignal(this.query$, { initialValue: parsePracticesQuery(this.route.snapshot.queryParamMap) });
  /** What the search box shows; follows the URL (back button) unless the user is typing. */
  protected readonly searchText = signal(this.query().q ?? '');

  protected readonly state = toSignal(
    combineLatest([this.query$, this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        this.api.list(toListPracticesQuery(query)).pipe(
          map((result): ListState => ({ status: 'loaded', result })),
          catchError((error: unknown) => of<ListState>({ status: 'error', problem: problemFrom(error), result: null })),
          startWith<ListState>({ status: 'loading', result: null }),
        ),
      ),
      // While a new page loads, keep showing the previous results (dimmed) rather than nothing.
      scan((previous: ListState, next: ListState): ListState => (next.status === 'loading' ? { status: 'loading', result: previous.result } : next)),
    ),
    { initialValue: { status: 'loading', result: null } as ListState },
  );

  /** The most used tags; the list works without them. */
  protected readonly tags = toSignal(
    this.api.tags().pipe(
      map((tags) => tags.slice(0, TAG_CHIPS)),
      catchError(() => of<PracticeTagCount[]>([])),
    ),
    { initialValue: [] as PracticeTagCount[] },
  );
  /** The tag filtered by, offered even when it is not among the most used. */
  protected readonly tagChips = computed(() => {
    const tags = this.tags().map((t) => t.tag);
    const current = this.query().tag;
    return current && !tags.includes(current) ? [current, ...tags] : tags;
  });

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
  protected readonly hasFilters = computed(() => hasPracticeFilters(this.query()));
  protected readonly sort = computed(() => effectiveSort(this.query()));
  protected readonly sortChoices = computed(() => (this.query().q ? SORT_CHOICES : SORT_CHOICES.filter((s) => s !== 'relevance')));
  private readonly dayFormat = computed(() => new Intl.DateTimeFormat(this.language.locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' }));

  constructor() {
    this.query$.pipe(takeUntilDestroyed()).subscribe((query) => {
      if ((query.q ?? '') !== this.searchText().trim()) this.searchText.set(query.q ?? '');
    });
    this.searchInput$
      .pipe(
        debounceTime(PRACTICE_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.search(q));
  }

  protected formatDay(iso: string): string {
    return this.dayFormat().format(new Date(iso));
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

  protected onKindChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ kind: isPracticeKind(value) ? value : undefined, page: 1 });
  }

  protected onSortChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isPracticeSort(value)) this.navigate({ sort: value, page: 1 });
  }

  /** The query string of a tag chip: choosing the current tag again removes the filter. */
  protected tagParams(tag: string): Record<string, unknown> {
    return toPracticesQueryParams({ ...this.query(), tag: this.query().tag === tag ? undefined : tag, page: 1 });
  }

  protected resetFilters(): void {
    this.searchText.set('');
    this.navigate({ q: undefined, kind: undefined, tag: undefined, sort: undefined, page: 1 });
  }

  protected goToPage(page: number): void {
    this.navigate({ page });
  }

  protected retry(): void {
    this.retry$.next();
  }

  private search(q: string): void {
    if (q === (this.query().q ?? '')) return;
    // A new search starts from the most relevant; clearing it drops the relevance order.
    const sort = q ? undefined : this.query().sort === 'relevance' ? undefined : this.query().sort;
    this.navigate({ q: q || undefined, sort, page: 1 });
  }

  private navigate(changes: Partial<PracticesQuery>): void {
    const next: PracticesQuery = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toPracticesQueryParams(next) });
  }
}
