import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AUDIT_CATEGORIES, AUDIT_ENTITY_TYPES, AuditEventView, Page, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subject, catchError, combineLatest, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { ComuniApiService } from '../../comuni/comuni-api.service';
import { Choice, SearchChooser, SuggestionSource } from '../../forms/search-chooser';
import { problemFrom } from '../../http/problem-details';
import { LanguageService } from '../../i18n/language.service';
import { Pager } from '../../layout/pager';
import { ComuneChooser } from '../users/comune-chooser';
import { AuditApiService } from './audit-api.service';
import {
  AUDIT_TIME_ZONE,
  AuditQuery,
  NO_AUDIT_FILTERS,
  actionLabelKey,
  entityLink,
  hasAuditFilters,
  i18nKey,
  isCategory,
  isDate,
  isEntityType,
  parseAuditQuery,
  sameAuditQuery,
  toApiQuery,
  toAuditQueryParams,
} from './audit-query';

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

/** How an account is named in the "who" filter: name and e-mail, since names repeat. */
function actorChoice(actor: { id: string; name: string; email: string }): Choice {
  return { id: actor.id, name: `${actor.name} (${actor.email})` };
}

/**
 * The audit trail (permission `audit:read`), newest first: filters by area, who, Comune, kind of
 * record, one record's history and period (days in Europe/Rome), all kept in the URL; each change
 * shows its fields before and after.
 */
@Component({
  selector: 'cp-audit-page',
  imports: [TranslatePipe, RouterLink, ItSpinnerComponent, Pager, SearchChooser, ComuneChooser],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  private readonly api = inject(AuditApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly languageService = inject(LanguageService);
  private readonly comuni = inject(ComuniApiService);

  protected readonly categories = AUDIT_CATEGORIES.map((value) => ({ value, label: `audit.categories.${i18nKey(value)}` }));
  protected readonly entityTypes = AUDIT_ENTITY_TYPES.map((value) => ({ value, label: `audit.entityTypes.${i18nKey(value)}` }));

  /** Names of the accounts and Comuni filtered by, as chosen or read back: the URL holds only ids. */
  private readonly names = signal<ReadonlyMap<string, Choice>>(new Map());

  protected readonly actorSource: SuggestionSource = (search) =>
    this.api.actors({ search }).pipe(map((actors) => actors.map((a) => ({ ...actorChoice(a), hint: a.comuneName }))));

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
  protected readonly hasFilters = computed(() => hasAuditFilters(this.query()));
  protected readonly actor = this.chosen((q) => q.actorId, (id) => this.api.actors({ id }).pipe(map(([a]) => (a ? actorChoice(a) : null))));
  protected readonly comune = this.chosen((q) => q.comuneId, (id) => this.comuni.get(id).pipe(map((c) => ({ id: c.id, name: c.name }))));
  /** The record whose history is shown, with where to open it. */
  protected readonly record = computed(() => {
    const { entityType, entityId } = this.query();
    return entityType && entityId ? { typeLabel: `audit.entityTypes.${i18nKey(entityType)}`, link: entityLink(entityType, entityId) } : null;
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

  protected entityTypeLabel(entityType: string | null): string | null {
    return isEntityType(entityType) ? `audit.entityTypes.${i18nKey(entityType)}` : null;
  }

  protected entityLink(event: AuditEventView): string[] | null {
    return entityLink(event.entityType, event.entityId);
  }

  protected changes(event: AuditEventView): FieldChange[] {
    return changesOf(event);
  }

  protected formatDate(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }

  protected onCategoryChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ category: isCategory(value) ? value : undefined, page: 1 });
  }

  protected onEntityTypeChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    // Another kind of record is another record: the history shown ends.
    this.navigate({ entityType: isEntityType(value) ? value : undefined, entityId: undefined, page: 1 });
  }

  protected onActorChange(choice: Choice | null): void {
    if (choice) this.remember(choice);
    this.navigate({ actorId: choice?.id, page: 1 });
  }

  protected onComuneChange(choice: Choice | null): void {
    if (choice) this.remember(choice);
    this.navigate({ comuneId: choice?.id, page: 1 });
  }

  /** From a row: only this person's activity. */
  protected filterByActor(event: AuditEventView): void {
    if (!event.actorId) return;
    this.remember({ id: event.actorId, name: event.actorEmail ?? event.actorId });
    this.navigate({ actorId: event.actorId, page: 1 });
  }

  /** From a row: only what concerns this Comune. */
  protected filterByComune(event: AuditEventView): void {
    if (!event.comuneId) return;
    this.remember({ id: event.comuneId, name: event.comuneName ?? event.comuneId });
    this.navigate({ comuneId: event.comuneId, page: 1 });
  }

  /** From a row: the whole history of the record it changed, whoever changed it. */
  protected showHistory(event: AuditEventView): void {
    if (!isEntityType(event.entityType) || !event.entityId) return;
    // Alone: any other filter would hide parts of the history.
    this.navigateTo({ ...NO_AUDIT_FILTERS, entityType: event.entityType, entityId: event.entityId });
  }

  protected clearRecord(): void {
    this.navigate({ entityId: undefined, page: 1 });
  }

  protected onDateChange(field: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (value && !isDate(value)) return;
    this.navigate({ [field]: value || undefined, page: 1 });
  }

  protected resetFilters(): void {
    this.navigateTo(NO_AUDIT_FILTERS);
  }

  protected goToPage(page: number): void {
    this.navigate({ page });
  }

  protected retry(): void {
    this.retry$.next();
  }

  private navigate(changes: Partial<AuditQuery>): void {
    this.navigateTo({ ...this.query(), ...changes });
  }

  private navigateTo(query: AuditQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: toAuditQueryParams(query) });
  }

  private remember(choice: Choice): void {
    this.names.update((names) => new Map(names).set(choice.id, choice));
  }

  /**
   * The chooser's value for a filter kept in the URL by id: the name already known (chosen here,
   * or from a row), else looked up once; while it loads, or if it cannot be, the id stands in.
   */
  private chosen(idOf: (query: AuditQuery) => string | undefined, lookUp: (id: string) => Observable<Choice | null>) {
    const id$ = this.query$.pipe(map(idOf), distinctUntilChanged());
    const looked = toSignal(
      id$.pipe(
        switchMap((id) =>
          !id || this.names().has(id)
            ? of(null)
            : lookUp(id).pipe(
                map((choice) => {
                  if (choice) this.remember(choice);
                  return choice;
                }),
                catchError(() => of(null)),
              ),
        ),
      ),
      { initialValue: null },
    );
    return computed((): Choice | null => {
      looked(); // re-read once the look-up has remembered the name
      const id = idOf(this.query());
      return id ? (this.names().get(id) ?? { id, name: id }) : null;
    });
  }
}
