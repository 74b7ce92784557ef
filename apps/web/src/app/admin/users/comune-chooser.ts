import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ComuneSummary } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { Subject, catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { ComuniApiService } from '../../comuni/comuni-api.service';
import { FieldErrorMessage, describedBy } from '../../forms/field-error';
import { FieldError } from '../../forms/field-errors';

/** The Comune a referent belongs to, as the chooser holds it. */
export interface ComuneChoice {
  id: string;
  name: string;
}

/** How long the chooser waits for the user to stop typing before it searches. */
export const COMUNE_SEARCH_DEBOUNCE_MS = 250;
const SUGGESTIONS = 8;

type Suggestions =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; items: ComuneSummary[] }
  | { status: 'error' };

/**
 * Search-as-you-type choice of a Comune of the network (WAI-ARIA combobox with a list box):
 * typing searches `GET /api/v1/comuni?q=`, arrows move through the suggestions, Enter or a
 * click chooses one, Escape closes them. Only a chosen suggestion counts as a value.
 */
@Component({
  selector: 'cp-comune-chooser',
  imports: [TranslatePipe, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './comune-chooser.html',
  styleUrl: './comune-chooser.scss',
})
export class ComuneChooser {
  private readonly comuni = inject(ComuniApiService);

  readonly inputId = input.required<string>();
  readonly label = input.required<string>();
  readonly value = model<ComuneChoice | null>(null);
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
  /** What the input shows: the chosen Comune's name unless the user is typing. */
  protected readonly shownText = computed(() => this.text() || (this.value()?.name ?? ''));

  constructor() {
    this.search$
      .pipe(
        debounceTime(COMUNE_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        switchMap((q) =>
          q.length === 0
            ? of<Suggestions>({ status: 'idle' })
            : this.comuni.list({ q, pageSize: SUGGESTIONS, sort: 'name' }).pipe(
                map((page): Suggestions => ({ status: 'loaded', items: page.items })),
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
    this.open.set(text.trim().length > 0);
    this.search$.next(text);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const count = this.items().length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open() && this.shownText().trim()) {
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
  protected onOptionMousedown(event: MouseEvent, comune: ComuneSummary): void {
    event.preventDefault();
    this.choose(comune);
  }

  protected choose(comune: ComuneSummary): void {
    this.value.set({ id: comune.id, name: comune.name });
    this.text.set('');
    this.open.set(false);
    this.suggestions.set({ status: 'idle' });
  }
}
