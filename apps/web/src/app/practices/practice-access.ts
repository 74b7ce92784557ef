import { inject } from '@angular/core';
import { CanMatchFn } from '@angular/router';
import { CurrentUser, Practice, hasPermission } from '@coopera/domain';
import { map } from 'rxjs';
import { AuthService } from '../auth/auth.service';

/** Whether `user` may share practices: the secretariat for anyone, a referent for their own Comune. */
export function canSharePractices(user: CurrentUser | null): boolean {
  if (!user) return false;
  return hasPermission(user.role, 'practices:manage') || (hasPermission(user.role, 'practices:publish-own') && user.comuneId !== null);
}

/** Whether the secretariat's choice of the sharing Comune (or the coordination) applies. */
export function choosesComune(user: CurrentUser | null): boolean {
  return user !== null && hasPermission(user.role, 'practices:manage');
}

/**
 * Whether `user` may edit, delete and attach to `practice`: the secretariat every practice, a
 * referent those of their own Comune. A courtesy for what the page shows: the API decides (403).
 */
export function canEditPractice(user: CurrentUser | null, practice: Pick<Practice, 'comuneId'>): boolean {
  if (!user) return false;
  if (hasPermission(user.role, 'practices:manage')) return true;
  return hasPermission(user.role, 'practices:publish-own') && practice.comuneId !== null && practice.comuneId === user.comuneId;
}

/**
 * Matches the practice form's routes only for roles that share practices (after the start-up
 * session check); the next route of the same path explains to the others that they may not.
 */
export const practiceWriterMatch: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.restore().pipe(map(() => canSharePractices(auth.user())));
};

/** What a practice page tells the next one through the navigation's state (a reload does not repeat it). */
export interface PracticeNavigationState {
  savedPractice?: 'created' | 'updated';
  deletedPractice?: string;
}

function stateOf(state: unknown): Record<string, unknown> {
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
}

export function savedPracticeFrom(state: unknown): 'created' | 'updated' | null {
  const value = stateOf(state)['savedPractice'];
  return value === 'created' || value === 'updated' ? value : null;
}

export function deletedPracticeFrom(state: unknown): string | null {
  const value = stateOf(state)['deletedPractice'];
  return typeof value === 'string' && value ? value : null;
}
