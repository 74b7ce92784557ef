import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { PracticeKind } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';

/** What kind of practice it is, as a coloured label (text on colour with at least 4.5:1 contrast). */
@Component({
  selector: 'cp-practice-kind',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge practice-kind" [class]="'kind-' + kind()">{{ 'practices.kinds.' + kind() | translate }}</span>`,
  styles: `
    .practice-kind {
      font-size: 0.8125rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .kind-STRUMENTO {
      background: #0066cc;
      color: #fff;
    }
    .kind-METODOLOGIA {
      background: #5c2d91;
      color: #fff;
    }
    .kind-BUONA_PRATICA {
      background: #00713b;
      color: #fff;
    }
    .kind-MODELLO_DOCUMENTO {
      background: #7a3a00;
      color: #fff;
    }
  `,
})
export class PracticeKindBadge {
  readonly kind = input.required<PracticeKind>();
}
