import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { InvitationStatus, MeetingStatus } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';

// Colours chosen for at least 4.5:1 contrast with their text (WCAG AA), as the membership badges.
const BADGE_STYLES = `
  .cp-badge {
    font-size: 0.875rem;
    font-weight: 600;
    padding: 0.3em 0.6em;
    border: 1px solid transparent;
    white-space: nowrap;
  }
  .is-draft { background: #fff; color: #5c4400; border-color: #5c4400; }
  .is-convened, .is-attending { background: #00713b; color: #fff; }
  .is-held, .is-minutes_published { background: #0066cc; color: #fff; }
  .is-cancelled, .is-declined { background: #5d7083; color: #fff; }
  .is-pending { background: #fff4d6; color: #5c4400; border-color: #a66300; }
  .is-waiting { background: #fff; color: #17324d; border-color: #17324d; }
`;

/** A meeting's status as a badge. */
@Component({
  selector: 'cp-meeting-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge cp-badge" [class]="'is-' + status().toLowerCase()">{{ 'meetings.status.' + status() | translate }}</span>`,
  styles: BADGE_STYLES,
})
export class MeetingStatusBadge {
  readonly status = input.required<MeetingStatus>();
}

/** A Comune's answer as a badge; a waiting Comune shows its place in line. */
@Component({
  selector: 'cp-invitation-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge cp-badge" [class]="'is-' + status().toLowerCase()"
    >{{ 'meetings.invitationStatus.' + status() | translate }}@if (status() === 'WAITING' && position()) {
      ({{ 'meetings.invitations.position' | translate: { position: position() } }})
    }</span
  >`,
  styles: BADGE_STYLES,
})
export class InvitationStatusBadge {
  readonly status = input.required<InvitationStatus>();
  readonly position = input<number | null>(null);
}
