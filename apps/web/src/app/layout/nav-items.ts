import { InjectionToken } from '@angular/core';
import { PermissionGated } from '../auth/permissions';

/** An entry of the main navigation. `label` is a translation key. */
export interface NavItem extends PermissionGated {
  label: string;
  path: string;
  /** Active only on this exact path (the home page), not on the pages below it. */
  exact?: boolean;
}

/**
 * The main navigation, in order. An item with `requires` appears only for the roles holding
 * that permission.
 */
export const MAIN_NAVIGATION: readonly NavItem[] = [
  { label: 'nav.home', path: '/', exact: true },
  { label: 'nav.comuni', path: '/comuni', requires: 'comuni:read' },
  { label: 'nav.myComune', path: '/il-mio-comune', requires: 'comuni:update-own' },
  // Every signed-in role holds comuni:read: these are for signed-in users, whatever their role.
  { label: 'nav.dashboard', path: '/cruscotto', requires: 'comuni:read' },
  { label: 'nav.memberships', path: '/adesioni', requires: 'comuni:read' },
  { label: 'nav.meetings', path: '/incontri', requires: 'comuni:read' },
  { label: 'nav.workingGroups', path: '/gruppi-di-lavoro', requires: 'comuni:read' },
  { label: 'nav.entiGestori', path: '/enti-gestori', requires: 'comuni:read' },
  { label: 'nav.practices', path: '/buone-pratiche', requires: 'comuni:read' },
  { label: 'nav.outbox', path: '/posta-in-uscita', requires: 'meetings:manage' },
  { label: 'nav.users', path: '/amministrazione/utenti', requires: 'users:manage' },
  { label: 'nav.audit', path: '/amministrazione/registro', requires: 'audit:read' },
];

export const NAV_ITEMS = new InjectionToken<readonly NavItem[]>('NAV_ITEMS', {
  providedIn: 'root',
  factory: () => MAIN_NAVIGATION,
});
