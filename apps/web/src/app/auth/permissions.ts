import { Directive, TemplateRef, ViewContainerRef, effect, inject, input } from '@angular/core';
import { CurrentUser, Permission, hasPermission } from '@coopera/domain';
import { AuthService } from './auth.service';

/** Something shown only to roles holding `requires`; without it, shown to everyone (signed in or not). */
export interface PermissionGated {
  requires?: Permission;
}

/**
 * The items `user` may see, by the shared role → permission map (`ROLE_PERMISSIONS`). What the
 * app hides is only a courtesy: the API checks every request again.
 */
export function visibleFor<T extends PermissionGated>(items: readonly T[], user: CurrentUser | null): T[] {
  return items.filter((item) => !item.requires || (user !== null && hasPermission(user.role, item.requires)));
}

/**
 * Renders its template only while the signed-in user's role grants the permission, and follows
 * sign-in and sign-out: `<button *cpIfAllowed="'users:manage'">…</button>`.
 */
@Directive({ selector: '[cpIfAllowed]' })
export class IfAllowed {
  readonly cpIfAllowed = input.required<Permission>();

  private readonly template = inject(TemplateRef);
  private readonly container = inject(ViewContainerRef);
  private readonly auth = inject(AuthService);
  private shown = false;

  constructor() {
    effect(() => {
      const allowed = this.auth.can(this.cpIfAllowed());
      if (allowed && !this.shown) this.container.createEmbeddedView(this.template);
      if (!allowed && this.shown) this.container.clear();
      this.shown = allowed;
    });
  }
}
