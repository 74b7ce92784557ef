import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { MembershipDetail, PAGE_SIZE_MAX, ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subscription, map, of, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { problemFrom } from '../http/problem-details';
import { MembershipHistory } from './membership-history';
import { MembershipRequestForm, RequestDefaults } from './membership-request-form';
import { MembershipSummary } from './membership-summary';
import { canRequestFrom, latestMembership } from './membership-view';
import { MembershipsApiService } from './memberships-api.service';

type OwnState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'loaded'; detail: MembershipDetail }
  | { status: 'error'; problem: ProblemDetails | null };

/** What the page says after an action, above everything else. */
type Notice = { kind: 'requested' } | { kind: 'alreadyRequested'; detail: string };

/**
 * The referent's view of `/adesioni`: their Comune's membership — status and what it means, the
 * designated referent, the history — and, while the Comune does not (or no longer) adhere, the
 * request form.
 */
@Component({
  selector: 'cp-own-membership',
  imports: [TranslatePipe, ItSpinnerComponent, MembershipHistory, MembershipRequestForm, MembershipSummary],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './own-membership.html',
  styleUrl: './memberships.scss',
})
export class OwnMembership {
  private readonly api = inject(MembershipsApiService);
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);

  private readonly noticeBox = viewChild<ElementRef<HTMLElement>>('noticeBox');

  protected readonly user = this.auth.user;
  protected readonly state = signal<OwnState>({ status: 'loading' });
  protected readonly notice = signal<Notice | null>(null);
  protected readonly defaults = computed<RequestDefaults>(() => ({
    referentName: this.user()?.name ?? '',
    referentEmail: this.user()?.email ?? '',
  }));
  protected readonly detail = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.detail : null;
  });
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'error' ? { problem: state.problem } : null;
  });
  /** Whether the request form is shown: no membership yet, or a rejected / withdrawn one. */
  protected readonly canRequest = computed(() => {
    const state = this.state();
    if (state.status === 'none') return true;
    return state.status === 'loaded' && canRequestFrom(state.detail.status);
  });

  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load();
  }

  protected retry(): void {
    this.notice.set(null);
    this.load();
  }

  protected onRequested(detail: MembershipDetail): void {
    this.state.set({ status: 'loaded', detail });
    this.showNotice({ kind: 'requested' });
  }

  /** Someone (another referent, the secretariat) asked meanwhile: show what exists now. */
  protected onAlreadyRequested(detail: string): void {
    this.load();
    this.showNotice({ kind: 'alreadyRequested', detail });
  }

  private load(): void {
    const comuneId = this.user()?.comuneId;
    this.loading?.unsubscribe();
    if (!comuneId) {
      this.state.set({ status: 'error', problem: null });
      return;
    }
    this.state.set({ status: 'loading' });
    this.loading = this.fetch(comuneId).subscribe({
      next: (state) => this.state.set(state),
      error: (error: unknown) => this.state.set({ status: 'error', problem: problemFrom(error) }),
    });
  }

  /** The Comune's latest membership with its history, or none. */
  private fetch(comuneId: string): Observable<OwnState> {
    return this.api.list({ comuneId, page: 1, pageSize: PAGE_SIZE_MAX, sort: '-updatedAt' }).pipe(
      switchMap((page) => {
        const latest = latestMembership(page.items);
        return latest
          ? this.api.get(latest.id).pipe(map((detail): OwnState => ({ status: 'loaded', detail })))
          : of<OwnState>({ status: 'none' });
      }),
    );
  }

  private showNotice(notice: Notice): void {
    this.notice.set(notice);
    afterNextRender(() => this.noticeBox()?.nativeElement.focus(), { injector: this.injector });
  }
}
