import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  AttendanceByComune,
  DashboardStats,
  PROJECT_CATEGORIES,
  PROVINCES,
  PROVINCE_NAMES,
  PeopleCount,
  ProblemDetails,
  ProjectCategory,
  Province,
  isProvince,
} from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { ExportButtons } from '../exports/export-buttons';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { MembershipBadge } from '../comuni/membership-badge';
import {
  ChartSpec,
  ProjectsMatrix,
  TOP_ENTI,
  cellOf,
  chartSummary,
  entiChart,
  formatPeople,
  formatRate,
  membersByProvinceChart,
  membersOverTimeChart,
  monthLabel,
  projectsChart,
  projectsMatrix,
  topEnti,
} from './dashboard-charts';
import {
  DashboardQuery,
  attendanceExportParams,
  hasDashboardFilters,
  isCalendarDate,
  isProjectCategory,
  parseDashboardQuery,
  periodReversed,
  projectsExportParams,
  sameDashboardQuery,
  toDashboardQueryParams,
} from './dashboard-query';
import { StatsApiService } from './stats-api.service';
import { StatsChart } from './stats-chart';

type StatsState =
  | { status: 'loading'; stats: DashboardStats | null }
  | { status: 'loaded'; stats: DashboardStats }
  | { status: 'error'; problem: ProblemDetails | null; stats: null }
  /** The period ends before it starts: nothing to ask the API. */
  | { status: 'invalid'; stats: null };

/** A card of the totals row. */
interface TotalCard {
  key: string;
  value: string;
}

/**
 * `/cruscotto`: the network's figures for the Servizio Centrale, the secretariat and every
 * signed-in role — totals, then members by province and over time, projects and posti by
 * category × province, enti gestori by Comuni served, attendance by Comune and the titolari of
 * SAI projects not yet members. Each chart has the same figures in a table beside it. The
 * filters (province, category, period) live in the URL; every figure is computed by the API.
 */
