import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { EnteGestore, EnteGestoreSortField, Page, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { IfAllowed } from '../auth/permissions';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { Pager } from '../layout/pager';
import { EntiGestoriApiService } from './enti-gestori-api.service';
import {
  EntiGestoriQuery,
  parseEntiGestoriQuery,
  sameEntiQuery,
  toEntiQueryParams,
  toListRequest,
} from './enti-gestori-query';

/** How long the search box waits for the user to stop typing before it searches. */
export const ENTI_SEARCH_DEBOUNCE_MS = 300;

type ListState =
  | { status: 'loading'; result: Page<EnteGestore> | null }
  | { status: 'loaded'; result: Page<EnteGestore> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

interface TableColumn {
  label: string;
  sort?: EnteGestoreSortField;
  numeric?: boolean;
}

/**
 * The register of the enti gestori, shared by the whole network: search by name or tax code,
 * the proposals still to review, sortable columns, pages; all in the URL. The secretariat (and
 * admins: `enti:manage`) add enti from here.
 */
@Component({
  selector: 'cp-enti-gestori-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, Pager, IfAllowed],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './enti-gestori-page.html',
  styleUrl: './enti-gestori-page.scss',
})
export class EntiGestoriPage {
  private readonly api = inject(EntiGestoriApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly languageService = inject(LanguageService);

  protected readonly columns: readonly TableColumn[] = [
    { label: 'entiGestori.columns.name', sort: 'name' },
    { label: 'entiGestori.columns.taxCode', sort: 'taxCode' },
    { label: 'entiGestori.columns.legalForm' },
    { label: 'entiGestori.columns.seat' },
    { label: 'entiGestori.columns.projects', sort: 'projectCount', numeric: true },
  ];

  private readonly query$ = this.route.queryParamMap.pipe(map(parseEntiGestoriQuery), distinctUntilChanged(sameEntiQuery));
  private readonly retry$ = new Subject<void>();
  private readonly searchInput$ = new Subject<string>();

  protected readonly query = toSignal(this.query$, { initialValue: parseEntiGestoriQuery(this.route.snapshot.queryParamMap) });
  protected readonly searchText = signal(this.query().q ?? '');

  protected readonly state = toSignal(
    combineLatest([this.query$, this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        this.api.list(toListRequest(query)).pipe(
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

  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? { problem: state.problem } : null;
  });
  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly result = computed(() => this.state().result);
  protected readonly pageCount = computed(() => {
    const result = this.result();
    return result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  });
  protected readonly hasFilters = computed(() => Boolean(this.query().q || this.query().proposed));
  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.languageService.locale(), { useGrouping: true }));

  constructor() {
    this.query$.pipe(takeUntilDestroyed()).subscribe((query) => {
      if ((query.q ?? '') !== this.searchText().trim()) this.searchText.set(query.q ?? '');
    });
    this.searchInput$
      .pipe(
        debounceTime(ENTI_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.search(q));
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

  protected onProposedChange(event: Event): void {
    this.navigate({ proposed: (event.target as HTMLInputElement).checked || undefined, page: 1 });
  }

  protected toggleSort(field: EnteGestoreSortField): void {
    this.navigate({ sort: this.query().sort === field ? `-${field}` : field, page: 1 });
  }

  protected ariaSort(field: EnteGestoreSortField): 'ascending' | 'descending' | null {
    const sort = this.query().sort;
    if (sort === field) return 'ascending';
    if (sort === `-${field}`) return 'descending';
    return null;
  }

  protected goToPage(page: number): void {
    this.navigate({ page });
  }

  protected resetFilters(): void {
    this.searchText.set('');
    this.navigate({ q: undefined, proposed: undefined, page: 1 });
  }

  protected retry(): void {
    this.retry$.next();
  }

  protected formatNumber(value: number): string {
    return this.numberFormat().format(value);
  }

  private search(q: string): void {
    if (q === (this.query().q ?? '')) return;
    this.navigate({ q: q || undefined, page: 1 });
  }

  private navigate(changes: Partial<EntiGestoriQuery>): void {
    const next: EntiGestoriQuery = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toEntiQueryParams(next) });
  }
}
