import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { OutboxMessageDetail } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { Subscription, finalize } from 'rxjs';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { RecordLoadState, RecordLoadStatus, RecordLoadTexts, recordLoadError } from '../layout/record-load-status';
import { romeDateTime } from '../meetings/rome-time';
import { OutboxApiService } from './outbox-api.service';
import { OutboxStatusBadge } from './outbox-badges';

type PageState = RecordLoadState | { status: 'loaded'; message: OutboxMessageDetail };

const LOAD_TEXTS: RecordLoadTexts = {
  loading: 'outbox.detail.loading',
  notFoundHeading: 'outbox.detail.notFoundHeading',
  notFoundText: 'outbox.detail.notFoundText',
  back: 'outbox.backToList',
  title: 'outbox.detail.pageTitle',
  errorHeading: 'outbox.error.heading',
  unreachable: 'outbox.error.unreachable',
  retry: 'outbox.error.retry',
};

/**
 * `/posta-in-uscita/:id`: one message as it was written — recipients, text, attachments, in demo
 * mode the file it went to — and how its delivery went. A FAILED message can be sent again.
 */
@Component({
  selector: 'cp-outbox-message-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, RecordLoadStatus, OutboxStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './outbox-message-page.html',
  styleUrl: './outbox-message-page.scss',
})
export class OutboxMessagePage {
  private readonly api = inject(OutboxApiService);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly texts = LOAD_TEXTS;
  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly message = computed(() => {
    const state = this.state();
    return state.status === 'loaded' && 'message' in state ? state.message : null;
  });
  protected readonly retrying = signal(false);
  protected readonly retried = signal(false);
  protected readonly retryFailure = signal<string | null>(null);

  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load();
  }

  protected stamp(iso: string): string {
    return romeDateTime(iso, this.language.locale());
  }

  protected load(): void {
    this.loading?.unsubscribe();
    if (this.message() === null) this.state.set({ status: 'loading' });
    this.loading = this.api.get(this.id).subscribe({
      next: (message) => this.state.set({ status: 'loaded', message }),
      error: (error: unknown) => this.state.set(recordLoadError(error)),
    });
  }

  /** Back in the queue: the worker tries again shortly. 409 when it is no longer FAILED. */
  protected retry(): void {
    const message = this.message();
    if (!message || this.retrying()) return;
    this.retrying.set(true);
    this.retried.set(false);
    this.retryFailure.set(null);
    this.api
      .retry(message.id)
      .pipe(finalize(() => this.retrying.set(false)))
      .subscribe({
        next: (updated) => {
          this.state.set({ status: 'loaded', message: { ...message, ...updated } });
          this.retried.set(true);
          this.focus('#retry-done');
        },
        error: (error: unknown) => {
          const problem = problemFrom(error);
          this.retryFailure.set(problem?.detail || (this.translate.instant('outbox.error.unreachable') as string));
          this.focus('#retry-failure');
          // It may have moved on meanwhile: show it as it is now.
          if (problem?.status === 409) this.load();
        },
      });
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