@Component({
  selector: 'cp-dashboard-page',
  imports: [RouterLink, TranslatePipe, ItSpinnerComponent, StatsChart, ExportButtons, MembershipBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
})
export class DashboardPage {
  private readonly api = inject(StatsApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);

  protected readonly provinces = PROVINCES;
  protected readonly provinceNames = PROVINCE_NAMES;
  protected readonly categories = PROJECT_CATEGORIES;
  protected readonly topEntiCount = TOP_ENTI;

  private readonly query$ = this.route.queryParamMap.pipe(map(parseDashboardQuery), distinctUntilChanged(sameDashboardQuery));
  private readonly retry$ = new Subject<void>();

  protected readonly query = toSignal(this.query$, { initialValue: parseDashboardQuery(this.route.snapshot.queryParamMap) });

  protected readonly state = toSignal(
    combineLatest([this.query$, this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        periodReversed(query)
          ? of<StatsState>({ status: 'invalid', stats: null })
          : this.api.dashboard(query).pipe(
              map((stats): StatsState => ({ status: 'loaded', stats })),
              catchError((error: unknown) => of<StatsState>({ status: 'error', problem: problemFrom(error), stats: null })),
              startWith<StatsState>({ status: 'loading', stats: null }),
            ),
      ),
      // While new figures load, the previous ones stay (dimmed) rather than a blank page.
      scan((previous: StatsState, next: StatsState): StatsState => (next.status === 'loading' ? { status: 'loading', stats: previous.stats } : next)),
    ),
    { initialValue: { status: 'loading', stats: null } as StatsState },
  );

  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly reversed = computed(() => this.state().status === 'invalid');
  protected readonly stats = computed(() => this.state().stats);
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? { problem: state.problem } : null;
  });
  protected readonly hasFilters = computed(() => hasDashboardFilters(this.query()));
  /** A referent's attendance table holds their own Comune only: the page says so. */
  protected readonly ownAttendanceOnly = computed(() => !this.auth.can('network:read-private'));

  protected readonly attendanceExport = computed(() => attendanceExportParams(this.query()));
  protected readonly projectsExport = computed(() => projectsExportParams(this.query()));

  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.language.locale(), { useGrouping: true }));
  /** Re-translates the charts' labels when the language changes. */
  private readonly lang = toSignal(this.translate.onLangChange.pipe(map((e) => e.lang)), { initialValue: this.translate.currentLang });

  protected readonly totals = computed((): TotalCard[] => {
    const stats = this.stats();
    if (!stats) return [];
    const t = stats.totals;
    return [
      { key: 'members', value: this.formatNumber(t.members) },
      { key: 'projects', value: this.formatNumber(t.projects) },
      { key: 'posti', value: this.formatNumber(t.posti) },
      { key: 'enti', value: this.formatNumber(t.enti) },
      { key: 'meetingsHeld', value: this.formatNumber(t.meetingsHeld) },
      { key: 'attendanceRate', value: this.rate(t.attendanceRate) },
    ];
  });

  protected readonly membersByProvince = computed(() => {
    const stats = this.stats();
    if (!stats) return [];
    return [...stats.membersByProvince].sort((a, b) => PROVINCES.indexOf(a.province) - PROVINCES.indexOf(b.province));
  });
  protected readonly membersChart = computed((): ChartSpec | null => {
    this.lang();
    const rows = this.membersByProvince();
    if (!rows.length) return null;
    return membersByProvinceChart(rows, { members: this.t('dashboard.members.members'), comuni: this.t('dashboard.members.comuni') });
  });

  protected readonly membersOverTime = computed(() => {
    const stats = this.stats();
    return stats ? [...stats.membersOverTime].sort((a, b) => a.month.localeCompare(b.month)) : [];
  });
  protected readonly timeChart = computed((): ChartSpec | null => {
    this.lang();
    const rows = this.membersOverTime();
    return rows.length ? membersOverTimeChart(rows, this.t('dashboard.time.members'), this.language.locale()) : null;
  });

  protected readonly matrix = computed((): ProjectsMatrix | null => {
    const stats = this.stats();
    if (!stats) return null;
    const { province, category } = this.query();
    return projectsMatrix(stats.projectsByCategoryProvince, { province, category });
  });
  protected readonly projectsSpec = computed((): ChartSpec | null => {
    this.lang();
    const matrix = this.matrix();
    return matrix ? projectsChart(matrix, (category) => this.t(`comuni.categories.${category}`)) : null;
  });

  protected readonly enti = computed(() => {
    const stats = this.stats();
    return stats ? topEnti(stats.entiByComuniServed) : [];
  });
  protected readonly entiSpec = computed((): ChartSpec | null => {
    this.lang();
    const rows = this.enti();
    return rows.length ? entiChart(rows, this.t('dashboard.enti.comuniServed')) : null;
  });
  protected readonly entiHeight = computed(() => Math.max(160, this.enti().length * 28 + 60));

  protected readonly attendance = computed((): AttendanceByComune[] => {
    const stats = this.stats();
    if (!stats) return [];
    return [...stats.attendanceByComune].sort((a, b) => a.comuneName.localeCompare(b.comuneName, 'it'));
  });

  protected readonly nonMembers = computed(() => {
    const stats = this.stats();
    if (!stats) return [];
    return [...stats.nonMemberTitolari].sort(
      (a, b) => PROVINCES.indexOf(a.province) - PROVINCES.indexOf(b.province) || a.comuneName.localeCompare(b.comuneName, 'it'),
    );
  });

  /** The filters in words, for the captions: "Catania (CT), MSNA". */
  protected readonly filterText = computed(() => {
    this.lang();
    const { province, category, from, to } = this.query();
    const parts: string[] = [];
    if (province) parts.push(this.provinceLabel(province));
    if (category) parts.push(this.t(`comuni.categories.${category}`));
    if (from && to) parts.push(this.t('dashboard.period.between', { from: this.formatDate(from), to: this.formatDate(to) }));
    else if (from) parts.push(this.t('dashboard.period.since', { from: this.formatDate(from) }));
    else if (to) parts.push(this.t('dashboard.period.until', { to: this.formatDate(to) }));
    return parts.join(', ');
  });

  protected chartText(key: string, spec: ChartSpec): string {
    return `${this.t(key)}. ${chartSummary(spec, (value) => this.formatNumber(value))}.`;
  }

  protected cell(matrix: ProjectsMatrix, province: Province, category: ProjectCategory) {
    return cellOf(matrix, province, category);
  }

  protected formatNumber(value: number): string {
    return this.numberFormat().format(value);
  }

  protected rate(rate: number | null): string {
    return formatRate(rate, this.language.locale()) ?? '—';
  }

  protected people(count: PeopleCount): string {
    return formatPeople(count, (value) => this.formatNumber(value));
  }

  protected share(part: number, whole: number): string {
    return whole > 0 ? this.rate(part / whole) : '—';
  }

  protected month(month: string): string {
    return monthLabel(month, this.language.locale());
  }

  protected provinceLabel(province: Province): string {
    return `${PROVINCE_NAMES[province]} (${province})`;
  }

  protected onProvinceChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ province: isProvince(value) ? value : undefined });
  }

  protected onCategoryChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ category: isProjectCategory(value) ? value : undefined });
  }

  protected onDateChange(which: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    // A half-typed date is no date: the filter waits for a whole one, or an emptied field.
    if (value && !isCalendarDate(value)) return;
    this.navigate({ [which]: value || undefined });
  }

  protected resetFilters(): void {
    this.navigate({ province: undefined, category: undefined, from: undefined, to: undefined });
  }

  protected retry(): void {
    this.retry$.next();
  }

  private formatDate(date: string): string {
    return new Intl.DateTimeFormat(this.language.locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }

  private navigate(changes: Partial<DashboardQuery>): void {
    const next: DashboardQuery = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toDashboardQueryParams(next), queryParamsHandling: 'merge' });
  }
}
