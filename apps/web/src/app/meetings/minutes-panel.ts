import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MINUTES_MAX_LENGTH, MeetingDetail, MeetingMinutes } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Subscription, finalize, switchMap } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { LanguageService } from '../i18n/language.service';
import { meetingWriteFailure } from './meeting-problems';
import { demoteHeadings, minutesEditable, minutesError } from './meeting-records';
import { MeetingsApiService } from './meetings-api.service';
import { romeDateTime } from './rome-time';

type MinutesState = { status: 'loading'; minutes: MeetingMinutes | null } | { status: 'none' } | { status: 'loaded'; minutes: MeetingMinutes } | { status: 'error' };
type Failure = { kind: 'stale' } | { kind: 'message'; text: string };

/**
 * The minutes of a held meeting. Every reader who may see them gets the "Verbale": the text as
 * the API rendered it, when it was published and how many Comuni and delegates were there. The
 * secretariat also writes them in Markdown — the preview shows the saved text, rendered by the
 * API — saves drafts and publishes them to the invited Comuni.
 */
@Component({
  selector: 'cp-minutes-panel',
  imports: [TranslatePipe, ItSpinnerComponent, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './minutes-panel.html',
  styleUrls: ['./meetings.scss', './minutes-panel.scss'],
})
export class MinutesPanel {
  private readonly api = inject(MeetingsApiService);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly meeting = input.required<MeetingDetail>();
  readonly canManage = input(false);
  /** A save or the publication moved the meeting on: the page shows the new one. */
  readonly meetingChanged = output<MeetingDetail>();
  readonly reloadRequested = output<void>();

  protected readonly maxLength = MINUTES_MAX_LENGTH;
  protected readonly state = signal<MinutesState>({ status: 'loading', minutes: null });
  protected readonly draft = signal('');
  /** The Markdown last read from or saved to the API: the draft differs from it = unsaved changes. */
  private readonly savedMarkdown = signal('');
  protected readonly tab = signal<'write' | 'preview'>('preview');
  protected readonly busy = signal<'save' | 'publish' | null>(null);
  protected readonly error = signal<FieldError | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly done = signal<'saved' | 'published' | null>(null);

  protected readonly editing = computed(() => this.canManage() && minutesEditable(this.meeting()));
  protected readonly minutes = computed(() => {
    const state = this.state();
    return state.status === 'loaded' || state.status === 'loading' ? (state.minutes ?? null) : null;
  });
  /** The API's HTML (raw HTML escaped there), its headings under the section's. */
  protected readonly html = computed(() => demoteHeadings(this.minutes()?.html ?? ''));
  protected readonly changed = computed(() => this.draft() !== this.savedMarkdown());
  protected readonly describedBy = computed(() => describedBy('minutes-hint', 'minutes-error', this.error() !== null));

  private loading?: Subscription;

  constructor() {
    // Read again whenever the meeting moves on (attendance saved, published): the totals change.
    effect((onCleanup) => {
      const meeting = this.meeting();
      untracked(() => this.load(meeting));
      onCleanup(() => this.loading?.unsubscribe());
    });
  }

  /** Whether the draft has unsaved changes (the page asks before leaving). */
  hasChanges(): boolean {
    return this.editing() && this.changed();
  }

  protected published(minutes: MeetingMinutes): string | null {
    return minutes.publishedAt ? romeDateTime(minutes.publishedAt, this.language.locale()) : null;
  }

  protected onInput(event: Event): void {
    this.draft.set((event.target as HTMLTextAreaElement).value);
    this.error.set(null);
    this.done.set(null);
  }

  protected show(tab: 'write' | 'preview'): void {
    this.tab.set(tab);
  }

  protected retry(): void {
    this.load(this.meeting());
  }

  protected save(event: Event): void {
    event.preventDefault();
    this.write('save');
  }

  protected publish(): void {
    this.write('publish');
  }

  protected reloadAfterConflict(): void {
    this.failure.set(null);
    this.reloadRequested.emit();
  }

  /** Saves the draft (when changed) and, to publish, then publishes with the version the save left. */
  private write(action: 'save' | 'publish'): void {
    if (this.busy()) return;
    const markdown = this.draft();
    const invalid = minutesError(markdown);
    if (invalid) {
      this.error.set(invalid);
      this.tab.set('write');
      this.focus('#minutes-markdown');
      return;
    }
    const meeting = this.meeting();
    this.busy.set(action);
    this.failure.set(null);
    this.done.set(null);
    const saveFirst = action === 'save' || this.changed() || this.minutes() === null;
    const saved$ = saveFirst ? this.api.saveMinutes(meeting.id, { version: meeting.version, markdown }).pipe(switchMap(() => this.api.get(meeting.id))) : this.api.get(meeting.id);
    const result$ = action === 'publish' ? saved$.pipe(switchMap((fresh) => this.api.step(meeting.id, 'publish', { version: fresh.version }))) : saved$;
    result$.pipe(finalize(() => this.busy.set(null))).subscribe({
      next: (updated) => {
        this.savedMarkdown.set(markdown);
        this.done.set(action === 'save' ? 'saved' : 'published');
        this.tab.set('preview');
        this.meetingChanged.emit(updated);
        this.focus('#minutes-done');
      },
      error: (error: unknown) => {
        const failure = meetingWriteFailure(error);
        if (failure.kind === 'stale') this.failure.set({ kind: 'stale' });
        else if (failure.kind === 'invalid' && failure.problem.errors?.some((e) => e.name === 'markdown')) {
          this.error.set({ text: failure.problem.errors.find((e) => e.name === 'markdown')?.reason ?? failure.problem.detail });
          this.tab.set('write');
          this.focus('#minutes-markdown');
          return;
        } else if (failure.kind === 'unreachable') this.failure.set({ kind: 'message', text: this.translate.instant('meetings.error.unreachable') as string });
        else if (failure.kind === 'notEditable' || failure.kind === 'closedForAnswers') this.failure.set({ kind: 'message', text: failure.detail });
        else this.failure.set({ kind: 'message', text: failure.problem.detail });
        this.focus('#minutes-failure');
      },
    });
  }

  private load(meeting: MeetingDetail): void {
    this.loading?.unsubscribe();
    if (!minutesEditable(meeting)) {
      this.state.set({ status: 'none' });
      return;
    }
    this.state.update((state) => ({ status: 'loading', minutes: state.status === 'loaded' ? state.minutes : null }));
    this.loading = this.api.minutes(meeting.id).subscribe({
      next: (minutes) => {
        this.state.set({ status: 'loaded', minutes });
        this.adopt(minutes.markdown);
      },
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.state.set({ status: 'none' });
          this.adopt('');
          if (this.editing() && !this.changed()) this.tab.set('write');
        } else this.state.set({ status: 'error' });
      },
    });
  }

  /** Takes the API's text as the draft, unless the secretariat is in the middle of changing it. */
  private adopt(markdown: string): void {
    if (!this.changed()) this.draft.set(markdown);
    this.savedMarkdown.set(markdown);
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
