import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { pageWindow } from '../comuni/comuni-query';

/**
 * Previous / numbered / next buttons for lists whose page lives in component state. `labels` is
 * the i18n prefix holding `label`, `previous`, `next` and `page` (e.g. `users.pagination`).
 */
@Component({
  selector: 'cp-pager',
  imports: [TranslatePipe, ItIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (pageCount() > 1) {
      <nav class="pagination-wrapper justify-content-center mt-4" [attr.aria-label]="labels() + '.label' | translate">
        <ul class="pagination">
          <li class="page-item" [class.disabled]="page() <= 1">
            <button type="button" class="page-link" [disabled]="page() <= 1" (click)="pageChange.emit(page() - 1)">
              <it-icon name="chevron-left" color="primary" />
              <span class="visually-hidden">{{ labels() + '.previous' | translate }}</span>
            </button>
          </li>
          @for (item of pages(); track $index) {
            @if (item === 'gap') {
              <li class="page-item"><span class="page-link" aria-hidden="true">…</span></li>
            } @else {
              <li class="page-item" [class.active]="item === page()">
                <button
                  type="button"
                  class="page-link"
                  [attr.aria-current]="item === page() ? 'page' : null"
                  (click)="pageChange.emit(item)"
                >
                  <span class="visually-hidden">{{ labels() + '.page' | translate }}</span>
                  {{ item }}
                </button>
              </li>
            }
          }
          <li class="page-item" [class.disabled]="page() >= pageCount()">
            <button type="button" class="page-link" [disabled]="page() >= pageCount()" (click)="pageChange.emit(page() + 1)">
              <span class="visually-hidden">{{ labels() + '.next' | translate }}</span>
              <it-icon name="chevron-right" color="primary" />
            </button>
          </li>
        </ul>
      </nav>
    }
  `,
})
export class Pager {
  readonly page = input.required<number>();
  readonly pageCount = input.required<number>();
  readonly labels = input.required<string>();
  readonly pageChange = output<number>();

  protected readonly pages = computed(() => pageWindow(this.page(), this.pageCount()));
}
