import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Membership } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../i18n/language.service';
import { MembershipStatusBadge } from './membership-status';
import { romeDateTimeFormat } from './membership-view';

/** A membership at a glance: its status with what it means, the designated referent, the dates. */
@Component({
  selector: 'cp-membership-summary',
  imports: [TranslatePipe, MembershipStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let m = membership();
    <div class="membership-summary">
      <p class="status-line mb-2">
        <span class="fw-semibold">{{ 'memberships.summary.status' | translate }}</span>
        <cp-membership-status [status]="m.status" />
      </p>
      <p class="status-explanation">{{ 'memberships.explanation.' + m.status | translate }}</p>
      <dl class="summary-fields row mb-0">
        <div class="col-12 col-md-6">
          <dt>{{ 'memberships.summary.referent' | translate }}</dt>
          <dd>
            <span class="d-block">{{ m.referentName }}</span>
            @if (m.referentRole) {
              <span class="d-block">{{ m.referentRole }}</span>
            }
            @if (m.referentEmail) {
              <a class="d-block referent-email" [href]="'mailto:' + m.referentEmail">{{ m.referentEmail }}</a>
            }
          </dd>
        </div>
        <div class="col-12 col-sm-6 col-md-3">
          <dt>{{ 'memberships.summary.requestedAt' | translate }}</dt>
          <dd><time [attr.datetime]="m.requestedAt">{{ format(m.requestedAt) }}</time></dd>
        </div>
        <div class="col-12 col-sm-6 col-md-3">
          <dt>{{ 'memberships.summary.updatedAt' | translate }}</dt>
          <dd><time [attr.datetime]="m.updatedAt">{{ format(m.updatedAt) }}</time></dd>
        </div>
      </dl>
    </div>
  `,
  styles: `
    .status-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin-bottom: 0.75rem;
    }
    .referent-email {
      overflow-wrap: anywhere;
    }
  `,
})
export class MembershipSummary {
  private readonly languageService = inject(LanguageService);

  readonly membership = input.required<Membership>();

  private readonly dateFormat = computed(() => romeDateTimeFormat(this.languageService.locale()));

  protected format(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }
}
