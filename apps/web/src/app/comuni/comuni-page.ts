import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  COMUNE_KINDS,
  ComuneKind,
  ComuneSortField,
  DirectoryPage,
  PROJECT_CATEGORIES,
  PROVINCES,
  PROVINCE_NAMES,
  ProblemDetails,
  Province,
  isProvince,
} from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import {
  Subject,
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  scan,
  startWith,
  switchMap,
} from 'rxjs';
import { ExportButtons } from '../exports/export-buttons';
import { ExportParams } from '../exports/export-download';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { ComuniApiService } from './comuni-api.service';
import {
  ComuniQuery,
  MEMBERSHIP_FILTERS,
  PAGE_SIZE_CHOICES,
  isMembershipFilter,
  pageWindow,
  parseComuniQuery,
  sameQuery,
  toQueryParams,
} from './comuni-query';
import { MembershipBadge } from './membership-badge';
import { ProvinceTotalsTable } from './province-totals-table';

/** How long the search box waits for the user to stop typing before it searches. */
export const SEARCH_DEBOUNCE_MS = 300;

type ListState =
  | { status: 'loading'; result: DirectoryPage | null }
  | { status: 'loaded'; result: DirectoryPage }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

/** A table column: its header's translation key and, when sortable, the API sort field. */
interface TableColumn {
  label: string;
  sort?: ComuneSortField;
  numeric?: boolean;
}

function isKind(value: string): value is ComuneKind {
  return (COMUNE_KINDS as readonly string[]).includes(value);
}

/**
 * The network directory ("Rete dei Comuni"): search, filters (province, kind, membership, SAI
 * projects), a sortable table with each Comune's membership, projects and posti, pagination, and
 * the totals per province of the filtered set, over `GET /api/v1/comuni`. The URL's query string
 * is the single source of truth, so a reload keeps the view and the back button steps through
 * earlier searches.
 */
@Component({
  selector: 'cp-comuni-page',
  imports: [NgTemplateOutlet, RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, MembershipBadge, ProvinceTotalsTable, ExportButtons],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './comuni-page.html',
  styleUrl: './comuni-page.scss',
})
export class ComuniPage {
  private readonly api = inject(ComuniApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly languageService = inject(LanguageService);

  protected readonly provinces = PROVINCES;
  protected readonly provinceNames = PROVINCE_NAMES;
  protected readonly kinds = COMUNE_KINDS;
  protected readonly memberships = MEMBERSHIP_FILTERS;
  protected readonly categories = PROJECT_CATEGORIES;
  /**
   * The header's first row: these columns, then the posti group (whose columns are the second
   * row), then the reference data. Membership and projects come first: on a phone they are what
   * shows before the table scrolls sideways.
   */
  protected readonly leadingColumns: readonly TableColumn[] = [
    { label: 'comuni.columns.name', sort: 'name' },
    { label: 'comuni.columns.province', sort: 'province' },
    { label: 'comuni.columns.membership' },
    { label: 'comuni.columns.projects', sort: 'projectCount', numeric: true },
  ];
  protected readonly trailingColumns: readonly TableColumn[] = [
    { label: 'comuni.columns.istatCode', sort: 'istatCode' },
    { label: 'comuni.columns.population', sort: 'population', numeric: true },
  ];
  protected readonly postiTotalColumn: TableColumn = { label: 'comuni.columns.postiTotal', sort: 'postiTotal', numeric: true };

  private readonly query$ = this.route.queryParamMap.pipe(map(parseComuniQuery), distinctUntilChanged(sameQuery));
  private readonly retry$ = new Subject<void>();
  private readonly searchInput$ = new Subject<string>();

  /** The view state as read from the URL. */
  protected readonly query = toSignal(this.query$, { initialValue: parseComuniQuery(this.route.snapshot.queryParamMap) });

  /** What the search box shows; follows the URL (back button) unless the user is typing. */
  protected readonly searchText = signal(this.query().q ?? '');

  protected readonly state = toSignal(
    combineLatest([this.query$, this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        this.api.list(query).pipe(
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
  protected readonly pages = computed(() => pageWindow(this.query().page, this.pageCount()));
  protected readonly pageSizeChoices = computed(() =>
    [...new Set([...PAGE_SIZE_CHOICES, this.query().pageSize])].sort((a, b) => a - b),
  );
  /** The export holds every Comune of the current search and filters, in the table's order. */
  protected readonly exportParams = computed((): ExportParams => {
    const { q, province, kind, membership, withProjects, sort } = this.query();
    return { q, province, kind, membership, withProjects: withProjects ? 'true' : undefined, sort };
  });
  protected readonly hasFilters = computed(() => {
    const { q, province, kind, membership, withProjects } = this.query();
    return Boolean(q || province || kind || membership || withProjects);
  });
  // Always group thousands: Italian's locale default would print 7051 next to 52.215.
  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.languageService.locale(), { useGrouping: true }));

  constructor() {
    this.query$.pipe(takeUntilDestroyed()).subscribe((query) => {
      if ((query.q ?? '') !== this.searchText().trim()) this.searchText.set(query.q ?? '');
    });
    this.searchInput$
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
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

  /** Enter in the search box searches at once, without waiting for the debounce. */
  protected onSubmit(event: Event): void {
    event.preventDefault();
    this.search(this.searchText().trim());
  }

  protected onProvinceChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ province: isProvince(value) ? value : undefined, page: 1 });
  }

  protected onKindChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ kind: isKind(value) ? value : undefined, page: 1 });
  }

  protected onMembershipChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ membership: isMembershipFilter(value) ? value : undefined, page: 1 });
  }

  protected onWithProjectsChange(event: Event): void {
    this.navigate({ withProjects: (event.target as HTMLInputElement).checked || undefined, page: 1 });
  }

  protected onPageSizeChange(event: Event): void {
    const pageSize = Number((event.target as HTMLSelectElement).value);
    this.navigate({ pageSize, page: 1 });
  }

  protected toggleSort(field: ComuneSortField): void {
    this.navigate({ sort: this.query().sort === field ? `-${field}` : field, page: 1 });
  }

  protected resetFilters(): void {
    this.searchText.set('');
    this.navigate({ q: undefined, province: undefined, kind: undefined, membership: undefined, withProjects: undefined, page: 1 });
  }

  protected retry(): void {
    this.retry$.next();
  }

  /** `aria-sort` for a column header: only the sorted column carries it. */
  protected ariaSort(field: ComuneSortField): 'ascending' | 'descending' | null {
    const sort = this.query().sort;
    if (sort === field) return 'ascending';
    if (sort === `-${field}`) return 'descending';
    return null;
  }

  protected pageParams(page: number): Record<string, unknown> {
    return toQueryParams({ ...this.query(), page });
  }

  protected formatNumber(value: number): string {
    return this.numberFormat().format(value);
  }

  protected provinceLabel(province: Province): string {
    return `${PROVINCE_NAMES[province]} (${province})`;
  }

  private search(q: string): void {
    if (q === (this.query().q ?? '')) return;
    this.navigate({ q: q || undefined, page: 1 });
  }

  private navigate(changes: Partial<ComuniQuery>): void {
    const next: ComuniQuery = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toQueryParams(next) });
  }
}
