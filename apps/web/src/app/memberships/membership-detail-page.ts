import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MembershipDecision, MembershipDetail, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subscription } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { problemFrom } from '../http/problem-details';
import { MembershipDecisionPanel } from './membership-decision';
import { MembershipHistory } from './membership-history';
import { MembershipSummary } from './membership-summary';
import { isNotFound } from './membership-view';
import { MembershipsApiService } from './memberships-api.service';

type DetailState =
  | { status: 'loading'; detail: MembershipDetail | null }
  | { status: 'loaded'; detail: MembershipDetail }
  | { status: 'error'; problem: ProblemDetails | null; detail: null };

type Notice = { kind: 'decided'; decision: MembershipDecision } | { kind: 'outdated'; detail: string };

/**
 * `/adesioni/:id`: a Comune's membership — status, designated referent, history oldest first —
 * and, for those who decide, the steps its status allows.
 */
@Component({
  selector: 'cp-membership-detail-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, ItSpinnerComponent, MembershipDecisionPanel, MembershipHistory, MembershipSummary],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './membership-detail-page.html',
  styleUrl: './memberships.scss',
})
export class MembershipDetailPage {
  private readonly api = inject(MembershipsApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);

  private readonly noticeBox = viewChild<ElementRef<HTMLElement>>('noticeBox');

  protected readonly state = signal<DetailState>({ status: 'loading', detail: null });
  protected readonly notice = signal<Notice | null>(null);
  protected readonly detail = computed(() => this.state().detail);
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'error' ? { problem: state.problem, notFound: isNotFound(state.problem) } : null;
  });
  protected readonly canDecide = computed(() => this.auth.can('memberships:decide'));

  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load();
  }

  protected retry(): void {
    this.notice.set(null);
    this.load();
  }

  protected onDecided(event: { decision: MembershipDecision; membership: MembershipDetail }): void {
    this.state.set({ status: 'loaded', detail: event.membership });
    this.showNotice({ kind: 'decided', decision: event.decision });
  }

  /** Someone decided meanwhile: say so, and show the membership as it is now. */
  protected onOutdated(detail: string): void {
    this.showNotice({ kind: 'outdated', detail });
    this.load();
  }

  private load(): void {
    const id = this.route.snapshot.paramMap.get('id') ?? '';
    this.loading?.unsubscribe();
    this.state.update((state) => ({ status: 'loading', detail: state.detail }));
    this.loading = this.api.get(id).subscribe({
      next: (detail) => this.state.set({ status: 'loaded', detail }),
      error: (error: unknown) => this.state.set({ status: 'error', problem: problemFrom(error), detail: null }),
    });
  }

  private showNotice(notice: Notice): void {
    this.notice.set(notice);
    afterNextRender(() => this.noticeBox()?.nativeElement.focus(), { injector: this.injector });
  }
}
