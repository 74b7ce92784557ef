import { ChangeDetectionStrategy, Component, effect, inject, input, model, untracked, viewChild } from '@angular/core';
import { map } from 'rxjs';
import { ComuniApiService } from '../../comuni/comuni-api.service';
import { FieldError } from '../../forms/field-errors';
import { Choice, SEARCH_DEBOUNCE_MS, SearchChooser, SuggestionSource } from '../../forms/search-chooser';

/** The Comune a referent belongs to, as the chooser holds it. */
export type ComuneChoice = Choice;

/** How long the chooser waits for the user to stop typing before it searches. */
export const COMUNE_SEARCH_DEBOUNCE_MS = SEARCH_DEBOUNCE_MS;
const SUGGESTIONS = 8;

/** Search-as-you-type choice of a Comune of the network, by name (`GET /api/v1/comuni?q=`). */
@Component({
  selector: 'cp-comune-chooser',
  imports: [SearchChooser],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cp-search-chooser [inputId]="inputId()" [label]="label()" [source]="source" labels="comuneChooser" [error]="error()" [(value)]="value" />`,
})
export class ComuneChooser {
  private readonly comuni = inject(ComuniApiService);

  readonly inputId = input.required<string>();
  readonly label = input.required<string>();
  readonly value = model<ComuneChoice | null>(null);
  readonly error = input<FieldError | null | undefined>(null);

  private readonly chooser = viewChild(SearchChooser);

  constructor() {
    // A parent that takes the chosen Comune and clears the value at once (null → Noto → null in
    // one turn) leaves the binding unchanged: hand every value on, so the input empties.
    effect(() => {
      const value = this.value();
      untracked(() => this.chooser()?.value.set(value));
    });
  }

  protected readonly source: SuggestionSource = (q) =>
    this.comuni
      .list({ q, pageSize: SUGGESTIONS, sort: 'name' })
      .pipe(map((page) => page.items.map((comune) => ({ id: comune.id, name: comune.name, hint: comune.province }))));
}
