import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { CalendarFeed } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subscription, finalize } from 'rxjs';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { CalendarFeedApiService } from './calendar-feed-api.service';
import { romeDateTime } from './rome-time';

type FeedState = { status: 'loading' } | { status: 'error' } | { status: 'loaded'; feed: CalendarFeed };

/** The calendar apps the panel explains, in the order shown. */
export const CALENDAR_APPS = ['outlook', 'google', 'thunderbird'] as const;

/**
 * "Il tuo calendario" on the meetings list, for every signed-in user: a personal address that
 * calendar apps subscribe to (all the user's meetings, kept up to date by the app). The address
 * carries its own token — never the session's — is shown only in the answer that creates it, and
 * can be replaced (the old one stops working) or switched off.
 */
@Component({
  selector: 'cp-calendar-feed-panel',
  imports: [TranslatePipe, ItIconComponent, ItSpinnerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar-feed-panel.html',
  styleUrls: ['./meetings.scss', './calendar-feed-panel.scss'],
})
export class CalendarFeedPanel {
  private readonly api = inject(CalendarFeedApiService);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly apps = CALENDAR_APPS;
  protected readonly state = signal<FeedState>({ status: 'loading' });
  protected readonly feed = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.feed : null;
  });
  /** The address, only right after creating it: the API never shows it again. */
  protected readonly url = signal<string | null>(null);
  protected readonly busy = signal<'create' | 'revoke' | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly done = signal<'created' | 'revoked' | null>(null);
  protected readonly copied = signal<'copied' | 'copyFailed' | null>(null);

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
    this.state.set({ status: 'loading' });
    this.loading = this.api.get().subscribe({
      next: (feed) => this.state.set({ status: 'loaded', feed }),
      error: () => this.state.set({ status: 'error' }),
    });
  }

  /** A first address, or a new one in place of the old (which then stops working: asked first). */
  protected create(): void {
    if (this.busy()) return;
    if (this.feed()?.active && !this.confirm('meetings.calendarFeed.replaceConfirm')) return;
    this.run('create');
  }

  protected revoke(): void {
    if (this.busy() || !this.confirm('meetings.calendarFeed.revokeConfirm')) return;
    this.run('revoke');
  }

  protected copy(input: HTMLInputElement): void {
    const url = this.url();
    if (!url) return;
    const clipboard = this.document.defaultView?.navigator.clipboard;
    const failed = () => {
      // Selected, so that the usual "copy" of the keyboard or the menu takes it.
      input.focus();
      input.select();
      this.copied.set('copyFailed');
    };
    if (!clipboard) {
      failed();
      return;
    }
    clipboard.writeText(url).then(
      () => this.copied.set('copied'),
      () => failed(),
    );
  }

  protected selectAll(event: Event): void {
    (event.target as HTMLInputElement).select();
  }

  private run(action: 'create' | 'revoke'): void {
    this.busy.set(action);
    this.failure.set(null);
    this.done.set(null);
    this.copied.set(null);
    const request$: Observable<CalendarFeed | void> = action === 'create' ? this.api.create() : this.api.revoke();
    request$.pipe(finalize(() => this.busy.set(null))).subscribe({
      next: (answer) => {
        if (action === 'create' && answer) {
          this.state.set({ status: 'loaded', feed: answer });
          this.url.set(answer.url ? this.absolute(answer.url) : null);
          this.done.set('created');
          this.focus('#calendar-feed-url');
        } else {
          this.state.set({ status: 'loaded', feed: { active: false, createdAt: null, lastUsedAt: null, url: null } });
          this.url.set(null);
          this.done.set('revoked');
          this.focus('#calendar-feed-done');
        }
      },
      error: (error: unknown) => {
        const problem = problemFrom(error);
        this.failure.set(problem?.detail || (this.translate.instant('meetings.error.unreachable') as string));
        this.focus('#calendar-feed-failure');
      },
    });
  }

  /** Calendar apps need the whole address: a path the API may answer is completed with this site's origin. */
  private absolute(url: string): string {
    try {
      return new URL(url, this.document.baseURI).href;
    } catch {
      return url;
    }
  }

  private confirm(key: string): boolean {
    return this.document.defaultView?.confirm(this.translate.instant(key) as string) ?? false;
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
