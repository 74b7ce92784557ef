import { ChangeDetectionStrategy, Component, ElementRef, computed, input, model, signal, viewChild } from '@angular/core';
import { PRACTICE_LIMITS } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { tagToAdd } from './practice-form-model';

/**
 * Tags as chips: type one and press Enter (or a comma, or "Aggiungi") to add it, normalised as the
 * API stores it; each chip has its remove button. The tags already in use are suggested.
 */
@Component({
  selector: 'cp-tag-input',
  imports: [TranslatePipe, ItIconComponent, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="form-group tag-input mb-0">
      <label [for]="inputId()" class="active">{{ label() }}</label>
      @if (tags().length) {
        <ul class="chips" [attr.aria-label]="'practices.form.tagsChosen' | translate: { count: tags().length }">
          @for (tag of tags(); track tag) {
            <li class="chip">
              <span>{{ tag }}</span>
              <button type="button" class="chip-remove" (click)="remove(tag)">
                <it-icon name="close" size="sm" />
                <span class="visually-hidden">{{ 'practices.form.removeTag' | translate: { tag } }}</span>
              </button>
            </li>
          }
        </ul>
      }
      <div class="d-flex gap-2 align-items-start">
        <input
          #field
          [id]="inputId()"
          type="text"
          class="form-control"
          autocomplete="off"
          [attr.list]="listId()"
          [attr.maxlength]="limits.tag"
          [attr.aria-describedby]="describedBy()"
          [attr.aria-invalid]="shownError() ? true : null"
          [class.is-invalid]="shownError()"
          [value]="text()"
          (input)="onInput($event)"
          (keydown)="onKeydown($event)"
        />
        <button type="button" class="btn btn-outline-primary btn-sm add-tag" (click)="add()">{{ 'practices.form.addTag' | translate }}</button>
      </div>
      <datalist [id]="listId()">
        @for (s of suggestions(); track s) {
          <option [value]="s"></option>
        }
      </datalist>
      <small [id]="hintId()" class="form-text">{{ 'practices.form.tagsHint' | translate: { max: limits.tags } }}</small>
      <cp-field-error [errorId]="errorId()" [error]="shownError()" [params]="{ max: limits.tags, length: limits.tag }" />
    </div>
  `,
  styles: `
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0.25rem 0 0.75rem;
      padding: 0;
      list-style: none;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.125rem 0.25rem 0.125rem 0.75rem;
      border: 1px solid #0066cc;
      border-radius: 1rem;
      color: #004d99;
      background: #f2f7fc;
    }
    .chip-remove {
      display: inline-flex;
      padding: 0.125rem;
      border: 0;
      border-radius: 50%;
      background: transparent;
    }
    .add-tag {
      flex-shrink: 0;
      margin-top: 0.25rem;
    }
  `,
})
export class TagInput {
  readonly inputId = input.required<string>();
  readonly label = input.required<string>();
  readonly tags = model<readonly string[]>([]);
  /** Tags in use elsewhere in the library, offered while typing. */
  readonly known = input<readonly string[]>([]);
  /** An error from the form (e.g. the API's words about a tag). */
  readonly error = input<FieldError | null | undefined>(null);

  private readonly field = viewChild<ElementRef<HTMLInputElement>>('field');

  protected readonly limits = PRACTICE_LIMITS;
  protected readonly text = signal('');
  private readonly ownError = signal<FieldError | null>(null);
  protected readonly shownError = computed(() => this.ownError() ?? this.error() ?? null);
  protected readonly listId = computed(() => `${this.inputId()}-suggestions`);
  protected readonly hintId = computed(() => `${this.inputId()}-hint`);
  protected readonly errorId = computed(() => `${this.inputId()}-error`);
  protected readonly describedBy = computed(() => describedBy(this.hintId(), this.errorId(), this.shownError() !== null));
  protected readonly suggestions = computed(() => this.known().filter((tag) => !this.tags().includes(tag)));

  protected onInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.ownError.set(null);
    // A comma ends a tag, as in most tag inputs.
    if (value.includes(',')) {
      const parts = value.split(',');
      for (const part of parts.slice(0, -1)) if (!this.addText(part)) break;
      this.text.set(this.ownError() ? value : parts[parts.length - 1]);
    } else this.text.set(value);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault(); // add the tag, do not submit the form
      this.add();
    } else if (event.key === 'Backspace' && !this.text() && this.tags().length) {
      this.tags.update((tags) => tags.slice(0, -1));
    }
  }

  protected add(): void {
    if (this.addText(this.text())) this.text.set('');
    this.field()?.nativeElement.focus();
  }

  protected remove(tag: string): void {
    this.tags.update((tags) => tags.filter((t) => t !== tag));
    this.ownError.set(null);
    this.field()?.nativeElement.focus();
  }

  private addText(text: string): boolean {
    const result = tagToAdd(text, this.tags());
    if (result === null) return true;
    if ('error' in result) {
      this.ownError.set(result.error);
      return false;
    }
    this.tags.update((tags) => [...tags, result.tag]);
    return true;
  }
}
