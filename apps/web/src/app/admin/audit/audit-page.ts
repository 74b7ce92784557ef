import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { AuditEventView, Page, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { problemFrom } from '../../http/problem-details';
import { LanguageService } from '../../i18n/language.service';
import { AuditApiService } from './audit-api.service';
import {
  AUDIT_CATEGORIES,
  AUDIT_TIME_ZONE,
  AuditCategory,
  AuditQuery,
  actionLabelKey,
  isDate,
  parseAuditQuery,
  sameAuditQuery,
  toApiQuery,
  toAuditQueryParams,
} from './audit-query';
import { Pager } from '../../layout/pager';

type ListState =
  | { status: 'loading'; result: Page<AuditEventView> | null }
  | { status: 'loaded'; result: Page<AuditEventView> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

/** One changed field of an event, its values as text. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The changes of an event as a list, in the field order the API gave. */
export function changesOf(event: AuditEventView): FieldChange[] {
  return Object.entries(event.changes ?? {}).map(([field, change]) => ({
    field,
    before: valueText(change?.before),
    after: valueText(change?.after),
  }));
}

/**
 * The audit trail (permission `audit:read`), newest first: filters by category of action and
 * period (days in Europe/Rome), kept in the URL; each change shows its fields before and after.
 */
@Component({
  selector: 'cp-audit-page',
  imports: [TranslatePipe, ItSpinnerComponent, Pager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  private readonly api = inject(AuditApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly languageService = inject(LanguageService);

  protected readonly categories = AUDIT_CATEGORIES.map((value) => ({ value, label: `audit.categories.${value.slice(0, -1)}` }));

  private readonly query$ = this.route.queryParamMap.pipe(map(parseAuditQuery), distinctUntilChanged(sameAuditQuery));
  private readonly retry$ = new Subject<void>();

  /** The view state as read from the URL. */
  protected readonly query = toSignal(this.query$, { initialValue: parseAuditQuery(this.route.snapshot.queryParamMap) });
  protected readonly state = toSignal(
    combineLatest([this.query$, this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([query]) =>
        this.api.list(toApiQuery(query)).pipe(
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
  protected readonly hasFilters = computed(() => {
    const query = this.query();
    return Boolean(query.category || query.from || query.to);
  });
  private readonly dateFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.languageService.locale(), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZone: AUDIT_TIME_ZONE,
      }),
  );

  protected actionLabel(action: string): string | null {
    return actionLabelKey(action);
  }

  protected changes(event: AuditEventView): FieldChange[] {
    return changesOf(event);
  }

  protected formatDate(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }

  protected onCategoryChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const category = (AUDIT_CATEGORIES as readonly string[]).includes(value) ? (value as AuditCategory) : undefined;
    this.navigate({ category, page: 1 });
  }

  protected onDateChange(field: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (value && !isDate(value)) return;
    this.navigate({ [field]: value || undefined, page: 1 });
  }

  protected resetFilters(): void {
    this.navigate({ category: undefined, from: undefined, to: undefined, page: 1 });
  }

  protected goToPage(page: number): void {
    this.navigate({ page });
  }

  protected retry(): void {
    this.retry$.next();
  }

  private navigate(changes: Partial<AuditQuery>): void {
    const next: AuditQuery = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toAuditQueryParams(next) });
  }
}
