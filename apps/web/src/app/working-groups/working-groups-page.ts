import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Page, ProblemDetails, WorkingGroup } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, map, of, scan, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { IfAllowed } from '../auth/permissions';
import { problemFrom } from '../http/problem-details';
import { Pager } from '../layout/pager';
import { WorkingGroupsApiService } from './working-groups-api.service';
import { deletedGroupFrom } from './working-group-navigation';

export const WORKING_GROUPS_PAGE_SIZE = 20;

type ListState =
  | { status: 'loading'; result: Page<WorkingGroup> | null }
  | { status: 'loaded'; result: Page<WorkingGroup> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

/**
 * `/gruppi-di-lavoro`: the coordination's thematic tables with their number of member Comuni.
 * A referent sees only the groups their Comune belongs to (the API filters), and is told so.
 */
@Component({
  selector: 'cp-working-groups-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, Pager, IfAllowed],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './working-groups-page.html',
  styleUrl: './working-groups.scss',
})
export class WorkingGroupsPage {
  private readonly api = inject(WorkingGroupsApiService);
  private readonly auth = inject(AuthService);

  protected readonly page = signal(1);
  /** The name of a group just deleted on its page, to confirm it here. */
  protected readonly deleted = signal(deletedGroupFrom(inject(Location).getState()));
  /** A referent reads only the groups of their own Comune. */
  protected readonly ownComune = computed(() => {
    const user = this.auth.user();
    return user?.role === 'COMUNE_REFERENT' ? user.comuneName : null;
  });

  private readonly retry$ = new Subject<void>();

  protected readonly state = toSignal(
    combineLatest([toObservable(this.page), this.retry$.pipe(startWith(undefined))]).pipe(
      switchMap(([page]) =>
        this.api.list({ page, pageSize: WORKING_GROUPS_PAGE_SIZE }).pipe(
          map((result): ListState => ({ status: 'loaded', result })),
          catchError((error: unknown) => of<ListState>({ status: 'error', problem: problemFrom(error), result: null })),
          startWith<ListState>({ status: 'loading', result: null }),
        ),
      ),
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

  protected goToPage(page: number): void {
    this.page.set(page);
  }

  protected retry(): void {
    this.retry$.next();
  }
}
