import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { PROVINCE_NAMES, ProblemDetails, WorkingGroupDetail } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subscription, finalize } from 'rxjs';
import { IfAllowed } from '../auth/permissions';
import { isNotFound } from '../memberships/membership-view';
import { problemFrom } from '../http/problem-details';
import { WorkingGroupNavigationState, savedGroupFrom } from './working-group-navigation';
import { WorkingGroupsApiService } from './working-groups-api.service';

type DetailState =
  | { status: 'loading' }
  | { status: 'loaded'; group: WorkingGroupDetail }
  | { status: 'error'; problem: ProblemDetails | null };

/** Members in alphabetical order, whatever order the API keeps them in. */
export function sortedMembers(group: WorkingGroupDetail): WorkingGroupDetail['members'] {
  return [...group.members].sort((a, b) => a.comuneName.localeCompare(b.comuneName, 'it'));
}

/**
 * `/gruppi-di-lavoro/:id`: a working group, its description and member Comuni (each a link to
 * its page); for `working-groups:manage`, edit and delete (after a confirmation).
 */
@Component({
  selector: 'cp-working-group-detail-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, IfAllowed],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './working-group-detail-page.html',
  styleUrl: './working-groups.scss',
})
export class WorkingGroupDetailPage {
  private readonly api = inject(WorkingGroupsApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  private readonly confirmBox = viewChild<ElementRef<HTMLElement>>('confirmBox');
  private readonly deleteButton = viewChild<ElementRef<HTMLElement>>('deleteButton');
  private readonly deleteAlert = viewChild<ElementRef<HTMLElement>>('deleteAlert');

  protected readonly provinceNames = PROVINCE_NAMES;
  protected readonly saved = signal(savedGroupFrom(inject(Location).getState()));
  protected readonly state = signal<DetailState>({ status: 'loading' });
  protected readonly group = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.group : null;
  });
  protected readonly members = computed(() => {
    const group = this.group();
    return group ? sortedMembers(group) : [];
  });
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'error' ? { problem: state.problem, notFound: isNotFound(state.problem) } : null;
  });
  protected readonly confirming = signal(false);
  protected readonly deleting = signal(false);
  protected readonly deleteError = signal<{ detail: string | null } | null>(null);

  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load();
  }

  protected retry(): void {
    this.load();
  }

  protected askDelete(): void {
    this.confirming.set(true);
    this.deleteError.set(null);
    afterNextRender(() => this.confirmBox()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelDelete(): void {
    this.confirming.set(false);
    this.deleteError.set(null);
    afterNextRender(() => this.deleteButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirmDelete(): void {
    const group = this.group();
    if (!group || this.deleting()) return;
    this.deleting.set(true);
    this.deleteError.set(null);
    this.api
      .delete(group.id)
      .pipe(finalize(() => this.deleting.set(false)))
      .subscribe({
        next: () => {
          const state: WorkingGroupNavigationState = { deletedGroup: group.name };
          void this.router.navigate(['/gruppi-di-lavoro'], { state });
        },
        error: (error: unknown) => {
          this.deleteError.set({ detail: problemFrom(error)?.detail ?? null });
          afterNextRender(() => this.deleteAlert()?.nativeElement.focus(), { injector: this.injector });
        },
      });
  }

  private load(): void {
    const id = this.route.snapshot.paramMap.get('id') ?? '';
    this.loading?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.loading = this.api.get(id).subscribe({
      next: (group) => this.state.set({ status: 'loaded', group }),
      error: (error: unknown) => this.state.set({ status: 'error', problem: problemFrom(error) }),
    });
  }
}
