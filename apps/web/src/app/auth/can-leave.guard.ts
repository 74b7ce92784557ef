import { CanDeactivateFn } from '@angular/router';

/** A page that may hold something the user would lose by leaving (and asks first). */
export interface CanLeave {
  canLeave(): boolean;
}

/** `canDeactivate` for pages implementing `CanLeave`. */
export const canLeaveGuard: CanDeactivateFn<CanLeave> = (page) => page.canLeave();
