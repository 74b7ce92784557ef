import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** A step of the trail: its text, and its link unless it is the current page. */
export interface Crumb {
  label: string;
  link?: readonly string[];
}

/**
 * Where a detail page sits ("Rete dei Comuni / Palermo"), as a list in a labelled navigation
 * landmark; the last step is the current page. Styled here: the app loads only the Bootstrap
 * Italia partials it uses, and the kit's breadcrumb is not among them.
 */
@Component({
  selector: 'cp-breadcrumb',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="trail" [attr.aria-label]="'comune.breadcrumb' | translate">
      <ol>
        @for (crumb of crumbs(); track $index; let last = $last) {
          <li>
            @if (crumb.link && !last) {
              <a [routerLink]="crumb.link">{{ crumb.label }}</a>
              <span class="separator" aria-hidden="true">/</span>
            } @else {
              <span aria-current="page">{{ crumb.label }}</span>
            }
          </li>
        }
      </ol>
    </nav>
  `,
  styles: `
    .trail ol {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0 0 1rem;
      padding: 0;
      list-style: none;
      font-size: 0.9375rem;
    }
    .trail li {
      display: inline-flex;
      align-items: baseline;
      gap: 0.25rem;
    }
    .separator {
      color: #5d7083;
      padding: 0 0.25rem;
    }
    [aria-current='page'] {
      color: #455b71;
    }
  `,
})
export class Breadcrumb {
  readonly crumbs = input.required<readonly Crumb[]>();
}
