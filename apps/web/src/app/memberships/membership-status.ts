import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MembershipStatus } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';

/** A membership's status as a coloured badge; "none" for a Comune that never asked to join. */
@Component({
  selector: 'cp-membership-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge membership-status" [class]="'membership-status-' + (status() ?? 'NONE').toLowerCase()">{{
    'memberships.status.' + (status() ?? 'NONE') | translate
  }}</span>`,
  styles: `
    // Colours chosen for at least 4.5:1 contrast with their text (WCAG AA).
    .membership-status {
      font-size: 0.875rem;
      font-weight: 600;
      padding: 0.3em 0.6em;
      border: 1px solid transparent;
    }
    .membership-status-requested {
      background: #fff4d6;
      color: #5c4400;
      border-color: #a66300;
    }
    .membership-status-active {
      background: #00713b;
      color: #fff;
    }
    .membership-status-rejected {
      background: #a3001f;
      color: #fff;
    }
    .membership-status-suspended {
      background: #fff;
      color: #5c4400;
      border-color: #5c4400;
    }
    .membership-status-withdrawn,
    .membership-status-none {
      background: #5d7083;
      color: #fff;
    }
  `,
})
export class MembershipStatusBadge {
  readonly status = input.required<MembershipStatus | null>();
}
