import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MembershipStatus } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { MembershipFilter } from './comuni-query';

/** A Comune's adherence to the coordination, as a coloured label; `null` reads "Non aderente". */
@Component({
  selector: 'cp-membership-badge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge membership-badge" [class]="'membership-' + key()">{{ 'comuni.membership.' + key() | translate }}</span>`,
  styles: `
    // Colours chosen for at least 4.5:1 contrast: the badge is the only carrier of the status.
    .membership-badge {
      font-size: 0.8125rem;
      font-weight: 600;
      white-space: nowrap;
      border: 1px solid transparent;
    }
    .membership-ACTIVE {
      background: #00713b;
      color: #fff;
    }
    .membership-REQUESTED {
      background: #fff3cd;
      color: #5c4400;
      border-color: #b78a00;
    }
    .membership-SUSPENDED {
      background: #fde8d7;
      color: #7a3a00;
      border-color: #c25e00;
    }
    .membership-WITHDRAWN {
      background: #5d7083;
      color: #fff;
    }
    .membership-REJECTED {
      background: #fbe3e6;
      color: #8f001b;
      border-color: #d9364f;
    }
    .membership-NONE {
      background: #fff;
      color: #455b71;
      border-color: #8a9bab;
    }
  `,
})
export class MembershipBadge {
  readonly status = input.required<MembershipStatus | null>();
  protected readonly key = computed((): MembershipFilter => this.status() ?? 'NONE');
}
