import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { OutboxStatus } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';

/** A message's delivery status as a badge; colours with at least 4.5:1 contrast (WCAG AA). */
@Component({
  selector: 'cp-outbox-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge cp-badge" [class]="'is-' + status().toLowerCase()">{{ 'outbox.status.' + status() | translate }}</span>`,
  styles: `
    .cp-badge {
      font-size: 0.875rem;
      font-weight: 600;
      padding: 0.3em 0.6em;
      border: 1px solid transparent;
      white-space: nowrap;
    }
    .is-pending { background: #fff4d6; color: #5c4400; border-color: #a66300; }
    .is-sent { background: #00713b; color: #fff; }
    .is-failed { background: #a3001f; color: #fff; }
    .is-skipped { background: #fff; color: #5d7083; border-color: #5d7083; }
  `,
})
export class OutboxStatusBadge {
  readonly status = input.required<OutboxStatus>();
}
