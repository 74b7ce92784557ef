import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Permission } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../auth/auth.service';
import { MembershipQueue } from './membership-queue';
import { OwnMembership } from './own-membership';

/** Which `/adesioni` a user gets. */
export type MembershipsView = 'queue' | 'readOnlyList' | 'own' | 'none';

/**
 * Those who decide get the queue; those who read the whole network (the Servizio Centrale) the
 * same list without decisions; a referent their own Comune's membership.
 */
export function membershipsViewFor(can: (permission: Permission) => boolean): MembershipsView {
  if (can('memberships:decide')) return 'queue';
  if (can('network:read-private')) return 'readOnlyList';
  if (can('memberships:request-own')) return 'own';
  return 'none';
}

/** `/adesioni`: the coordination's memberships, as the signed-in role sees them. */
@Component({
  selector: 'cp-memberships-page',
  imports: [TranslatePipe, MembershipQueue, OwnMembership],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (view()) {
      @case ('queue') {
        <cp-membership-queue />
      }
      @case ('readOnlyList') {
        <cp-membership-queue [readOnly]="true" />
      }
      @case ('own') {
        <cp-own-membership />
      }
      @default {
        <div class="container py-4 py-lg-5">
          <h1 class="mb-3">{{ 'memberships.queue.heading' | translate }}</h1>
          <p>{{ 'memberships.notAllowed' | translate }}</p>
        </div>
      }
    }
  `,
})
export class MembershipsPage {
  private readonly auth = inject(AuthService);

  /** `can()` reads the user signal, so the view follows sign-in changes. */
  protected readonly view = computed(() => membershipsViewFor((permission) => this.auth.can(permission)));
}
