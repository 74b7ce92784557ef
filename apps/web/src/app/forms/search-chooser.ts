import { ChangeDetectionStrategy, Component, computed, input, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable, Subject, catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { FieldErrorMessage, describedBy } from './field-error';
import { FieldError } from './field-errors';

/** What a chooser holds once something is chosen. */
export interface Choice {
  id: string;
  name: string;
}

/** A suggestion: a choice with an optional hint shown beside its name (a province, a role). */
export interface Suggestion extends Choice {
  hint?: string | null;
}

/** Looks up the suggestions for what the user typed (trimmed, at least `minLength` characters). */
export type SuggestionSource = (text: string) => Observable<Suggestion[]>;

/** How long a chooser waits for the user to stop typing before it searches. */
export const SEARCH_DEBOUNCE_MS = 250;

type Suggestions =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; items: Suggestion[] }
  | { status: 'error' };

/**
 * Search-as-you-type choice of one record (WAI-ARIA combobox with a list box): typing asks
 * `source`, arrows move through the suggestions, Enter or a click chooses one, Escape closes
 * them. Only a chosen suggestion counts as a value. Its texts are `<labels>.hint`, `.chosen`,
 * `.loading`, `.count`, `.none` and `.error` in the i18n files.
 */
@Component({
  selector: 'cp-search-chooser',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './search-chooser.html',
  styleUrl: './search-chooser.scss',
})
export class SearchChooser {
  readonly inputId = input.required<string>();
  readonly label = input.required<string>();
  readonly source = input.required<SuggestionSource>();
  readonly labels = input.required<string>();
  readonly minLength = input(1);
  readonly value = model<Choice | null>(null);
  readonly error = input<FieldError | null | undefined>(null);

  protected readonly text = signal('');
  protected readonly open = signal(false);
  protected readonly active = signal(-1);
  private readonly search$ = new Subject<string>();
  protected readonly suggestions = signal<Suggestions>({ status: 'idle' });

  protected readonly listboxId = computed(() => `${this.inputId()}-listbox`);
  protected readonly hintId = computed(() => `${this.inputId()}-hint`);
  protected readonly errorId = computed(() => `${this.inputId()}-error`);
  protected readonly describedBy = computed(() => describedBy(this.hintId(), this.errorId(), Boolean(this.error())));
  protected readonly items = computed(() => {
    const state = this.suggestions();
    return state.status === 'loaded' ? state.items : [];
  });
  protected readonly activeId = computed(() =>
    this.open() && this.active() >= 0 && this.active() < this.items().length ? this.optionId(this.active()) : null,
  );
  /** What the input shows: the chosen record's name unless the user is typing. */
  protected readonly shownText = computed(() => this.text() || (this.value()?.name ?? ''));

  constructor() {
    this.search$
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        switchMap((text) =>
          text.length < this.minLength()
            ? of<Suggestions>({ status: 'idle' })
            : this.source()(text).pipe(
                map((items): Suggestions => ({ status: 'loaded', items })),
                catchError(() => of<Suggestions>({ status: 'error' })),
                startWith<Suggestions>({ status: 'loading' }),
              ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.suggestions.set(state);
        this.active.set(state.status === 'loaded' && state.items.length > 0 ? 0 : -1);
      });
  }

  protected optionId(index: number): string {
    return `${this.inputId()}-option-${index}`;
  }

  protected onInput(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.text.set(text);
    if (this.value()) this.value.set(null); // typing again means choosing again
    this.open.set(text.trim().length >= this.minLength());
    this.search$.next(text);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const count = this.items().length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open() && this.shownText().trim().length >= this.minLength()) {
          this.open.set(true);
          if (this.suggestions().status === 'idle') this.search$.next(this.shownText());
        } else if (count) this.active.set((this.active() + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (count) this.active.set((this.active() - 1 + count) % count);
        break;
      case 'Enter':
        if (this.open() && this.activeId()) {
          event.preventDefault(); // choose, do not submit the form
          this.choose(this.items()[this.active()]);
        }
        break;
      case 'Escape':
        if (this.open()) {
          event.preventDefault();
          event.stopPropagation();
          this.open.set(false);
        }
        break;
    }
  }

  protected onBlur(): void {
    this.open.set(false);
    // Leaving with a half-typed name keeps no value; show that nothing is chosen.
    if (!this.value()) this.text.set('');
  }

  /** Options are chosen on mousedown, before the input's blur closes the list. */
  protected onOptionMousedown(event: MouseEvent, item: Suggestion): void {
    event.preventDefault();
    this.choose(item);
  }

  protected choose(item: Suggestion): void {
    this.value.set({ id: item.id, name: item.name });
    this.text.set('');
    this.open.set(false);
    this.suggestions.set({ status: 'idle' });
  }
}
