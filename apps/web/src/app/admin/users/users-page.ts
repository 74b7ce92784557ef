import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { CreateUserResponse, Page, ProblemDetails, ROLES, Role, UserSummary } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, scan, startWith, switchMap } from 'rxjs';
import { problemFrom } from '../../http/problem-details';
import { LanguageService } from '../../i18n/language.service';
import { UserForm } from './user-form';
import { ListUsersQuery, UsersApiService } from './users-api.service';
import { Pager } from '../../layout/pager';

export const USERS_PAGE_SIZE = 20;
/** How long the search box waits for the user to stop typing before it searches. */
export const USER_SEARCH_DEBOUNCE_MS = 300;

type ListState =
  | { status: 'loading'; result: Page<UserSummary> | null }
  | { status: 'loaded'; result: Page<UserSummary> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

/** What the form panel shows: nothing, a new account, or an existing one. */
type Editor = { mode: 'create' } | { mode: 'edit'; user: UserSummary } | null;

/** An account's state, as the table's badge says it. */
export type UserState = 'active' | 'inactive' | 'pending';

export function userState(user: UserSummary): UserState {
  if (!user.active) return 'inactive';
  return user.activated ? 'active' : 'pending';
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Administration of the accounts (permission `users:manage`): a paginated list filtered by
 * role and text, a form to create an account — whose one-time activation link is shown once,
 * to be passed on — and to edit one.
 */
@Component({
  selector: 'cp-users-page',
  imports: [TranslatePipe, ItIconComponent, ItSpinnerComponent, Pager, UserForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
})
export class UsersPage {
  private readonly api = inject(UsersApiService);
  private readonly languageService = inject(LanguageService);
  private readonly injector = inject(Injector);

  private readonly activationBox = viewChild<ElementRef<HTMLElement>>('activationBox');
  private readonly savedNotice = viewChild<ElementRef<HTMLElement>>('savedNotice');

  protected readonly roles = ROLES;
  protected readonly query = signal<ListUsersQuery>({ page: 1, pageSize: USERS_PAGE_SIZE });
  protected readonly searchText = signal('');
  protected readonly editor = signal<Editor>(null);
  protected readonly created = signal<CreateUserResponse | null>(null);
  protected readonly copied = signal(false);
  protected readonly saved = signal<UserSummary | null>(null);

  private readonly reload$ = new Subject<void>();
  private readonly searchInput$ = new Subject<string>();

  protected readonly state = toSignal(
    combineLatest([toObservable(this.query), this.reload$.pipe(startWith(undefined))]).pipe(
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
  protected readonly hasFilters = computed(() => Boolean(this.query().role || this.query().q));
  private readonly dateFormat = computed(
    () => new Intl.DateTimeFormat(this.languageService.locale(), { dateStyle: 'long', timeStyle: 'short' }),
  );

  constructor() {
    this.searchInput$
      .pipe(
        debounceTime(USER_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.search(q));
  }

  protected stateOf(user: UserSummary): UserState {
    return userState(user);
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

  protected onRoleChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.query.update((query) => ({ ...query, role: isRole(value) ? value : undefined, page: 1 }));
  }

  protected resetFilters(): void {
    this.searchText.set('');
    this.query.update((query) => ({ ...query, role: undefined, q: undefined, page: 1 }));
  }

  protected goToPage(page: number): void {
    this.query.update((query) => ({ ...query, page }));
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected startCreate(): void {
    this.created.set(null);
    this.saved.set(null);
    this.editor.set({ mode: 'create' });
  }

  protected startEdit(user: UserSummary): void {
    this.created.set(null);
    this.saved.set(null);
    this.editor.set({ mode: 'edit', user });
  }

  protected closeEditor(): void {
    this.editor.set(null);
  }

  protected onCreated(response: CreateUserResponse): void {
    this.editor.set(null);
    this.copied.set(false);
    this.created.set(response);
    this.reload$.next();
    afterNextRender(() => this.activationBox()?.nativeElement.focus(), { injector: this.injector });
  }

  protected onUpdated(user: UserSummary): void {
    this.editor.set(null);
    this.saved.set(user);
    this.reload$.next();
    afterNextRender(() => this.savedNotice()?.nativeElement.focus(), { injector: this.injector });
  }

  protected dismissActivation(): void {
    this.created.set(null);
  }

  protected copyActivationLink(input: HTMLInputElement): void {
    input.select();
    const link = this.created()?.activationUrl ?? '';
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (clipboard) {
      clipboard.writeText(link).then(
        () => this.copied.set(true),
        () => this.copied.set(false),
      );
    } else {
      this.copied.set(false);
    }
  }

  protected formatDate(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }

  private search(q: string): void {
    if (q === (this.query().q ?? '')) return;
    this.query.update((query) => ({ ...query, q: q || undefined, page: 1 }));
  }
}
