import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { FieldError } from './field-errors';

/**
 * The message under a form field, with the id its input's `aria-describedby` points at.
 * Renders nothing without an error.
 */
@Component({
  selector: 'cp-field-error',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as shown) {
      <div [id]="errorId()" class="form-feedback just-validate-error-label field-error">
        @if (key(); as translationKey) {
          {{ translationKey | translate: params() }}
        } @else {
          {{ text() }}
        }
      </div>
    }
  `,
  styles: `
    .field-error {
      font-size: 0.875rem;
    }
  `,
})
export class FieldErrorMessage {
  readonly errorId = input.required<string>();
  readonly error = input<FieldError | null | undefined>(null);
  readonly params = input<Record<string, unknown>>({});

  protected readonly key = computed(() => {
    const error = this.error();
    return error && 'key' in error ? error.key : null;
  });
  protected readonly text = computed(() => {
    const error = this.error();
    return error && 'text' in error ? error.text : '';
  });
}

/** `aria-describedby` of a field: its hint (if any) and, while it has one, its error. */
export function describedBy(hintId: string | null, errorId: string, hasError: boolean): string | null {
  const ids = [hintId, hasError ? errorId : null].filter((id): id is string => id !== null);
  return ids.length ? ids.join(' ') : null;
}
